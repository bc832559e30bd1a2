import { Vector3 } from "three";
import type { AvatarParams } from "./avatar-params.ts";
import { type MeshPart, type Rgb, type Skin, linearRgb, mixRgb, scaleRgb } from "./mesh-part.ts";
import { addLattice } from "./primitive-shapes.ts";
import { directionAt, skullRadius } from "./head-shape.ts";
import { seededRandom } from "./seed-hash.ts";
import { gauss2, lerp, smoothstep, spline } from "./shape-math.ts";

/**
 * Hair as one closed shell per style, in head-local metres: an outer surface that follows the
 * bare skull and, for longer styles, falls from the skull's widest point; then a rim; then an
 * inner surface tucked inside the skull or behind the falling part.
 *
 * What keeps it from reading as a cap: the outer surface is sculpted into locks — alternate
 * columns stand proud or sink, by a different amount per lock, and are painted lighter or darker
 * — so light runs along strands and the outline is uneven; bob and long hair end in tapered
 * points (each lock its own length), fringe included; short styles thin out into the skin.
 */
type Style = AvatarParams["hairStyle"];

interface StyleSpec {
  /** Lowest head-local y the hair reaches, over |azimuth| from the face (0) to the nape (π). */
  reach: ReadonlyArray<readonly [number, number]>;
  thickness: number;
  edgeThickness: number;
  /** Extra volume on the front top. */
  quiff: number;
  /** How far the falling part moves outward per metre of drop. */
  flare: number;
  /** Short hair thins out into the skin at its edge instead of ending in a rim, so it does not read as a cap. */
  feathered: boolean;
  /** How far locks stand out of (or sink into) the surface, as a fraction of the thickness. */
  locks: number;
  /** How much longer the longest lock is than the shortest, at the edge (metres). */
  tips: number;
}

const STYLES: Record<Exclude<Style, "bald">, StyleSpec> = {
  short: { reach: [[0, 0.047], [0.5, 0.052], [1.05, 0.03], [1.4, 0.012], [1.75, 0.005], [2.4, -0.035], [Math.PI, -0.055]], thickness: 0.019, edgeThickness: 0.0015, quiff: 0.016, flare: 0, feathered: true, locks: 0.42, tips: 0.007 },
  buzz: { reach: [[0, 0.068], [0.5, 0.064], [1.05, 0.032], [1.4, 0.014], [1.75, 0.006], [2.4, -0.035], [Math.PI, -0.055]], thickness: 0.0035, edgeThickness: 0.001, quiff: 0, flare: 0, feathered: true, locks: 0.1, tips: 0.002 },
  bun: { reach: [[0, 0.064], [0.5, 0.058], [1.05, 0.03], [1.4, 0.012], [1.75, 0.004], [2.4, -0.035], [Math.PI, -0.05]], thickness: 0.009, edgeThickness: 0.0012, quiff: 0.004, flare: 0, feathered: true, locks: 0.22, tips: 0.003 },
  bob: { reach: [[0, 0.045], [0.45, 0.045], [0.8, 0.02], [1.1, -0.07], [1.6, -0.085], [Math.PI, -0.09]], thickness: 0.016, edgeThickness: 0.009, quiff: 0.006, flare: 0.12, feathered: false, locks: 0.3, tips: 0.014 },
  long: { reach: [[0, 0.05], [0.45, 0.05], [0.8, 0.02], [1.1, -0.14], [1.6, -0.19], [2.3, -0.27], [Math.PI, -0.3]], thickness: 0.016, edgeThickness: 0.009, quiff: 0.006, flare: 0.2, feathered: false, locks: 0.3, tips: 0.03 },
};

/** Short styles leave the ears showing; bob and long cover them. */
export function hairCoversEars(style: Style): boolean {
  return style === "bob" || style === "long";
}

