import { loadScene } from "./migrations.ts";
import type { Scene } from "./scene-format.ts";
import { demoHall } from "./demo/demo-hall.ts";

/** Scenes that ship with Atrium, validated once at import so a broken demo fails loudly. */
export const builtInScenes: ReadonlyMap<string, Scene> = new Map([demoHall].map((s) => [s.id, loadScene(s)]));

export function getBuiltInScene(id: string): Scene | undefined {
  return builtInScenes.get(id);
}
