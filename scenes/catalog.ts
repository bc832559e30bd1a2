import { loadScene } from "./migrations.ts";
import type { Scene } from "./scene-format.ts";
import { meridianBank } from "./demo/meridian-bank.ts";
import { novaElectronics } from "./demo/nova-electronics.ts";

/** Scenes that ship with Atrium, validated once at import so a broken demo fails loudly. */
export const builtInScenes: ReadonlyMap<string, Scene> = new Map([novaElectronics, meridianBank].map((s) => [s.id, loadScene(s)]));

export function getBuiltInScene(id: string): Scene | undefined {
  return builtInScenes.get(id);
}
