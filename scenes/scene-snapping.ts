import type { Scene, Vec2 } from "./scene-format.ts";
import { PARTITION_THICKNESS } from "./scene-layout.ts";

/**
 * Snapping for the scene studio: while a marketer drags something, positions land on a grid,
 * turns on round angles, and a thing brought near a wall goes flush against it, facing into
 * the room. Conventions as in `scene-format.ts`: a `rotation` is a yaw, the thing faces
 * (sin r, cos r), so 0 faces +z.
 */

/**
 * Rounding noise (3 × 0.1 = 0.30000000000000004) would show in the studio's number fields:
 * positions are kept to the nanometre. `+ 0` turns −0 into 0.
 */
const clean = (metres: number): number => Math.round(metres * 1e9) / 1e9 + 0;

/** The multiple of `step` nearest to `value`; a step of 0 or less leaves it as it is. */
export function snapToGrid(value: number, step: number): number {
  if (!(step > 0)) return value;
  return clean(Math.round(value / step) * step);
}

export function snapPointToGrid(p: Vec2, step: number): Vec2 {
  return { x: snapToGrid(p.x, step), z: snapToGrid(p.z, step) };
}

/** The multiple of `stepRad` nearest to `angle`, as an angle in (−π, π] (so 3π/2 comes back as −π/2). */
export function snapAngle(angle: number, stepRad: number): number {
  const turn = 2 * Math.PI;
  // Wrapped first and snapped after, so a round angle comes out exactly (k × step, not k × step − 2π).
  let a = angle - turn * Math.round(angle / turn);
  if (stepRad > 0) a = Math.round(a / stepRad) * stepRad;
  if (a <= -Math.PI + 1e-9) a += turn;
  else if (a > Math.PI + 1e-9) a -= turn;
  return a + 0;
}

type Wall = "minX" | "maxX" | "minZ" | "maxZ" | "partition";

/** A flat face something can stand against: the line it runs along, which way it faces, how far along it spans. */
interface Face {
  wall: Wall;
  axis: "x" | "z";
  /** The face's coordinate on `axis`. */
  at: number;
  /** Into the room: +1 or −1 along `axis`. */
  out: 1 | -1;
  /** Its extent along the other axis. */
  from: number;
  to: number;
}

/** Facing +x, −x, +z, −z as a yaw. */
const yawOf = (axis: "x" | "z", out: 1 | -1): number => (axis === "x" ? (out * Math.PI) / 2 : out === 1 ? 0 : Math.PI);

/**
 * If `at` (an object of the given depth facing `rotation`) is within `reach` metres of a wall
 * of the hall or a solid partition, put its back flush against that wall and turn it to face
 * away from it; otherwise undefined (leave it where it is). `reach` is measured from where its
 * back would be, facing away from that wall; the nearest wall wins.
 */
export function snapToWall(scene: Scene, at: Vec2, depth: number, reach = 0.5): { at: Vec2; rotation: number; wall: Wall } | undefined {
  const { bounds: b } = scene;
  const half = PARTITION_THICKNESS / 2;
  const faces: Face[] = [
    { wall: "minX", axis: "x", at: b.minX, out: 1, from: b.minZ, to: b.maxZ },
    { wall: "maxX", axis: "x", at: b.maxX, out: -1, from: b.minZ, to: b.maxZ },
    { wall: "minZ", axis: "z", at: b.minZ, out: 1, from: b.minX, to: b.maxX },
    { wall: "maxZ", axis: "z", at: b.maxZ, out: -1, from: b.minX, to: b.maxX },
    // A partition has two faces; the object stands against the one on its side.
    ...scene.partitions
      .filter((p) => p.kind === "solid")
      .map((p): Face => {
        const axis = p.from.x === p.to.x ? "x" : "z"; // along z, it is crossed along x
        const line = axis === "x" ? p.from.x : p.from.z;
        const out = (axis === "x" ? at.x : at.z) >= line ? 1 : -1;
        const [from, to] = axis === "x" ? [p.from.z, p.to.z] : [p.from.x, p.to.x];
        return { wall: "partition", axis, at: line + out * half, out, from: Math.min(from, to), to: Math.max(from, to) };
      }),
  ];

  let best: { face: Face; gap: number } | undefined;
  for (const face of faces) {
    const along = face.axis === "x" ? at.z : at.x;
    if (along < face.from || along > face.to) continue;
    // How far the object's back is from the face (negative: it pokes through).
    const gap = ((face.axis === "x" ? at.x : at.z) - face.at) * face.out - depth / 2;
    // Far behind a face is the other side of it (or outside the hall), not near it.
    if (gap > reach || gap < -depth - reach) continue;
    if (!best || Math.abs(gap) < Math.abs(best.gap)) best = { face, gap };
  }
  if (!best) return undefined;
  const { face } = best;
  const flush = face.at + face.out * (depth / 2);
  return {
    at: face.axis === "x" ? { x: flush, z: at.z } : { x: at.x, z: flush },
    rotation: yawOf(face.axis, face.out),
    wall: face.wall,
  };
}
