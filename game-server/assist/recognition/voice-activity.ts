import { RECOGNIZER_SAMPLE_RATE } from "./recognizer.ts";

/**
 * Cuts a stream of PCM into utterances by loudness, for recognizers that take whole utterances
 * (an HTTP transcription endpoint). A 20 ms frame is voiced when its RMS level is above an
 * absolute threshold and clearly above the noise floor (the quietest frame of the last 3 s, so
 * a steady hum or fan stops counting as speech once it has been heard for a while). Speech
 * starts after a short run of voiced frames, keeps a little audio from before (the onset of
 * the first word is quiet), and ends after a hangover of unvoiced frames long enough to bridge
 * the pauses between words.
 */
export interface VoiceActivityOptions {
  sampleRate: number;
  frameMs: number;
  /** A voiced frame is louder than this (dBFS RMS)… */
  thresholdDb: number;
  /** …and this far above the noise floor. */
  marginDb: number;
  /** What the floor is taken to be before the detector has heard anything (dBFS). */
  initialFloorDb: number;
  /** How much audio the noise floor is the minimum of. */
  floorWindowMs: number;
  /** Voiced audio in a row that starts an utterance (shorter clicks and knocks do not). */
  startMs: number;
  /** Unvoiced audio in a row that ends one. */
  hangoverMs: number;
  /** Audio kept from before the start. */
  preRollMs: number;
  /** Audio kept after the last voiced frame. */
  tailMs: number;
  /** An utterance this long is cut (a transcription endpoint takes at most ~30 s). */
  maxUtteranceMs: number;
}

export const DEFAULT_VOICE_ACTIVITY: VoiceActivityOptions = {
  sampleRate: RECOGNIZER_SAMPLE_RATE,
  frameMs: 20,
  thresholdDb: -45,
  marginDb: 12,
  initialFloorDb: -70,
  floorWindowMs: 3000,
  startMs: 60,
  hangoverMs: 600,
  preRollMs: 200,
  tailMs: 200,
  maxUtteranceMs: 28_000,
};

export type VoiceEvent =
  /** Speech began; `start` is the sample index of the utterance's first sample (pre-roll included). */
  | { type: "start"; start: number }
  /**
   * Speech ended: `start`…`end` are sample indices, `end` just after the last voiced frame;
   * `samples` the audio from `start` to `end` plus the tail.
   */
  | { type: "end"; start: number; end: number; samples: Int16Array };

interface Frame {
  at: number;
  samples: Int16Array;
}

export class VoiceActivity {
  readonly #o: VoiceActivityOptions;
  readonly #frameSamples: number;
  /** Part of a frame carried to the next push. */
  #partial = new Int16Array(0);
  /** Samples taken into frames so far. */
  #position = 0;
  /** Recent levels (dB), for the noise floor. */
  readonly #levels: number[];
  #levelAt = 0;
  /** Recent frames before speech: the pre-roll and the voiced run that may start it. */
  #recent: Frame[] = [];
  #voicedRun = 0;
  /** The utterance being heard. */
  #speech: { start: number; frames: Frame[]; lastVoicedEnd: number; silentFrames: number } | undefined;

  constructor(options: Partial<VoiceActivityOptions> = {}) {
    this.#o = { ...DEFAULT_VOICE_ACTIVITY, ...options };
    this.#frameSamples = Math.round((this.#o.sampleRate * this.#o.frameMs) / 1000);
    this.#levels = Array.from({ length: Math.max(1, Math.round(this.#o.floorWindowMs / this.#o.frameMs)) }, () => this.#o.initialFloorDb);
  }

  get speaking(): boolean {
    return this.#speech !== undefined;
  }

  push(samples: Int16Array): VoiceEvent[] {
    const events: VoiceEvent[] = [];
    let input = samples;
    if (this.#partial.length > 0) {
      input = new Int16Array(this.#partial.length + samples.length);
      input.set(this.#partial);
      input.set(samples, this.#partial.length);
    }
    let offset = 0;
    for (; offset + this.#frameSamples <= input.length; offset += this.#frameSamples) {
      const frame = { at: this.#position, samples: input.slice(offset, offset + this.#frameSamples) };
      this.#position += this.#frameSamples;
      this.#frame(frame, events);
    }
    this.#partial = input.slice(offset);
    return events;
  }

  /** Ends the utterance being heard, if any (end of input). */
  flush(): VoiceEvent[] {
    const events: VoiceEvent[] = [];
    if (this.#speech) this.#end(events);
    return events;
  }

  #frame(frame: Frame, events: VoiceEvent[]): void {
    const o = this.#o;
    const level = levelDb(frame.samples);
    const floor = Math.min(...this.#levels);
    this.#levels[this.#levelAt] = level;
    this.#levelAt = (this.#levelAt + 1) % this.#levels.length;
    const voiced = level > o.thresholdDb && level > floor + o.marginDb;
    const frames = (ms: number) => Math.max(1, Math.round(ms / o.frameMs));

    const speech = this.#speech;
    if (speech) {
      speech.frames.push(frame);
      if (voiced) {
        speech.lastVoicedEnd = frame.at + this.#frameSamples;
        speech.silentFrames = 0;
      } else {
        speech.silentFrames++;
      }
      const length = frame.at + this.#frameSamples - speech.start;
      if (speech.silentFrames >= frames(o.hangoverMs) || length >= (o.maxUtteranceMs * o.sampleRate) / 1000) this.#end(events);
      return;
    }

    this.#recent.push(frame);
    this.#voicedRun = voiced ? this.#voicedRun + 1 : 0;
    const keep = frames(o.preRollMs) + frames(o.startMs);
    if (this.#recent.length > keep) this.#recent.splice(0, this.#recent.length - keep);
    if (this.#voicedRun < frames(o.startMs)) return;

    // Speech: the voiced run and the pre-roll before it.
    const runStart = this.#recent.length - this.#voicedRun;
    const taken = this.#recent.slice(Math.max(0, runStart - frames(o.preRollMs)));
    this.#speech = { start: taken[0]!.at, frames: taken, lastVoicedEnd: frame.at + this.#frameSamples, silentFrames: 0 };
    this.#recent = [];
    this.#voicedRun = 0;
    events.push({ type: "start", start: this.#speech.start });
  }

  #end(events: VoiceEvent[]): void {
    const speech = this.#speech!;
    this.#speech = undefined;
    const until = speech.lastVoicedEnd + Math.round((this.#o.tailMs * this.#o.sampleRate) / 1000);
    const kept = speech.frames.filter((f) => f.at < until);
    const samples = new Int16Array(kept.reduce((n, f) => n + f.samples.length, 0));
    let at = 0;
    for (const f of kept) {
      samples.set(f.samples, at);
      at += f.samples.length;
    }
    events.push({ type: "end", start: speech.start, end: speech.lastVoicedEnd, samples });
  }
}

/** RMS level in dB relative to full scale; digital silence reads -100. */
export function levelDb(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  const rms = Math.sqrt(sum / Math.max(1, samples.length)) / 32768;
  return rms > 0 ? Math.max(-100, 20 * Math.log10(rms)) : -100;
}
