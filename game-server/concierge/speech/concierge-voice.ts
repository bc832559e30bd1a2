import { OpusEncoder, SERVER_OPUS } from "../../../sfu/index.ts";
import type { Logger } from "../../logging/logger.ts";
import type { Lang } from "../../protocol/concierge.ts";
import type { SpeechSynthesizer } from "./espeak.ts";
import { resample } from "./resample.ts";

/** Where the voice goes: the instance's `ServerVoice` (replaced when the SFU rebuilds the hall's media). */
export interface VoiceSink {
  sendOpus(frame: Uint8Array): void;
}

/** One frame of Opus is 20 ms; frames go out at this pace, as a microphone's would. */
const FRAME_MS = (SERVER_OPUS.samplesPerFrame / SERVER_OPUS.clockRate) * 1000;

interface Utterance {
  text: string;
  lang: Lang;
  /** Whom it is for: a newer utterance for the same listener replaces it. */
  to?: string;
  cancelled: boolean;
  /** Its audio at 48 kHz, synthesised ahead while the utterance before it is being said. */
  audio?: Promise<Int16Array>;
}

/**
 * Splits text into sentences, each said as its own utterance: the first is heard as soon as it
 * alone is synthesised (a long answer takes ~130 ms to synthesise whole, one sentence ~30 ms),
 * and the next is synthesised while the one before plays.
 */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|(?<=[。！？；])/u)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/**
 * The concierge's voice: utterances are spoken one at a time, in order (a queue), synthesised,
 * resampled to 48 kHz and sent as 20 ms Opus frames in real time. A new answer to someone cuts
 * what is still queued or being said to them — they asked again, the old answer is stale.
 * Without a sink (no SFU, or the media being rebuilt) nothing is sent and nothing is synthesised.
 */
export class ConciergeVoice {
  /** Frames sent so far (for tests and logs). */
  framesSent = 0;
  sink: VoiceSink | undefined;
  readonly #synth: SpeechSynthesizer;
  readonly #log?: Logger;
  readonly #queue: Utterance[] = [];
  #current?: Utterance;
  #running = false;
  #closed = false;
  #speaking = false;
  #encoder?: OpusEncoder;
  #idle: (() => void)[] = [];

  /** Told when the voice starts and stops sending speech (the avatar's speaking flag). */
  onSpeaking?: (speaking: boolean) => void;

  constructor(synth: SpeechSynthesizer, log?: Logger) {
    this.#synth = synth;
    this.#log = log;
  }

  /** Queues `text`; `to` (a visitor) cuts whatever is still queued or being said to them. */
  say(text: string, lang: Lang, to?: string): void {
    this.sayAll([{ text, lang }], to);
  }

  /** Queues several lines said one after the other (a greeting in two languages), cutting earlier ones to `to`. */
  sayAll(lines: readonly { text: string; lang: Lang }[], to?: string): void {
    if (this.#closed) return;
    if (to !== undefined) this.forget(to);
    for (const { text, lang } of lines) for (const sentence of sentences(text)) this.#queue.push({ text: sentence, lang, to, cancelled: false });
    if (!this.#running && this.#queue.length > 0) void this.#run();
  }

  /** Forgets a visitor who left: nothing more is said to them. */
  forget(to: string): void {
    for (const u of this.#queue) if (u.to === to) u.cancelled = true;
    if (this.#current?.to === to) this.#current.cancelled = true;
  }

  /** Resolves once nothing is queued or being said. */
  idle(): Promise<void> {
    return this.#running ? new Promise((resolve) => this.#idle.push(resolve)) : Promise.resolve();
  }

  close(): void {
    this.#closed = true;
    if (!this.#running) this.#closeEncoder();
    for (const u of this.#queue) u.cancelled = true;
    if (this.#current) this.#current.cancelled = true;
  }

  #closeEncoder(): void {
    this.#encoder?.close();
    this.#encoder = undefined;
  }

  async #run(): Promise<void> {
    this.#running = true;
    // One encoder for the voice's life: making one (WebAssembly) costs more than a sentence's synthesis.
    const encoder = (this.#encoder ??= new OpusEncoder());
    try {
      for (let next = this.#queue.shift(); next; next = this.#queue.shift()) {
        if (next.cancelled || !this.sink) continue;
        this.#current = next;
        try {
          await this.#speak(next, encoder);
        } catch (error) {
          this.#log?.warn("the concierge could not say something", { lang: next.lang, error });
        } finally {
          if (this.#speaking) this.onSpeaking?.((this.#speaking = false));
        }
        this.#current = undefined;
      }
    } finally {
      if (this.#closed) this.#closeEncoder();
      this.#running = false;
      for (const resolve of this.#idle.splice(0)) resolve();
    }
  }

  #prepare(utterance: Utterance | undefined): Promise<Int16Array> | undefined {
    if (!utterance || utterance.cancelled) return undefined;
    if (!utterance.audio) {
      utterance.audio = this.#synth.synthesize(utterance.text, utterance.lang).then((pcm) => resample(pcm, SERVER_OPUS.clockRate).samples);
      utterance.audio.catch(() => undefined); // awaited (and reported) when its turn comes
    }
    return utterance.audio;
  }

  async #speak(utterance: Utterance, encoder: OpusEncoder): Promise<void> {
    const pcm = await this.#prepare(utterance)!;
    if (utterance.cancelled || this.#closed) return;
    this.#prepare(this.#queue.find((u) => !u.cancelled));
    const size = SERVER_OPUS.samplesPerFrame;
    const start = performance.now();
    for (let i = 0, at = 0; at < pcm.length; i++, at += size) {
      // Paced against the start, not the last frame, so timer lateness does not add up.
      const wait = start + i * FRAME_MS - performance.now();
      if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
      // Cut while waiting (they asked again, or left): not one more frame of it.
      if (utterance.cancelled || this.#closed) return;
      const frame = new Int16Array(size);
      frame.set(pcm.subarray(at, Math.min(pcm.length, at + size)));
      const sink = this.sink;
      if (!sink) return; // the media went away mid-sentence
      sink.sendOpus(encoder.encode(frame));
      this.framesSent++;
      if (!this.#speaking) this.onSpeaking?.((this.#speaking = true));
    }
  }
}
