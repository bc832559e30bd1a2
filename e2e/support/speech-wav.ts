import { execFileSync } from "node:child_process";
import { join } from "node:path";

/**
 * A WAV of `text` said by espeak-ng (US English), then `silenceS` seconds of quiet, 48 kHz mono:
 * a microphone for Chromium's `--use-file-for-fake-audio-capture` (which loops the file).
 */
export function speechWav(dir: string, name: string, text: string, silenceS: number): string {
  const raw = join(dir, `${name}-raw.wav`);
  const out = join(dir, `${name}.wav`);
  execFileSync("espeak-ng", ["-v", "en-us", "-s", "140", "-w", raw, text]);
  execFileSync("ffmpeg", ["-loglevel", "error", "-y", "-i", raw, "-af", `apad=pad_dur=${silenceS}`, "-ar", "48000", "-ac", "1", "-c:a", "pcm_s16le", out]);
  return out;
}

/** What the customer and the agent say, looped, in the live-assist test and benchmark. */
export const CALL_LINES = {
  customer: "My phone screen is broken. I need a replacement screen for my phone.",
  agent: "Hello, thank you for calling. I can send you a new screen today.",
} as const;
