import { describe, expect, it } from "vitest";
import { decodeFacePacket, encodeFacePacket, FACE_COEFFICIENT_COUNT, type FaceFramePacket } from "../../game-server/protocol/face-packet.ts";
import { FaceDelta, KEEPALIVE_MS, REFRESH_MS, SEND_EVERY_MS } from "./face-delta.ts";

const still = { yaw: 0, pitch: 0, roll: 0 };
const face = (f: (i: number) => number = () => 0.1) => Array.from({ length: FACE_COEFFICIENT_COUNT }, (_, i) => f(i));
const sentValues = (p: FaceFramePacket | null) => (p ? Array.from(p.coefficients).filter((c) => c !== null).length : 0);

describe("what of a face is sent", () => {
  it("sends the whole face first, then only the weights that moved visibly, at most every 33 ms", () => {
    const delta = new FaceDelta();
    const first = delta.next(face(), still, 0);
    expect(sentValues(first)).toBe(FACE_COEFFICIENT_COUNT);
    expect(first!.pose).toEqual(still);
    // Too soon after the last packet: nothing, however much moved.
    expect(delta.next(face(() => 0.9), still, SEND_EVERY_MS - 1)).toBeNull();
    // The jaw opened, one eyelid twitched by less than a viewer could see.
    const talking = delta.next(face((i) => (i === 24 ? 0.6 : i === 0 ? 0.11 : 0.1)), still, 40);
    expect(sentValues(talking)).toBe(1);
    expect(talking!.coefficients[24]).toBe(0.6);
    expect(talking!.pose).toBeNull();
    expect(encodeFacePacket(talking!).byteLength).toBe(12);
    // The head turned a little: the pose goes, no weights.
    const turned = delta.next(face((i) => (i === 24 ? 0.6 : 0.1)), { yaw: 0.05, pitch: 0, roll: 0 }, 80);
    expect(turned!.pose!.yaw).toBe(0.05);
    expect(sentValues(turned)).toBe(0);
    expect(turned!.seq).toBe(talking!.seq + 1);
  });

  it("keeps a still face alive with small packets and refreshes every value once a second", () => {
    const delta = new FaceDelta();
    const values = face();
    delta.next(values, still, 0);
    const packets: FaceFramePacket[] = [];
    for (let t = 40; t <= 1040; t += 40) {
      const p = delta.next(values, still, t);
      if (p) packets.push(p);
    }
    // Keep-alives every 300 ms carry nothing; the refresh a second after the first packet carries it all.
    expect(packets.length).toBeGreaterThanOrEqual(Math.floor(1000 / KEEPALIVE_MS));
    expect(packets.length).toBeLessThanOrEqual(Math.floor(1000 / KEEPALIVE_MS) + 1);
    const sizes = packets.map((p) => encodeFacePacket(p).byteLength);
    expect(Math.min(...sizes)).toBe(11);
    const refresh = packets.find((p) => sentValues(p) === FACE_COEFFICIENT_COUNT);
    expect(refresh).toBeDefined();
    expect(refresh!.pose).toEqual(still);
  });

  it("a viewer who comes into reach mid-stream has every value within a second", () => {
    const delta = new FaceDelta();
    const known = new Array<number | null>(FACE_COEFFICIENT_COUNT).fill(null);
    // The sender's face holds still but for the jaw; the viewer hears from t = 2 s on.
    for (let t = 0; t <= 2000 + REFRESH_MS; t += 34) {
      const p = delta.next(face((i) => (i === 24 ? 0.3 + 0.2 * Math.sin(t / 100) : 0.2)), still, t);
      if (!p || t < 2000) continue;
      decodeFacePacket(encodeFacePacket(p)).coefficients.forEach((c, i) => c !== null && (known[i] = c));
    }
    expect(known.every((c) => c !== null)).toBe(true);
    expect(known[3]).toBeCloseTo(0.2, 2);
  });

  it("after the face was lost for a second, says everything again (receivers have forgotten it)", () => {
    const delta = new FaceDelta();
    delta.next(face(), still, 0);
    delta.next(face(), still, 400);
    const back = delta.next(face(), still, 1500);
    expect(sentValues(back)).toBe(FACE_COEFFICIENT_COUNT);
    expect(back!.pose).not.toBeNull();
  });
});
