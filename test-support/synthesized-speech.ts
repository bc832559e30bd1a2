import { spawn } from "node:child_process";
import { EspeakSynthesizer } from "../game-server/concierge/speech/espeak.ts";
import { resample } from "../game-server/concierge/speech/resample.ts";
import { parseWav } from "../game-server/concierge/speech/wav.ts";

/**
 * Spoken English for speech recognition tests and the recognition benchmark: espeak-ng, read
 * as the concierge's voice is (`concierge/speech/`), resampled to the recognizers' 16 kHz by
 * ffmpeg. Its band-limited resampler matters here: the concierge's simple one (`resample.ts`,
 * plenty for a voice played to people) folds espeak's 8–11 kHz energy into the band a
 * recognizer listens to, and costs pocketsphinx words. Without ffmpeg it is used all the same.
 */
export interface SpeechVoice {
  /** An espeak-ng voice, variant after `+`. */
  voice: string;
  wordsPerMinute: number;
}

/**
 * The voice the recognizer tests speak with. espeak's voices differ a lot to pocketsphinx's
 * US-English model: this female variant at 140 words a minute is the one it hears best
 * (about 16 % word errors on the benchmark set, against 50–75 % for espeak's default male voice).
 */
export const TEST_VOICE: SpeechVoice = { voice: "en-us+f2", wordsPerMinute: 140 };

export const SPEECH_SAMPLE_RATE = 16_000;

/** Undefined when espeak-ng runs here; otherwise why not (tests skip with it). */
export function speechSynthesisUnavailable(): Promise<string | undefined> {
  return new EspeakSynthesizer().unavailable();
}

/** `text` spoken by `voice`, 16 kHz mono. espeak-ng's own silence before and after is kept. */
export async function synthesizeSpeech(text: string, voice: SpeechVoice = TEST_VOICE): Promise<Int16Array> {
  const wav = await new Promise<Buffer>((resolve, reject) => {
    const child = spawn("espeak-ng", ["-v", voice.voice, "-s", String(voice.wordsPerMinute), "--stdout", "--stdin"], { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`espeak-ng exited with ${code}: ${stderr.trim()}`))));
    child.stdin.end(text);
  });
  const pcm = parseWav(wav);
  return (await ffmpegResample(pcm.samples, pcm.sampleRate)) ?? resample(pcm, SPEECH_SAMPLE_RATE).samples;
}

let ffmpegMissing = false;

/** Undefined when ffmpeg cannot be run here. */
async function ffmpegResample(samples: Int16Array, sampleRate: number): Promise<Int16Array | undefined> {
  if (ffmpegMissing) return undefined;
  const args = ["-loglevel", "error", "-f", "s16le", "-ar", String(sampleRate), "-ac", "1", "-i", "-", "-ar", String(SPEECH_SAMPLE_RATE), "-f", "s16le", "-"];
  const raw = await new Promise<Buffer | undefined>((resolve, reject) => {
    const child = spawn("ffmpeg", args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on("error", (error: NodeJS.ErrnoException) => (error.code === "ENOENT" ? resolve(undefined) : reject(error)));
    child.on("close", (code) => (code === 0 ? resolve(Buffer.concat(out)) : reject(new Error(`ffmpeg exited with ${code}: ${stderr.trim()}`))));
    child.stdin.on("error", () => undefined);
    child.stdin.end(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  });
  if (!raw) {
    ffmpegMissing = true;
    return undefined;
  }
  const out = new Int16Array(raw.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = raw.readInt16LE(i * 2);
  return out;
}

/** Digital silence. */
export function silence(ms: number): Int16Array {
  return new Int16Array(Math.round((ms * SPEECH_SAMPLE_RATE) / 1000));
}

/** A quiet room through a microphone: seeded white noise about 60 dB below full scale. */
export function roomNoise(ms: number, seed = 1): Int16Array {
  let state = seed >>> 0 || 1;
  const random = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 0x1_0000_0000;
  };
  return Int16Array.from({ length: Math.round((ms * SPEECH_SAMPLE_RATE) / 1000) }, () => Math.round((random() * 2 - 1) * 55));
}

export function concat(...parts: Int16Array[]): Int16Array {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Audio cut into the 20 ms chunks a call's audio tap delivers, each with its session offset. */
export function* chunks20ms(samples: Int16Array, startMs: number): Generator<{ pcm: Int16Array; atMs: number }> {
  const size = SPEECH_SAMPLE_RATE / 50;
  for (let i = 0, n = 0; i < samples.length; i += size, n++) yield { pcm: samples.subarray(i, i + size), atMs: startMs + n * 20 };
}

export function durationMs(samples: Int16Array): number {
  return (samples.length * 1000) / SPEECH_SAMPLE_RATE;
}
