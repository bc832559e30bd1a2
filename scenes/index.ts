export * from "./scene-format.ts";
export * from "./catalog.ts";
export * from "./migrations.ts";
