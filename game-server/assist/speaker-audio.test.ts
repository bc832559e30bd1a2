import OpusScript from "opusscript";
import { describe, expect, it } from "vitest";
import { parseRtp, SpeakerAudio } from "./speaker-audio.ts";

const encoder = new OpusScript(48_000, 1, OpusScript.Application.VOIP);

/** 20 ms of a 440 Hz tone as an Opus RTP packet with the given sequence number and timestamp. */
function packet(sequence: number, timestamp: number, extension = false): Buffer {
  const pcm = new Int16Array(960);
  for (let i = 0; i < pcm.length; i++) pcm[i] = Math.round(8000 * Math.sin((2 * Math.PI * 440 * (timestamp + i)) / 48_000));
  const payload = encoder.encode(Buffer.from(pcm.buffer), 960);
  const ext = extension ? Buffer.from([0xbe, 0xde, 0x00, 0x01, 0x10, 0xff, 0x00, 0x00]) : Buffer.alloc(0);
  const header = Buffer.alloc(12);
  header[0] = 0x80 | (extension ? 0x10 : 0);
  header[1] = 100;
  header.writeUInt16BE(sequence & 0xffff, 2);
  header.writeUInt32BE(timestamp >>> 0, 4);
  header.writeUInt32BE(1234, 8);
  return Buffer.concat([header, ext, payload]);
}

describe("SpeakerAudio", () => {
  it("reads the payload past a header extension", () => {
    const rtp = parseRtp(packet(7, 960, true))!;
    expect(rtp.sequence).toBe(7);
    expect(rtp.timestamp).toBe(960);
    expect(rtp.payloadType).toBe(100);
    expect(parseRtp(Buffer.from([1, 2, 3]))).toBeUndefined();
  });

  it("decodes 20 ms frames to 16 kHz and places them on the session's timeline by RTP time", () => {
    let now = 10_000;
    const chunks: { samples: number; atMs: number; peak: number }[] = [];
    const audio = new SpeakerAudio({ sessionStart: 9_000, now: () => now, onPcm: (pcm, atMs) => chunks.push({ samples: pcm.length, atMs, peak: Math.max(...pcm) }) });
    for (let i = 0; i < 5; i++) audio.rtp(packet(100 + i, 48_000 + i * 960));
    // Muted for two seconds (no packets), then the voice goes on: the words land 2 s later.
    now += 2_100;
    audio.rtp(packet(105 + 100, 48_000 + 105 * 960));
    expect(chunks.map((c) => c.samples)).toEqual(new Array(6).fill(320));
    expect(chunks.slice(0, 5).map((c) => c.atMs)).toEqual([1000, 1020, 1040, 1060, 1080]);
    expect(chunks[5]!.atMs).toBe(1000 + 105 * 20);
    expect(chunks[4]!.peak).toBeGreaterThan(3000); // the tone, not silence
    audio.close();
  });

  it("drops a late or repeated packet and re-anchors when the RTP clock jumps", () => {
    let now = 0;
    const at: number[] = [];
    const audio = new SpeakerAudio({ sessionStart: 0, now: () => now, onPcm: (_, atMs) => at.push(atMs) });
    audio.rtp(packet(1, 0));
    audio.rtp(packet(2, 960));
    audio.rtp(packet(2, 960));
    audio.rtp(packet(1, 0));
    expect(audio.dropped).toBe(2);
    now = 500;
    audio.rtp(packet(3, 960 * 1000)); // a sender whose clock leapt 20 s ahead
    expect(at).toEqual([0, 20, 500]);
    audio.close();
  });
});
