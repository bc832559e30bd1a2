import { describe, expect, it } from "vitest";
import { RateLimits, type RateRule } from "./rate-limits.ts";

const threePerSecond: RateRule = { name: "move", max: 3, windowMs: 1000 };

describe("RateLimits", () => {
  it("allows up to the limit within the window, then again once the oldest use has left it", () => {
    const limits = new RateLimits();
    const t0 = 1_000_000;
    expect(Array.from({ length: 5 }, (_, i) => limits.take("ada", threePerSecond, t0 + i))).toEqual([true, true, true, false, false]);
    expect(limits.take("ada", threePerSecond, t0 + 999)).toBe(false);
    expect(limits.take("ada", threePerSecond, t0 + 1000)).toBe(true);
    expect(limits.take("ada", threePerSecond, t0 + 1000)).toBe(false);
  });

  it("is a sliding window: a burst at the end of one second cannot be followed by another at the start of the next", () => {
    const limits = new RateLimits();
    for (let i = 0; i < 3; i++) expect(limits.take("ada", threePerSecond, 900)).toBe(true);
    expect(limits.take("ada", threePerSecond, 1100)).toBe(false);
  });

  it("keeps visitors and rules apart, and a minimum gap is a rule of one", () => {
    const limits = new RateLimits();
    const gap: RateRule = { name: "emote", max: 1, windowMs: 800, over: "drop" };
    expect(limits.take("ada", gap, 0)).toBe(true);
    expect(limits.take("bob", gap, 0)).toBe(true);
    expect(limits.take("ada", threePerSecond, 0)).toBe(true);
    expect(limits.take("ada", gap, 799)).toBe(false);
    expect(limits.take("ada", gap, 800)).toBe(true);
  });

  it("forgets a visitor who left", () => {
    const limits = new RateLimits();
    const once: RateRule = { name: "x", max: 1, windowMs: 60_000 };
    expect(limits.take("ada", once, 0)).toBe(true);
    expect(limits.take("ada", once, 1)).toBe(false);
    limits.forget("ada");
    expect(limits.take("ada", once, 2)).toBe(true);
  });
});
