import { describe, expect, it } from "vitest";
import { VisemeSmoother, visemesOf, type Spectrum } from "./viseme-analyser.ts";

const RATE = 48_000;
const BINS = 512; // an AnalyserNode with fftSize 1024

/** A spectrum with energy peaks (Hz, dB; each ±1.5 bins wide) over a quiet floor. */
function spectrum(peaks: [number, number][], rms = 0.1): Spectrum {
  const db = new Float32Array(BINS).fill(-110);
  const binHz = RATE / (2 * BINS);
  for (const [hz, level] of peaks) {
    const centre = Math.round(hz / binHz);
    for (let i = centre - 1; i <= centre + 1; i++) if (i > 0 && i < BINS) db[i] = Math.max(db[i]!, level - (i === centre ? 0 : 6));
  }
  return { db, sampleRate: RATE, rms };
}

const strongest = (v: Readonly<Record<string, number>>) => Object.entries(v).sort((a, b) => b[1] - a[1])[0]![0];

describe("visemes from the voice heard", () => {
  it("rests on silence", () => {
    expect(visemesOf(spectrum([[700, -30]], 0.002))).toEqual({ viseme_sil: 1 });
  });

  it("opens for 'ah', spreads for 'ee', rounds for 'oo', hisses for 's'", () => {
    expect(strongest(visemesOf(spectrum([[800, -20], [1200, -26]])))).toBe("viseme_aa");
    expect(strongest(visemesOf(spectrum([[280, -22], [2400, -24], [3000, -30]])))).toBe("viseme_I");
    expect(strongest(visemesOf(spectrum([[300, -20], [800, -30]])))).toBe("viseme_U");
    expect(strongest(visemesOf(spectrum([[6500, -22], [7500, -24], [5000, -28]])))).toBe("viseme_SS");
  });

  it("moves the lips more for a louder voice, and bursts the lips at an onset after silence", () => {
    const quiet = visemesOf(spectrum([[800, -20]], 0.02)).viseme_aa!;
    const loud = visemesOf(spectrum([[800, -20]], 0.15)).viseme_aa!;
    expect(loud).toBeGreaterThan(quiet);
    expect(visemesOf(spectrum([[800, -20]], 0.15), true).viseme_PP).toBeGreaterThan(0);
    expect(visemesOf(spectrum([[800, -20]], 0.15), false).viseme_PP).toBeUndefined();
  });

  it("smooths shapes in fast and out slower, and lets silence close the mouth", () => {
    const lips = new VisemeSmoother();
    const open = visemesOf(spectrum([[800, -20]]));
    let shown = lips.update(open, 1 / 60);
    for (let i = 0; i < 10; i++) shown = lips.update(open, 1 / 60);
    expect(shown.viseme_aa).toBeGreaterThan(0.5 * open.viseme_aa!);
    for (let i = 0; i < 60; i++) shown = lips.update({ viseme_sil: 1 }, 1 / 60);
    expect(shown.viseme_aa).toBe(0);
  });
});
