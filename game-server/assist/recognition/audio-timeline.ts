import { RECOGNIZER_SAMPLE_RATE } from "./recognizer.ts";

/**
 * Where each sample a recognizer was given lies in session time. Audio reaches a stream in
 * chunks stamped with the session offset of their first sample; a recognizer only counts
 * samples. A chunk that starts where the previous one ended continues the current run; one
 * that starts later opens a new run (the gap was silence nobody sent: muted, lost, or a
 * stretch the stream dropped). So the samples' positions map back to session time across gaps.
 */
export class AudioTimeline {
  /** Runs of contiguous samples: the stream index of a run's first sample and its session time. */
  readonly #runs: { sample: number; ms: number }[] = [];
  readonly #samplesPerMs: number;
  /** Start offsets this close to the expected one are jitter in the stamps, not gaps. */
  readonly #toleranceMs: number;
  #samples = 0;

  constructor(sampleRate = RECOGNIZER_SAMPLE_RATE, toleranceMs = 2) {
    this.#samplesPerMs = sampleRate / 1000;
    this.#toleranceMs = toleranceMs;
  }

  /** Samples placed so far (the next one's stream index). */
  get samples(): number {
    return this.#samples;
  }

  /** The session time just after the last sample placed; undefined before any. */
  get endMs(): number | undefined {
    const last = this.#runs.at(-1);
    return last && last.ms + (this.#samples - last.sample) / this.#samplesPerMs;
  }

  /**
   * Places `count` samples whose first is at `atMs`. When they start later than the last run
   * ends, up to `maxFillMs` of that gap is placed first and its length in samples returned: the
   * caller feeds that much silence to its recognizer so that a voice activity detector hears
   * the pause (a speaker who went quiet mid-word must not keep an utterance open until they
   * speak again). Half the fill lies at the gap's start, half at its end, so an utterance's end
   * that runs into it stays by the audio before, and the next one's start (a detector keeps a
   * little audio from before speech) stays by the audio after. A chunk that starts earlier
   * follows on.
   */
  place(count: number, atMs: number, maxFillMs = 0): number {
    const end = this.endMs;
    let fill = 0;
    if (end === undefined) {
      this.#runs.push({ sample: this.#samples, ms: atMs });
    } else if (atMs - end > this.#toleranceMs) {
      fill = Math.min(Math.round((atMs - end) * this.#samplesPerMs), Math.round(maxFillMs * this.#samplesPerMs));
      const before = fill >> 1;
      this.#samples += before;
      this.#runs.push({ sample: this.#samples, ms: atMs - (fill - before) / this.#samplesPerMs });
      this.#samples += fill - before;
    }
    this.#samples += count;
    return fill;
  }

  /** The session time of a stream sample index (one past the last is the end of the audio). */
  sessionMs(sample: number): number {
    const at = Math.max(0, Math.min(sample, this.#samples));
    let lo = 0;
    let hi = this.#runs.length - 1;
    if (hi < 0) return 0;
    // The last run starting at or before the sample.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.#runs[mid]!.sample <= at) lo = mid;
      else hi = mid - 1;
    }
    const run = this.#runs[lo]!;
    return run.ms + Math.max(0, at - run.sample) / this.#samplesPerMs;
  }

  /** Lets go of runs that end before `sample` (results never refer to them again). */
  forgetBefore(sample: number): void {
    let keep = 0;
    while (keep + 1 < this.#runs.length && this.#runs[keep + 1]!.sample <= sample) keep++;
    if (keep > 0) this.#runs.splice(0, keep);
  }
}

/** Samples of a chunk, copied (the caller may reuse its buffer); a Buffer is little-endian bytes. */
export function pcmSamples(chunk: Int16Array | Buffer): Int16Array {
  if (chunk instanceof Int16Array) return chunk.slice();
  const out = new Int16Array(chunk.length >> 1);
  for (let i = 0; i < out.length; i++) out[i] = chunk.readInt16LE(i * 2);
  return out;
}
