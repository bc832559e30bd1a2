import { z } from "zod";

/**
 * Scene format, version 1. A scene is data: the hall renders it and the server
 * takes its walkable bounds from it, so both agree on where people may stand.
 * Later versions add booths, screens, boards and zones through migrations.
 */
export const SCENE_FORMAT_VERSION = 1;

const Vec2 = z.object({ x: z.number().finite(), z: z.number().finite() });
const Color = z.string().regex(/^#[0-9a-f]{6}$/i);

export const Rect = z
  .object({ minX: z.number().finite(), minZ: z.number().finite(), maxX: z.number().finite(), maxZ: z.number().finite() })
  .refine((r) => r.maxX > r.minX && r.maxZ > r.minZ, "rect has no area");
export type Rect = z.infer<typeof Rect>;

export const SceneV1 = z.object({
  format: z.literal(SCENE_FORMAT_VERSION),
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  name: z.string().min(1).max(80),
  /** Where visitors may walk (metres, floor plane). */
  bounds: Rect,
  wallHeight: z.number().positive().max(30),
  spawn: Vec2.extend({ radius: z.number().nonnegative().max(20) }),
  palette: z.object({ floor: Color, walls: Color, accent: Color, sky: Color }),
  /** Simple free-standing blocks (counters, pillars) drawn in the hall. */
  blocks: z
    .array(z.object({ label: z.string().max(40).optional(), at: Vec2, size: z.object({ x: z.number().positive(), y: z.number().positive(), z: z.number().positive() }), color: Color }))
    .max(200),
});
export type Scene = z.infer<typeof SceneV1>;

export function parseScene(input: unknown): Scene {
  return SceneV1.parse(input);
}

/** Clamp a floor position into the scene's walkable rectangle, keeping a margin for the avatar's body. */
export function clampToBounds(bounds: Rect, x: number, z: number, margin = 0.3): { x: number; z: number } {
  return {
    x: Math.min(bounds.maxX - margin, Math.max(bounds.minX + margin, x)),
    z: Math.min(bounds.maxZ - margin, Math.max(bounds.minZ + margin, z)),
  };
}
