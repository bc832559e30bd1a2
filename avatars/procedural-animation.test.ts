import { Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { buildAvatar } from "./build-avatar.ts";
import { animateRig, type RigState, rigBones } from "./procedural-animation.ts";
import { PRESETS } from "./presets.ts";

const still: RigState = { time: 0, speed: 0, turnRate: 0, talking: false, waving: false };

describe("animateRig", () => {
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
});
