import { Vector3 } from "three";
import { type AvatarParams } from "./avatar-params.ts";
import { addBrow, browTint } from "./brow-geometry.ts";
import { addEyeball, addLashes, addLids, type LidCoordinates } from "./eye-geometry.ts";
import { type FacePalette, earColor, faceColor, facePalette } from "./face-paint.ts";
import { addEllipsoid, addTube, type TubeStation } from "./primitive-shapes.ts";
import { MeshPart, mixRgb, scaleRgb, type Rgb, type Skin } from "./mesh-part.ts";
import {
  MOUTH, directionAt, eyeLandmark, headPoint, phiAtFrontHeight, thetaAtX, type EyeLandmark,
} from "./head-shape.ts";
import { lerp, smoothstep, warpedSamples } from "./shape-math.ts";

/**
 * The head mesh (`Wolf3D_Head`): face skin with a mouth slit, a mouth bag with teeth and
 * tongue, eyeballs, eyelid shells with lashes, brows and ears, in head-local metres. Alongside
 * the vertices it records what each vertex is, which is all the morph authoring needs.
 */
export type FaceRegion = "skin" | "lid" | "eye" | "brow" | "teeth" | "tongue" | "bag" | "ear";

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

type Palette = FacePalette;

const HEAD_SKIN: Skin = [["Head", 1]];

export function buildHeadGeometry(params: AvatarParams, options: { ears: boolean }): HeadGeometry {
  const colors = facePalette(params);
  const part = new MeshPart();
  const vertices: FaceVertex[] = [];
  const eyes: [EyeLandmark, EyeLandmark] = [eyeLandmark(1), eyeLandmark(-1)];
  const track = (from: number, info: Omit<FaceVertex, "anchor" | "follow"> & Partial<FaceVertex>): void => {
    for (let i = from; i < part.vertexCount; i++) vertices.push({ anchor: i, follow: 1, ...info });
  };
  const paint = (p: Vector3): Rgb => skinColor(p, colors);

  const { mouthFrontZ, mouthLoop } = addFaceSkin(part, vertices, colors, eyes);
  addMouthInterior(part, vertices, colors, mouthFrontZ, mouthLoop, track);
  for (const eye of eyes) {
    let from = part.vertexCount;
    addEyeball(part, eye, colors.iris);
    track(from, { region: "eye", side: eye.side, lowerJaw: false });
    const eyeColors = { lash: colors.lash, lid: colors.lid, waterline: colors.waterline };
    from = part.vertexCount;
    const lids = [...addLids(part, eye, eyeColors, paint), ...addLashes(part, eye, colors.lash)];
    lids.forEach((lid, k) => vertices.push({ region: "lid", side: eye.side, lowerJaw: false, anchor: from + k, follow: 1, lid }));
    from = part.vertexCount;
    addBrow(part, eye.side, colors.brow);
    track(from, { region: "brow", side: eye.side, lowerJaw: false });
    if (options.ears) {
      from = part.vertexCount;
      addEar(part, eye.side, colors);
      track(from, { region: "ear", side: eye.side, lowerJaw: false });
    }
  }
  return { part, vertices, eyes, mouthFrontZ };
}

/** The face's paint (face-paint.ts) plus the soft tint under the brow hairs. */
function skinColor(p: Vector3, colors: Palette): Rgb {
  const c = faceColor(p, colors);
  const brow = browTint(p.x, p.y) * smoothstep(0.04, 0.07, p.z);
  return brow > 0.01 ? mixRgb(c, colors.brow, 0.6 * brow) : c;
}

/** Pushes skin near an eye behind the eyeball so the lid shell and eye show through. */
function carveEyeSocket(p: Vector3, eye: EyeLandmark): Vector3 {
  const rel = p.clone().sub(eye.center);
  const d = rel.length();
  const reach = eye.lidRadius + 0.0025;
  if (d >= reach || rel.z < -0.3 * d) return p;
  const floor = 0.85 * eye.eyeRadius;
  let carved = floor + (d / reach) ** 4 * (reach - floor);
  // Inside the almond the skin must sit behind the eyeball, however far the lids open.
  const azimuth = Math.atan2(rel.x, rel.z);
  const elevation = Math.asin(rel.y / d);
  const inOpening = 1 - smoothstep(0.85, 1.15, Math.hypot(azimuth / 1.0, elevation / 0.62));
  carved = lerp(carved, Math.min(carved, 0.9 * eye.eyeRadius), inOpening);
  return rel.multiplyScalar(carved / d).add(eye.center);
}

function addFaceSkin(
  part: MeshPart,
  vertices: FaceVertex[],
  colors: Palette,
  eyes: EyeLandmark[],
): { mouthFrontZ: number; mouthLoop: number[] } {
  const halfColumns = 28;
  const rows = 52;
  const mouthPhi = phiAtFrontHeight(MOUTH.y);
  const cornerTheta = thetaAtX(mouthPhi, MOUTH.cornerX);
  const half = warpedSamples(halfColumns, 0, Math.PI, (t) => 1 + 4.4 * Math.exp(-((t / 0.6) ** 2)) + 0.6 * Math.exp(-(((t - 1.45) / 0.3) ** 2)));
  snapNearest(half, cornerTheta, 1, halfColumns - 1);
  const thetas = [Math.PI, ...half.slice(1, halfColumns).reverse().map((t) => -t), ...half.slice(0, halfColumns)];
// Rows gather on the eyes and, closest of all, on the lips, which need several rows each to
  // have volume; the crown (under hair on most) gets few.
  const phis = warpedSamples(rows, 0, Math.PI, (p) => 0.7 + 3.4 * Math.exp(-(((p - 1.72) / 0.4) ** 2)) + 4.5 * Math.exp(-(((p - mouthPhi - 0.02) / 0.15) ** 2)));
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
    // The inner lip darkens quickly into the mouth, so an open mouth reads as a mouth, not a pink cup.
    { width: 0.97, height: 0.0018, depth: 0.0035, follow: 0.9, color: mixRgb(colors.lip, colors.mouth, 0.6) },
    { width: 0.9, height: 0.0075, depth: 0.01, follow: 0.55, color: scaleRgb(colors.mouth, 0.8) },
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
    new Vector3(0.0145, 0.017, 0.0055), 6, 10,
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
    segments: 6,
    exponent: 4,
    color: (s) => (s.tag === 1 ? scaleRgb(colors.teeth, 0.8) : colors.teeth),
    skin: () => HEAD_SKIN,
    capStart: true,
    capEnd: true,
  });
}

function addEar(part: MeshPart, side: 1 | -1, colors: Palette): void {
  const anchor = headPoint(side * 1.62, 1.62);
  const outward = new Vector3(side, 0, 0.3).normalize();
  const up = new Vector3(0, 1, -0.2).normalize();
  const across = new Vector3().crossVectors(outward, up).normalize();
  const center = anchor.clone().addScaledVector(outward, 0.002).add(new Vector3(0, -0.004, -0.004));
  addEllipsoid(
    part, center, { x: up, y: across, z: outward }, new Vector3(0.029, 0.017, 0.008), 8, 12,
    (_p, l) => earColor(colors, l.z > 0.2 ? 1 - smoothstep(0.35, 0.75, Math.hypot(l.x * 1.1, l.y)) : 0),
    () => HEAD_SKIN,
  );
}
