import { describe, expect, it } from "vitest";
import { SequenceTracker } from "./sequence-tracker.ts";

describe("SequenceTracker", () => {
  it("counts a gap as sequence numbers that went by without a packet", () => {
    const t = new SequenceTracker();
    for (const seq of [10, 11, 12, 15, 16]) t.record(1, seq);
    expect(t.span).toBe(7);
    expect(t.received).toBe(5);
  });

  it("unwraps the 16-bit counter", () => {
    const t = new SequenceTracker();
    for (const seq of [65534, 65535, 0, 1]) t.record(1, seq);
    expect(t.span).toBe(4);
  });

  it("keeps streams apart and does not widen the range for a late packet", () => {
    const t = new SequenceTracker();
    t.record(1, 100);
    t.record(2, 5000);
    t.record(1, 102);
    t.record(1, 101);
    expect(t.span).toBe(4);
    expect(t.received).toBe(4);
  });
});
