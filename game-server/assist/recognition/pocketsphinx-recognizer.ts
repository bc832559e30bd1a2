import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { fileURLToPath } from "node:url";
import { AudioTimeline, pcmSamples } from "./audio-timeline.ts";
import { RECOGNIZER_SAMPLE_RATE, type Recognizer, type RecognizerOpenOptions, type RecognizerStream } from "./recognizer.ts";
import { StreamEvents } from "./stream-events.ts";

/** Where `scripts/recognizer/build.sh` puts the native front end (`native/ps-stream.c`). */
export const DEFAULT_PS_STREAM_BINARY = fileURLToPath(new URL("../../../.atrium/bin/ps-stream", import.meta.url));

export interface PocketsphinxOptions {
  /** The ps-stream binary; `.atrium/bin/ps-stream` at the repository root by default. */
  binary?: string;
  /** More pocketsphinx arguments (`-hmm`, `-lm`, `-dict`, `-vad_threshold`, …); the Debian en-US model by default. */
  args?: readonly string[];
  /**
   * Past this much lag (ms of audio written but not yet decoded) new audio is dropped, status
   * `paused`, until the decoder is back under half of it: a live transcript that runs minutes
   * late helps nobody, and the memory it would take is unbounded. 10 s by default.
   */
  maxLagMs?: number;
  /** Crashes within a minute the stream restarts from; one more and it is `failed`. 3 by default. */
  maxRestartsPerMinute?: number;
}

/** A pause in the audio (a gap between chunks) is fed as up to this much silence, enough for the VAD (0.5 s). */
const GAP_FILL_MS = 1000;
/** Run-to-session-time entries older than this much audio are let go (no utterance is longer). */
const TIMELINE_KEEP_SAMPLES = 120 * RECOGNIZER_SAMPLE_RATE;
const KILL_GRACE_MS = 1000;

/**
 * The embedded recognizer: CMU pocketsphinx (Debian's 5prealpha, US-English model), offline,
 * English only. One `ps-stream` child process per stream reads the stream's PCM on stdin and
 * writes JSON lines (partials, finals by its own VAD, progress); see `native/ps-stream.c`.
 */
export class PocketsphinxRecognizer implements Recognizer {
  readonly name = "pocketsphinx";
  readonly #options: PocketsphinxOptions;
  readonly #streams = new Set<PocketsphinxStream>();

  constructor(options: PocketsphinxOptions = {}) {
    this.#options = options;
  }

  /** Undefined when the binary is there to run; otherwise why not, with what to do about it. */
  static unavailable(binary = DEFAULT_PS_STREAM_BINARY): string | undefined {
    try {
      accessSync(binary, constants.X_OK);
      return undefined;
    } catch {
      return `the pocketsphinx front end ${binary} is not built (run scripts/recognizer/build.sh; it needs libpocketsphinx-dev, libsphinxbase-dev and pocketsphinx-en-us)`;
    }
  }

  open(options: RecognizerOpenOptions): PocketsphinxStream {
    const stream = new PocketsphinxStream(options, this.#options, () => this.#streams.delete(stream));
    this.#streams.add(stream);
    return stream;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#streams].map((s) => s.close()));
  }
}

/** One ps-stream process and what is known about it. */
interface Decoder {
  child: ChildProcessWithoutNullStreams;
  /** The stream sample index of the process's sample 0. */
  base: number;
  written: number;
  consumed: number;
  /** The id of the utterance whose partials are showing, and its last partial's span. */
  open?: { id: string; start: number; end: number };
  /** Ended by us (flush or close): its exit is not a crash. */
  ending: boolean;
  gone: boolean;
  exited: Promise<void>;
  stderr: string;
}

interface PsLine {
  type?: unknown;
  text?: unknown;
  start?: unknown;
  end?: unknown;
  conf?: unknown;
  samples?: unknown;
}

export class PocketsphinxStream implements RecognizerStream {
  readonly #events: StreamEvents;
  readonly #timeline = new AudioTimeline();
  readonly #binary: string;
  readonly #args: readonly string[];
  readonly #maxLagMs: number;
  readonly #maxRestarts: number;
  readonly #onClosed: () => void;
  /** The process audio goes to now; undefined before the first write after a flush. */
  #decoder: Decoder | undefined;
  /** Processes being flushed or closed, until they exit. */
  readonly #ending = new Set<Decoder>();
  #crashes: number[] = [];
  #closed = false;
  #failed = false;
  #droppingForLag = false;

