import { describe, expect, it } from "vitest";
import {
  actionUnits, EmotionTracker, estimateEmotion, fuseEmotion, type Coefficients, type EmotionState, type TrackedEmotion,
} from "./emotion-estimate.ts";

const both = (left: string, right: string, v: number): Coefficients => ({ [left]: v, [right]: v }) as Coefficients;
const SMILE = (v: number) => both("mouthSmileLeft", "mouthSmileRight", v);
const FROWN = (v: number) => both("mouthFrownLeft", "mouthFrownRight", v);
const BROWS_DOWN = (v: number) => both("browDownLeft", "browDownRight", v);
const BROWS_OUT_UP = (v: number) => both("browOuterUpLeft", "browOuterUpRight", v);

// A face, as the solver's coefficients → the state it should read.
const FACES: Array<[string, Coefficients, EmotionState]> = [
  ["a still face", {}, "neutral"],
  ["tracker noise", { mouthSmileLeft: 0.12, browDownRight: 0.1, jawOpen: 0.1, eyeSquintLeft: 0.15 }, "neutral"],
  ["talking", { jawOpen: 0.45, mouthFunnel: 0.3, mouthLowerDownLeft: 0.3, mouthLowerDownRight: 0.3 }, "neutral"],
  ["a broad smile (AU6+12)", { ...SMILE(0.8), cheekSquintLeft: 0.5, cheekSquintRight: 0.5 }, "happy"],
  ["a polite smile (AU12)", SMILE(0.4), "happy"],
  ["smiling while talking", { ...SMILE(0.6), jawOpen: 0.4 }, "happy"],
  ["surprise (AU1+2+5+26)", { browInnerUp: 0.8, ...BROWS_OUT_UP(0.8), eyeWideLeft: 0.6, eyeWideRight: 0.6, jawOpen: 0.6 }, "surprised"],
  ["raised brows (AU1+2)", { browInnerUp: 0.7, ...BROWS_OUT_UP(0.7) }, "surprised"],
  ["knitted brows (AU4)", BROWS_DOWN(0.7), "confused"],
  ["one brow raised", { browOuterUpLeft: 0.7 }, "confused"],
  ["brows down, mouth to one side", { ...BROWS_DOWN(0.4), mouthRight: 0.6 }, "confused"],
  ["brows down, lips pressed (AU4+24)", { ...BROWS_DOWN(0.7), mouthPressLeft: 0.6, mouthPressRight: 0.6 }, "frustrated"],
  ["anger (AU4+7+9)", { ...BROWS_DOWN(0.8), noseSneerLeft: 0.6, noseSneerRight: 0.6, eyeSquintLeft: 0.5, eyeSquintRight: 0.5 }, "frustrated"],
  ["sadness (AU1+15)", { ...FROWN(0.7), browInnerUp: 0.6 }, "sad"],
  ["corners down (AU15)", FROWN(0.6), "sad"],
];

describe("estimateEmotion", () => {
  it.each(FACES)("reads %s as %s", (_name, face, state) => {
    expect(estimateEmotion(face).state).toBe(state);
  });

  it("puts pleasant faces above neutral and unpleasant ones below it", () => {
    const valence = (name: string) => estimateEmotion(FACES.find(([n]) => n === name)![1]).valence;
    expect(valence("a still face")).toBe(0);
    expect(valence("a broad smile (AU6+12)")).toBeGreaterThan(0.5);
    expect(valence("a polite smile (AU12)")).toBeGreaterThan(0.2);
    for (const name of ["sadness (AU1+15)", "anger (AU4+7+9)", "brows down, lips pressed (AU4+24)"]) expect(valence(name)).toBeLessThan(-0.3);
  });

  it("reads surprise and anger as aroused, a still or sad face as calm", () => {
    const arousal = (name: string) => estimateEmotion(FACES.find(([n]) => n === name)![1]).arousal;
    expect(arousal("a still face")).toBe(0);
    expect(arousal("surprise (AU1+2+5+26)")).toBeGreaterThan(0.5);
    expect(arousal("anger (AU4+7+9)")).toBeGreaterThan(arousal("sadness (AU1+15)"));
    expect(arousal("sadness (AU1+15)")).toBeLessThan(0.35);
  });

  it("reads coefficients as action units, both sides averaged", () => {
    const u = actionUnits({ mouthSmileLeft: 1, mouthSmileRight: 0.5, browOuterUpLeft: 0.6, jawOpen: 2 });
    expect(u.au12).toBe(0.75);
    expect(u.au2).toBe(0.3);
    expect(u.browAsymmetry).toBeCloseTo(0.6, 12);
    expect(u.au26).toBe(1);
  });
});

