import { parseScene, SCENE_FORMAT_VERSION, type Scene } from "./scene-format.ts";

type Json = Record<string, unknown>;

/** Each step upgrades a scene from version N to N+1; they run in order. */
const steps: Record<number, (scene: Json) => Json> = {
  1: (scene) => ({ ...scene, format: 2, zones: [] }),
};

/** Upgrades a stored scene of any known version to the current format, then validates it. */
export function loadScene(input: unknown): Scene {
  if (typeof input !== "object" || input === null) throw new Error("scene is not an object");
  let scene = input as Json;
  const from = scene.format;
  if (typeof from !== "number" || !Number.isInteger(from) || from < 1) throw new Error("scene has no format version");
  if (from > SCENE_FORMAT_VERSION) throw new Error(`scene format ${from} is newer than this server understands (${SCENE_FORMAT_VERSION})`);
  for (let version = from; version < SCENE_FORMAT_VERSION; version++) scene = steps[version]!(scene);
  return parseScene(scene);
}
