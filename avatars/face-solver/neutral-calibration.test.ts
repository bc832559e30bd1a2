import { describe, expect, it } from "vitest";
import { FaceSolver, measureFace } from "./blendshape-solver.ts";
import { syntheticFace, type FaceDeformation, type FaceView } from "./fixtures/synthetic-face.ts";
import { NeutralCalibration } from "./neutral-calibration.ts";

const FRAME_MS = 1000 / 30;

/** Feeds `count` frames at 30 fps from `start` (ms); `face(i)` says what frame i looks like. */
function feed(cal: NeutralCalibration, count: number, face: (i: number) => [FaceDeformation, FaceView?], start = 0): void {
  for (let i = 0; i < count; i++) {
    const [deform, view] = face(i);
    cal.add(measureFace(syntheticFace(deform, view)), start + i * FRAME_MS);
  }
}

describe("NeutralCalibration", () => {
  it("takes about two seconds of frames, and enough of them", () => {
    const cal = new NeutralCalibration();
    expect(cal.neutral()).toBeNull();
    feed(cal, 30, () => [{}]);
    expect(cal.done).toBe(false);
    expect(cal.progress).toBeGreaterThan(0.4);
    expect(cal.progress).toBeLessThan(0.6);
    expect(cal.neutral()).toBeNull();
    feed(cal, 31, () => [{}], 30 * FRAME_MS);
    expect(cal.done).toBe(true);
    expect(cal.neutral()).not.toBeNull();

    // Two seconds of a slow device's 3 fps is too few frames to trust.
    const slow = new NeutralCalibration();
    for (let t = 0; t <= 2400; t += 333) slow.add(measureFace(syntheticFace()), t);
    expect(slow.done).toBe(false);
  });

  it("learns a person's own resting face, so their rest reads as neutral", () => {
    // This person's brows sit high and their mouth rests a little open.
    const rest: FaceDeformation = { browInnerUp: 0.6, browOuterUpLeft: 0.6, browOuterUpRight: 0.6, jawOpen: 0.3 };
    const untuned = new FaceSolver().solve(syntheticFace(rest)).coefficients;
    expect(untuned.browInnerUp).toBeGreaterThan(0.4);
    expect(untuned.jawOpen).toBeGreaterThan(0.2);

    const cal = new NeutralCalibration();
    feed(cal, 70, () => [rest]);
    const solver = new FaceSolver({ neutral: cal.neutral() });
    expect(solver.calibrated).toBe(true);
    const atRest = solver.solve(syntheticFace(rest)).coefficients;
    expect(Math.max(...Object.values(atRest))).toBeLessThan(0.05);
    // …and their own movements still read from there.
    const surprised = solver.solve(syntheticFace({ ...rest, browInnerUp: 1.4, jawOpen: 1 })).coefficients;
    expect(surprised.browInnerUp).toBeGreaterThan(0.6);
    expect(surprised.jawOpen).toBeGreaterThan(0.5);
  });

  it("is not thrown by blinks, a word said or a glance away during calibration", () => {
    const cal = new NeutralCalibration();
    feed(cal, 70, (i) => {
      if (i % 10 === 3) return [{ blinkLeft: 1, blinkRight: 1 }];
      if (i % 15 === 7) return [{ jawOpen: 0.6 }];
      if (i % 20 === 11) return [{}, { yaw: 0.7 }];
      return [{}];
    });
    expect(cal.frames).toBeLessThan(70);
    const solver = new FaceSolver({ neutral: cal.neutral() });
    expect(Math.max(...Object.values(solver.solve(syntheticFace()).coefficients))).toBeLessThan(0.05);
    expect(solver.solve(syntheticFace({ blinkLeft: 1 })).coefficients.eyeBlinkLeft).toBeGreaterThan(0.8);
  });

  it("takes the way the person faces the camera as straight ahead", () => {
    // A camera above the screen: the person looks slightly down at it, head a little turned.
    const habit: FaceView = { pitch: 0.15, yaw: -0.1 };
    const cal = new NeutralCalibration();
    feed(cal, 70, () => [{}, habit]);
    const solver = new FaceSolver({ neutral: cal.neutral() });
    const still = solver.solve(syntheticFace({}, habit)).pose;
    expect(Math.abs(still.yaw)).toBeLessThan(0.01);
    expect(Math.abs(still.pitch)).toBeLessThan(0.01);
    const turned = solver.solve(syntheticFace({}, { ...habit, yaw: 0.3 })).pose;
    expect(turned.yaw).toBeCloseTo(0.4, 2);
  });

  it("starts over on reset", () => {
    const cal = new NeutralCalibration({ durationMs: 500, minFrames: 5 });
    feed(cal, 20, () => [{}]);
    expect(cal.done).toBe(true);
    cal.reset();
    expect(cal.done).toBe(false);
    expect(cal.frames).toBe(0);
    expect(cal.neutral()).toBeNull();
  });
});
