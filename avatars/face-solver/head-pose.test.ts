import { describe, expect, it } from "vitest";
import { syntheticFace, type FaceView } from "./fixtures/synthetic-face.ts";
import { headFrame, poseFromRotation, relativePose, rotationFromMatrix, rotationFromPose, splitHeadNeck, type HeadPose } from "./head-pose.ts";
import { EYE, NOSE } from "./landmark-indices.ts";

const POSES: HeadPose[] = [
  { yaw: 0, pitch: 0, roll: 0 },
  { yaw: 0.5, pitch: 0, roll: 0 },
  { yaw: -0.6, pitch: 0, roll: 0 },
  { yaw: 0, pitch: 0.4, roll: 0 },
  { yaw: 0, pitch: -0.3, roll: 0 },
  { yaw: 0, pitch: 0, roll: 0.45 },
  { yaw: 0.35, pitch: -0.25, roll: -0.3 },
  { yaw: -0.2, pitch: 0.3, roll: 0.2 },
];

const close = (a: HeadPose, b: HeadPose, tolerance: number) => {
  expect(Math.abs(a.yaw - b.yaw)).toBeLessThan(tolerance);
  expect(Math.abs(a.pitch - b.pitch)).toBeLessThan(tolerance);
  expect(Math.abs(a.roll - b.roll)).toBeLessThan(tolerance);
};

describe("head pose", () => {
  it("means what the avatar needs: yaw towards the person's left, pitch down, roll to their right shoulder", () => {
    // On an unmirrored camera image the person's left is the image's right.
    const front = syntheticFace();
    const at = (frame: typeof front, i: number) => frame.landmarks[i]!;
    const turnedLeft = syntheticFace({}, { yaw: 0.4 });
    expect(at(turnedLeft, NOSE.tip).x - at(turnedLeft, NOSE.bridge).x).toBeGreaterThan(at(front, NOSE.tip).x - at(front, NOSE.bridge).x + 0.01);
    expect(headFrame(turnedLeft.landmarks, turnedLeft).pose.yaw).toBeGreaterThan(0.3);

    const nodding = syntheticFace({}, { pitch: 0.3 });
    expect(at(nodding, NOSE.tip).y - at(nodding, NOSE.bridge).y).toBeGreaterThan(at(front, NOSE.tip).y - at(front, NOSE.bridge).y + 0.01);
    expect(headFrame(nodding.landmarks, nodding).pose.pitch).toBeGreaterThan(0.2);

    const tilted = syntheticFace({}, { roll: 0.3 });
    expect(at(tilted, EYE.left.outer).y).toBeLessThan(at(tilted, EYE.right.outer).y - 0.01);
    expect(headFrame(tilted.landmarks, tilted).pose.roll).toBeGreaterThan(0.2);
  });

  it.each(POSES)("reads %o from the facial transformation matrix", (pose) => {
    const frame = syntheticFace({}, { ...pose, centerX: 0.4 });
    const head = headFrame(frame.landmarks, frame);
    expect(head.source).toBe("matrix");
    close(head.pose, pose, 1e-9);
  });

  it.each(POSES)("reads %o from the landmarks alone, and while the face is moving", (pose) => {
    for (const view of [{ ...pose }, { ...pose, centerX: 0.3, centerY: 0.6, size: 1 / 70 }] as FaceView[]) {
      const { landmarks, aspect, focalLength } = syntheticFace({}, view);
      const head = headFrame(landmarks, { aspect, focalLength });
      expect(head.source).toBe("landmarks");
      close(head.pose, pose, 0.01);
      // An expression does not turn the head.
      const talking = syntheticFace({ jawOpen: 0.8, smileLeft: 1, browInnerUp: 1, blinkRight: 1 }, view);
      close(headFrame(talking.landmarks, { aspect, focalLength }).pose, pose, 0.01);
    }
  });

  it("sees a face in a corner of a close camera's image as not turned", () => {
    const { landmarks, aspect, focalLength } = syntheticFace({}, { centerX: 0.15, centerY: 0.2, distance: 30 });
    close(headFrame(landmarks, { aspect, focalLength }).pose, { yaw: 0, pitch: 0, roll: 0 }, 0.01);
  });

  it("takes the face's size from the eyes and removes the matrix's scale", () => {
    const near = syntheticFace({}, { size: 1 / 20 });
    const far = syntheticFace({}, { size: 1 / 60 });
    expect(headFrame(near.landmarks, near).scale / headFrame(far.landmarks, far).scale).toBeCloseTo(3, 1);
    const scaled = syntheticFace({}, { yaw: 0.3, roll: 0.2 }).matrix.map((v, i) => (i < 12 ? v * 7 : v));
    close(poseFromRotation(rotationFromMatrix(scaled)!), { yaw: 0.3, pitch: 0, roll: 0.2 }, 1e-9);
    expect(rotationFromMatrix(new Array(16).fill(0))).toBeNull();
  });

  it("turns a pose into a rotation and back", () => {
    for (const pose of POSES) close(poseFromRotation(rotationFromPose(pose)), pose, 1e-12);
  });

  it("shares a turn between neck and head, and measures it from the calibrated straight-ahead", () => {
    const pose = { yaw: 0.5, pitch: -0.2, roll: 0.1 };
    const { neck, head } = splitHeadNeck(pose, 0.4);
    close({ yaw: neck.yaw + head.yaw, pitch: neck.pitch + head.pitch, roll: neck.roll + head.roll }, pose, 1e-12);
    expect(neck.yaw).toBeCloseTo(0.2, 12);
    close(relativePose({ yaw: 0.3, pitch: 0.25, roll: 0 }, { yaw: 0.1, pitch: 0.2, roll: 0 }), { yaw: 0.2, pitch: 0.05, roll: 0 }, 1e-12);
    expect(relativePose({ yaw: 3, pitch: 0, roll: 0 }, { yaw: -3, pitch: 0, roll: 0 }).yaw).toBeCloseTo(6 - 2 * Math.PI, 12);
  });
});
