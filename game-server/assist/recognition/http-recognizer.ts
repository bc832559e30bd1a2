import { z } from "zod";
import { AudioTimeline, pcmSamples } from "./audio-timeline.ts";
import { RECOGNIZER_SAMPLE_RATE, type Recognizer, type RecognizerOpenOptions, type RecognizerStream } from "./recognizer.ts";
import { StreamEvents } from "./stream-events.ts";
import { VoiceActivity, type VoiceActivityOptions, type VoiceEvent } from "./voice-activity.ts";
import { encodeWav } from "./wav-encoding.ts";

/** An OpenAI-compatible transcription endpoint (`ATRIUM_ASR_*`): a Whisper server, a hosted API. */
export interface HttpRecognizerConfig {
  /** Base URL; utterances are POSTed to `{url}/v1/audio/transcriptions`. */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set (local servers often need none). */
  key?: string;
  /** The whole request, connect to last byte; past it the utterance goes untranscribed. */
  timeoutMs: number;
  /** Tuning of the energy VAD that cuts the audio into utterances. */
  voiceActivity?: Partial<VoiceActivityOptions>;
}

/** Shown while someone speaks: the endpoint transcribes only whole utterances. */
export const SPEAKING_PLACEHOLDER = "…";
/** Confidence when the endpoint does not say (no segments with `avg_logprob`). */
export const UNRATED_CONFIDENCE = 0.8;
/** Utterances waiting for the endpoint beyond this are dropped, oldest first. */
const MAX_WAITING = 8;
/** A pause in the audio is fed to the VAD as up to this much silence: more than its hangover. */
const GAP_FILL_MS = 1000;

const Transcription = z.object({
  text: z.string(),
  segments: z.array(z.object({ avg_logprob: z.number().optional() })).optional(),
});

/**
 * Speech recognition by an external endpoint speaking OpenAI's `audio/transcriptions`. Its own
 * energy VAD (`voice-activity.ts`) cuts each stream into utterances; each is sent, as a WAV, once
 * it ends, and comes back as one final (a "…" partial stands for it meanwhile). A stream sends
 * one request at a time, so finals keep the order of speech. A timeout, an answer other than 200
 * or a body that is not a transcription pauses the stream (status `paused`, with why) and costs
 * that utterance; the next one is tried as usual and, answered, sets it running again.
 */
export class HttpRecognizer implements Recognizer {
  readonly name: string;
  readonly #config: HttpRecognizerConfig;
  readonly #streams = new Set<HttpRecognizerStream>();

  constructor(config: HttpRecognizerConfig) {
    this.#config = config;
    this.name = `http (${config.model} at ${safeOrigin(config.url)})`;
  }

