import { Vector3 } from "three";
import type { BodyProportions } from "./body-proportions.ts";
import type { MeshPart, Rgb } from "./mesh-part.ts";
import { neckSection } from "./neck-geometry.ts";
import { addTube, type TubeStation } from "./primitive-shapes.ts";
import { insideTorso, torsoSkin } from "./torso-shape.ts";

/**
 * Where clothes meet the neck. The neck enters the torso along a saddle (low at the throat and
 * the nape, high over the shoulders); a band laid along that saddle — a T-shirt's rib, a shirt
 * collar — hides the seam and reads as the garment's neckline. Angles go round the neck: 0 is
 * the throat (+Z), +π/2 the avatar's left (+X). Reference metres in, world metres out.
 */
export function neckPoint(body: BodyProportions, y: number, angle: number, out = 0): Vector3 {
  const n = neckSection(y);
  const s = body.scale;
  return new Vector3((n.width + out) * Math.sin(angle) * s, y * s, (n.z + (n.depth + out) * Math.cos(angle)) * s);
}

/** Reference height at which the neck enters the torso at `angle`. */
export function neckBaseY(body: BodyProportions, angle: number): number {
  let lo = 1.36;
  let hi = 1.5;
  for (let i = 0; i < 22; i++) {
    const mid = (lo + hi) / 2;
    if (insideTorso(neckPoint(body, mid, angle), body)) lo = mid;
    else hi = mid;
  }
  return lo;
}

export interface NeckBand {
  /** Angles the band runs over, increasing; a closed ring when they span 2π. */
  from: number;
  to: number;
  stations: number;
  /** Bottom edge above the neck's base (reference metres, may be negative to tuck in) and height, by angle. */
  bottom: (angle: number) => number;
  height: (angle: number) => number;
  /** Distance of the band's inner face from the neck, and its thickness. */
  out: number;
  thickness: number;
  color: (angle: number, up: number) => Rgb;
  /** Lean outward at the top, in metres per metre of height (a collar stands off the neck as it rises). */
  flare?: number;
}

/** A band round the neck, following the saddle. */
export function addNeckBand(part: MeshPart, body: BodyProportions, band: NeckBand): void {
  const s = body.scale;
  const closed = band.to - band.from >= Math.PI * 2 - 1e-6;
  const count = closed ? band.stations + 1 : band.stations;
  const stations: TubeStation[] = [];
  for (let i = 0; i < count; i++) {
    const angle = band.from + ((band.to - band.from) * (closed ? i % band.stations : i)) / (closed ? band.stations : band.stations - 1);
    const base = neckBaseY(body, angle);
    const height = band.height(angle);
    const mid = base + band.bottom(angle) + height / 2;
    const outward = new Vector3(Math.sin(angle), 0, Math.cos(angle));
    const up = new Vector3(0, 1, 0).addScaledVector(outward, band.flare ?? 0).normalize();
    stations.push({
      center: neckPoint(body, mid, angle, band.out + band.thickness / 2),
      u: up,
      v: outward,
      ru: (height / 2) * s,
      rv: (band.thickness / 2) * s,
      tag: angle,
    });
  }
  addTube(part, {
    stations,
    segments: 6,
    exponent: 3,
    color: (st, around) => band.color(st.tag ?? 0, Math.cos(around)),
    skin: (p) => torsoSkin(p, body),
    capStart: !closed,
    capEnd: !closed,
  });
}

/** A T-shirt's ribbed crew neck. */
export function addCrewNeck(part: MeshPart, body: BodyProportions, rib: Rgb): void {
  addNeckBand(part, body, {
    from: -Math.PI,
    to: Math.PI,
    stations: 24,
    bottom: () => -0.004,
    height: () => 0.014,
    out: 0.001,
    thickness: 0.0055,
    color: (_a, up) => (up > 0.7 ? [rib[0] * 1.05, rib[1] * 1.05, rib[2] * 1.05] : rib),
    flare: 0.15,
  });
}
