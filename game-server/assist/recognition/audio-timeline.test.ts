import { describe, expect, it } from "vitest";
import { AudioTimeline, pcmSamples } from "./audio-timeline.ts";

describe("audio timeline", () => {
  it("maps samples of contiguous chunks to session time from the first chunk's offset", () => {
    const t = new AudioTimeline();
    expect(t.place(320, 5000)).toBe(0);
    expect(t.place(320, 5020)).toBe(0);
    expect(t.sessionMs(0)).toBe(5000);
    expect(t.sessionMs(480)).toBe(5030);
    expect(t.endMs).toBe(5040);
  });

  it("takes a few ms of jitter in the stamps as following on, not as a gap", () => {
    const t = new AudioTimeline();
    t.place(320, 0);
    t.place(320, 21.5);
    expect(t.samples).toBe(640);
    expect(t.sessionMs(640)).toBe(40);
  });

  it("puts audio after a gap at its own time, with the silence fed for the gap split around it", () => {
    const t = new AudioTimeline();
    t.place(1600, 0); // 0–100 ms
    const fill = t.place(320, 10_100, 1000); // 10 s of nothing, then 20 ms
    expect(fill).toBe(16_000); // capped at 1 s of silence
    expect(t.samples).toBe(1600 + 16_000 + 320);
    // The first half of the silence follows the audio before…
    expect(t.sessionMs(1600)).toBe(100);
    expect(t.sessionMs(1600 + 7999)).toBeCloseTo(599.94, 1);
    // …the second half leads into the audio after, which keeps its stamp.
    expect(t.sessionMs(1600 + 8000)).toBe(9600);
    expect(t.sessionMs(1600 + 16_000)).toBe(10_100);
    expect(t.endMs).toBe(10_120);
  });

  it("feeds a short gap whole, and none without asking", () => {
    const t = new AudioTimeline();
    t.place(320, 0);
    expect(t.place(320, 120, 1000)).toBe(1600);
    expect(t.sessionMs(320 + 1600)).toBe(120);
    expect(t.place(320, 5000)).toBe(0);
    expect(t.sessionMs(t.samples - 320)).toBe(5000);
  });

  it("takes a chunk stamped earlier than the audio so far as following on", () => {
    const t = new AudioTimeline();
    t.place(3200, 1000);
    t.place(320, 900);
    expect(t.sessionMs(3200)).toBe(1200);
    expect(t.endMs).toBe(1220);
  });

  it("forgets runs wholly before a sample and still maps what is after it", () => {
    const t = new AudioTimeline();
    t.place(160, 0);
    t.place(160, 1000);
    t.place(160, 2000);
    const before = [330, 400, 480].map((s) => t.sessionMs(s));
    expect(t.sessionMs(200)).toBe(1002.5);
    t.forgetBefore(330);
    expect([330, 400, 480].map((s) => t.sessionMs(s))).toEqual(before);
    expect(before).toEqual([2000.625, 2005, 2010]);
  });
});

describe("PCM chunks", () => {
  it("reads a Buffer as little-endian samples and copies an Int16Array (the caller may reuse it)", () => {
    expect([...pcmSamples(Buffer.from([0x01, 0x00, 0xff, 0xff, 0x00, 0x80, 0x7f]))]).toEqual([1, -1, -32768]);
    const mine = Int16Array.from([5, 6]);
    const copy = pcmSamples(mine);
    mine[0] = 0;
    expect([...copy]).toEqual([5, 6]);
  });
});
