import { Vector3 } from "three";
import { type AvatarParams } from "./avatar-params.ts";
import { addEllipsoid, addLattice, addTube, type TubeStation } from "./primitive-shapes.ts";
import { MeshPart, linearRgb, mixRgb, scaleRgb, type Rgb, type Skin } from "./mesh-part.ts";
import {
  MOUTH, directionAt, eyeLandmark, faceSurfaceZ, headPoint, phiAtFrontHeight, thetaAtX, type EyeLandmark,
} from "./head-shape.ts";
import { gauss2, lerp, smoothstep, warpedSamples } from "./shape-math.ts";

/**
 * The head mesh (`Wolf3D_Head`): face skin with a mouth slit, a mouth bag with teeth and
 * tongue, eyeballs, eyelid shells, brows and ears, in head-local metres. Alongside the
 * vertices it records what each vertex is, which is all the morph authoring needs.
 */
export type FaceRegion = "skin" | "lid" | "eye" | "brow" | "teeth" | "tongue" | "bag" | "ear";

export interface LidCoordinates {
  azimuth: number;
  elevation: number;
  radius: number;
  upper: boolean;
}

export interface FaceVertex {
  region: FaceRegion;
  /** +1 the avatar's left (+X), -1 right, 0 centre. */
  side: -1 | 0 | 1;
  /** Belongs to the lower jaw side of the mouth slit (lower lip edge, lower bag, teeth, tongue). */
  lowerJaw: boolean;
  /** Mouth-bag vertices copy the lip motion of this loop vertex, scaled by `follow`. */
  anchor: number;
  follow: number;
  lid?: LidCoordinates;
}

export interface HeadGeometry {
  part: MeshPart;
  vertices: FaceVertex[];
  eyes: [EyeLandmark, EyeLandmark];
  mouthFrontZ: number;
}

/** The almond of the eye opening, as elevation (radians) over azimuth on the lid sphere. */
export const EYE_OPENING = { halfWidth: 0.78, upper: 0.5, lower: 0.34, innerCorner: -0.03, outerCorner: 0.05 };
const LID_AZIMUTH = 1.45;
const LID_TOP = 1.25;
const LID_BOTTOM = -1.15;

export function lidBaseline(azimuth: number, side: 1 | -1): number {
  const o = Math.max(-1, Math.min(1, (azimuth * side) / EYE_OPENING.halfWidth));
  return lerp(EYE_OPENING.innerCorner, EYE_OPENING.outerCorner, (o + 1) / 2);
}

function opening(azimuth: number): number {
  const t = azimuth / EYE_OPENING.halfWidth;
  return Math.abs(t) >= 1 ? 0 : (1 - t * t) ** 0.6;
}

export function upperLidEdge(azimuth: number, side: 1 | -1): number {
  return lidBaseline(azimuth, side) + EYE_OPENING.upper * opening(azimuth);
}

export function lowerLidEdge(azimuth: number, side: 1 | -1): number {
  return lidBaseline(azimuth, side) - EYE_OPENING.lower * opening(azimuth);
}

export function lidPoint(eye: EyeLandmark, azimuth: number, elevation: number, radius: number): Vector3 {
  return new Vector3(
    Math.cos(elevation) * Math.sin(azimuth),
    Math.sin(elevation),
    Math.cos(elevation) * Math.cos(azimuth),
  ).multiplyScalar(radius).add(eye.center);
}

interface Palette {
  skin: Rgb;
  lip: Rgb;
  lid: Rgb;
  lash: Rgb;
  brow: Rgb;
  iris: Rgb;
  mouth: Rgb;
  teeth: Rgb;
  tongue: Rgb;
  blush: Rgb;
}

