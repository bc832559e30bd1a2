import type { Rect, Scene, Vec2 } from "./scene-format.ts";
import { sceneObstacles } from "./scene-layout.ts";

/** An avatar's body as seen from above: a circle this wide around where it stands. */
export const BODY_RADIUS = 0.3;

/** Rounding slack, so a body pushed to exactly touch an edge still counts as clear of it. */
const EPS = 1e-6;
const PUSH_PASSES = 4;

/** True when a body of `radius` at `p` is inside the walls and touches no obstacle. */
export function isWalkable(scene: Scene, p: Vec2, radius = BODY_RADIUS): boolean {
  return clearOf(p, sceneObstacles(scene), scene.bounds, radius);
}

/**
 * Walks a body of `radius` from `from` towards `to` and returns where it ends up: inside the
 * walls, outside every obstacle, sliding along an edge it meets at an angle instead of
 * stopping dead, and never through a wall however long the step. A body that starts inside
 * something (a scene edited under its feet) is first pushed out the nearest way.
 */
export function moveWithinScene(scene: Scene, from: Vec2, to: Vec2, radius = BODY_RADIUS): Vec2 {
  const all = sceneObstacles(scene);
  const { bounds } = scene;
  let pos = clearOf(from, all, bounds, radius) ? { x: from.x, z: from.z } : pushOut(from, all, bounds, radius);
  const dx = to.x - from.x;
  const dz = to.z - from.z;
  const distance = Math.hypot(dx, dz);
  if (distance === 0) return pos;
  // Only obstacles the swept body could touch take part; the rest are far away.
  const reach = radius + distance + 0.01;
  const near = all.filter((r) => r.maxX > Math.min(pos.x, to.x) - reach && r.minX < Math.max(pos.x, to.x) + reach && r.maxZ > Math.min(pos.z, to.z) - reach && r.minZ < Math.max(pos.z, to.z) + reach);
  // Steps shorter than half the radius cannot carry the centre past the middle of a wall.
  const steps = Math.max(1, Math.ceil(distance / (radius / 2)));
  const sx = dx / steps;
  const sz = dz / steps;
  for (let i = 0; i < steps; i++) pos = stepFrom(pos, sx, sz, near, bounds, radius);
  return pos;
}

/** The closest spot to `p` where a body of `radius` can stand (for a click on a counter, say). */
export function nearestWalkable(scene: Scene, p: Vec2, radius = BODY_RADIUS): Vec2 {
  return pushOut(p, sceneObstacles(scene), scene.bounds, radius);
}

function stepFrom(pos: Vec2, sx: number, sz: number, rects: readonly Rect[], bounds: Rect, radius: number): Vec2 {
  // The whole step with overlaps pushed out is the slide; where that jams (a narrow gap, a
  // concave corner) each axis on its own is tried before standing still.
  for (const [ax, az] of [[sx, sz], [sx, 0], [0, sz]] as const) {
    if (ax === 0 && az === 0) continue;
    const next = pushOut({ x: pos.x + ax, z: pos.z + az }, rects, bounds, radius);
    if (clearOf(next, rects, bounds, radius)) return next;
  }
  return pos;
}

function pushOut(p: Vec2, rects: readonly Rect[], bounds: Rect, radius: number): Vec2 {
  let { x, z } = p;
  for (let pass = 0; pass < PUSH_PASSES; pass++) {
    let moved = false;
    for (const r of rects) {
      const cx = Math.min(r.maxX, Math.max(r.minX, x));
      const cz = Math.min(r.maxZ, Math.max(r.minZ, z));
      const ox = x - cx;
      const oz = z - cz;
      const d2 = ox * ox + oz * oz;
      if (d2 >= radius * radius) continue;
      moved = true;
      if (d2 > 1e-12) {
        const d = Math.sqrt(d2);
        x = cx + (ox / d) * radius;
        z = cz + (oz / d) * radius;
        continue;
      }
      // The centre is inside: leave through the nearest side.
      const exits = [x - r.minX, r.maxX - x, z - r.minZ, r.maxZ - z];
      const side = exits.indexOf(Math.min(...exits));
      if (side === 0) x = r.minX - radius;
      else if (side === 1) x = r.maxX + radius;
      else if (side === 2) z = r.minZ - radius;
      else z = r.maxZ + radius;
    }
    x = Math.min(bounds.maxX - radius, Math.max(bounds.minX + radius, x));
    z = Math.min(bounds.maxZ - radius, Math.max(bounds.minZ + radius, z));
    if (!moved) break;
  }
  return { x, z };
}

function clearOf(p: Vec2, rects: readonly Rect[], bounds: Rect, radius: number): boolean {
  if (p.x < bounds.minX + radius - EPS || p.x > bounds.maxX - radius + EPS || p.z < bounds.minZ + radius - EPS || p.z > bounds.maxZ - radius + EPS) return false;
  const limit = (radius - EPS) * (radius - EPS);
  for (const r of rects) {
    const ox = p.x - Math.min(r.maxX, Math.max(r.minX, p.x));
    const oz = p.z - Math.min(r.maxZ, Math.max(r.minZ, p.z));
    if (ox * ox + oz * oz < limit) return false;
  }
  return true;
}
