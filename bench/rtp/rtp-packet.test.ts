import { describe, expect, it } from "vitest";
import { classifyPacket, opusLikePayload, readRtpHeader, timestampStep, writeRtpPacket } from "./rtp-packet.ts";

describe("writeRtpPacket", () => {
  it("writes an RFC 3550 header in network byte order", () => {
    const packet = writeRtpPacket({ payloadType: 100, sequenceNumber: 0x1234, timestamp: 0xdeadbeef, ssrc: 0x01020304, marker: true }, Uint8Array.of(9, 8, 7));
    expect([...packet]).toEqual([0x80, 0x80 | 100, 0x12, 0x34, 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 9, 8, 7]);
  });

  it("wraps the sequence number and timestamp instead of overflowing", () => {
    const packet = writeRtpPacket({ payloadType: 111, sequenceNumber: 0x10001, timestamp: 2 ** 32 + 5, ssrc: 7, marker: false }, new Uint8Array(0));
    expect(readRtpHeader(packet)).toEqual({ payloadType: 111, sequenceNumber: 1, timestamp: 5, ssrc: 7, marker: false });
  });
});

describe("classifyPacket", () => {
  it("tells RTP from RTCP on a muxed port", () => {
    expect(classifyPacket(writeRtpPacket({ payloadType: 100, sequenceNumber: 1, timestamp: 1, ssrc: 1, marker: true }, new Uint8Array(80)))).toBe("rtp");
    // A sender report: V=2, PT=200.
    expect(classifyPacket(Uint8Array.of(0x80, 200, 0, 6, ...new Array<number>(24).fill(0)))).toBe("rtcp");
    expect(classifyPacket(Uint8Array.of(0x16, 0xfe, 0xfd))).toBe("other");
  });
});

describe("Opus framing", () => {
  it("steps the timestamp by 960 per 20 ms frame at 48 kHz", () => {
    expect(timestampStep(48000, 50)).toBe(960);
  });

  it("starts the payload with a real TOC byte", () => {
    const payload = opusLikePayload(80, Uint8Array.of(1, 2, 3), 0);
    expect(payload.length).toBe(80);
    expect(payload[0]).toBe(0x78);
  });
});
