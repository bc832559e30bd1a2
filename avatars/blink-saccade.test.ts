import { describe, expect, it } from "vitest";
import { BlinkSaccadeDriver } from "./blink-saccade.ts";

describe("BlinkSaccadeDriver", () => {
  it("closes the eyes and opens them again within a fraction of a second", () => {
    const driver = new BlinkSaccadeDriver(7);
    driver.update(0.01);
    driver.blink();
    const trace: number[] = [];
    for (let i = 0; i < 30; i++) trace.push(driver.update(1 / 60).eyeBlinkLeft);
    expect(Math.max(...trace)).toBeGreaterThan(0.95);
    const closedAt = trace.findIndex((w) => w > 0.95);
    expect(trace.slice(closedAt).some((w) => w < 0.3)).toBe(true);
  });

  it("blinks on its own every few seconds and moves the gaze", () => {
    const driver = new BlinkSaccadeDriver(3);
    let blinks = 0;
    let wasClosed = false;
    const gaze = new Set<string>();
    for (let i = 0; i < 60 * 20; i++) {
      const w = driver.update(1 / 60);
      const closed = w.eyeBlinkLeft > 0.9;
      if (closed && !wasClosed) blinks++;
      wasClosed = closed;
      gaze.add((w.eyeLookOutLeft - w.eyeLookInLeft).toFixed(2));
      expect(w.eyeBlinkLeft).toBe(w.eyeBlinkRight);
    }
    expect(blinks).toBeGreaterThanOrEqual(3);
    expect(blinks).toBeLessThanOrEqual(12);
    expect(gaze.size).toBeGreaterThan(5);
  });

  it("is deterministic for a seed", () => {
    const a = new BlinkSaccadeDriver(5);
    const b = new BlinkSaccadeDriver(5);
    for (let i = 0; i < 200; i++) expect(a.update(0.05)).toEqual(b.update(0.05));
  });
});
