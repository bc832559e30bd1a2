import { Vector3 } from "three";
import type { BodyProportions } from "./body-proportions.ts";
import { type MeshPart, type Rgb, type Skin, scaleRgb } from "./mesh-part.ts";
import { addTube, type TubeStation } from "./primitive-shapes.ts";
import { smoothstep } from "./shape-math.ts";

/**
 * The neck, in world metres: a tube from inside the collar up into the head, leaning a little
 * forward and flaring toward the shoulders where the collar hides it. It belongs to the head's
 * mesh and material (not the body's), so skin meets skin under the jaw with one shading and
 * no seam; it is shaded darker just under the jaw, as the jaw's own underside is.
 */
/** Reference height, forward lean, half-depth, half-width (reference metres). */
const LEVELS: readonly (readonly [number, number, number, number])[] = [
  [1.38, -0.014, 0.068, 0.074],
  [1.43, -0.01, 0.061, 0.062],
  [1.48, -0.006, 0.058, 0.057],
  [1.53, -0.002, 0.057, 0.055],
  [1.575, 0.002, 0.057, 0.055],
  [1.615, 0.005, 0.055, 0.052],
];

/** The neck's elliptic cross-section at reference height y (reference metres), for collars to hug. */
export function neckSection(y: number): { z: number; depth: number; width: number } {
  let i = 0;
  while (i + 2 < LEVELS.length && y > LEVELS[i + 1]![0]) i++;
  const [y0, z0, d0, w0] = LEVELS[i]!;
  const [y1, z1, d1, w1] = LEVELS[i + 1]!;
  const t = Math.max(0, Math.min(1, (y - y0) / (y1 - y0)));
  return { z: z0 + (z1 - z0) * t, depth: d0 + (d1 - d0) * t, width: w0 + (w1 - w0) * t };
}

export function addNeck(part: MeshPart, body: BodyProportions, skin: Rgb): void {
  const s = body.scale;
  const stations: TubeStation[] = LEVELS.map(([y, z, depth, width]) => ({
    center: new Vector3(0, y * s, z * s),
    u: new Vector3(0, 0, 1),
    v: new Vector3(1, 0, 0),
    ru: depth * s,
    rv: width * s,
  }));
  const neck = body.joints.Neck.y;
  const head = body.joints.Head.y;
  const weights = (p: Vector3): Skin =>
    p.y < neck ? blend("Spine2", "Neck", p.y, neck - 0.04 * s, neck) : blend("Neck", "Head", p.y, head - 0.04 * s, head + 0.01 * s);
  addTube(part, {
    stations,
    segments: 18,
    color: (_st, angle, p) => {
      // `angle` 0 faces forward (+Z): the front of the neck under the chin is in the jaw's shade.
      const front = Math.max(0, Math.cos(angle));
      const underJaw = smoothstep(1.49 * s, 1.55 * s, p.y) * front;
      return scaleRgb(skin, 0.97 - 0.2 * underJaw);
    },
    skin: weights,
  });
}

function blend(a: "Spine2" | "Neck", b: "Neck" | "Head", t: number, from: number, to: number): Skin {
  const w = smoothstep(from, to, t);
  return [[a, 1 - w], [b, w]];
}
