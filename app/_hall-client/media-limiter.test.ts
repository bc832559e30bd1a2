import { EventEmitter } from "node:events";
import type { types } from "mediasoup-client";
import { describe, expect, it } from "vitest";
import { MediaLimiter } from "./media-limiter.ts";

/** Just enough of mediasoup-client's Producer and Transport for the limiter. */
class FakeProducer {
  readonly observer = new EventEmitter();
  paused = false;
  closed = false;
  readonly kind: "audio" | "video";
  constructor(kind: "audio" | "video") {
    this.kind = kind;
  }
  pause() {
    this.paused = true;
  }
  resume() {
    this.paused = false;
  }
  close() {
    this.closed = true;
    this.observer.emit("close");
  }
}

function setup() {
  const transport = { observer: new EventEmitter() };
  const limiter = new MediaLimiter();
  limiter.watch(transport as unknown as types.Transport);
  const produce = (kind: "audio" | "video") => {
    const p = new FakeProducer(kind);
    transport.observer.emit("newproducer", p);
    return p;
  };
  return { limiter, produce };
}

describe("MediaLimiter", () => {
  it("pauses video at voice-only and everything at text-only, then resumes on the way back", () => {
    const { limiter, produce } = setup();
    const mic = produce("audio");
    const camera = produce("video");
    const screen = produce("video");
    limiter.setLevel("audio");
    expect([mic.paused, camera.paused, screen.paused]).toEqual([false, true, true]);
    limiter.setLevel("text");
    expect([mic.paused, camera.paused, screen.paused]).toEqual([true, true, true]);
    expect(limiter.paused).toEqual({ audio: 1, video: 2 });
    limiter.setLevel("audio");
    expect([mic.paused, camera.paused]).toEqual([false, true]);
    limiter.setLevel("video");
    expect([mic.paused, camera.paused, screen.paused]).toEqual([false, false, false]);
  });

  it("holds a camera turned on while the network is weak until the network recovers", () => {
    const { limiter, produce } = setup();
    limiter.setLevel("audio");
    const camera = produce("video");
    expect(camera.paused).toBe(true);
    limiter.setLevel("video");
    expect(camera.paused).toBe(false);
  });

  it("leaves alone what the visitor paused themselves", () => {
    const { limiter, produce } = setup();
    const camera = produce("video");
    camera.pause(); // the visitor's own choice
    limiter.setLevel("audio");
    limiter.setLevel("video");
    expect(camera.paused).toBe(true);
  });

  it("forgets closed producers", () => {
    const { limiter, produce } = setup();
    const mic = produce("audio");
    limiter.setLevel("text");
    mic.close();
    expect(limiter.paused).toEqual({ audio: 0, video: 0 });
  });
});