describe("fuseEmotion", () => {
  const calm = estimateEmotion({});
  // face, text sentiment → state; words count even when the face does not show it.
  const cases: Array<[string, Coefficients, { score: number; negative: boolean } | null, EmotionState]> = [
    ["a calm face typing angrily", {}, { score: -0.7, negative: true }, "frustrated"],
    ["a calm face typing a mild complaint", {}, { score: -0.3, negative: true }, "frustrated"],
    ["a smiling face typing angrily (sarcasm)", SMILE(0.6), { score: -0.8, negative: true }, "frustrated"],
    ["a sad face with a mild complaint", { ...FROWN(0.8), browInnerUp: 0.7 }, { score: -0.35, negative: true }, "sad"],
    ["a calm face typing thanks", {}, { score: 0.8, negative: false }, "neutral"],
    ["a calm face typing something neutral", {}, { score: -0.1, negative: false }, "neutral"],
    ["a smiling face, no text", SMILE(0.6), null, "happy"],
  ];

  it.each(cases)("reads %s", (_name, face, text, state) => {
    expect(fuseEmotion(estimateEmotion(face), text).state).toBe(state);
  });

  it("moves valence towards the words and weakens the pull of old words", () => {
    expect(fuseEmotion(calm, { score: 0.8, negative: false }).valence).toBeGreaterThan(0.3);
    expect(fuseEmotion(calm, { score: -0.8, negative: true }).valence).toBeLessThan(-0.3);
    const fresh = fuseEmotion(calm, { score: -0.8, negative: true }, 1);
    const old = fuseEmotion(calm, { score: -0.8, negative: true }, 0.2);
    expect(old.scores.frustrated).toBeLessThan(fresh.scores.frustrated);
    expect(old.state).toBe("neutral");
  });
});

describe("EmotionTracker", () => {
  /** Feeds a face at 30 fps from `from` to `to` (ms) and returns every reading. */
  const run = (tracker: EmotionTracker, face: (t: number) => Coefficients | null, from: number, to: number): Array<TrackedEmotion & { t: number }> => {
    const out: Array<TrackedEmotion & { t: number }> = [];
    for (let t = from; t < to; t += 1000 / 30) out.push({ ...tracker.update(face(t), t), t });
    return out;
  };

  it("shows a new state only once it has held for about 1.5 s", () => {
    const tracker = new EmotionTracker();
    run(tracker, () => ({}), 0, 3000);
    const smiling = run(tracker, () => SMILE(0.8), 3000, 7000);
    const shownAt = smiling.find((r) => r.state === "happy")!.t;
    expect(shownAt - 3000).toBeGreaterThanOrEqual(1500);
    expect(shownAt - 3000).toBeLessThan(2600);
    expect(smiling.at(-1)!.since).toBe(shownAt);
    // The leading state is visible before the badge changes.
    expect(smiling.find((r) => r.t >= 4000)!.leading).toBe("happy");
    expect(smiling.find((r) => r.t >= 4000)!.state).toBe("neutral");
  });

  it("does not flicker with a passing grimace or a quick smile", () => {
    const tracker = new EmotionTracker();
    const readings = run(tracker, (t) => {
      const phase = t % 3000;
      if (phase < 500) return SMILE(1);
      if (phase > 1500 && phase < 2000) return { ...BROWS_DOWN(1), mouthPressLeft: 1, mouthPressRight: 1 };
      return {};
    }, 0, 20_000);
    expect(new Set(readings.map((r) => r.state))).toEqual(new Set(["neutral"]));
  });

  it("keeps a shown state while it fades a little, and lets it go when it is gone", () => {
    const tracker = new EmotionTracker();
    run(tracker, () => SMILE(0.8), 0, 4000);
    expect(tracker.update(SMILE(0.8), 4000).state).toBe("happy");
    // A fading smile sits between the exit and enter levels: still happy.
    expect(run(tracker, () => SMILE(0.25), 4000, 9000).every((r) => r.state === "happy")).toBe(true);
    const after = run(tracker, () => ({}), 9000, 13_000);
    expect(after.at(-1)!.state).toBe("neutral");
  });

  it("reads a customer who types angrily with a calm face as frustrated, and lets it fade", () => {
    const tracker = new EmotionTracker();
    run(tracker, () => ({}), 0, 2000);
    tracker.noteText({ score: -0.7, negative: true }, 2000);
    const typed = run(tracker, () => ({}), 2000, 6000);
    expect(typed.at(-1)!.state).toBe("frustrated");
    expect(typed.at(-1)!.valence).toBeLessThan(-0.2);
    const later = run(tracker, () => ({}), 6000, 120_000);
    expect(later.at(-1)!.state).toBe("neutral");
  });

  it("still reads the words when no face is seen", () => {
    const tracker = new EmotionTracker();
    tracker.noteText({ score: -0.6, negative: true }, 0);
    expect(run(tracker, () => null, 0, 4000).at(-1)!.state).toBe("frustrated");
  });
});