  open(options: RecognizerOpenOptions): HttpRecognizerStream {
    const stream = new HttpRecognizerStream(options, this.#config, () => this.#streams.delete(stream));
    this.#streams.add(stream);
    return stream;
  }

  async close(): Promise<void> {
    await Promise.all([...this.#streams].map((s) => s.close()));
  }
}

interface Job {
  id: string;
  samples: Int16Array;
  startMs: number;
  endMs: number;
}

export class HttpRecognizerStream implements RecognizerStream {
  readonly #events: StreamEvents;
  readonly #config: HttpRecognizerConfig;
  readonly #language: string;
  readonly #timeline = new AudioTimeline();
  readonly #vad: VoiceActivity;
  readonly #abort = new AbortController();
  readonly #onClosed: () => void;
  /** The utterance being heard: its id and where it started. */
  #speaking: { id: string; startMs: number } | undefined;
  #waiting: Job[] = [];
  #sending: Promise<void> | undefined;
  /** Samples of audio cut into utterances but not yet transcribed. */
  #untranscribed = 0;
  #closed = false;

  constructor(options: RecognizerOpenOptions, config: HttpRecognizerConfig, onClosed: () => void) {
    this.#events = new StreamEvents(options.idPrefix ?? options.speaker);
    this.#config = config;
    this.#language = options.lang === "zh-CN" ? "zh" : "en";
    this.#vad = new VoiceActivity(config.voiceActivity);
    this.#onClosed = onClosed;
    this.#events.setStatus("running");
  }

  get lagMs(): number {
    return this.#untranscribed / (RECOGNIZER_SAMPLE_RATE / 1000);
  }

  onResult(cb: Parameters<RecognizerStream["onResult"]>[0]): void {
    this.#events.onResult(cb);
  }

  onStatus(cb: Parameters<RecognizerStream["onStatus"]>[0]): void {
    this.#events.onStatus(cb);
  }

  write(pcm16k: Int16Array | Buffer, atMs: number): void {
    if (this.#closed) return;
    const samples = pcmSamples(pcm16k);
    const fill = this.#timeline.place(samples.length, atMs, GAP_FILL_MS);
    if (fill > 0) this.#heard(this.#vad.push(new Int16Array(fill)));
    this.#heard(this.#vad.push(samples));
  }

  async flush(): Promise<void> {
    if (!this.#closed) this.#heard(this.#vad.flush());
    while (this.#sending) await this.#sending;
  }

  async close(): Promise<void> {
    if (!this.#closed) {
      this.#closed = true;
      this.#onClosed();
      this.#waiting = [];
      this.#abort.abort();
    }
    while (this.#sending) await this.#sending;
  }

  #heard(events: VoiceEvent[]): void {
    const ms = (sample: number) => this.#timeline.sessionMs(sample);
    for (const event of events) {
      if (event.type === "start") {
        this.#speaking = { id: this.#events.nextId(), startMs: ms(event.start) };
        this.#events.result({ id: this.#speaking.id, text: SPEAKING_PLACEHOLDER, startMs: this.#speaking.startMs, endMs: this.#speaking.startMs, confidence: 0, final: false });
      } else {
        const id = this.#speaking?.id ?? this.#events.nextId();
        this.#speaking = undefined;
        this.#queue({ id, samples: event.samples, startMs: ms(event.start), endMs: ms(event.end) });
        this.#timeline.forgetBefore(event.end); // what the VAD hears next starts after this
      }
    }
  }

  #queue(job: Job): void {
    this.#waiting.push(job);
    this.#untranscribed += job.samples.length;
    while (this.#waiting.length > MAX_WAITING) {
      const dropped = this.#waiting.shift()!;
      this.#untranscribed -= dropped.samples.length;
      this.#untranscribedFinal(dropped);
      this.#events.setStatus("paused", "the transcription endpoint is not keeping up; utterances were dropped");
    }
    this.#sending ??= this.#send().finally(() => (this.#sending = undefined));
  }

  async #send(): Promise<void> {
    while (this.#waiting.length > 0 && !this.#closed) {
      const job = this.#waiting.shift()!;
      try {
        const { text, confidence } = await this.#transcribe(job);
        if (this.#closed) break;
        this.#events.setStatus("running");
        this.#events.result({ id: job.id, text, startMs: job.startMs, endMs: job.endMs, confidence, final: true });
      } catch (error) {
        if (this.#closed) break;
        this.#events.setStatus("paused", reason(error, this.#config.timeoutMs));
        this.#untranscribedFinal(job);
      } finally {
        this.#untranscribed -= job.samples.length;
      }
    }
  }

  /** Closes an utterance's id (its "…" is showing) when it will get no text. */
  #untranscribedFinal(job: Job): void {
    this.#events.result({ id: job.id, text: "", startMs: job.startMs, endMs: job.endMs, confidence: 0, final: true });
  }

  async #transcribe(job: Job): Promise<{ text: string; confidence: number }> {
    const form = multipartForm(
      { model: this.#config.model, language: this.#language, response_format: "verbose_json" },
      { field: "file", name: "utterance.wav", type: "audio/wav", bytes: encodeWav(job.samples, RECOGNIZER_SAMPLE_RATE) },
    );
    const response = await fetch(`${this.#config.url.replace(/\/+$/, "")}/v1/audio/transcriptions`, {
      method: "POST",
      headers: { "content-type": form.contentType, ...(this.#config.key ? { authorization: `Bearer ${this.#config.key}` } : {}) },
      body: form.body,
      // Covers reading the body too: a server that stalls mid-answer is as slow as one that never answers.
      signal: AbortSignal.any([this.#abort.signal, AbortSignal.timeout(this.#config.timeoutMs)]),
    });
    if (response.status !== 200) {
      await response.body?.cancel();
      throw new EndpointError(`the transcription endpoint answered ${response.status}`);
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
      throw new EndpointError("the transcription endpoint answered with a body that is not JSON");
    }
    const parsed = Transcription.safeParse(body);
    if (!parsed.success) throw new EndpointError("the transcription endpoint answered with a body that is not a transcription (no text)");
    return { text: parsed.data.text.trim(), confidence: confidenceOf(parsed.data.segments) };
  }
}

class EndpointError extends Error {}

/**
 * A multipart/form-data body in one buffer. Not `FormData`: fetch streams that, and when the
 * request fails before the stream is read (a port fetch refuses to use), undici can reject in the
 * stream where no one catches it — an unhandled rejection, which ends a Node server.
 */
function multipartForm(fields: Record<string, string>, file: { field: string; name: string; type: string; bytes: Uint8Array }): { body: Buffer<ArrayBuffer>; contentType: string } {
  const boundary = `atrium-${crypto.randomUUID()}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${file.field}"; filename="${file.name}"\r\ncontent-type: ${file.type}\r\n\r\n`));
  parts.push(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength), Buffer.from(`\r\n--${boundary}--\r\n`));
  const body = Buffer.alloc(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) at += p.copy(body, at);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** Whisper's segments carry the mean log-probability of their tokens: their mean, as a probability. */
function confidenceOf(segments: { avg_logprob?: number }[] | undefined): number {
  const logprobs = (segments ?? []).map((s) => s.avg_logprob).filter((p): p is number => typeof p === "number" && Number.isFinite(p));
  if (logprobs.length === 0) return UNRATED_CONFIDENCE;
  const mean = logprobs.reduce((a, b) => a + b, 0) / logprobs.length;
  return Math.min(1, Math.max(0, Math.exp(mean)));
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError");
}

function reason(error: unknown, timeoutMs: number): string {
  if (error instanceof EndpointError) return error.message;
  if (error instanceof Error && error.name === "TimeoutError") return `the transcription endpoint did not answer within ${timeoutMs / 1000} s`;
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
  return `cannot reach the transcription endpoint (${cause})`;
}

/** The endpoint for logs: scheme, host and port, never credentials in the URL. */
function safeOrigin(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return "an invalid URL";
  }
}
