import { describe, expect, it } from "vitest";
import {
  decodeFacePacket, encodeFacePacket, FACE_COEFFICIENT_COUNT, FACE_PACKET_MAX_BYTES, FACE_PACKET_MIN_BYTES, FACE_PACKET_VERSION,
  FacePacketError, isNewerFaceSeq,
} from "./face-packet.ts";

const coefficients = (f: (i: number) => number | null): (number | null)[] => Array.from({ length: FACE_COEFFICIENT_COUNT }, (_, i) => f(i));
const still = { yaw: 0, pitch: 0, roll: 0 };

describe("face packet", () => {
  // That these are the avatar's 52 ARKit shapes, in order, is checked from avatars/ (blendshape-solver.test.ts):
  // protocol/ imports nothing outside itself.
  it("carries the 52 ARKit coefficients", () => {
    expect(FACE_COEFFICIENT_COUNT).toBe(52);
  });

  it("sends only what changed: a keep-alive is 11 bytes, a whole face with its pose 69, under 2.1 KB/s even at 30 Hz", () => {
    expect(encodeFacePacket({ seq: 1, pose: null, coefficients: coefficients(() => null) }).byteLength).toBe(FACE_PACKET_MIN_BYTES);
    expect(FACE_PACKET_MIN_BYTES).toBe(11);
    const whole = encodeFacePacket({ seq: 1, pose: still, coefficients: coefficients(() => 0.5) });
    expect(whole.byteLength).toBe(FACE_PACKET_MAX_BYTES);
    expect(whole.byteLength * 30).toBeLessThanOrEqual(2100);
    // A talking face: the jaw and three mouth shapes moved, the head did not.
    const talking = encodeFacePacket({ seq: 2, pose: null, coefficients: coefficients((i) => ([24, 25, 30, 31].includes(i) ? 0.4 : null)) });
    expect(talking.byteLength).toBe(15);
  });

  it("round-trips head pose and coefficients within the quantisation step, and says which were left out", () => {
    const sent = {
      seq: 40_000,
      pose: { yaw: 0.7321, pitch: -0.25, roll: Math.PI - 1e-5 },
      coefficients: coefficients((i) => (i % 3 === 0 ? null : (i * 37 % 101) / 100)),
    };
    const got = decodeFacePacket(encodeFacePacket(sent));
    expect(got.seq).toBe(40_000);
    expect(Math.abs(got.pose!.yaw - sent.pose.yaw)).toBeLessThanOrEqual(0.5e-4);
    expect(Math.abs(got.pose!.pitch - sent.pose.pitch)).toBeLessThanOrEqual(0.5e-4);
    expect(Math.abs(got.pose!.roll - sent.pose.roll)).toBeLessThanOrEqual(0.5e-4);
    for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) {
      if (sent.coefficients[i] === null) expect(got.coefficients[i]).toBeNull();
      else expect(Math.abs(got.coefficients[i]! - sent.coefficients[i]!)).toBeLessThanOrEqual(0.5 / 255 + 1e-7);
    }
    // The last coefficient (bit 51) survives as well as the first.
    const last = decodeFacePacket(encodeFacePacket({ seq: 3, pose: null, coefficients: coefficients((i) => (i === 51 ? 1 : null)) }));
    expect(last.coefficients[51]).toBe(1);
    expect(last.coefficients.filter((c) => c !== null)).toHaveLength(1);
    expect(last.pose).toBeNull();
    // The ends are exact: a fully closed eye arrives fully closed.
    const ends = decodeFacePacket(encodeFacePacket({ seq: 0, pose: still, coefficients: coefficients((i) => i % 2) }));
    expect(ends.coefficients).toEqual(coefficients((i) => i % 2));
  });

  it("clamps what it cannot carry instead of wrapping it", () => {
    const got = decodeFacePacket(encodeFacePacket({
      seq: 65_537,
      pose: { yaw: 10, pitch: -10, roll: Number.NaN },
      coefficients: coefficients((i) => (i === 0 ? 1.7 : i === 1 ? -0.3 : i === 2 ? Number.NaN : 0.2)),
    }));
    expect(got.seq).toBe(1);
    expect(got.pose!.yaw).toBeCloseTo(Math.PI, 3);
    expect(got.pose!.pitch).toBeCloseTo(-Math.PI, 3);
    expect(got.pose!.roll).toBe(0);
    expect(got.coefficients[0]).toBe(1);
    expect(got.coefficients[1]).toBe(0);
    expect(got.coefficients[2]).toBe(0);
  });

  it("decodes from a view into a larger buffer (as a data channel may hand it over)", () => {
    const bytes = encodeFacePacket({ seq: 7, pose: { yaw: 0.1, pitch: 0.2, roll: 0.3 }, coefficients: coefficients(() => 1) });
    const big = new Uint8Array(100);
    big.set(bytes, 20);
    const got = decodeFacePacket(big.subarray(20, 20 + bytes.byteLength));
    expect(got.seq).toBe(7);
    expect(got.pose!.pitch).toBeCloseTo(0.2, 4);
  });

  it("refuses a packet whose length its header contradicts, or of another version, with a clear error", () => {
    const good = encodeFacePacket({ seq: 1, pose: still, coefficients: coefficients(() => 0) });
    expect(() => decodeFacePacket(good.subarray(0, 68))).toThrow(new FacePacketError("face packet: its header says 69 bytes, got 68"));
    expect(() => decodeFacePacket(new Uint8Array(10))).toThrow(/expected at least 11 bytes, got 10/);
    const longer = new Uint8Array(70);
    longer.set(good);
    expect(() => decodeFacePacket(longer)).toThrow(/header says 69 bytes, got 70/);
    const padded = encodeFacePacket({ seq: 1, pose: null, coefficients: coefficients(() => null) });
    padded[10] = 0b0000_0001; // a 53rd coefficient that does not exist
    expect(() => decodeFacePacket(padded)).toThrow(/sets unused bits/);
    const old = good.slice();
    old[0] = 1;
    expect(() => decodeFacePacket(old)).toThrow(new FacePacketError(`face packet: version 1 is not supported (expected ${FACE_PACKET_VERSION})`));
    expect(() => encodeFacePacket({ seq: 1, pose: null, coefficients: [0.5, 0.5] })).toThrow(/expected 52 coefficients, got 2/);
  });

  it("orders sequence numbers across the 16-bit wrap", () => {
    expect(isNewerFaceSeq(11, 10)).toBe(true);
    expect(isNewerFaceSeq(10, 11)).toBe(false);
    expect(isNewerFaceSeq(10, 10)).toBe(false);
    expect(isNewerFaceSeq(2, 65_530)).toBe(true);
    expect(isNewerFaceSeq(65_530, 2)).toBe(false);
  });
});
