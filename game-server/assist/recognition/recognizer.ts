import type { Speaker, Utterance } from "../utterance.ts";

/**
 * Speech recognition for live assist, one stream per speaker of a service session. Someone else
 * takes each participant's audio out of the SFU and decodes it; a stream is given that audio as
 * 16 kHz mono signed 16-bit PCM and turns it into utterances, each with session offsets.
 */

/** The one input format: what the audio tap decodes to. */
export const RECOGNIZER_SAMPLE_RATE = 16_000;

/** What a recognizer hears: an utterance without who said it (the stream knows) or its source (speech). */
export type RecognitionResult = Omit<Utterance, "speaker" | "source">;

export type RecognizerState = "running" | "paused" | "restarting" | "failed";

export interface RecognizerStatus {
  /**
   * `running`: transcribing. `paused`: audio is being dropped or not transcribed for a while
   * (the endpoint failed, the recognizer fell behind); it goes on by itself. `restarting`: the
   * recognizer process died and is being started again. `failed`: this stream will not
   * transcribe anything (no model for the language, no recognizer installed, it kept crashing).
   */
  state: RecognizerState;
  /** Why, in plain English, for the log and the console: set for every state but `running`. */
  reason?: string;
}

export interface RecognizerOpenOptions {
  lang: "en" | "zh-CN";
  speaker: Speaker;
  /** Result ids are `<idPrefix>-<n>`; the speaker by default (`customer-1`, `customer-2`, …). */
  idPrefix?: string;
}

export interface Recognizer {
  /** For logs: which implementation this is. */
  readonly name: string;
  open(options: RecognizerOpenOptions): RecognizerStream;
  /** Closes every stream still open. */
  close(): Promise<void>;
}

export interface RecognizerStream {
  /**
   * One chunk of audio (16 kHz mono s16le; a Buffer is read as little-endian bytes), typically
   * 20 ms. `atMs` is the session offset of its first sample: a chunk that starts later than the
   * previous one ended leaves a gap (the speaker was silent or their audio was lost), and times
   * after it are session times still. A chunk that starts earlier is taken as following on.
   * Never throws; audio written after `close` (or to a failed stream) is dropped.
   */
  write(pcm16k: Int16Array | Buffer, atMs: number): void;
  /**
   * Partials (`final: false`) while someone speaks, then the final of the same id. A final with
   * empty text means nothing was recognised after all: it only closes an id whose partials were
   * shown. Results come in the order of the audio.
   */
  onResult(cb: (r: RecognitionResult) => void): void;
  /** Hears the current status at once (once there is one), then every change. */
  onStatus(cb: (s: RecognizerStatus) => void): void;
  /** Resolves once everything written so far has been recognised and its final delivered. */
  flush(): Promise<void>;
  /** Stops recognising (what was being said is dropped, not finalised) and releases everything. */
  close(): Promise<void>;
  /** How far recognition runs behind what was written, in ms of audio. */
  readonly lagMs: number;
}