function palette(params: AvatarParams): Palette {
  const skin = linearRgb(params.skinTone);
  const hair = linearRgb(params.hairColor);
  return {
    skin,
    lip: [skin[0] * 0.88, skin[1] * 0.55, skin[2] * 0.55],
    lid: scaleRgb(skin, 0.93),
    lash: [0.012, 0.008, 0.007],
    brow: mixRgb(scaleRgb(hair, 0.75), [0.02, 0.015, 0.01], 0.25),
    iris: linearRgb(params.eyeColor),
    mouth: [0.1, 0.02, 0.025],
    teeth: [0.83, 0.8, 0.74],
    tongue: [0.55, 0.16, 0.17],
    blush: [skin[0] * 1.02, skin[1] * 0.82, skin[2] * 0.82],
  };
}

const HEAD_SKIN: Skin = [["Head", 1]];

export function buildHeadGeometry(params: AvatarParams, options: { ears: boolean }): HeadGeometry {
  const colors = palette(params);
  const part = new MeshPart();
  const vertices: FaceVertex[] = [];
  const eyes: [EyeLandmark, EyeLandmark] = [eyeLandmark(1), eyeLandmark(-1)];
  const track = (from: number, info: Omit<FaceVertex, "anchor" | "follow"> & Partial<FaceVertex>): void => {
    for (let i = from; i < part.vertexCount; i++) vertices.push({ anchor: i, follow: 1, ...info });
  };

  const { mouthFrontZ, mouthLoop } = addFaceSkin(part, vertices, colors, eyes);
  addMouthInterior(part, vertices, colors, mouthFrontZ, mouthLoop, track);
  for (const eye of eyes) {
    let from = part.vertexCount;
    addEyeball(part, eye, colors);
    track(from, { region: "eye", side: eye.side, lowerJaw: false });
    addLids(part, vertices, eye, colors);
    from = part.vertexCount;
    addBrow(part, eye.side, colors);
    track(from, { region: "brow", side: eye.side, lowerJaw: false });
    if (options.ears) {
      from = part.vertexCount;
      addEar(part, eye.side, colors);
      track(from, { region: "ear", side: eye.side, lowerJaw: false });
    }
  }
  return { part, vertices, eyes, mouthFrontZ };
}

/** Face colour: lips, a hint of blush, nostrils. */
function skinColor(p: Vector3, colors: Palette): Rgb {
  const dy = p.y - MOUTH.y;
  const xn = Math.abs(p.x) / (MOUTH.cornerX * 1.08);
  const front = smoothstep(0.05, 0.075, p.z);
  let lipMask = 0;
  if (xn < 1) {
    const half = dy >= 0 ? 0.0068 * (1 - xn * xn) ** 0.45 * (1 - 0.3 * gauss2(p.x, 0, 0.004, 1)) : 0.0088 * (1 - xn * xn) ** 0.55;
    lipMask = 1 - smoothstep(half * 0.75, half * 1.1, Math.abs(dy));
  }
  let c = mixRgb(colors.skin, colors.blush, 0.55 * (gauss2(Math.abs(p.x) - 0.046, p.y + 0.026, 0.014, 0.011) * front));
  c = mixRgb(c, colors.lip, lipMask * front);
  const nostril = gauss2(Math.abs(p.x) - 0.0075, p.y + 0.0375, 0.003, 0.0022) * front;
  return scaleRgb(c, 1 - 0.55 * nostril);
}

/** Pushes skin near an eye behind the eyeball so the lid shell and eye show through. */
function carveEyeSocket(p: Vector3, eye: EyeLandmark): Vector3 {
  const rel = p.clone().sub(eye.center);
  const d = rel.length();
  const reach = eye.lidRadius + 0.0025;
  if (d >= reach || rel.z < -0.3 * d) return p;
  const floor = 0.85 * eye.eyeRadius;
  let carved = floor + (d / reach) ** 4 * (reach - floor);
  const inOpening = smoothstep(Math.cos(1.0), Math.cos(0.75), rel.z / d);
  carved = lerp(carved, Math.min(carved, 0.9 * eye.eyeRadius), inOpening);
  return rel.multiplyScalar(carved / d).add(eye.center);
}

