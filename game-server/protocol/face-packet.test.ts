import { describe, expect, it } from "vitest";
import {
  decodeFacePacket, encodeFacePacket, FACE_COEFFICIENT_COUNT, FACE_PACKET_BYTES, FACE_PACKET_VERSION, FacePacketError, isNewerFaceSeq,
} from "./face-packet.ts";

const coefficients = (f: (i: number) => number): number[] => Array.from({ length: FACE_COEFFICIENT_COUNT }, (_, i) => f(i));

describe("face packet", () => {
  // That these are the avatar's 52 ARKit shapes, in order, is checked from avatars/ (blendshape-solver.test.ts):
  // protocol/ imports nothing outside itself.
  it("carries the 52 ARKit coefficients", () => {
    expect(FACE_COEFFICIENT_COUNT).toBe(52);
  });

  it("fits a frame in 64 bytes, under 2 KB/s at 30 Hz", () => {
    const bytes = encodeFacePacket({ seq: 1, yaw: 0, pitch: 0, roll: 0, coefficients: coefficients(() => 0.5) });
    expect(bytes.byteLength).toBe(FACE_PACKET_BYTES);
    expect(bytes.byteLength).toBeLessThanOrEqual(64);
    expect(bytes.byteLength * 30).toBeLessThanOrEqual(2048);
  });

  it("round-trips head pose and coefficients within the quantisation step", () => {
    const sent = {
      seq: 40_000,
      yaw: 0.7321,
      pitch: -0.25,
      roll: Math.PI - 1e-5,
      coefficients: coefficients((i) => (i * 37 % 101) / 100),
    };
    const got = decodeFacePacket(encodeFacePacket(sent));
    expect(got.seq).toBe(40_000);
    expect(Math.abs(got.yaw - sent.yaw)).toBeLessThanOrEqual(0.5e-4);
    expect(Math.abs(got.pitch - sent.pitch)).toBeLessThanOrEqual(0.5e-4);
    expect(Math.abs(got.roll - sent.roll)).toBeLessThanOrEqual(0.5e-4);
    for (let i = 0; i < FACE_COEFFICIENT_COUNT; i++) expect(Math.abs(got.coefficients[i]! - sent.coefficients[i]!)).toBeLessThanOrEqual(0.5 / 255 + 1e-7);
    // The ends are exact: a fully closed eye arrives fully closed.
    const ends = decodeFacePacket(encodeFacePacket({ seq: 0, yaw: 0, pitch: 0, roll: 0, coefficients: coefficients((i) => i % 2) }));
    expect(Array.from(ends.coefficients)).toEqual(coefficients((i) => i % 2));
  });

  it("clamps what it cannot carry instead of wrapping it", () => {
    const got = decodeFacePacket(encodeFacePacket({
      seq: 65_537,
      yaw: 10,
      pitch: -10,
      roll: Number.NaN,
      coefficients: coefficients((i) => (i === 0 ? 1.7 : i === 1 ? -0.3 : i === 2 ? Number.NaN : 0.2)),
    }));
    expect(got.seq).toBe(1);
    expect(got.yaw).toBeCloseTo(Math.PI, 3);
    expect(got.pitch).toBeCloseTo(-Math.PI, 3);
    expect(got.roll).toBe(0);
    expect(got.coefficients[0]).toBe(1);
    expect(got.coefficients[1]).toBe(0);
    expect(got.coefficients[2]).toBe(0);
  });

  it("decodes from a view into a larger buffer (as a data channel may hand it over)", () => {
    const bytes = encodeFacePacket({ seq: 7, yaw: 0.1, pitch: 0.2, roll: 0.3, coefficients: coefficients(() => 1) });
    const big = new Uint8Array(100);
    big.set(bytes, 20);
    const got = decodeFacePacket(big.subarray(20, 20 + bytes.byteLength));
    expect(got.seq).toBe(7);
    expect(got.pitch).toBeCloseTo(0.2, 4);
  });

  it("refuses a packet of the wrong length or version with a clear error", () => {
    const good = encodeFacePacket({ seq: 1, yaw: 0, pitch: 0, roll: 0, coefficients: coefficients(() => 0) });
    expect(() => decodeFacePacket(good.subarray(0, 60))).toThrow(new FacePacketError("face packet: expected 61 bytes, got 60"));
    expect(() => decodeFacePacket(new Uint8Array(62))).toThrow(/expected 61 bytes, got 62/);
    const future = good.slice();
    future[0] = FACE_PACKET_VERSION + 1;
    expect(() => decodeFacePacket(future)).toThrow(new FacePacketError("face packet: version 2 is not supported (expected 1)"));
    expect(() => encodeFacePacket({ seq: 1, yaw: 0, pitch: 0, roll: 0, coefficients: [0.5, 0.5] })).toThrow(/expected 52 coefficients, got 2/);
  });

  it("orders sequence numbers across the 16-bit wrap", () => {
    expect(isNewerFaceSeq(11, 10)).toBe(true);
    expect(isNewerFaceSeq(10, 11)).toBe(false);
    expect(isNewerFaceSeq(10, 10)).toBe(false);
    expect(isNewerFaceSeq(2, 65_530)).toBe(true);
    expect(isNewerFaceSeq(65_530, 2)).toBe(false);
  });
});