const HEAD_SKIN: Skin = [["Head", 1]];
const COLUMNS = 56;
const OUTER_ROWS = 15;
/** The inner surface is mostly out of sight (inside the skull, behind the falling part): few rows. */
const INNER_S = [1, 0.85, 0.6, 0.35, 0.1];

export function addHair(part: MeshPart, params: AvatarParams, headCenter: Vector3, headScale: number): void {
  if (params.hairStyle === "bald") return;
  const toWorld = (p: Vector3): Vector3 => p.multiplyScalar(headScale).add(headCenter);
  const spec = STYLES[params.hairStyle];
  const base = linearRgb(params.hairColor);
  const skull = (theta: number, phi: number): Vector3 => {
    const d = directionAt(theta, phi);
    return d.multiplyScalar(skullRadius(d));
  };
  const widestPhi = 1.62;

  // Each lock (a pair of columns: one proud, one sunk) gets its own height, shade and length.
  const random = seededRandom(0x4a1e + params.hairStyle.length * 97);
  const lockHeight = Array.from({ length: COLUMNS }, (_, c) => (c % 2 === 0 ? 0.6 + 0.7 * random() : -(0.4 + 0.5 * random())));
  const lockShade = Array.from({ length: COLUMNS }, (_, c) => (c % 2 === 0 ? 1 + 0.12 * random() : 0.68 + 0.1 * random()));
  const lockLength = Array.from({ length: COLUMNS }, (_, c) => (c % 2 === 0 ? 0.55 + 0.45 * random() : 0.1 * random()));

  /** Outer or inner shell point at profile parameter s in [0, 1] for column c. */
  const profile = (c: number, s: number, inner: boolean): Vector3 => {
    const theta = thetas[c]!;
    // A slight side part over one brow breaks the even line that makes a short cut look like a cap.
    const part = spec.feathered ? 0.006 * gauss2(theta - 0.45, 0, 0.18, 1) : 0;
    // Tapered points: every lock ends at its own length (a proud lock further down).
    const reach = spline(spec.reach, Math.abs(theta)) + part - spec.tips * lockLength[c]!;
    // Polar angle where the skull-following part ends.
    let stopPhi = widestPhi;
    for (let phi = 0.05; phi < widestPhi; phi += 0.01) {
      if (skull(theta, phi).y < reach) {
        stopPhi = phi;
        break;
      }
    }
    const top = skull(theta, stopPhi);
    const drop = Math.max(0, top.y - reach);
    const arc = stopPhi * 0.1;
    const total = arc + drop;
    const along = s * total;
    const edgeT = smoothstep(0.55, 1, s);
    const quiff = spec.quiff * gauss2(theta, 0, 0.7, 1) * gauss2(along / total - 0.35, 0, 0.25, 1);
    // Locks need room to diverge: none at the crown, where every column meets.
    const lock = spec.locks * lockHeight[c]! * smoothstep(0.04, 0.3, s) * (1 - 0.6 * edgeT);
    const thick = (lerp(spec.thickness, spec.edgeThickness, edgeT) + quiff) * (1 + lock);
    if (along <= arc || drop === 0) {
      const phi = Math.min(stopPhi, (along / 0.1) || 0.0001);
      const d = directionAt(theta, Math.max(phi, 0.0001));
      const r = skullRadius(d);
      return d.multiplyScalar(inner ? r - 0.004 : r + thick);
    }
    const fall = along - arc;
    const horizontal = new Vector3(Math.sin(theta), 0, Math.cos(theta));
    // Falling hair curls in a little at the ends, under the points.
    const curl = smoothstep(0.8, 1, s) * 0.006;
    const outer = top.add(directionAt(theta, stopPhi).multiplyScalar(thick)).add(new Vector3(0, -fall, 0))
      .addScaledVector(horizontal, spec.flare * fall - curl);
    return inner ? outer.addScaledVector(horizontal, -(Math.max(thick, spec.edgeThickness) + 0.004)) : outer;
  };

  const thetas = Array.from({ length: COLUMNS }, (_, i) => -Math.PI + (i / COLUMNS) * Math.PI * 2);
  const rowS = Array.from({ length: OUTER_ROWS }, (_, i) => 0.02 + 0.98 * (i / (OUTER_ROWS - 1)) ** 1.1);
  const rows = OUTER_ROWS + INNER_S.length;
  const skin = linearRgb(params.skinTone);
  const underside = scaleRgb(base, 0.55);
  /** Feathered edges blend into the skin over the last rows, where short hair thins out (not the fringe). */
  const edgeBlend = (r: number, c: number): number =>
    spec.feathered && r >= 0 ? smoothstep(0.86, 1, rowS[r]!) * 0.5 * smoothstep(0.5, 1.1, Math.abs(thetas[c]!)) : 0;
  addLattice(part, {
    rows,
    columns: COLUMNS,
    wrap: true,
    point: (r, c) => {
      const inner = r >= OUTER_ROWS;
      const s = inner ? INNER_S[r - OUTER_ROWS]! : rowS[r]!;
      return toWorld(profile(c, s, inner));
    },
    color: (r, c): Rgb => {
      if (r >= OUTER_ROWS) return underside;
      // Roots a little darker than the lengths; strands lighter on the proud locks.
      const s = r < 0 ? 0 : rowS[r]!;
      const strand = lerp(1, lockShade[c]!, smoothstep(0.02, 0.2, s));
      const lengths = spec.feathered ? 1 : lerp(0.85, 1.08, smoothstep(0.1, 0.9, s));
      return mixRgb(scaleRgb(base, strand * lengths), skin, edgeBlend(r, c));
    },
    skin: () => HEAD_SKIN,
    startPole: toWorld(new Vector3(0, skullRadius(new Vector3(0, 1, 0)) + spec.thickness, 0)),
    endPole: toWorld(new Vector3(0, skullRadius(new Vector3(0, 1, 0)) - 0.004, 0)),
  });

  if (params.hairStyle === "bun") addBun(part, base, toWorld(skull(Math.PI, 0.8).multiplyScalar(1.12).add(new Vector3(0, 0.012, 0))), headScale);
}