function addFaceSkin(
  part: MeshPart,
  vertices: FaceVertex[],
  colors: Palette,
  eyes: EyeLandmark[],
): { mouthFrontZ: number; mouthLoop: number[] } {
  const halfColumns = 26;
  const rows = 46;
  const mouthPhi = phiAtFrontHeight(MOUTH.y);
  const cornerTheta = thetaAtX(mouthPhi, MOUTH.cornerX);
  const half = warpedSamples(halfColumns, 0, Math.PI, (t) => 1 + 3.4 * Math.exp(-((t / 0.62) ** 2)) + 0.5 * Math.exp(-(((t - 1.45) / 0.3) ** 2)));
  snapNearest(half, cornerTheta, 1, halfColumns - 1);
  const thetas = [Math.PI, ...half.slice(1, halfColumns).reverse().map((t) => -t), ...half.slice(0, halfColumns)];
  const phis = warpedSamples(rows, 0, Math.PI, (p) => 1 + 3.2 * Math.exp(-(((p - 1.78) / 0.5) ** 2)));
  const mouthRow = snapNearest(phis, mouthPhi, 2, rows - 2);
  const columns = thetas.length;

  const grid: number[][] = [];
  for (let r = 1; r < rows; r++) {
    const row: number[] = [];
    for (let c = 0; c < columns; c++) {
      let p = headPoint(thetas[c]!, phis[r]!);
      for (const eye of eyes) p = carveEyeSocket(p, eye);
      row.push(part.addVertex(p.x, p.y, p.z, skinColor(p, colors), HEAD_SKIN));
      vertices.push({ region: "skin", side: 0, lowerJaw: false, anchor: part.vertexCount - 1, follow: 1 });
    }
    grid.push(row);
  }
  const at = (r: number, c: number): number => grid[r - 1]![c]!;
  // The slit: the mouth row is doubled between the corners so the lower lip can part.
  const lowerLip = new Map<number, number>();
  for (let c = 0; c < columns; c++) {
    if (Math.abs(thetas[c]!) >= cornerTheta - 1e-9) continue;
    const upper = at(mouthRow, c);
    const [x, y, z] = part.positions.slice(upper * 3, upper * 3 + 3) as [number, number, number];
    const [cr, cg, cb] = part.colors.slice(upper * 3, upper * 3 + 3) as [number, number, number];
    lowerLip.set(c, part.addVertex(x, y, z, [cr, cg, cb], HEAD_SKIN));
    vertices.push({ region: "skin", side: 0, lowerJaw: true, anchor: part.vertexCount - 1, follow: 1 });
  }
  for (let r = 1; r + 1 < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const c1 = (c + 1) % columns;
      const a = r === mouthRow ? (lowerLip.get(c) ?? at(r, c)) : at(r, c);
      const d = r === mouthRow ? (lowerLip.get(c1) ?? at(r, c1)) : at(r, c1);
      const b = at(r + 1, c);
      const e = at(r + 1, c1);
      part.addTriangle(a, b, d);
      part.addTriangle(d, b, e);
    }
  }
  const top = headPoint(0, 0);
  const topPole = part.addVertex(top.x, top.y, top.z, colors.skin, HEAD_SKIN);
  vertices.push({ region: "skin", side: 0, lowerJaw: false, anchor: topPole, follow: 1 });
  const bottom = directionAt(0, Math.PI).multiplyScalar(0.09);
  const bottomPole = part.addVertex(bottom.x, bottom.y, bottom.z, colors.skin, HEAD_SKIN);
  vertices.push({ region: "skin", side: 0, lowerJaw: false, anchor: bottomPole, follow: 1 });
  for (let c = 0; c < columns; c++) {
    const c1 = (c + 1) % columns;
    part.addTriangle(topPole, at(1, c), at(1, c1));
    part.addTriangle(at(rows - 1, c), bottomPole, at(rows - 1, c1));
  }

  // The loop around the slit, upper edge left→right then lower edge back, feeds the mouth bag.
  const cornerLeft = thetas.findIndex((t) => Math.abs(t + cornerTheta) < 1e-9);
  const cornerRight = thetas.findIndex((t) => Math.abs(t - cornerTheta) < 1e-9);
  const loop: number[] = [];
  for (let c = cornerLeft; c <= cornerRight; c++) loop.push(at(mouthRow, c));
  for (let c = cornerRight - 1; c > cornerLeft; c--) loop.push(lowerLip.get(c)!);
  return { mouthFrontZ: headPoint(0, mouthPhi).z, mouthLoop: loop };
}

