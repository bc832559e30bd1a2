import { Vector3 } from "three";
import type { AvatarParams } from "./avatar-params.ts";
import type { BoneName } from "./skeleton-names.ts";

/** The reference figure is 1.75 m tall; everything below the head scales with height. */
export const REFERENCE_HEIGHT = 1.75;
/** A slightly large head reads friendlier and keeps faces legible at hall distances. */
const STYLISED_HEAD = 1.08;

export interface ShapeFactors {
  shoulders: number;
  waist: number;
  hips: number;
  chest: number;
  limbs: number;
}

const SHAPES: Record<AvatarParams["bodyShape"], ShapeFactors> = {
  slim: { shoulders: 0.93, waist: 0.88, hips: 0.93, chest: 0.92, limbs: 0.87 },
  average: { shoulders: 1, waist: 1, hips: 1, chest: 1, limbs: 1 },
  broad: { shoulders: 1.12, waist: 1.12, hips: 1.04, chest: 1.1, limbs: 1.14 },
  curvy: { shoulders: 0.9, waist: 0.86, hips: 1.12, chest: 1.08, limbs: 0.95 },
};

export interface BodyProportions {
  /** Body scale relative to the reference figure. */
  scale: number;
  /** Heads grow more slowly than bodies, which keeps tall avatars from looking like giants. */
  headScale: number;
  shape: ShapeFactors;
  /** World positions of the joints in the T-pose bind pose. */
  joints: Record<Exclude<BoneName, "LeftEye" | "RightEye">, Vector3>;
  /** Where head-local coordinates (origin between the eyes' height, centre of the skull) sit. */
  headCenter: Vector3;
}

export function bodyProportions(params: AvatarParams): BodyProportions {
  const scale = params.height / REFERENCE_HEIGHT;
  const headScale = (1 + (scale - 1) * 0.45) * STYLISED_HEAD;
  const shape = SHAPES[params.bodyShape];
  const v = (x: number, y: number, z: number): Vector3 => new Vector3(x, y, z).multiplyScalar(scale);
  const armY = 1.41;
  const shoulderX = 0.175 * shape.shoulders;
  const legX = 0.09 * shape.hips;
  const head = v(0, 1.555, 0);
  const headCenter = head.clone().add(new Vector3(0, 0.07, 0.03).multiplyScalar(headScale));
  const joints = {
    Hips: v(0, 0.98, 0),
    Spine: v(0, 1.07, 0),
    Spine1: v(0, 1.19, 0),
    Spine2: v(0, 1.31, 0),
    Neck: v(0, 1.46, -0.01),
    Head: head,
    HeadTop_End: headCenter.clone().add(new Vector3(0, 0.112 * headScale, 0)),
    LeftShoulder: v(0.06, 1.4, -0.01),
    LeftArm: v(shoulderX, armY, -0.015),
    LeftForeArm: v(shoulderX + 0.265, armY, -0.015),
    LeftHand: v(shoulderX + 0.515, armY, -0.015),
    RightShoulder: v(-0.06, 1.4, -0.01),
    RightArm: v(-shoulderX, armY, -0.015),
    RightForeArm: v(-shoulderX - 0.265, armY, -0.015),
    RightHand: v(-shoulderX - 0.515, armY, -0.015),
    LeftUpLeg: v(legX, 0.93, 0),
    LeftLeg: v(legX, 0.5, 0.005),
    LeftFoot: v(legX, 0.085, -0.015),
    LeftToeBase: v(legX, 0.02, 0.105),
    RightUpLeg: v(-legX, 0.93, 0),
    RightLeg: v(-legX, 0.5, 0.005),
    RightFoot: v(-legX, 0.085, -0.015),
    RightToeBase: v(-legX, 0.02, 0.105),
  };
  return { scale, headScale, shape, joints, headCenter };
}