/** A twisted bun: a ball whose surface winds in a spiral of locks toward its centre. */
function addBun(part: MeshPart, base: Rgb, center: Vector3, headScale: number): void {
  const rings = 9;
  const segments = 18;
  const radii = new Vector3(0.036, 0.034, 0.032).multiplyScalar(headScale);
  // Rings run from the back (+ outward, -Z) to where the bun meets the head.
  const local = (polar: number, azimuth: number): Vector3 => {
    const twist = Math.cos(segments / 2 * azimuth + polar * 5);
    const r = 1 + 0.07 * twist * Math.sin(polar);
    return new Vector3(Math.sin(polar) * Math.cos(azimuth) * r, Math.sin(polar) * Math.sin(azimuth) * r, -Math.cos(polar) * r);
  };
  const at = (row: number, c: number): Vector3 => local(((row + 1) / rings) * Math.PI, (c / segments) * Math.PI * 2);
  addLattice(part, {
    rows: rings - 1,
    columns: segments,
    wrap: true,
    point: (row, c) => {
      const l = at(row, c);
      return center.clone().add(new Vector3(l.x * radii.x, l.y * radii.y, l.z * radii.z));
    },
    color: (row, c) => {
      const l = row < 0 || row >= rings - 1 ? new Vector3(0, 0, 1) : at(row, c);
      const twist = Math.cos(segments / 2 * ((c / segments) * Math.PI * 2) + ((row + 1) / rings) * Math.PI * 5);
      return scaleRgb(base, 0.8 + 0.2 * twist - 0.1 * Math.max(0, l.z));
    },
    skin: () => HEAD_SKIN,
    startPole: center.clone().add(new Vector3(0, 0, -radii.z)),
    endPole: center.clone().add(new Vector3(0, 0, radii.z)),
    inward: true,
  });
}
