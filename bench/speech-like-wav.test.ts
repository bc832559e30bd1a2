import { describe, expect, it } from "vitest";
import { speechLikeWav } from "./speech-like-wav.ts";

describe("speechLikeWav", () => {
  it("is a 48 kHz mono 16-bit WAV of the asked length that never falls silent", () => {
    const wav = speechLikeWav(2);
    expect(wav.toString("ascii", 0, 4)).toBe("RIFF");
    expect(wav.toString("ascii", 8, 12)).toBe("WAVE");
    expect(wav.readUInt32LE(24)).toBe(48_000);
    expect(wav.readUInt16LE(22)).toBe(1);
    expect(wav.readUInt32LE(40)).toBe(2 * 48_000 * 2);
    // RMS of every 20 ms frame (one Opus packet) stays far above silence.
    const frame = 960;
    let quietest = Infinity;
    for (let start = 44; start + frame * 2 <= wav.length; start += frame * 2) {
      let sum = 0;
      for (let i = 0; i < frame; i++) sum += (wav.readInt16LE(start + i * 2) / 32768) ** 2;
      quietest = Math.min(quietest, Math.sqrt(sum / frame));
    }
    expect(20 * Math.log10(quietest)).toBeGreaterThan(-30);
  });
});
