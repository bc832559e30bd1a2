import { afterEach, describe, expect, it } from "vitest";
import { ARKIT_BLENDSHAPES } from "../../avatars/blendshape-names.ts";
import { encodeFacePacket } from "../../game-server/protocol/face-packet.ts";
import type { HeadPose } from "../../avatars/face-solver/head-pose.ts";
import type { MediaClient, ReceivedData } from "./media-client.ts";
import { RemoteFaces } from "./face-stream.ts";

/** A media client that only delivers data messages, as the SFU would. */
function fakeMedia() {
  const listeners = new Set<(d: ReceivedData) => void>();
  return {
    media: { onData: (l: (d: ReceivedData) => void) => (listeners.add(l), () => listeners.delete(l)) } as unknown as MediaClient,
    deliver: (d: ReceivedData) => listeners.forEach((l) => l(d)),
  };
}

const packet = (seq: number, jawOpen: number, yaw = 0) => {
  const coefficients = ARKIT_BLENDSHAPES.map((name) => (name === "jawOpen" ? jawOpen : 0));
  return encodeFacePacket({ seq, pose: { yaw, pitch: 0, roll: 0 }, coefficients });
};
/** Only the named weights, and no head pose: what a sender says when just those moved. */
const update = (seq: number, weights: Record<string, number>) =>
  encodeFacePacket({ seq, pose: null, coefficients: ARKIT_BLENDSHAPES.map((name) => weights[name] ?? null) });

let faces: RemoteFaces | undefined;
afterEach(() => faces?.close());

describe("other people's faces", () => {
  it("drives a sender's avatar from their face packets, ignoring late and foreign ones, and lets it go idle when they stop", () => {
    const { media, deliver } = fakeMedia();
    const targets = { expressions: new Map<string, Record<string, number>>(), headPoses: new Map<string, HeadPose>() };
    faces = new RemoteFaces(media, targets);
    const bytes = packet(10, 0.8, 0.3);
    deliver({ fromPeerId: "ada", label: "face", data: bytes.buffer.slice(0) as ArrayBuffer });
    expect(targets.expressions.get("ada")!.jawOpen).toBeCloseTo(0.8, 1);
    expect(targets.headPoses.get("ada")!.yaw).toBeCloseTo(0.3, 3);
    // An older frame arriving late on the unordered channel does not undo a newer one.
    faces.apply("ada", packet(9, 0.1), performance.now());
    expect(targets.expressions.get("ada")!.jawOpen).toBeCloseTo(0.8, 1);
    // Other labels and malformed bytes are ignored.
    deliver({ fromPeerId: "ada", label: "board", data: packet(11, 0).buffer as ArrayBuffer });
    deliver({ fromPeerId: "bob", label: "face", data: new Uint8Array([1, 2, 3]).buffer });
    expect(targets.expressions.get("ada")!.jawOpen).toBeCloseTo(0.8, 1);
    expect(targets.expressions.has("bob")).toBe(false);
    // A second of silence: back to the avatar's own idle.
    faces.expire(performance.now() + 1500);
    expect(targets.expressions.has("ada")).toBe(false);
    expect(targets.headPoses.has("ada")).toBe(false);
  });

  it("keeps what earlier packets said for the weights a packet leaves out, and the newest value of each when packets arrive out of order", () => {
    const { media } = fakeMedia();
    const targets = { expressions: new Map<string, Record<string, number>>(), headPoses: new Map<string, HeadPose>() };
    faces = new RemoteFaces(media, targets);
    const now = performance.now();
    faces.apply("ada", packet(1, 0.5, 0.2), now);
    faces.apply("ada", update(3, { eyeBlinkLeft: 1 }), now + 10);
    // Only the blink moved: the jaw and the head stay where packet 1 put them.
    expect(targets.expressions.get("ada")!.eyeBlinkLeft).toBe(1);
    expect(targets.expressions.get("ada")!.jawOpen).toBeCloseTo(0.5, 2);
    expect(targets.headPoses.get("ada")!.yaw).toBeCloseTo(0.2, 3);
    // Packet 2 arrives late: its jaw is news (nothing newer said otherwise), its blink is not.
    faces.apply("ada", update(2, { jawOpen: 0.9, eyeBlinkLeft: 0 }), now + 20);
    expect(targets.expressions.get("ada")!.jawOpen).toBeCloseTo(0.9, 2);
    expect(targets.expressions.get("ada")!.eyeBlinkLeft).toBe(1);
    // After a silence the face starts afresh: nothing stale from before it is kept.
    faces.apply("ada", update(4, { jawOpen: 0.3 }), now + 2000);
    expect(targets.expressions.get("ada")!.jawOpen).toBeCloseTo(0.3, 2);
    expect(targets.expressions.get("ada")!.eyeBlinkLeft).toBe(0);
  });
});
