import { clampToBounds, type Rect, type Scene } from "../../scenes/scene-format.ts";
import { sightBlockers } from "../../scenes/scene-layout.ts";

/** How far behind the visitor the third-person camera stands when nothing is in the way (m). */
export const FOLLOW_DISTANCE = 5.5;
/** Never closer than this, even against a wall: the figure still fits the view. */
const NEAREST = 1.2;
/** Kept this far in front of whatever hides the visitor. */
const CLEARANCE = 0.35;

/**
 * Where the third-person camera stands on the floor plan: behind the visitor, inside the
 * walls, and in front of anything tall between them (a solid wall, shelving, a pillar), so the
 * view never shows the back of a shelf instead of the visitor. `distance` is how far from them.
 */
export function followCameraSpot(scene: Scene, p: { x: number; z: number; ry: number }): { x: number; z: number; distance: number } {
  const behind = clampToBounds(scene.bounds, p.x - Math.sin(p.ry) * FOLLOW_DISTANCE, p.z - Math.cos(p.ry) * FOLLOW_DISTANCE, 0.4);
  const dx = behind.x - p.x;
  const dz = behind.z - p.z;
  const length = Math.hypot(dx, dz);
  if (length < 1e-6) return { x: p.x, z: p.z, distance: 0 };
  let t = 1;
  for (const rect of sightBlockers(scene)) {
    const hit = segmentEntry(p.x, p.z, dx, dz, rect);
    if (hit !== undefined && hit < t) t = hit;
  }
  const distance = t >= 1 ? length : Math.min(length, Math.max(NEAREST, t * length - CLEARANCE));
  return { x: p.x + (dx / length) * distance, z: p.z + (dz / length) * distance, distance };
}

/** Where (0–1 along it) the segment from (x, z) by (dx, dz) enters the rectangle; undefined if it misses or starts inside. */
function segmentEntry(x: number, z: number, dx: number, dz: number, r: Rect): number | undefined {
  let enter = -Infinity;
  let leave = Infinity;
  for (const [o, d, min, max] of [
    [x, dx, r.minX, r.maxX],
    [z, dz, r.minZ, r.maxZ],
  ] as const) {
    if (Math.abs(d) < 1e-9) {
      if (o < min || o > max) return undefined;
      continue;
    }
    const a = (min - o) / d;
    const b = (max - o) / d;
    enter = Math.max(enter, Math.min(a, b));
    leave = Math.min(leave, Math.max(a, b));
  }
  if (enter > leave || enter < 0 || enter > 1) return undefined;
  return enter;
}
