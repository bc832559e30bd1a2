import { describe, expect, it } from "vitest";
import type { QualityRating } from "../../game-server/protocol/qoe.ts";
import { climbWait, DEFAULT_LADDER, initialLadder, stepLadder, type LadderState, type LadderStep } from "./degradation-ladder.ts";

const good: QualityRating = { level: "good", score: 95, worst: { metric: "rttMs", value: 30 } };
const fair: QualityRating = { level: "fair", score: 60, worst: { metric: "lossPct", value: 5 } };
const poor: QualityRating = { level: "poor", score: 40, worst: { metric: "lossPct", value: 11 } };
const bad: QualityRating = { level: "bad", score: 10, worst: { metric: "lossPct", value: 38.4 } };
const unknown: QualityRating = { level: "unknown", score: null };

/** Feeds windows one by one; answers the final state and every step taken, with the window it happened in. */
function run(ratings: readonly QualityRating[], state: LadderState = initialLadder()) {
  const steps: (LadderStep & { at: number })[] = [];
  ratings.forEach((rating, at) => {
    const next = stepLadder(state, rating);
    state = next.state;
    if (next.step) steps.push({ ...next.step, at });
  });
  return { state, steps };
}

const times = (n: number, r: QualityRating) => Array.from({ length: n }, () => r);

describe("degradation ladder", () => {
  it("drops video after three poor windows in a row, and voice only after three bad ones", () => {
    const { state, steps } = run([...times(3, poor), ...times(2, poor), ...times(3, bad)]);
    expect(steps).toEqual([
      { from: "video", to: "audio", direction: "down", reason: "packet loss 11 %", at: 2 },
      { from: "audio", to: "text", direction: "down", reason: "packet loss 38 %", at: 7 },
    ]);
    expect(state.level).toBe("text");
  });

  it("ignores a short burst: two bad windows then a good one change nothing", () => {
    expect(run([bad, bad, good, bad, bad, good]).steps).toEqual([]);
  });

  it("climbs only after a longer run of good windows (hysteresis), one rung at a time", () => {
    const down = run(times(6, bad)).state;
    expect(down.level).toBe("text");
    const { steps, state } = run([...times(5, fair), ...times(7, good), good], down);
    expect(steps.map((s) => [s.to, s.at])).toEqual([
      ["audio", 4], // 5 usable windows: voice back
      ["video", 12], // then 8 good ones: video back
    ]);
    expect(state.level).toBe("video");
  });

  it("needs good, not merely fair, windows to bring video back", () => {
    const atAudio = run(times(3, poor)).state;
    expect(run(times(20, fair), atAudio).state.level).toBe("audio");
  });

  it("lets a fair window pass on the way back to video, but starts the wait over after a poor one", () => {
    const atAudio = run(times(3, poor)).state;
    expect(run([...times(4, good), fair, ...times(4, good)], atAudio).state.level).toBe("video");
    expect(run([...times(4, good), poor, ...times(4, good)], atAudio).state.level).toBe("audio");
  });

  it("treats windows with nothing measured as no news either way", () => {
    const { steps } = run([poor, poor, unknown, unknown, poor]);
    expect(steps.map((s) => s.to)).toEqual(["audio"]);
  });

  it("waits twice as long before trying again after a climb that failed", () => {
    let { state } = run(times(6, bad)); // text
    ({ state } = run(times(5, good), state)); // climbs to audio
    expect(state.level).toBe("audio");
    ({ state } = run(times(3, bad), state)); // falls straight back: a failed climb
    expect(state.level).toBe("text");
    expect(climbWait(state)).toBe(2 * DEFAULT_LADDER.upAfter.audio);
    expect(run(times(9, good), state).state.level).toBe("text");
    expect(run(times(10, good), state).state.level).toBe("audio");
  });

  it("caps the back-off, and forgives it after a climb that holds", () => {
    let state = initialLadder("text");
    for (let i = 0; i < 6; i++) {
      state = run(times(climbWait(state)!, good), state).state;
      state = run(times(3, bad), state).state;
    }
    expect(climbWait(state)).toBe(DEFAULT_LADDER.maxBackoff * DEFAULT_LADDER.upAfter.audio);
    state = run(times(climbWait(state)! + DEFAULT_LADDER.failWindow, fair), state).state; // climbs and stays
    expect(state.level).toBe("audio");
    expect(state.backoff.audio).toBe(DEFAULT_LADDER.maxBackoff / 2);
  });

  it("says a lost connection plainly", () => {
    const dropped: QualityRating = { level: "bad", score: 0, worst: { metric: "connection", value: 0 } };
    expect(run(times(3, dropped)).steps[0]?.reason).toBe("the connection dropped");
  });
});