function snapNearest(samples: number[], value: number, from: number, to: number): number {
  let best = from;
  for (let i = from; i <= to; i++) if (Math.abs(samples[i]! - value) < Math.abs(samples[best]! - value)) best = i;
  samples[best] = value;
  return best;
}

function addMouthInterior(
  part: MeshPart,
  vertices: FaceVertex[],
  colors: Palette,
  mouthFrontZ: number,
  loop: number[],
  track: (from: number, info: Omit<FaceVertex, "anchor" | "follow"> & Partial<FaceVertex>) => void,
): void {
  const rings = [
    { width: 0.97, height: 0.0018, depth: 0.0035, follow: 0.9, color: mixRgb(colors.lip, colors.mouth, 0.45) },
    { width: 0.9, height: 0.0075, depth: 0.01, follow: 0.55, color: colors.mouth },
    { width: 0.78, height: 0.0115, depth: 0.021, follow: 0.25, color: colors.mouth },
    { width: 0.5, height: 0.008, depth: 0.032, follow: 0.1, color: scaleRgb(colors.mouth, 0.6) },
  ];
  const grid: number[][] = [loop];
  for (const ring of rings) {
    const row: number[] = [];
    for (const anchor of loop) {
      const info = vertices[anchor]!;
      const [x, y, z] = part.positions.slice(anchor * 3, anchor * 3 + 3) as [number, number, number];
      const along = Math.min(1, Math.abs(x) / MOUTH.cornerX);
      const lift = ring.height * Math.sqrt(Math.max(0, 1 - along * along)) * (info.lowerJaw ? -1 : 1);
      row.push(part.addVertex(x * ring.width, y + lift, z - ring.depth, ring.color, HEAD_SKIN));
      vertices.push({ region: "bag", side: 0, lowerJaw: info.lowerJaw, anchor, follow: ring.follow });
    }
    grid.push(row);
  }
  const n = loop.length;
  for (let r = 0; r + 1 < grid.length; r++) {
    for (let i = 0; i < n; i++) {
      const i1 = (i + 1) % n;
      part.addTriangle(grid[r]![i]!, grid[r + 1]![i]!, grid[r]![i1]!);
      part.addTriangle(grid[r]![i1]!, grid[r + 1]![i]!, grid[r + 1]![i1]!);
    }
  }
  const back = part.addVertex(0, MOUTH.y, mouthFrontZ - 0.038, scaleRgb(colors.mouth, 0.5), HEAD_SKIN);
  vertices.push({ region: "bag", side: 0, lowerJaw: false, anchor: back, follow: 0 });
  const last = grid[grid.length - 1]!;
  for (let i = 0; i < n; i++) part.addTriangle(last[i]!, back, last[(i + 1) % n]!);

  let from = part.vertexCount;
  addTeethRow(part, colors, mouthFrontZ, true);
  track(from, { region: "teeth", side: 0, lowerJaw: false });
  from = part.vertexCount;
  addTeethRow(part, colors, mouthFrontZ, false);
  track(from, { region: "teeth", side: 0, lowerJaw: true });
  from = part.vertexCount;
  const tongueCenter = new Vector3(0, MOUTH.y - 0.0085, mouthFrontZ - 0.021);
  addEllipsoid(
    part, tongueCenter, { x: new Vector3(1, 0, 0), y: new Vector3(0, 0, -1), z: new Vector3(0, 1, 0) },
    new Vector3(0.0145, 0.017, 0.0055), 8, 12,
    (_p, l) => scaleRgb(colors.tongue, 0.75 + 0.25 * Math.max(0, l.z)), () => HEAD_SKIN,
  );
  track(from, { region: "tongue", side: 0, lowerJaw: true });
}

