import { describe, expect, it } from "vitest";
import { seededRandom } from "../seed-hash.ts";
import { COEFFICIENT_FILTER, OneEuroChannels, OneEuroFilter, POSE_FILTER } from "./one-euro-filter.ts";

const FRAME_MS = 1000 / 30;

const spread = (values: number[]): number => {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
};

describe("OneEuroFilter", () => {
  it("removes most of the tracker's jitter from a face held still", () => {
    const random = seededRandom(11);
    const filter = new OneEuroFilter(COEFFICIENT_FILTER);
    const raw: number[] = [];
    const out: number[] = [];
    for (let i = 0; i < 300; i++) {
      const v = 0.3 + (random() - 0.5) * 0.08;
      raw.push(v);
      out.push(filter.filter(v, i * FRAME_MS));
    }
    const settled = out.slice(30);
    expect(spread(settled)).toBeLessThan(spread(raw.slice(30)) * 0.45);
    expect(Math.abs(settled.reduce((a, b) => a + b, 0) / settled.length - 0.3)).toBeLessThan(0.01);
  });

  it("lets a blink through within a few frames, where a plain low-pass lags", () => {
    const quick = new OneEuroFilter(COEFFICIENT_FILTER);
    const plain = new OneEuroFilter({ ...COEFFICIENT_FILTER, beta: 0 });
    let t = 0;
    for (let i = 0; i < 30; i++, t += FRAME_MS) {
      quick.filter(0, t);
      plain.filter(0, t);
    }
    // The lid closes over ~70 ms (3 frames) and stays shut for 3 more.
    const lid = [0.33, 0.66, 1, 1, 1, 1];
    const quickTrace = lid.map((v, i) => quick.filter(v, t + i * FRAME_MS));
    const plainTrace = lid.map((v, i) => plain.filter(v, t + i * FRAME_MS));
    // By the frame the lid is shut the avatar's is nearly shut too; a plain low-pass is not half-way.
    expect(quickTrace[2]!).toBeGreaterThan(0.8);
    expect(plainTrace[2]!).toBeLessThan(0.5);
    expect(plainTrace[5]!).toBeLessThan(0.75);
  });

  it("follows the real frame timing: a late frame moves further than a prompt one", () => {
    const prompt = new OneEuroFilter(POSE_FILTER);
    const late = new OneEuroFilter(POSE_FILTER);
    prompt.filter(0, 0);
    late.filter(0, 0);
    const afterPrompt = prompt.filter(0.2, FRAME_MS);
    const afterLate = late.filter(0.2, 200);
    expect(afterLate).toBeGreaterThan(afterPrompt);
    expect(afterLate).toBeLessThanOrEqual(0.2);
  });

  it("passes the first value through, holds on a repeated timestamp, and starts afresh after reset", () => {
    const filter = new OneEuroFilter();
    expect(filter.filter(0.8, 1000)).toBe(0.8);
    expect(filter.filter(0.1, 1000)).toBe(0.8);
    expect(filter.filter(0.1, 990)).toBe(0.8);
    expect(filter.filter(Number.NaN, 1100)).toBe(0.8);
    filter.reset();
    expect(filter.filter(0.1, 2000)).toBe(0.1);
  });
});

describe("OneEuroChannels", () => {
  it("filters each named channel on its own", () => {
    const channels = new OneEuroChannels<"jawOpen" | "eyeBlinkLeft">();
    channels.filter({ jawOpen: 0, eyeBlinkLeft: 0 }, 0);
    let out = { jawOpen: 0, eyeBlinkLeft: 0 };
    for (let i = 1; i <= 5; i++) out = channels.filter({ jawOpen: 0, eyeBlinkLeft: 1 }, i * FRAME_MS);
    expect(out.jawOpen).toBe(0);
    expect(out.eyeBlinkLeft).toBeGreaterThan(0.85);
    channels.reset();
    expect(channels.filter({ jawOpen: 0.5, eyeBlinkLeft: 0.5 }, 10_000)).toEqual({ jawOpen: 0.5, eyeBlinkLeft: 0.5 });
  });
});
