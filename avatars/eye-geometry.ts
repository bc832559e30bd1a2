import { Vector3 } from "three";
import { type EyeLandmark, headRadius } from "./head-shape.ts";
import { type MeshPart, type Rgb, type Skin, mixRgb, scaleRgb } from "./mesh-part.ts";
import { addLattice } from "./primitive-shapes.ts";
import { lerp, smoothstep, warpedSamples } from "./shape-math.ts";

/**
 * An eye as seen at conversation distance: an eyeball with a domed iris (radial streaks, a
 * light ring round the pupil, a dark limbal ring), a catch light, and lids that are one shell
 * around the eyeball with an almond opening, a margin with some thickness, a crease, and a
 * row of lashes. Lid vertices (lashes included) carry lid coordinates, which is how the lid
 * morphs slide them along the shell (face-morphs.ts).
 */
export interface LidCoordinates {
  azimuth: number;
  elevation: number;
  radius: number;
  upper: boolean;
  /** Lashes ride their lid's edge rigidly (the whole shift); skin fades it out toward the brow. */
  rigid?: boolean;
}

/** The almond of the eye opening, as elevation (radians) over azimuth on the lid sphere. */
export const EYE_OPENING = { halfWidth: 0.94, upper: 0.54, lower: 0.36, innerCorner: -0.05, outerCorner: 0.07 };
/** How far the lid shell reaches round the eye, in radians: where it tucks into the face. */
export const LID_AZIMUTH = 1.5;
export const LID_TOP = 1.25;
export const LID_BOTTOM = -1.15;
/** The iris edge as an angle from the gaze axis (a real one is ~0.5; a little larger reads friendlier). */
export const IRIS_ANGLE = 0.6;
const PUPIL_ANGLE = 0.2;
/** The cornea bulges the iris forward by this fraction of the eyeball radius at the pupil. */
const CORNEA_BULGE = 0.035;
/** The lid margin sits clear of the cornea so a closing lid never cuts through the dome. */
const MARGIN = 1.048;

export function lidBaseline(azimuth: number, side: 1 | -1): number {
  const o = Math.max(-1, Math.min(1, (azimuth * side) / EYE_OPENING.halfWidth));
  return lerp(EYE_OPENING.innerCorner, EYE_OPENING.outerCorner, (o + 1) / 2);
}

export function openingAt(azimuth: number, side: 1 | -1): number {
  const t = azimuth / EYE_OPENING.halfWidth;
  if (Math.abs(t) >= 1) return 0;
  // The upper lid peaks a little toward the inner corner, as real eyes do.
  const skew = 1 + 0.12 * t * side;
  return (1 - t * t) ** 0.6 * skew;
}

export function upperLidEdge(azimuth: number, side: 1 | -1): number {
  return lidBaseline(azimuth, side) + EYE_OPENING.upper * openingAt(azimuth, side);
}

export function lowerLidEdge(azimuth: number, side: 1 | -1): number {
  const t = azimuth / EYE_OPENING.halfWidth;
  const open = Math.abs(t) >= 1 ? 0 : (1 - t * t) ** 0.7;
  return lidBaseline(azimuth, side) - EYE_OPENING.lower * open;
}

export function lidPoint(eye: EyeLandmark, azimuth: number, elevation: number, radius: number): Vector3 {
  return new Vector3(
    Math.cos(elevation) * Math.sin(azimuth),
    Math.sin(elevation),
    Math.cos(elevation) * Math.cos(azimuth),
  ).multiplyScalar(radius).add(eye.center);
}