function addTeethRow(part: MeshPart, colors: Palette, mouthFrontZ: number, upper: boolean): void {
  const count = 15;
  const stations: TubeStation[] = [];
  const halfWidth = upper ? 0.0185 : 0.0165;
  const front = mouthFrontZ - (upper ? 0.0052 : 0.0068);
  const y = MOUTH.y + (upper ? 0.0046 : -0.0042);
  for (let i = 0; i < count; i++) {
    const u = (i / (count - 1)) * 2 - 1;
    const gap = i % 2 === 1 && i > 0 && i < count - 1 ? 0.82 : 1;
    const center = new Vector3(u * halfWidth, y, front - 0.014 * u * u);
    const outward = new Vector3(u * 0.028 * 2, 0, 1).normalize();
    stations.push({ center, u: new Vector3(0, 1, 0), v: outward, ru: (upper ? 0.0044 : 0.0036) * gap, rv: 0.0022, tag: gap < 1 ? 1 : 0 });
  }
  addTube(part, {
    stations,
    segments: 8,
    exponent: 4,
    color: (s) => (s.tag === 1 ? scaleRgb(colors.teeth, 0.8) : colors.teeth),
    skin: () => HEAD_SKIN,
    capStart: true,
    capEnd: true,
  });
}

function addEyeball(part: MeshPart, eye: EyeLandmark, colors: Palette): void {
  const polar = [0.1, 0.2, 0.25, 0.4, 0.5, 0.56, 0.8, 1.2, 1.65, 2.2, 2.7];
  const segments = 16;
  const skin: Skin = [[eye.side === 1 ? "LeftEye" : "RightEye", 1]];
  const sclera: Rgb = [0.86, 0.84, 0.8];
  const colorAt = (angle: number): Rgb => {
    if (angle < 0.22) return [0.01, 0.01, 0.012];
    if (angle < 0.45) return mixRgb(scaleRgb(colors.iris, 1.3), colors.iris, (angle - 0.22) / 0.23);
    if (angle < 0.52) return scaleRgb(colors.iris, 0.45);
    return sclera;
  };
  const point = (a: number, s: number): Vector3 =>
    new Vector3(Math.sin(a) * Math.cos(s), Math.sin(a) * Math.sin(s), Math.cos(a)).multiplyScalar(eye.eyeRadius).add(eye.center);
  addLattice(part, {
    rows: polar.length,
    columns: segments,
    wrap: true,
    point: (r, c) => point(polar[r]!, (c / segments) * Math.PI * 2),
    color: (r) => colorAt(r < 0 ? 0 : r >= polar.length ? Math.PI : polar[r]!),
    skin: () => skin,
    startPole: point(0, 0),
    endPole: point(Math.PI, 0),
  });
}

/**
 * Each eye's lids are one shell around the eyeball with an almond hole: an upper patch above
 * the opening and a lower patch below it. Lid morphs slide vertices along this sphere.
 */
