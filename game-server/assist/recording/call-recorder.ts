import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import OpusScript from "opusscript";
import type { Speaker } from "../utterance.ts";
import { OggOpusFile, OPUS_GRANULE_RATE, OPUS_PRE_SKIP } from "./ogg-writer.ts";

export type RecordingSampleRate = 8000 | 12000 | 16000 | 24000 | 48000;

export interface CallRecorderOptions {
  /** The file to create (its folder is made if missing); an existing file is never overwritten. */
  path: string;
  /** Of the PCM given to `write` (mono). */
  sampleRate?: RecordingSampleRate;
  /** How late a speaker's audio may come and still be mixed in (default 500 ms). */
  jitterMs?: number;
  /** Opus bit rate (default 24 kbit/s: clear speech, ~180 KB a minute). */
  bitrate?: number;
  /** A page is written (and synced) once this much encoded audio waits (default 500 ms). */
  pageMs?: number;
  /** The TITLE comment of the file (a ticket number, say). */
  title?: string;
}

export interface RecordingResult {
  path: string;
  /** How long the file plays: the call's length. */
  durationMs: number;
  bytes: number;
  /** Audio that came later than the jitter buffer allows and was left out, per speaker. */
  droppedMs: Record<Speaker, number>;
}

const FRAME_MS = 20;
/** libopus's `OPUS_SET_COMPLEXITY_REQUEST` (opus_defines.h). */
const OPUS_SET_COMPLEXITY_REQUEST = 4010;
/** Silent frames after which the encoder's output for silence no longer changes in substance (it settles after 3). */
const SETTLED_FRAMES = 10;
const SPEAKERS: readonly Speaker[] = ["customer", "agent"];

/**
 * Records a service call, both voices mixed into one Ogg Opus file.
 *
 * Each speaker's decoded PCM comes on its own, stamped with its offset from the session's start.
 * It waits in that speaker's lane for `jitterMs` behind the newest audio from either side (so the
 * other side's late chunk still lands where it belongs), then both lanes are summed (clipped),
 * cut into 20 ms frames, encoded and written. Where nobody sent anything the file is silent, so
 * it lasts as long as the call did. Memory stays at about the jitter buffer per speaker (plus the
 * chunk being written); audio older than what was already encoded is dropped and counted.
 *
 * An empty chunk marks time passing (both sides silent): the buffer before it is encoded.
 */
export class CallRecorder {
  readonly path: string;
  readonly sampleRate: RecordingSampleRate;
  readonly #frame: number;
  readonly #jitter: number;
  readonly #preSkipInput: number;
  readonly #file: OggOpusFile;
  readonly #opus: OpusScript;
  /** Per speaker, its samples from `#base` on (zero where it sent nothing). */
  readonly #lanes = new Map<Speaker, Int16Array>();
  /** Samples (at the input rate, from the session's start) already encoded. */
  #base = 0;
  /** The end of the newest audio from either speaker, in samples. */
  #horizon = 0;
  readonly #dropped: Record<Speaker, number> = { customer: 0, agent: 0 };
  #closed = false;
  /** Silent frames in a row just before the next one. */
  #silentRun = 0;
  /** What the encoder makes of silence once it has settled, sent again for every further silent frame. */
  #silentPacket: Buffer | undefined;

