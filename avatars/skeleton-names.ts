/**
 * Mixamo bone names without the `mixamorig:` prefix, as Ready Player Me exports them. The
 * order is the joint order of every skin we write, so a JOINTS_0 value is an index into it.
 */
export const BONE_NAMES = [
  "Hips", "Spine", "Spine1", "Spine2", "Neck", "Head", "HeadTop_End", "LeftEye", "RightEye",
  "LeftShoulder", "LeftArm", "LeftForeArm", "LeftHand",
  "RightShoulder", "RightArm", "RightForeArm", "RightHand",
  "LeftUpLeg", "LeftLeg", "LeftFoot", "LeftToeBase",
  "RightUpLeg", "RightLeg", "RightFoot", "RightToeBase",
] as const;

export type BoneName = (typeof BONE_NAMES)[number];

/** Each bone's parent; Hips is the root under the `Armature` node. */
export const BONE_PARENTS: Readonly<Record<Exclude<BoneName, "Hips">, BoneName>> = {
  Spine: "Hips", Spine1: "Spine", Spine2: "Spine1", Neck: "Spine2", Head: "Neck",
  HeadTop_End: "Head", LeftEye: "Head", RightEye: "Head",
  LeftShoulder: "Spine2", LeftArm: "LeftShoulder", LeftForeArm: "LeftArm", LeftHand: "LeftForeArm",
  RightShoulder: "Spine2", RightArm: "RightShoulder", RightForeArm: "RightArm", RightHand: "RightForeArm",
  LeftUpLeg: "Hips", LeftLeg: "LeftUpLeg", LeftFoot: "LeftLeg", LeftToeBase: "LeftFoot",
  RightUpLeg: "Hips", RightLeg: "RightUpLeg", RightFoot: "RightLeg", RightToeBase: "RightFoot",
};

export function boneIndex(name: BoneName): number {
  return BONE_NAMES.indexOf(name);
}