function addLids(part: MeshPart, vertices: FaceVertex[], eye: EyeLandmark, colors: Palette): void {
  const columns = 19;
  const azimuths = warpedSamples(columns - 1, -LID_AZIMUTH, LID_AZIMUTH, (a) => 1 + 2.5 * Math.exp(-((a / 0.7) ** 2)));
  const margin = eye.eyeRadius * 1.01;
  const shell = eye.lidRadius;
  for (const upper of [true, false]) {
    const edge = (a: number): number => (upper ? upperLidEdge(a, eye.side) : lowerLidEdge(a, eye.side));
    const far = upper ? LID_TOP : LID_BOTTOM;
    // Rows run from the margin tucked against the eyeball out to the far edge of the shell.
    const bulge = upper ? [1.02, 1.03, 1, 1, 0.98, 0.95] : [1.01, 1.005, 0.98, 0.95, 0.92, 0.9];
    const rowsSpec = [
      { t: 0, radius: margin, extra: upper ? -0.02 : 0.02 },
      ...[0, 0.08, 0.22, 0.45, 0.7, 1].map((t, i) => ({ t, radius: shell * bulge[i]!, extra: 0 })),
    ];
    const coords = (r: number, c: number): LidCoordinates => {
      const a = azimuths[c]!;
      const spec = rowsSpec[r]!;
      return { azimuth: a, elevation: lerp(edge(a), far, spec.t) + spec.extra, radius: spec.radius, upper };
    };
    const from = part.vertexCount;
    addLattice(part, {
      rows: rowsSpec.length,
      columns,
      wrap: false,
      point: (r, c) => {
        const k = coords(r, c);
        return lidPoint(eye, k.azimuth, k.elevation, k.radius);
      },
      color: (r, c) => {
        const open = opening(azimuths[c]!);
        if (upper && r <= 1) return mixRgb(colors.lid, colors.lash, 0.35 + 0.6 * Math.min(1, open * 3));
        if (!upper && r <= 1) return mixRgb(colors.lid, colors.lip, 0.25);
        return upper ? colors.lid : colors.skin;
      },
      skin: () => HEAD_SKIN,
      inward: upper,
    });
    for (let r = 0; r < rowsSpec.length; r++) {
      for (let c = 0; c < columns; c++) {
        vertices.push({ region: "lid", side: eye.side, lowerJaw: false, anchor: from + r * columns + c, follow: 1, lid: coords(r, c) });
      }
    }
  }
}

function addBrow(part: MeshPart, side: 1 | -1, colors: Palette): void {
  const count = 9;
  const stations: TubeStation[] = [];
  for (let i = 0; i < count; i++) {
    const u = i / (count - 1);
    const x = side * (0.014 + 0.039 * u);
    const y = 0.025 + 0.005 * Math.sin(Math.PI * Math.min(1, u * 1.1)) - 0.003 * u * u;
    const z = faceSurfaceZ(x, y) + 0.0012;
    const normal = new Vector3(x * 0.6, 0.1, z).normalize();
    const tangent = new Vector3(side, 0, -x * 4).normalize();
    const up = new Vector3().crossVectors(normal, tangent).normalize().multiplyScalar(side);
    const taper = u < 0.15 ? 0.75 + u * 1.6 : 1 - 0.55 * (u - 0.15);
    stations.push({
      center: new Vector3(x, y, z),
      u: side === 1 ? up : up.clone().negate(),
      v: normal,
      ru: 0.0041 * taper,
      rv: 0.0018,
    });
  }
  addTube(part, { stations, segments: 8, color: () => colors.brow, skin: () => HEAD_SKIN, capStart: true, capEnd: true });
}

function addEar(part: MeshPart, side: 1 | -1, colors: Palette): void {
  const anchor = headPoint(side * 1.62, 1.62);
  const outward = new Vector3(side, 0, 0.3).normalize();
  const up = new Vector3(0, 1, -0.2).normalize();
  const across = new Vector3().crossVectors(outward, up).normalize();
  const center = anchor.clone().addScaledVector(outward, 0.002).add(new Vector3(0, -0.004, -0.004));
  addEllipsoid(
    part, center, { x: up, y: across, z: outward }, new Vector3(0.029, 0.017, 0.008), 8, 12,
    (_p, l) => {
      const inner = l.z > 0.2 ? 1 - smoothstep(0.35, 0.75, Math.hypot(l.x * 1.1, l.y)) : 0;
      return scaleRgb(mixRgb(colors.skin, colors.blush, 0.5), 1 - 0.35 * inner);
    },
    () => HEAD_SKIN,
  );
}
