import { describe, expect, it } from "vitest";
import { estimateWaitMs, HandleTimes } from "./wait-estimate.ts";

const MIN = 60_000;

describe("HandleTimes", () => {
  it("is the default until a conversation is recorded", () => {
    expect(new HandleTimes().typicalMs()).toBe(180_000);
    expect(new HandleTimes(10, 5 * MIN).typicalMs()).toBe(5 * MIN);
  });

  it("is the median of recent conversations, so one very long call does not move it much", () => {
    const times = new HandleTimes();
    for (const ms of [2 * MIN, 3 * MIN, 4 * MIN]) times.record(ms);
    expect(times.typicalMs()).toBe(3 * MIN);
    times.record(90 * MIN);
    expect(times.typicalMs()).toBe(3.5 * MIN); // even count: between the two middle ones
    times.record(3 * MIN);
    expect(times.typicalMs()).toBe(3 * MIN);
  });

  it("keeps only the most recent `size` conversations", () => {
    const times = new HandleTimes(3);
    for (const ms of [10 * MIN, 10 * MIN, 10 * MIN]) times.record(ms);
    for (const ms of [2 * MIN, 2 * MIN]) times.record(ms);
    expect(times.typicalMs()).toBe(2 * MIN);
  });

  it("ignores a negative or non-finite duration", () => {
    const times = new HandleTimes();
    times.record(-5);
    times.record(Number.NaN);
    times.record(Number.POSITIVE_INFINITY);
    expect(times.typicalMs()).toBe(180_000);
  });

  it("refuses a size below 1", () => {
    expect(() => new HandleTimes(0)).toThrow(RangeError);
  });
});

describe("estimateWaitMs", () => {
  it.each([
    // position, agents, expected in handle times
    [1, 1, 0], // next in line with an agent: no wait
    [1, 3, 0],
    [3, 3, 0],
    [2, 1, 1],
    [4, 3, 1],
    [7, 3, 2],
    [10, 2, 4],
    [1, 0, 1], // nobody on duty: at least one handle time
    [3, 0, 3],
  ])("position %i with %i agents waits %i handle times", (position, agents, handles) => {
    expect(estimateWaitMs(position, agents, 4 * MIN)).toBe(handles * 4 * MIN);
  });

  it("grows with the position and shrinks with more agents", () => {
    expect(estimateWaitMs(9, 2, MIN)).toBeGreaterThan(estimateWaitMs(5, 2, MIN));
    expect(estimateWaitMs(9, 4, MIN)).toBeLessThan(estimateWaitMs(9, 2, MIN));
  });

  it("is never negative, whatever it is given", () => {
    for (const [p, a, h] of [[0, 1, MIN], [-3, 2, MIN], [2, -1, MIN], [5, 1, -MIN], [Number.NaN, 1, MIN], [5, 1, Number.NaN]] as const) {
      expect(estimateWaitMs(p, a, h)).toBeGreaterThanOrEqual(0);
    }
  });
});