  constructor(options: RecognizerOpenOptions, config: PocketsphinxOptions, onClosed: () => void) {
    this.#events = new StreamEvents(options.idPrefix ?? options.speaker);
    this.#binary = config.binary ?? DEFAULT_PS_STREAM_BINARY;
    this.#args = config.args ?? [];
    this.#maxLagMs = config.maxLagMs ?? 10_000;
    this.#maxRestarts = config.maxRestartsPerMinute ?? 3;
    this.#onClosed = onClosed;
    const cannot = options.lang !== "en" ? "no offline Mandarin model; set ATRIUM_ASR_URL" : PocketsphinxRecognizer.unavailable(this.#binary);
    if (cannot) this.#fail(cannot);
    // Started now, not at the first word: loading the model takes a good half second.
    else this.#decoder = this.#start();
  }

  /** The process id of the decoder now in use (for tests and the benchmark's CPU figures). */
  get pid(): number | undefined {
    return this.#decoder?.child.pid;
  }

  get lagMs(): number {
    let samples = 0;
    for (const d of this.#decoder ? [this.#decoder, ...this.#ending] : this.#ending) samples += Math.max(0, d.written - d.consumed);
    return samples / (RECOGNIZER_SAMPLE_RATE / 1000);
  }

  onResult(cb: Parameters<RecognizerStream["onResult"]>[0]): void {
    this.#events.onResult(cb);
  }

  onStatus(cb: Parameters<RecognizerStream["onStatus"]>[0]): void {
    this.#events.onStatus(cb);
  }

  write(pcm16k: Int16Array | Buffer, atMs: number): void {
    if (this.#closed || this.#failed) return;
    if (this.lagMs > this.#maxLagMs) {
      this.#droppingForLag = true;
      this.#events.setStatus("paused", `recognition fell more than ${Math.round(this.#maxLagMs / 1000)} s behind; audio is dropped until it catches up`);
      return;
    }
    const decoder = (this.#decoder ??= this.#start());
    const samples = pcmSamples(pcm16k);
    const fill = this.#timeline.place(samples.length, atMs, GAP_FILL_MS);
    if (fill > 0) this.#send(decoder, new Int16Array(fill));
    this.#send(decoder, samples);
  }

  async flush(): Promise<void> {
    const decoder = this.#decoder;
    if (decoder) {
      // End of input makes ps-stream finalise what it heard; the next write starts a new process.
      this.#decoder = undefined;
      this.#end(decoder);
      decoder.child.stdin.end();
    }
    await Promise.all([...this.#ending].map((d) => d.exited));
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#onClosed();
      if (this.#decoder) this.#end(this.#decoder);
      this.#decoder = undefined;
      for (const d of this.#ending) {
        d.child.kill("SIGTERM");
        const hard = setTimeout(() => d.child.kill("SIGKILL"), KILL_GRACE_MS);
        void d.exited.then(() => clearTimeout(hard));
      }
    }
    await Promise.all([...this.#ending].map((d) => d.exited));
  }

  #fail(reason: string): void {
    this.#failed = true;
    this.#events.setStatus("failed", reason);
  }

  #send(decoder: Decoder, samples: Int16Array): void {
    decoder.written += samples.length;
    decoder.child.stdin.write(Buffer.from(samples.buffer, samples.byteOffset, samples.byteLength));
  }

  #end(decoder: Decoder): void {
    decoder.ending = true;
    this.#ending.add(decoder);
  }

  #start(): Decoder {
    const child = spawn(this.#binary, [...this.#args], { stdio: ["pipe", "pipe", "pipe"] });
    let markExited!: () => void;
    const decoder: Decoder = { child, base: this.#timeline.samples, written: 0, consumed: 0, ending: false, gone: false, exited: new Promise((r) => (markExited = r)), stderr: "" };
    let pending = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (text: string) => {
      const lines = (pending + text).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) if (line) this.#line(decoder, line);
    });
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (text: string) => void (decoder.stderr = (decoder.stderr + text).slice(-500)));
    // A process that died early closes its stdin under our writes; its exit says what happened.
    child.stdin.on("error", () => undefined);
    child.on("spawn", () => {
      if (!this.#closed && !this.#failed && !decoder.gone) this.#events.setStatus("running");
    });
    child.on("error", (error) => {
      // A process that could not be started at all; other errors (a failed kill) end in "close".
      if (child.pid === undefined) {
        this.#exited(decoder, `could not be started (${error.message})`);
        markExited();
      }
    });
    child.on("close", (code, signal) => {
      this.#exited(decoder, signal ? `killed by ${signal}` : `exited with code ${code}${decoder.stderr.trim() ? `: ${decoder.stderr.trim()}` : ""}`);
      markExited();
    });
    return decoder;
  }

  #line(decoder: Decoder, line: string): void {
    let message: PsLine;
    try {
      message = JSON.parse(line) as PsLine;
    } catch {
      return; // not ours (a library writing to stdout); nothing to read in it
    }
    const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : 0);
    const ms = (sample: unknown) => this.#timeline.sessionMs(decoder.base + num(sample));
    switch (message.type) {
      case "progress": {
        decoder.consumed = num(message.samples);
        this.#timeline.forgetBefore(decoder.base + decoder.consumed - TIMELINE_KEEP_SAMPLES);
        if (this.#droppingForLag && decoder === this.#decoder && this.lagMs < this.#maxLagMs / 2) {
          this.#droppingForLag = false;
          this.#events.setStatus("running");
        }
        return;
      }
      case "partial": {
        if (this.#closed || typeof message.text !== "string") return;
        decoder.open ??= { id: this.#events.nextId(), start: 0, end: 0 };
        decoder.open.start = num(message.start);
        decoder.open.end = num(message.end);
        // pocketsphinx judges only a whole utterance: a partial carries no confidence.
        this.#events.result({ id: decoder.open.id, text: message.text, startMs: ms(message.start), endMs: ms(message.end), confidence: 0, final: false });
        return;
      }
      case "final": {
        if (this.#closed || typeof message.text !== "string") return;
        const id = decoder.open?.id ?? (message.text ? this.#events.nextId() : undefined);
        decoder.open = undefined;
        if (id === undefined) return;
        const confidence = Math.min(1, Math.max(0, num(message.conf)));
        this.#events.result({ id, text: message.text, startMs: ms(message.start), endMs: ms(message.end), confidence, final: true });
        return;
      }
    }
  }

  #exited(decoder: Decoder, how: string): void {
    if (decoder.gone) return; // "error" and "close" may both come
    decoder.gone = true;
    this.#ending.delete(decoder);
    // An utterance cut off by the crash: close its id so no partial is left showing.
    if (decoder.open && !this.#closed) {
      const { id, start, end } = decoder.open;
      decoder.open = undefined;
      const ms = (sample: number) => this.#timeline.sessionMs(decoder.base + sample);
      this.#events.result({ id, text: "", startMs: ms(start), endMs: ms(end), confidence: 0, final: true });
    }
    if (decoder.ending || this.#closed || decoder !== this.#decoder) return;
    this.#decoder = undefined;
    const now = Date.now();
    this.#crashes = [...this.#crashes.filter((at) => now - at < 60_000), now];
    if (this.#crashes.length > this.#maxRestarts) {
      this.#fail(`the pocketsphinx process failed ${this.#crashes.length} times within a minute (last: ${how})`);
      return;
    }
    this.#events.setStatus("restarting", `the pocketsphinx process ${how}; starting a new one`);
    this.#droppingForLag = false;
    this.#decoder = this.#start();
  }
}
