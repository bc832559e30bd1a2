import type { Vector3 } from "three";
import { Bone } from "three";
import { BONE_NAMES, BONE_PARENTS, type BoneName } from "./skeleton-names.ts";

/**
 * Builds the Mixamo-named bone tree from world joint positions. Bind-pose rotations are all
 * identity (bone axes are world axes), which keeps procedural animation readable: a leg
 * swings about X, an arm lowers about Z.
 */
export function buildSkeleton(world: Record<BoneName, Vector3>): { root: Bone; bones: Record<BoneName, Bone> } {
  const bones = {} as Record<BoneName, Bone>;
  for (const name of BONE_NAMES) {
    const bone = new Bone();
    bone.name = name;
    bones[name] = bone;
  }
  for (const name of BONE_NAMES) {
    const bone = bones[name];
    if (name === "Hips") {
      bone.position.copy(world.Hips);
      continue;
    }
    const parent = BONE_PARENTS[name];
    bones[parent].add(bone);
    bone.position.copy(world[name]).sub(world[parent]);
  }
  return { root: bones.Hips, bones };
}
