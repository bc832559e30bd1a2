import { Vector3 } from "three";
import type { BodyProportions } from "./body-proportions.ts";
import type { Skin } from "./mesh-part.ts";
import type { BoneName } from "./skeleton-names.ts";
import { smoothstep, spline, spow } from "./shape-math.ts";

/**
 * The torso as a stack of superelliptic cross-sections over height (reference metres before
 * scaling). Body, clothing decals and the hoodie's hood all sample this one surface, so a
 * badge sits exactly on the chest whatever the body shape.
 */
export const TORSO_EXPONENT = 2.6;
export const TORSO_BOTTOM = 0.88;
export const TORSO_TOP = 1.485;

type Knots = ReadonlyArray<readonly [number, number]>;
const HALF_WIDTH: Knots = [
  [0.88, 0.07], [0.9, 0.13], [0.93, 0.163], [0.98, 0.17], [1.06, 0.15], [1.14, 0.15], [1.22, 0.163],
  [1.3, 0.172], [1.36, 0.182], [1.4, 0.178], [1.43, 0.15], [1.46, 0.09], [1.485, 0.055],
];
const HALF_DEPTH: Knots = [
  [0.88, 0.05], [0.9, 0.09], [0.93, 0.105], [0.98, 0.11], [1.06, 0.1], [1.14, 0.102], [1.22, 0.11],
  [1.3, 0.116], [1.36, 0.108], [1.4, 0.1], [1.43, 0.085], [1.46, 0.066], [1.485, 0.05],
];
const Z_OFFSET: Knots = [[0.88, 0], [0.98, -0.005], [1.1, 0.005], [1.3, 0.005], [1.45, -0.012], [1.485, -0.012]];

export interface TorsoSection {
  y: number;
  halfWidth: number;
  halfDepth: number;
  z: number;
}

/** Cross-section at reference height y, shaped by the body's factors, in world metres. */
export function torsoSection(y: number, body: BodyProportions): TorsoSection {
  const { shape, scale } = body;
  const shoulders = smoothWeight(y, 1.26, 1.38);
  const waist = bump(y, 1.08, 0.1);
  const hips = bump(y, 0.94, 0.1);
  const chest = bump(y, 1.28, 0.08);
  const widthFactor = 1 + (shape.shoulders - 1) * shoulders + (shape.waist - 1) * waist + (shape.hips - 1) * hips;
  const depthFactor = 1 + (shape.chest - 1) * chest + (shape.waist - 1) * waist * 0.8 + (shape.hips - 1) * hips * 0.5;
  return {
    y: y * scale,
    halfWidth: spline(HALF_WIDTH, y) * widthFactor * scale,
    halfDepth: spline(HALF_DEPTH, y) * depthFactor * scale,
    z: spline(Z_OFFSET, y) * scale,
  };
}

/** Angle 0 faces +Z, positive angles turn toward +X (the avatar's left). */
export function torsoPoint(section: TorsoSection, angle: number): Vector3 {
  const e = 2 / TORSO_EXPONENT;
  return new Vector3(
    section.halfWidth * spow(Math.sin(angle), e),
    section.y,
    section.z + section.halfDepth * spow(Math.cos(angle), e),
  );
}

/** The front surface point at world x for reference height y (for decals on the chest). */
export function torsoFrontPoint(x: number, y: number, body: BodyProportions): Vector3 {
  const section = torsoSection(y, body);
  const s = Math.max(-1, Math.min(1, x / section.halfWidth));
  const angle = Math.asin(spow(s, TORSO_EXPONENT / 2));
  return torsoPoint(section, angle);
}

function smoothWeight(y: number, from: number, to: number): number {
  const t = Math.max(0, Math.min(1, (y - from) / (to - from)));
  return t * t * (3 - 2 * t);
}

function bump(y: number, center: number, width: number): number {
  return Math.exp(-(((y - center) / width) ** 2));
}

/** Whether a world point lies inside the torso's surface (for collars that sit on it). */
export function insideTorso(p: Vector3, body: BodyProportions): boolean {
  const y = p.y / body.scale;
  if (y < TORSO_BOTTOM || y > TORSO_TOP) return false;
  const section = torsoSection(y, body);
  const e = TORSO_EXPONENT;
  return Math.abs(p.x / section.halfWidth) ** e + Math.abs((p.z - section.z) / section.halfDepth) ** e < 1;
}

/** Skin weights for a point on (or on clothes over) the torso: up the spine, and toward a shoulder at the sides. */
export function torsoSkin(p: Vector3, body: BodyProportions): Skin {
  const s = body.scale;
  const y = p.y / s;
  const chain: [BoneName, number][] = [["Hips", 0.98], ["Spine", 1.07], ["Spine1", 1.19], ["Spine2", 1.31]];
  let weights: [BoneName, number][] = [["Spine2", 1]];
  for (let i = 0; i + 1 < chain.length; i++) {
    const [a, ya] = chain[i]!;
    const [b, yb] = chain[i + 1]!;
    if (y <= ya) {
      weights = [[a, 1]];
      break;
    }
    if (y < yb) {
      const t = (y - ya) / (yb - ya);
      weights = [[a, 1 - t], [b, t]];
      break;
    }
  }
  const shoulder = smoothstep(0.1 * s, 0.17 * s, Math.abs(p.x)) * smoothstep(1.3, 1.38, y);
  if (shoulder > 0) {
    weights = weights.map(([b, w]) => [b, w * (1 - 0.7 * shoulder)] as [BoneName, number]);
    weights.push([p.x > 0 ? "LeftShoulder" : "RightShoulder", 0.7 * shoulder]);
  }
  return weights;
}
