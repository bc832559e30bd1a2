import { parseScene, SCENE_FORMAT_VERSION, type Scene } from "./scene-format.ts";

type Json = Record<string, unknown>;

/** Each step upgrades a scene from version N to N+1; they run in order. */
const steps: Record<number, (scene: Json) => Json> = {
  1: (scene) => ({ ...scene, format: 2, zones: [] }),
  2: v2ToV3,
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

/**
 * v3 describes finishes, lights and signs that a v2 renderer drew from the palette. The
 * upgrade writes down what a v2 hall looked like — plain floor and walls in the palette's
 * colours, a sky-and-floor hemisphere, one sun, the hall's name on the back wall — so an old
 * hall looks the same, and leaves the new furniture lists empty. Blocks keep their meaning
 * and are now solid (people walk round counters instead of through them). Private zones get
 * no glass walls: the upgrade cannot know where their doors are.
 */
function v2ToV3(scene: Json): Json {
  const palette = scene.palette as { floor: string; walls: string; accent: string; sky: string };
  const bounds = scene.bounds as { minX: number; minZ: number; maxX: number; maxZ: number };
  const wallHeight = scene.wallHeight as number;
  return {
    ...scene,
    format: 3,
    spawnPoints: [],
    materials: {
      floor: { kind: "concrete", color: palette.floor, accent: palette.floor, tile: 4, roughness: 0.85 },
      walls: { kind: "plaster", color: palette.walls, accent: palette.walls, tile: 4, roughness: 0.9 },
      areas: [],
    },
    lighting: {
      exposure: 1,
      environment: 0.4,
      lights: [
        { kind: "hemisphere", sky: palette.sky, ground: palette.floor, intensity: 0.9 },
        { kind: "sun", color: "#ffffff", intensity: 1.6, from: { x: 6, y: 12, z: 8 }, shadows: true },
      ],
    },
    booths: [],
    screens: [],
    whiteboards: [],
    agentDesks: [],
    signage: [
      {
        text: String(scene.name).slice(0, 40),
        at: { x: (bounds.minX + bounds.maxX) / 2, z: bounds.minZ + 0.02 },
        y: wallHeight - 0.9,
        width: 8,
        height: 1,
        rotation: 0,
        style: "wall",
        color: palette.accent,
        textColor: "#ffffff",
      },
    ],
    partitions: [],
    obstacles: [],
  };
}
