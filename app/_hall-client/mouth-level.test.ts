import { describe, expect, it } from "vitest";
import { MOUTH_MAX_OPEN, mouthOpenFromLevel, rmsOf } from "./mouth-level.ts";

describe("mouth opening from the voice's level", () => {
  it("rests on silence and line noise, opens with speech, more for louder syllables", () => {
    expect(mouthOpenFromLevel(0)).toBe(0);
    expect(mouthOpenFromLevel(0.005)).toBe(0);
    expect(mouthOpenFromLevel(Number.NaN)).toBe(0);
    const quiet = mouthOpenFromLevel(0.03);
    const loud = mouthOpenFromLevel(0.15);
    expect(quiet).toBeGreaterThan(0.08);
    expect(loud).toBeGreaterThan(quiet);
  });

  it("never opens the jaw beyond its limit, however loud", () => {
    expect(mouthOpenFromLevel(1)).toBeLessThanOrEqual(MOUTH_MAX_OPEN);
    expect(mouthOpenFromLevel(1)).toBeGreaterThan(MOUTH_MAX_OPEN * 0.95);
  });

  it("measures a block's RMS: a full-scale square wave is 1, a sine 1/√2", () => {
    expect(rmsOf(new Float32Array([1, -1, 1, -1]))).toBeCloseTo(1);
    const sine = Float32Array.from({ length: 4800 }, (_, i) => Math.sin((2 * Math.PI * 440 * i) / 48000));
    expect(rmsOf(sine)).toBeCloseTo(Math.SQRT1_2, 2);
    expect(rmsOf(new Float32Array())).toBe(0);
  });
});
