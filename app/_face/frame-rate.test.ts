import { describe, expect, it } from "vitest";
import { FrameRate } from "./frame-rate.ts";

/** Feeds `n` frames that each took `ms`; answers the rate after them. */
function feed(rate: FrameRate, n: number, ms: number): number {
  for (let i = 0; i < n; i++) rate.record(ms);
  return rate.fps;
}

describe("face tracker frame rate", () => {
  it("tracks at 30 fps while frames fit in half their interval", () => {
    const rate = new FrameRate();
    expect(feed(rate, 20, 12)).toBe(30);
    expect(rate.interval).toBeCloseTo(1000 / 30);
  });

  it("does not count the model's slow first run", () => {
    const rate = new FrameRate();
    rate.record(700);
    expect(feed(rate, 3, 12)).toBe(30);
  });

  it("steps down on a slow device until frames fit their budget", () => {
    const rate = new FrameRate();
    // 45 ms a frame: 30 fps would keep the worker busy 135 % of the time; 10 fps is 45 %.
    expect(feed(rate, 20, 45)).toBe(10);
    expect(rate.interval).toBe(100);
  });

  it("is not thrown down by one slow frame", () => {
    const rate = new FrameRate();
    feed(rate, 10, 11);
    expect(feed(rate, 1, 150)).toBe(30);
    expect(feed(rate, 5, 11)).toBe(30);
  });

  it("falls within a few frames when the device turns slow", () => {
    const rate = new FrameRate();
    feed(rate, 10, 11);
    const after: number[] = [];
    for (let i = 0; i < 12; i++) after.push(feed(rate, 1, 60));
    expect(after.indexOf(10), `rates ${after.join(" ")}`).toBeLessThan(8);
    expect(after.at(-1)).toBe(8); // 60 ms fits half of 125 ms
  });

  it("never goes below its floor", () => {
    const rate = new FrameRate({ minFps: 5 });
    expect(feed(rate, 30, 2000)).toBe(5);
  });

  it("comes back up one step at a time once frames are cheap again, not on one fast frame", () => {
    const rate = new FrameRate();
    feed(rate, 20, 45);
    expect(feed(rate, 1, 10)).toBe(10);
    const climb: number[] = [];
    for (let i = 0; i < 20; i++) climb.push(feed(rate, 1, 10));
    expect(climb.at(-1)).toBe(30);
    // Each answer is at most one step above the one before it.
    const steps = [10, 12, 15, 20, 24, 30];
    climb.reduce((before, now) => (expect(steps.indexOf(now) - steps.indexOf(before)).toBeLessThanOrEqual(1), now), 10);
  });

  it("keeps a margin: frames just inside the faster budget do not make it flip back and forth", () => {
    const rate = new FrameRate();
    feed(rate, 20, 40); // → 12 fps (budget 41.7 ms)
    expect(rate.fps).toBe(12);
    // 32 ms fits 15 fps's 33 ms budget, but not with room to spare: it stays.
    expect(feed(rate, 20, 32)).toBe(12);
  });

  it("allows a bigger share of the CPU when asked", () => {
    expect(feed(new FrameRate({ busyShare: 1 }), 20, 30)).toBe(30);
    expect(feed(new FrameRate({ busyShare: 0.5 }), 20, 30)).toBe(15);
  });
});
