import type { Surface } from "../../scenes/scene-format.ts";

/**
 * The surface (a whiteboard) a visitor standing at `p` is nearest to, within `metres` of its face
 * on the floor — measured to the nearest point along its width, and only from the side it faces
 * (not through the wall behind it). Undefined when none is that near.
 */
export function nearestSurface<S extends Pick<Surface, "at" | "width" | "rotation">>(surfaces: readonly S[], p: { x: number; z: number }, metres: number): S | undefined {
  let best: S | undefined;
  let bestDistance = metres;
  for (const s of surfaces) {
    const normal = { x: Math.sin(s.rotation), z: Math.cos(s.rotation) };
    const along = { x: Math.cos(s.rotation), z: -Math.sin(s.rotation) };
    const dx = p.x - s.at.x;
    const dz = p.z - s.at.z;
    if (dx * normal.x + dz * normal.z < -0.2) continue; // behind it
    const t = Math.max(-s.width / 2, Math.min(s.width / 2, dx * along.x + dz * along.z));
    const distance = Math.hypot(dx - t * along.x, dz - t * along.z);
    if (distance <= bestDistance) {
      best = s;
      bestDistance = distance;
    }
  }
  return best;
}
