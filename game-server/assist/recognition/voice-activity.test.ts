import { describe, expect, it } from "vitest";
import { concat } from "../../../test-support/synthesized-speech.ts";
import { levelDb, VoiceActivity, type VoiceEvent } from "./voice-activity.ts";

const RATE = 16_000;
const ms = (n: number) => Math.round((n * RATE) / 1000);

/** A vowel-like tone at a level (dBFS RMS). */
function tone(durationMs: number, db: number): Int16Array {
  const amplitude = 32768 * Math.SQRT2 * 10 ** (db / 20);
  return Int16Array.from({ length: ms(durationMs) }, (_, i) => Math.round(amplitude * Math.sin((2 * Math.PI * 220 * i) / RATE)));
}

/** Steady noise at a level (dBFS RMS), seeded. */
function noise(durationMs: number, db: number, seed = 7): Int16Array {
  let state = seed;
  const amplitude = 32768 * Math.sqrt(3) * 10 ** (db / 20);
  return Int16Array.from({ length: ms(durationMs) }, () => {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    return Math.round(amplitude * ((state / 0x7fffffff) * 2 - 1));
  });
}

const gap = (durationMs: number) => new Int16Array(ms(durationMs));

/** Feeds audio in 20 ms chunks (as a call delivers it) and flushes; returns every event. */
function run(vad: VoiceActivity, audio: Int16Array, chunkMs = 20): VoiceEvent[] {
  const events: VoiceEvent[] = [];
  for (let i = 0; i < audio.length; i += ms(chunkMs)) events.push(...vad.push(audio.subarray(i, i + ms(chunkMs))));
  return [...events, ...vad.flush()];
}

const ends = (events: VoiceEvent[]) => events.filter((e) => e.type === "end");

describe("voice activity", () => {
  it("measures levels in dBFS (silence reads -100)", () => {
    expect(levelDb(tone(100, -20))).toBeCloseTo(-20, 0);
    expect(levelDb(gap(20))).toBe(-100);
  });

  it("finds a stretch of speech in silence, starting a little before it and ending after it", () => {
    const events = run(new VoiceActivity(), concat(gap(1000), tone(1500, -25), gap(1500)));
    expect(events.map((e) => e.type)).toEqual(["start", "end"]);
    const [start, end] = events as [Extract<VoiceEvent, { type: "start" }>, Extract<VoiceEvent, { type: "end" }>];
    // Pre-roll of 200 ms before the onset at 1000 ms.
    expect(start.start).toBe(ms(800));
    expect(end.start).toBe(ms(800));
    expect(end.end).toBe(ms(2500));
    // The audio handed on: pre-roll, speech, 200 ms of tail.
    expect(end.samples.length).toBe(ms(200 + 1500 + 200));
    expect(levelDb(end.samples.subarray(ms(200), ms(1700)))).toBeCloseTo(-25, 0);
  });

  it("bridges the pauses between words, and splits at a pause longer than the hangover", () => {
    const words = concat(tone(400, -25), gap(250), tone(300, -28), gap(400), tone(500, -22));
    const events = run(new VoiceActivity(), concat(gap(500), words, gap(1000), words, gap(1000)));
    expect(ends(events)).toHaveLength(2);
  });

  it("cuts wherever the audio's chunks happen to end: the same events for 20 ms and 7 ms chunks", () => {
    const audio = concat(gap(500), tone(700, -25), gap(900), tone(400, -30), gap(900));
    const strip = (events: VoiceEvent[]) => events.map((e) => (e.type === "end" ? { ...e, samples: e.samples.length } : e));
    expect(strip(run(new VoiceActivity(), audio, 7))).toEqual(strip(run(new VoiceActivity(), audio, 20)));
    expect(ends(run(new VoiceActivity(), audio, 7))).toHaveLength(2);
  });

  it("does not take a click, a whisper below the threshold or a quiet room for speech", () => {
    expect(run(new VoiceActivity(), concat(gap(500), tone(40, -10), gap(1000)))).toEqual([]);
    expect(run(new VoiceActivity(), concat(noise(500, -60), tone(1000, -52), noise(1000, -60)))).toEqual([]);
    expect(run(new VoiceActivity(), noise(5000, -60))).toEqual([]);
  });

  it("learns a steady loud hum as the noise floor: it ends the utterance it started, then speech above it is heard", () => {
    const hum = noise(8000, -35);
    const events = run(new VoiceActivity(), concat(hum, tone(1000, -15), noise(1500, -35, 9)));
    const found = ends(events);
    // The hum's onset reads as speech until the floor rises to it (≤ 3 s), then speech 20 dB above it.
    expect(found).toHaveLength(2);
    expect(found[0]!.end).toBeLessThanOrEqual(ms(3500));
    expect(found[1]!.start).toBeGreaterThanOrEqual(ms(8000 - 200));
    expect(found[1]!.end).toBe(ms(9000));
  });

  it("cuts an utterance at its maximum length and goes on listening", () => {
    const events = run(new VoiceActivity({ maxUtteranceMs: 2000 }), concat(gap(200), tone(3000, -25), gap(1000)));
    const found = ends(events);
    expect(found).toHaveLength(2);
    expect(found[0]!.end - found[0]!.start).toBe(ms(2000));
    expect(found[1]!.end).toBe(ms(3200));
  });

  it("ends the utterance still being heard when flushed", () => {
    const vad = new VoiceActivity();
    const events = vad.push(concat(gap(300), tone(600, -25)));
    expect(events.map((e) => e.type)).toEqual(["start"]);
    expect(vad.speaking).toBe(true);
    const flushed = vad.flush();
    expect(flushed).toMatchObject([{ type: "end", start: ms(100), end: ms(900) }]);
    expect(vad.speaking).toBe(false);
    expect(vad.flush()).toEqual([]);
  });
});
