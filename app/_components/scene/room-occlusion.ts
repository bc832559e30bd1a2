import type { Scene } from "../../../scenes/scene-format.ts";
import { sceneObstacles } from "../../../scenes/scene-layout.ts";

/**
 * Soft darkening where light is blocked — along the foot of the walls and round everything
 * standing on the floor — baked into the room's vertices. It is what grounds furniture and
 * shows where the floor meets the walls, on either preset, for no per-frame cost.
 */
export function floorOcclusion(scene: Scene): (x: number, z: number) => number {
  const { minX, minZ, maxX, maxZ } = scene.bounds;
  const rects = sceneObstacles(scene);
  return (x, z) => {
    const wall = Math.min(x - minX, maxX - x, z - minZ, maxZ - z);
    let f = 1 - 0.32 * Math.exp(-Math.max(0, wall) / 0.7);
    for (const r of rects) {
      const dx = Math.max(r.minX - x, 0, x - r.maxX);
      const dz = Math.max(r.minZ - z, 0, z - r.maxZ);
      const d = Math.hypot(dx, dz);
      if (d < 2) f *= 1 - 0.3 * Math.exp(-d / 0.45);
    }
    return Math.max(0.45, f);
  };
}

/** Walls darken towards the floor and, a little, towards the ceiling. */
export function wallOcclusion(height: number): (y: number) => number {
  return (y) => (1 - 0.28 * Math.exp(-y / 0.6)) * (1 - 0.12 * Math.exp(-(height - y) / 0.5));
}
