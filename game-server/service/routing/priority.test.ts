import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../avatars/seed-hash.ts";
import { compareServing, effectivePriority, servingKey, type InServingOrder } from "./priority.ts";

const MIN = 60_000;
const T0 = 1_767_225_600_000; // 2026-01-01, a realistic epoch-ms size for exactness

const waiting = (basePriority: number, enqueuedAt: number, seq: number, aging = 10): InServingOrder => ({
  key: servingKey(basePriority, enqueuedAt, aging),
  enqueuedAt,
  seq,
});

describe("effective priority", () => {
  it.each([
    { base: 0, waitedMin: 0, expected: 0 },
    { base: 0, waitedMin: 3, expected: 30 },
    { base: 60, waitedMin: 0.5, expected: 65 },
    { base: -20, waitedMin: 2, expected: 0 },
  ])("base $base after $waitedMin min at 10 points a minute is $expected", ({ base, waitedMin, expected }) => {
    expect(effectivePriority(base, T0, T0 + waitedMin * MIN, 10)).toBe(expected);
  });
});

describe("serving order", () => {
  it("serves a later upset customer (+60) before one who has waited less than six minutes", () => {
    const calm = waiting(0, T0, 1);
    const upset = waiting(60, T0 + 2 * MIN, 2);
    expect(compareServing(upset, calm)).toBeLessThan(0);
  });

  it("serves an old contact before a newer high-priority one once it has waited enough longer", () => {
    const old = waiting(0, T0, 1);
    const upsetLater = waiting(60, T0 + 7 * MIN, 2);
    expect(compareServing(old, upsetLater)).toBeLessThan(0);
  });

  it("breaks an exact tie in effective priority by the earlier enqueue, then by arrival order", () => {
    // 60 points six minutes later is the same effective priority at every moment.
    const first = waiting(0, T0, 2);
    const upset = waiting(60, T0 + 6 * MIN, 1);
    expect(first.key).toBe(upset.key);
    expect(compareServing(first, upset)).toBeLessThan(0);
    const sameMs = [waiting(0, T0, 5), waiting(0, T0, 4)];
    expect(sameMs.sort(compareServing).map((w) => w.seq)).toEqual([4, 5]);
  });

  it("agrees with effective priority at every moment, for any mix of priorities and waits", () => {
    const random = seededRandom(7);
    for (let trial = 0; trial < 500; trial++) {
      const aging = [0, 1, 10, 25][Math.floor(random() * 4)]!;
      const a = { base: Math.floor(random() * 5) * 20, at: T0 + Math.floor(random() * 20 * MIN) };
      const b = { base: Math.floor(random() * 5) * 20, at: T0 + Math.floor(random() * 20 * MIN) };
      const now = T0 + 20 * MIN + Math.floor(random() * 60 * MIN);
      const pa = effectivePriority(a.base, a.at, now, aging);
      const pb = effectivePriority(b.base, b.at, now, aging);
      const byKey = Math.sign(compareServing(waiting(a.base, a.at, 1, aging), waiting(b.base, b.at, 2, aging)));
      const expected = pa !== pb ? Math.sign(pb - pa) : a.at !== b.at ? Math.sign(a.at - b.at) : -1;
      expect(byKey).toBe(expected);
    }
  });
});
