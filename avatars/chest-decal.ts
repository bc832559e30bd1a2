import { Vector3 } from "three";
import type { BodyProportions } from "./body-proportions.ts";
import type { MeshPart, Rgb } from "./mesh-part.ts";
import { addLattice } from "./primitive-shapes.ts";
import { torsoFrontPoint, torsoSkin } from "./torso-shape.ts";

/**
 * A patch lying on the front of the torso (a pocket, a tie, a badge, a lapel): `shape(s, t)`
 * gives reference (x, y) for s, t in [0, 1]; `offset(s, t)` how far it stands off the surface
 * (reference metres). Following the one torso surface keeps it on the chest whatever the body.
 */
export function addChestDecal(
  part: MeshPart,
  body: BodyProportions,
  rows: number,
  columns: number,
  shape: (s: number, t: number) => [number, number],
  offset: number | ((s: number, t: number) => number),
  color: (s: number, t: number) => Rgb,
): number[][] {
  const standOff = typeof offset === "number" ? () => offset : offset;
  return addLattice(part, {
    rows,
    columns,
    wrap: false,
    point: (r, c) => {
      const s = r / (rows - 1);
      const t = c / (columns - 1);
      const [x, y] = shape(s, t);
      const p = torsoFrontPoint(x * body.scale, y, body);
      return p.add(new Vector3(p.x * 0.15, 0, 1).normalize().multiplyScalar(standOff(s, t) * body.scale));
    },
    color: (r, c) => color(Math.max(0, r) / (rows - 1), c / (columns - 1)),
    skin: (p) => torsoSkin(p, body),
  });
}
