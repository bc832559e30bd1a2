import { Vector3 } from "three";
import type { AvatarParams } from "./avatar-params.ts";
import { type MeshPart, type Rgb, type Skin, linearRgb, mixRgb, scaleRgb } from "./mesh-part.ts";
import { addEllipsoid, addLattice } from "./primitive-shapes.ts";
import { directionAt, skullRadius } from "./head-shape.ts";
import { gauss2, lerp, smoothstep, spline } from "./shape-math.ts";

/**
 * Hair as one closed shell per style, in head-local metres: an outer surface that follows the
 * bare skull and, for longer styles, falls straight down from the skull's widest point; then a
 * rim; then an inner surface tucked inside the skull or behind the falling part.
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
}

const STYLES: Record<Exclude<Style, "bald">, StyleSpec> = {
  short: { reach: [[0, 0.052], [0.5, 0.054], [1.05, 0.03], [1.4, 0.012], [1.75, 0.005], [2.4, -0.035], [Math.PI, -0.055]], thickness: 0.017, edgeThickness: 0.0012, quiff: 0.014, flare: 0, feathered: true },
  buzz: { reach: [[0, 0.068], [0.5, 0.064], [1.05, 0.032], [1.4, 0.014], [1.75, 0.006], [2.4, -0.035], [Math.PI, -0.055]], thickness: 0.0035, edgeThickness: 0.001, quiff: 0, flare: 0, feathered: true },
  bun: { reach: [[0, 0.064], [0.5, 0.058], [1.05, 0.03], [1.4, 0.012], [1.75, 0.004], [2.4, -0.035], [Math.PI, -0.05]], thickness: 0.009, edgeThickness: 0.0012, quiff: 0.004, flare: 0, feathered: true },
  bob: { reach: [[0, 0.045], [0.45, 0.045], [0.8, 0.02], [1.1, -0.07], [1.6, -0.085], [Math.PI, -0.09]], thickness: 0.016, edgeThickness: 0.012, quiff: 0.006, flare: 0.12, feathered: false },
  long: { reach: [[0, 0.05], [0.45, 0.05], [0.8, 0.02], [1.1, -0.14], [1.6, -0.19], [2.3, -0.27], [Math.PI, -0.3]], thickness: 0.016, edgeThickness: 0.012, quiff: 0.006, flare: 0.2, feathered: false },
};

/** Short styles leave the ears showing; bob and long cover them. */
export function hairCoversEars(style: Style): boolean {
  return style === "bob" || style === "long";
}

const HEAD_SKIN: Skin = [["Head", 1]];

export function addHair(part: MeshPart, params: AvatarParams, headCenter: Vector3, headScale: number): void {
  if (params.hairStyle === "bald") return;
  const toWorld = (p: Vector3): Vector3 => p.multiplyScalar(headScale).add(headCenter);
  const spec = STYLES[params.hairStyle];
  const base = linearRgb(params.hairColor);
  const columns = 48;
  const outerRows = 16;
  const skull = (theta: number, phi: number): Vector3 => {
    const d = directionAt(theta, phi);
    return d.multiplyScalar(skullRadius(d));
  };
  const widestPhi = 1.62;

  /** Outer (offset > 0) or inner shell point at profile parameter s in [0, 1]. */
  const profile = (theta: number, s: number, inner: boolean): Vector3 => {
    // A slight side part over one brow breaks the even line that makes a short cut look like a cap.
    const reach = spline(spec.reach, Math.abs(theta)) + (spec.feathered ? 0.006 * gauss2(theta - 0.45, 0, 0.18, 1) : 0);
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
    const thick = lerp(spec.thickness, spec.edgeThickness, edgeT) + quiff;
    if (along <= arc || drop === 0) {
      const phi = Math.min(stopPhi, (along / 0.1) || 0.0001);
      const d = directionAt(theta, Math.max(phi, 0.0001));
      const r = skullRadius(d);
      return d.multiplyScalar(inner ? r - 0.004 : r + thick);
    }
    const fall = along - arc;
    const horizontal = new Vector3(Math.sin(theta), 0, Math.cos(theta));
    const outer = top.add(directionAt(theta, stopPhi).multiplyScalar(thick)).add(new Vector3(0, -fall, 0)).addScaledVector(horizontal, spec.flare * fall);
    return inner ? outer.addScaledVector(horizontal, -(thick + 0.004)) : outer;
  };

  const thetas = Array.from({ length: columns }, (_, i) => -Math.PI + (i / columns) * Math.PI * 2);
  const rowS = Array.from({ length: outerRows }, (_, i) => 0.02 + 0.98 * (i / (outerRows - 1)) ** 1.1);
  const rows = outerRows * 2;
  const light = base;
  const dark = scaleRgb(base, 0.72);
  const skin = linearRgb(params.skinTone);
  /** Feathered edges blend into the skin over the last rows, where short hair thins out. */
  const edgeBlend = (r: number): number => (spec.feathered && r >= 0 ? smoothstep(0.86, 1, rowS[r]!) * 0.5 : 0);
  addLattice(part, {
    rows,
    columns,
    wrap: true,
    point: (r, c) => {
      const inner = r >= outerRows;
      const s = inner ? rowS[rows - 1 - r]! : rowS[r]!;
      return toWorld(profile(thetas[c]!, s, inner));
    },
    color: (r, c): Rgb => {
      if (r >= outerRows) return dark;
      const strand = c % 2 === 0 ? 1 : 0.86;
      const hair = scaleRgb(light, strand * (r < 0 ? 1 : 0.92 + 0.08 * Math.sin(r * 0.9)));
      return mixRgb(hair, skin, edgeBlend(r));
    },
    skin: () => HEAD_SKIN,
    startPole: toWorld(new Vector3(0, skullRadius(new Vector3(0, 1, 0)) + spec.thickness, 0)),
    endPole: toWorld(new Vector3(0, skullRadius(new Vector3(0, 1, 0)) - 0.004, 0)),
  });

  if (params.hairStyle === "bun") {
    const center = skull(Math.PI, 0.8).multiplyScalar(1.12).add(new Vector3(0, 0.012, 0));
    addEllipsoid(
      part, toWorld(center), { x: new Vector3(1, 0, 0), y: new Vector3(0, 1, 0), z: new Vector3(0, 0, 1) },
      new Vector3(0.036, 0.034, 0.032).multiplyScalar(headScale),
      9, 14, (_p, l) => scaleRgb(base, 0.88 + 0.12 * Math.abs(Math.sin(l.x * 9))), () => HEAD_SKIN,
    );
  }
}