  constructor(options: CallRecorderOptions) {
    this.path = options.path;
    this.sampleRate = options.sampleRate ?? 16_000;
    this.#frame = (this.sampleRate * FRAME_MS) / 1000;
    this.#jitter = Math.round(((options.jitterMs ?? 500) * this.sampleRate) / 1000);
    // The encoder's delay in input samples: encoding this much past the end brings the last sound out.
    this.#preSkipInput = Math.ceil((OPUS_PRE_SKIP * this.sampleRate) / OPUS_GRANULE_RATE);
    this.#opus = new OpusScript(this.sampleRate, 1, OpusScript.Application.VOIP);
    this.#opus.setBitrate(options.bitrate ?? 24_000);
    // Complexity 5 of 10: a third of the default's CPU (~0.3 ms a 20 ms frame in WebAssembly), no audible loss for speech at 24 kbit/s.
    this.#opus.encoderCTL(OPUS_SET_COMPLEXITY_REQUEST, 5);
    for (const speaker of SPEAKERS) this.#lanes.set(speaker, new Int16Array(this.#jitter + 4 * this.#frame));
    mkdirSync(dirname(this.path), { recursive: true });
    try {
      this.#file = new OggOpusFile(this.path, {
        inputSampleRate: this.sampleRate,
        pageMs: options.pageMs,
        tags: { ...(options.title ? { TITLE: options.title } : {}), ENCODER: `Atrium call recorder (libopus, ${this.sampleRate} Hz mono, VOIP)` },
      });
    } catch (error) {
      this.#opus.delete();
      throw error;
    }
  }

  /** Audio dropped so far for arriving too late, per speaker. */
  get droppedMs(): Record<Speaker, number> {
    return { customer: this.#toMs(this.#dropped.customer), agent: this.#toMs(this.#dropped.agent) };
  }

  /** `pcm` (mono, at `sampleRate`) that `speaker` said starting `atMs` after the session's start. */
  write(speaker: Speaker, pcm: Int16Array, atMs: number): void {
    if (this.#closed) throw new Error("the recording is closed");
    if (!Number.isFinite(atMs)) throw new RangeError(`not a time in the session: ${atMs}`);
    let start = Math.round((atMs * this.sampleRate) / 1000);
    const end = start + pcm.length;
    if (end <= this.#base && pcm.length > 0) {
      this.#dropped[speaker] += pcm.length;
      return;
    }
    if (start < this.#base) {
      this.#dropped[speaker] += this.#base - start;
      pcm = pcm.subarray(this.#base - start);
      start = this.#base;
    }
    this.#horizon = Math.max(this.#horizon, end);
    const ready = this.#horizon - this.#jitter;
    // What lies before this chunk and is old enough goes first, so the lane never holds more than the buffer and the chunk.
    this.#encodeUntil(Math.min(ready, start));
    this.#lane(speaker, end - this.#base).set(pcm, start - this.#base);
    this.#encodeUntil(ready);
  }

  /** Pads (or cuts) to `endMs`, encodes what is left and closes the file (synced). */
  async close(endMs: number): Promise<RecordingResult> {
    if (this.#closed) throw new Error("the recording is closed");
    if (!Number.isFinite(endMs)) throw new RangeError(`not a time in the session: ${endMs}`);
    this.#closed = true;
    try {
      // Nothing after the end is heard; a file is never shorter than what was already written.
      const end = Math.max(Math.round((endMs * this.sampleRate) / 1000), this.#base - this.#preSkipInput);
      for (const lane of this.#lanes.values()) lane.fill(0, Math.max(0, end - this.#base));
      this.#encodeUntil(end + this.#preSkipInput, true);
      const granules = Math.round((end * OPUS_GRANULE_RATE) / this.sampleRate);
      const { bytes } = await this.#file.close(BigInt(this.#file.preSkip + granules));
      return { path: this.path, durationMs: (granules * 1000) / OPUS_GRANULE_RATE, bytes, droppedMs: this.droppedMs };
    } finally {
      this.#opus.delete();
    }
  }

  /** The speaker's lane, at least `length` samples long. */
  #lane(speaker: Speaker, length: number): Int16Array {
    const lane = this.#lanes.get(speaker)!;
    if (lane.length >= length) return lane;
    const grown = new Int16Array(Math.max(length, lane.length * 2));
    grown.set(lane);
    this.#lanes.set(speaker, grown);
    return grown;
  }

  /**
   * Mixes, encodes and writes the frames before `until` (samples): whole frames only, unless
   * `partial` (the end of the call, padded with silence). A long gap is encoded a second at a
   * time, reading silence past the lanes' ends rather than growing them.
   */
  #encodeUntil(until: number, partial = false): void {
    const n = this.#frame;
    let frames = (partial ? Math.ceil : Math.floor)((until - this.#base) / n);
    const mixed = new Int16Array(n);
    const pcm = Buffer.from(mixed.buffer);
    const sum = new Int32Array(n);
    while (frames > 0) {
      const batch = Math.min(frames, 1000 / FRAME_MS);
      const lanes = [...this.#lanes.values()];
      for (let f = 0; f < batch; f++) {
        const at = f * n;
        sum.fill(0);
        for (const lane of lanes) {
          // Past a lane's end it holds nothing: silence (read no further, it is slow in V8).
          const end = Math.min(n, lane.length - at);
          for (let i = 0; i < end; i++) sum[i]! += lane[at + i]!;
        }
        let silent = true;
        for (let i = 0; i < n; i++) {
          const v = sum[i]!;
          mixed[i] = v > 32767 ? 32767 : v < -32768 ? -32768 : v;
          if (v !== 0) silent = false;
        }
        this.#file.writePacket(this.#packet(pcm, silent), (n * OPUS_GRANULE_RATE) / this.sampleRate);
      }
      const used = batch * n;
      for (const lane of lanes) {
        lane.copyWithin(0, Math.min(used, lane.length));
        lane.fill(0, Math.max(0, lane.length - used));
      }
      this.#base += used;
      frames -= batch;
    }
  }

  /**
   * One frame encoded. Silence is encoded until the encoder has settled (its packets then say
   * "nothing" and carry no state worth keeping), then that packet is repeated: a long hold with
   * both sides quiet costs no encoding (5 minutes would otherwise block ~5 s).
   */
  #packet(pcm: Buffer, silent: boolean): Buffer {
    if (!silent) {
      this.#silentRun = 0;
      return this.#opus.encode(pcm, this.#frame);
    }
    this.#silentRun++;
    if (this.#silentPacket && this.#silentRun > SETTLED_FRAMES) return this.#silentPacket;
    const packet = this.#opus.encode(pcm, this.#frame);
    if (this.#silentRun === SETTLED_FRAMES) this.#silentPacket = packet;
    return packet;
  }

  #toMs(samples: number): number {
    return (samples * 1000) / this.sampleRate;
  }
}