/** How far a ray from inside the head (`from`, along unit `dir`) runs before it leaves the sculpted head. */
function surfaceDistance(from: Vector3, dir: Vector3): number {
  const inside = (s: number): boolean => {
    const q = from.clone().addScaledVector(dir, s);
    const length = q.length();
    return length < headRadius(q.divideScalar(length));
  };
  let lo = 0;
  let hi = 0.05;
  for (let i = 0; i < 24; i++) {
    const mid = (lo + hi) / 2;
    if (inside(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** The inverse of `lidPoint`: where a point sits on (or off) the lid sphere. */
function lidCoordinatesOf(eye: EyeLandmark, p: Vector3, upper: boolean): LidCoordinates {
  const q = p.clone().sub(eye.center);
  const radius = q.length();
  return { azimuth: Math.atan2(q.x, q.z), elevation: Math.asin(q.y / radius), radius, upper };
}

export interface EyeColors {
  lash: Rgb;
  /** The lid's own tint over the face colour (a touch darker and warmer). */
  lid: Rgb;
  waterline: Rgb;
}

const PUPIL: Rgb = [0.006, 0.006, 0.008];
const SCLERA: Rgb = [0.8, 0.78, 0.74];
const CATCH_LIGHT: Rgb = [1, 1, 1];

/** Iris colour at an angle from the gaze axis and an angle round it (streaks). */
function irisColor(iris: Rgb, angle: number, around: number): Rgb {
  const streak = 1 + 0.16 * Math.sin(around * 7) * Math.sin(around * 3 + 1.3) + 0.08 * Math.sin(around * 13);
  const t = (angle - PUPIL_ANGLE) / (IRIS_ANGLE - PUPIL_ANGLE);
  // Lighter collarette round the pupil, the body of the iris, then a darker rim.
  const tone = t < 0.3 ? lerp(1.55, 1.15, t / 0.3) : t < 0.75 ? lerp(1.15, 0.85, (t - 0.3) / 0.45) : lerp(0.85, 0.45, (t - 0.75) / 0.25);
  return scaleRgb(iris, tone * streak);
}

export function addEyeball(part: MeshPart, eye: EyeLandmark, iris: Rgb): void {
  const r = eye.eyeRadius;
  const polar = [0.08, 0.17, PUPIL_ANGLE, 0.25, 0.32, 0.4, 0.48, IRIS_ANGLE - 0.025, IRIS_ANGLE + 0.015, 0.7, 0.86, 1.05, 1.3, 1.62];
  const segments = 20;
  const skin: Skin = [[eye.side === 1 ? "LeftEye" : "RightEye", 1]];
  const radiusAt = (a: number): number => r * (1 + CORNEA_BULGE * Math.max(0, 1 - (a / IRIS_ANGLE) ** 2));
  const point = (a: number, s: number): Vector3 =>
    new Vector3(Math.sin(a) * Math.cos(s), Math.sin(a) * Math.sin(s), Math.cos(a)).multiplyScalar(radiusAt(a)).add(eye.center);
  const colorAt = (a: number, s: number): Rgb => {
    if (a < PUPIL_ANGLE - 0.005) return PUPIL;
    if (a < IRIS_ANGLE - 0.01) return irisColor(iris, a, s);
    if (a < IRIS_ANGLE + 0.01) return scaleRgb(iris, 0.3);
    // The sclera is a little darker toward the corners, where the lids shade it.
    return scaleRgb(SCLERA, 1 - 0.22 * smoothstep(0.7, 1.4, a));
  };
  addLattice(part, {
    rows: polar.length,
    columns: segments,
    wrap: true,
    point: (row, c) => point(polar[row]!, (c / segments) * Math.PI * 2),
    color: (row, c) => colorAt(row < 0 ? 0 : row >= polar.length ? Math.PI : polar[row]!, (c / segments) * Math.PI * 2),
    skin: () => skin,
    startPole: point(0, 0),
    endPole: point(Math.PI, 0),
  });
  // The catch light: a small bright spot on the cornea, up and to the avatar's left in both
  // eyes (one window light), riding the eyeball when it looks around.
  const dir = new Vector3(0.3, 0.32, 1).normalize();
  const tangentU = new Vector3().crossVectors(new Vector3(0, 1, 0), dir).normalize();
  const tangentV = new Vector3().crossVectors(dir, tangentU).normalize();
  const centerAngle = Math.acos(dir.z);
  const center = dir.clone().multiplyScalar(radiusAt(centerAngle) + r * 0.006).add(eye.center);
  const spot = r * 0.1;
  const rim = Array.from({ length: 7 }, (_, i) => {
    const t = (i / 7) * Math.PI * 2;
    const p = center.clone().addScaledVector(tangentU, Math.cos(t) * spot).addScaledVector(tangentV, Math.sin(t) * spot * 0.85);
    return part.addVertex(p.x, p.y, p.z, CATCH_LIGHT, skin);
  });
  const hub = part.addVertex(center.x, center.y, center.z, CATCH_LIGHT, skin);
  for (let i = 0; i < rim.length; i++) part.addTriangle(hub, rim[i]!, rim[(i + 1) % rim.length]!);
}

/**
 * Each eye's lids: an upper and a lower patch of one shell round the eyeball. Rows run from
 * the margin (tucked against the eyeball, a wet pink line) out to where the shell tucks into
 * the face; `faceColor` paints the outer rows like the face around them, so there is no seam.
 * Returns each vertex's lid coordinates in the order added.
 */
export function addLids(part: MeshPart, eye: EyeLandmark, colors: EyeColors, faceColor: (p: Vector3) => Rgb): LidCoordinates[] {
  const columns = 19;
  const azimuths = warpedSamples(columns - 1, -LID_AZIMUTH, LID_AZIMUTH, (a) => 1 + 2.5 * Math.exp(-((a / 0.8) ** 2)));
  const margin = eye.eyeRadius * MARGIN;
  const shell = eye.lidRadius;
  const coordinates: LidCoordinates[] = [];
  for (const upper of [true, false]) {
    const edge = (a: number): number => (upper ? upperLidEdge(a, eye.side) : lowerLidEdge(a, eye.side));
    const far = upper ? LID_TOP : LID_BOTTOM;
    // Margin, its rounded front, the lid (with a crease on the upper one), then out to the face.
    const rowsSpec = upper
      ? [{ t: 0, r: margin, extra: -0.02 }, { t: 0, r: shell * 1.015, extra: 0 }, { t: 0.06, r: shell * 1.035, extra: 0 },
        { t: 0.2, r: shell * 1.03, extra: 0 }, { t: 0.3, r: shell * 1.0, extra: 0 }, { t: 0.38, r: shell * 1.02, extra: 0 },
        { t: 0.6, r: shell * 1.0, extra: 0 }, { t: 1, r: shell * 0.95, extra: 0 }]
      : [{ t: 0, r: margin, extra: 0.02 }, { t: 0, r: shell * 0.995, extra: 0 }, { t: 0.1, r: shell * 1.0, extra: 0 },
        { t: 0.3, r: shell * 0.98, extra: 0 }, { t: 0.55, r: shell * 0.95, extra: 0 }, { t: 1, r: shell * 0.9, extra: 0 }];
    const coords = (row: number, c: number): LidCoordinates => {
      const a = azimuths[c]!;
      const spec = rowsSpec[row]!;
      return { azimuth: a, elevation: lerp(edge(a), far, spec.t) + spec.extra, radius: spec.r, upper };
    };
    const shade = (row: number, c: number, p: Vector3): Rgb => {
      const face = faceColor(p);
      const open = Math.min(1, openingAt(azimuths[c]!, eye.side) * 3);
      if (row === 0) return mixRgb(face, colors.waterline, (upper ? 0.35 : 0.15) + (upper ? 0.5 : 0.3) * open);
      const tinted = mixRgb(face, colors.lid, upper ? 0.5 : 0.3);
      if (upper && row === 1) return mixRgb(tinted, colors.lash, 0.55 * open + 0.2);
      if (upper && row === 4) return scaleRgb(tinted, 0.8); // the crease
      if (!upper && row === 1) return mixRgb(tinted, colors.lash, 0.12 * open);
      return row >= rowsSpec.length - 2 ? face : tinted;
    };
    addLattice(part, {
      rows: rowsSpec.length,
      columns,
      wrap: false,
      point: (row, c) => {
        const k = coords(row, c);
        // Beyond the crease the lid is pulled in under the face where the face falls away
        // (toward the temple), so it never stands out as a ring seen from the side. Only ever
        // pulled in: a lid pushed out to a face that moves (a smile, a squint) would show through.
        const w = smoothstep(0.3, 1, rowsSpec[row]!.t);
        const on = lidPoint(eye, k.azimuth, k.elevation, 1).sub(eye.center);
        const radius = w > 0 ? lerp(k.radius, Math.min(k.radius, surfaceDistance(eye.center, on) - 0.0008), w) : k.radius;
        return on.multiplyScalar(radius).add(eye.center);
      },
      color: (row, c, p) => shade(row, c, p),
      skin: () => [["Head", 1]],
      inward: upper,
    });
    for (let row = 0; row < rowsSpec.length; row++) for (let c = 0; c < columns; c++) coordinates.push(coords(row, c));
  }
  return coordinates;
}

/**
 * The upper lashes: a thin blade along the lid margin, curling out and up, longest toward the
 * outer corner. Each vertex is placed in lid coordinates so a blink carries the lashes down
 * with the lid edge. Returns the lid coordinates of the vertices in the order added.
 */
export function addLashes(part: MeshPart, eye: EyeLandmark, lash: Rgb): LidCoordinates[] {
  const stations = 15;
  const shell = eye.lidRadius;
  const coordinates: LidCoordinates[] = [];
  const grid: number[][] = [];
  for (let i = 0; i < stations; i++) {
    const u = i / (stations - 1);
    // From the inner corner (u = 0) to the outer corner (u = 1), in this eye's azimuth.
    const a = eye.side * lerp(-0.9, 0.93, u) * EYE_OPENING.halfWidth;
    const edge = upperLidEdge(a, eye.side);
    const length = 0.18 + 0.22 * Math.sin(Math.PI * Math.min(1, u * 1.15)) * (0.7 + 0.3 * u);
    const root = lidPoint(eye, a, edge + 0.015, shell * 1.02);
    const outward = root.clone().sub(eye.center).normalize();
    const up = lidPoint(eye, a, edge + 0.2, shell * 1.02).sub(root).normalize();
    // Toward the outer corner the lashes also flick sideways.
    const sideways = new Vector3(eye.side, 0, 0).multiplyScalar(0.35 * u * u);
    const tip = root.clone().addScaledVector(outward.clone().multiplyScalar(0.75).add(up.clone().multiplyScalar(0.7)).add(sideways).normalize(), shell * length);
    const mid = root.clone().lerp(tip, 0.5).addScaledVector(up, shell * 0.04);
    const thick = shell * 0.035;
    const ring = [root, mid.clone().addScaledVector(outward, thick).addScaledVector(up, -thick), tip, mid.clone().addScaledVector(outward, -thick * 0.6).addScaledVector(up, thick)];
    const row: number[] = [];
    for (const p of ring) {
      row.push(part.addVertex(p.x, p.y, p.z, lash, [["Head", 1]]));
      coordinates.push({ ...lidCoordinatesOf(eye, p, true), rigid: true });
    }
    grid.push(row);
  }
  // The blade runs toward +X on one eye and -X on the other: wind its faces outward on both.
  const at = (v: number): Vector3 => new Vector3(part.positions[v * 3], part.positions[v * 3 + 1], part.positions[v * 3 + 2]);
  const [a0, b0, c0] = [at(grid[0]![0]!), at(grid[1]![0]!), at(grid[0]![1]!)];
  const normal = new Vector3().crossVectors(b0.clone().sub(a0), c0.clone().sub(a0));
  const axis = grid[0]!.reduce((sum, v) => sum.add(at(v)), new Vector3()).multiplyScalar(1 / 4);
  const flip = normal.dot(a0.clone().add(c0).multiplyScalar(0.5).sub(axis)) < 0;
  for (let i = 0; i + 1 < grid.length; i++) {
    for (let k = 0; k < 4; k++) {
      const k1 = (k + 1) % 4;
      const [a, b, c, d] = [grid[i]![k]!, grid[i + 1]![k]!, grid[i]![k1]!, grid[i + 1]![k1]!];
      if (flip) {
        part.addTriangle(a, c, b);
        part.addTriangle(c, d, b);
      } else {
        part.addTriangle(a, b, c);
        part.addTriangle(c, b, d);
      }
    }
  }
  return coordinates;
}
