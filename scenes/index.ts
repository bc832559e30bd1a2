export * from "./scene-format.ts";
export * from "./catalog.ts";
