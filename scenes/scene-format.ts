import { z } from "zod";

/**
 * The scene format. A scene is data: the hall renders it and the server takes walkable
 * bounds and audio zones from it, so both agree on where people stand and who hears whom.
 * Older versions are upgraded by `migrations.ts`; this file describes only the current one.
 *
 * v1: bounds, walls, spawn, palette, blocks. v2: audio zones.
 */
export const SCENE_FORMAT_VERSION = 2;

const Vec2 = z.object({ x: z.number().finite(), z: z.number().finite() });
const Color = z.string().regex(/^#[0-9a-f]{6}$/i);

export const Rect = z
  .object({ minX: z.number().finite(), minZ: z.number().finite(), maxX: z.number().finite(), maxZ: z.number().finite() })
  .refine((r) => r.maxX > r.minX && r.maxZ > r.minZ, "rect has no area");
export type Rect = z.infer<typeof Rect>;

/**
 * `private`: a consultation booth; only the people inside hear each other, and nobody
 * outside hears them. `stage`: whoever speaks there is heard across the whole hall.
 */
export const Zone = z.object({
  id: z.string().regex(/^[a-z0-9-]{1,40}$/),
  kind: z.enum(["private", "stage"]),
  label: z.string().max(40),
  rect: Rect,
});
export type Zone = z.infer<typeof Zone>;

export const SceneSchema = z.object({
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
  zones: z.array(Zone).max(100),
});
export type Scene = z.infer<typeof SceneSchema>;

/** Validates a scene of the current format; use `loadScene` for stored scenes of any version. */
export function parseScene(input: unknown): Scene {
  return SceneSchema.parse(input);
}

export function inRect(rect: Rect, x: number, z: number): boolean {
  return x >= rect.minX && x <= rect.maxX && z >= rect.minZ && z <= rect.maxZ;
}

export function zoneAt(zones: readonly Zone[], x: number, z: number): Zone | undefined {
  return zones.find((zone) => inRect(zone.rect, x, z));
}

/** Clamp a floor position into the scene's walkable rectangle, keeping a margin for the avatar's body. */
export function clampToBounds(bounds: Rect, x: number, z: number, margin = 0.3): { x: number; z: number } {
  return {
    x: Math.min(bounds.maxX - margin, Math.max(bounds.minX + margin, x)),
    z: Math.min(bounds.maxZ - margin, Math.max(bounds.minZ + margin, z)),
  };
}
