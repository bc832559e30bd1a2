import type { types } from "mediasoup";
import { describe, expect, it } from "vitest";
import { MediaLimits, type LimitedProducer } from "./media-limits.ts";

function producer(id: string, kind: types.MediaKind, paused = false): LimitedProducer & { paused: boolean } {
  const p = {
    id,
    kind,
    closed: false,
    paused,
    pause: async () => void (p.paused = true),
    resume: async () => void (p.paused = false),
  };
  return p;
}

describe("MediaLimits", () => {
  it("pauses a limited peer's producers of barred kinds and resumes only those it paused", async () => {
    const limits = new MediaLimits();
    const mic = producer("mic", "audio");
    const camera = producer("cam", "video");
    const mutedScreen = producer("screen", "video", true); // paused by its sender, not by the ladder
    limits.set("ada", { audio: true, video: false });
    for (const p of [mic, camera, mutedScreen]) await limits.applyToProducer("ada", p);
    expect([mic.paused, camera.paused, mutedScreen.paused]).toEqual([false, true, true]);
    expect(limits.accepts("ada", "video")).toBe(false);
    expect(limits.accepts("bob", "video")).toBe(true);

    limits.set("ada", { audio: true, video: true });
    for (const p of [mic, camera, mutedScreen]) await limits.applyToProducer("ada", p);
    expect([mic.paused, camera.paused, mutedScreen.paused], "the sender's own pause stays").toEqual([false, false, true]);
    expect(limits.accepts("ada", "video")).toBe(true);
  });
});
