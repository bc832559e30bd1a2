import { Bone, Group, type Object3D, Quaternion, Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { buildAvatar } from "./build-avatar.ts";
import { animateRig, type RigState, rigBones } from "./procedural-animation.ts";
import { PRESETS } from "./presets.ts";

const still: RigState = { time: 0, speed: 0, turnRate: 0, talking: false, waving: false };

describe("animateRig", () => {
  it("turns the head and neck with a tracked head pose, the head most", () => {
    const avatar = buildAvatar(PRESETS.kenji);
    const bones = rigBones(avatar);
    const facing = () => new Vector3(0, 0, 1).applyQuaternion(bones.Head!.getWorldQuaternion(new Quaternion()));
    animateRig(bones, { ...still, time: 0 }, 0);
    avatar.updateMatrixWorld(true);
    const ahead = facing();
    animateRig(bones, { ...still, time: 0, headPose: { yaw: 0.5, pitch: 0, roll: 0 } }, 0);
    avatar.updateMatrixWorld(true);
    const turned = facing();
    // Turned about the vertical by (nearly) the whole yaw: 70 % in the head, 30 % in the neck.
    const angle = Math.atan2(turned.x, turned.z) - Math.atan2(ahead.x, ahead.z);
    expect(angle).toBeGreaterThan(0.4);
    expect(angle).toBeLessThan(0.6);
  });

  it("breathes: the chest moves over time while idle", () => {
    const bones = rigBones(buildAvatar(PRESETS.kenji));
    const angles: number[] = [];
    for (let t = 0; t < 4.5; t += 0.1) {
      animateRig(bones, { ...still, time: t }, 0.1);
      angles.push(bones.Spine2!.quaternion.x);
    }
    expect(Math.max(...angles) - Math.min(...angles)).toBeGreaterThan(0.01);
  });

  it("walks: the legs swing in opposition and the swing grows with speed", () => {
    const avatar = buildAvatar(PRESETS.kenji);
    const bones = rigBones(avatar);
    const swing = (speed: number): number => {
      let max = 0;
      for (let t = 0; t < 3; t += 1 / 30) {
        animateRig(bones, { ...still, speed, time: t }, 1 / 30);
        max = Math.max(max, Math.abs(bones.LeftUpLeg!.quaternion.x));
        if (t > 1) expect(Math.sign(bones.LeftUpLeg!.quaternion.x) * Math.sign(bones.RightUpLeg!.quaternion.x)).toBeLessThanOrEqual(0);
      }
      return max;
    };
    const idle = swing(0);
    const stroll = swing(0.6);
    const brisk = swing(1.5);
    expect(idle).toBeLessThan(0.05);
    expect(stroll).toBeGreaterThan(idle);
    expect(brisk).toBeGreaterThan(stroll);
  });

  it("hangs the arms down from the T-pose and raises the right hand to wave", () => {
    const avatar = buildAvatar(PRESETS.kenji);
    const bones = rigBones(avatar);
    const headY = bones.Head!.getWorldPosition(new Vector3()).y;
    for (let t = 0; t < 2; t += 1 / 30) animateRig(bones, { ...still, time: t }, 1 / 30);
    avatar.updateMatrixWorld(true);
    expect(bones.LeftHand!.getWorldPosition(new Vector3()).y).toBeLessThan(1.0);
    for (let t = 2; t < 4; t += 1 / 30) animateRig(bones, { ...still, waving: true, time: t }, 1 / 30);
    avatar.updateMatrixWorld(true);
    expect(bones.RightHand!.getWorldPosition(new Vector3()).y).toBeGreaterThan(headY - 0.1);
  });

  it("moves a rig whose bones have other rest orientations (an RPM export) the same way in the world", () => {
    const ours = buildAvatar(PRESETS.kenji);
    ours.updateMatrixWorld(true);
    const theirs = reorientedCopy(ours);
    const [a, b] = [rigBones(ours), rigBones(theirs)];
    for (let t = 0; t < 2; t += 1 / 30) {
      const state = { time: t, speed: 1.1, turnRate: 0.6, talking: true, waving: t > 1 };
      animateRig(a, state, 1 / 30);
      animateRig(b, state, 1 / 30);
    }
    ours.updateMatrixWorld(true);
    theirs.updateMatrixWorld(true);
    for (const name of ["Hips", "Head", "LeftHand", "RightHand", "LeftFoot", "RightFoot"] as const) {
      const pa = a[name]!.getWorldPosition(new Vector3());
      const pb = b[name]!.getWorldPosition(new Vector3());
      expect(pb.distanceTo(pa), name).toBeLessThan(1e-4);
    }
  });
});

/**
 * The same skeleton (same joint positions) rebuilt with arbitrary rest rotations on every bone,
 * under an Armature scaled and turned the way a Blender export from centimetres can be.
 */
function reorientedCopy(source: Object3D): Group {
  const root = new Group();
  const armature = new Group();
  armature.name = "Armature";
  armature.scale.setScalar(0.01);
  armature.quaternion.setFromAxisAngle(new Vector3(1, 0, 0), Math.PI / 2);
  root.add(armature);
  armature.updateMatrixWorld(true);
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647) * 2 - 1;
  const copy = (bone: Object3D, parent: Object3D): void => {
    const clone = new Bone();
    clone.name = bone.name;
    parent.add(clone);
    const worldRotation = new Quaternion(random(), random(), random(), random()).normalize();
    const parentRotation = parent.getWorldQuaternion(new Quaternion());
    clone.quaternion.copy(parentRotation.invert().multiply(worldRotation));
    clone.position.copy(parent.worldToLocal(bone.getWorldPosition(new Vector3())));
    clone.updateMatrixWorld(true);
    for (const child of bone.children) if ((child as Bone).isBone) copy(child, clone);
  };
  copy(source.getObjectByName("Hips")!, armature);
  return root;
}
