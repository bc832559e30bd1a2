import type { Logger } from "../logging/logger.ts";
import type { AlertView, ArticleSuggestionView, AssistServerMessage, AssistStatusView, CallSummaryView, EntityView, InsightsView, TranscriptLineView } from "../protocol/assist.ts";
import type { Lang } from "../protocol/concierge.ts";
import type { Speaker, Utterance } from "./utterance.ts";

/** A recognizer's stream for one speaker, as the session uses it (see `recognition/recognizer.ts`). */
export interface SpeechStream {
  write(pcm: Int16Array, atMs: number): void;
  onResult(listener: (r: { id: string; text: string; startMs: number; endMs: number; confidence: number; final: boolean }) => void): void;
  onStatus(listener: (s: { state: "running" | "paused" | "restarting" | "failed"; reason?: string }) => void): void;
  flush(): Promise<void>;
  close(): Promise<void>;
}

/** What the text analytics give one session (an adapter over `analytics/`). */
export interface SessionAnalysis {
  /** Redacts, and reads one final line; the session's running keywords include it afterwards. */
  analyze(u: Utterance): { lang: Lang; redacted: string; entities: EntityView[]; sentiment: number };
  keywords(): string[];
  suggest(text: string, lang: Lang): ArticleSuggestionView[];
  summarize(lines: readonly RedactedLine[]): Omit<CallSummaryView, "contactId" | "by">;
}

/** A quality alert as the rule engine raises it (see `quality/`). */
export type RaisedAlert = Omit<AlertView, "contactId">;

/** What the quality rules give one session (an adapter over `quality/`). */
export interface SessionQuality {
  utterance(u: Utterance): RaisedAlert[];
  signal(event: { kind: string; atMs: number; label?: string }): RaisedAlert[];
  tick(atMs: number): RaisedAlert[];
  end(atMs: number): RaisedAlert[];
}

export interface RedactedLine {
  speaker: Speaker;
  text: string;
  startMs: number;
  endMs: number;
  source: "speech" | "chat";
}

export interface CallRecording {
  write(speaker: Speaker, pcm: Int16Array, atMs: number): void;
  close(endMs: number): Promise<{ path: string; durationMs: number; bytes: number }>;
}

type AssistMessage = (typeof AssistServerMessage)[keyof typeof AssistServerMessage];

export interface AssistSessionOptions {
  contactId: string;
  lang: Lang;
  /** Epoch ms the call started: offsets on the transcript, the alerts and the recording count from here. */
  startedAt: number;
  names: Record<Speaker, string>;
  analysis: SessionAnalysis;
  quality?: SessionQuality;
  /** A recognizer stream for a speaker; absent: transcription is off (the call goes on). */
  openStream?: (speaker: Speaker) => SpeechStream;
  /** Why there is no transcription (shown to the agent). */
  offReason?: string;
  recording?: CallRecording;
  /** Durable on the ticket before the agent is told (`ServiceDesk.record`). */
  store(entry: { kind: "transcript" | "alert" | "recording"; authorName: string | null; text: string; data: Record<string, unknown> }): Promise<void>;
  storeSummary(summary: CallSummaryView): Promise<void>;
  /** To the agent's hall connection only. */
  toAgent(type: AssistMessage, payload: unknown): void;
  /** A stored alert, for the supervisor's floor. */
  alerted(alert: AlertView): void;
  /** A better summary than the extractive draft (a chat model): the draft stays when it throws. */
  rewriteSummary?(lines: readonly RedactedLine[], draft: string): Promise<string>;
  /** The recording, once closed: put it on the ticket (returns what to note on the timeline). */
  keepRecording?(file: { path: string; durationMs: number; bytes: number }): Promise<Record<string, unknown>>;
  log: Logger;
  now?: () => number;
}

const SPEAKERS: readonly Speaker[] = ["customer", "agent"];
/** How long the end waits for the recognizers' last words. */
const FLUSH_MS = 4000;
const MAX_ENTITIES = 8;
/** Voice, as the time rules hear it: a 20 ms chunk louder than this (≈ −34 dBFS), noticed at most this often. */
const VOICE_RMS = 650;
const VOICE_NOTICE_MS = 300;

function rms(pcm: Int16Array): number {
  let sum = 0;
  for (const v of pcm) sum += v * v;
  return pcm.length > 0 ? Math.sqrt(sum / pcm.length) : 0;
}

/**
 * Live assist for one service session: each speaker's audio goes to their own recognizer stream
 * (so the transcript knows who said what) and to the recording; every final line and every chat
 * line is redacted and read (keywords, details, sentiment, matching articles), checked by the
 * quality rules, stored on the ticket, and only then sent to the agent. Partial lines go to the
 * agent only, never stored. Work on lines is serialised so the ticket's order is the speaking
 * order of results. A recognizer that fails pauses transcription; the call goes on regardless.
 */
export class AssistSession {
  readonly contactId: string;
  readonly #o: AssistSessionOptions;
  readonly #now: () => number;
  readonly #streams = new Map<Speaker, SpeechStream>();
  readonly #states = new Map<Speaker, { state: string; reason?: string }>();
  readonly #lines: RedactedLine[] = [];
  readonly #entities: EntityView[] = [];
  #suggestions: ArticleSuggestionView[] = [];
  #customerSentiment: number | null = null;
  #work: Promise<void> = Promise.resolve();
  #status?: AssistStatusView;
  #chatSeq = 0;
  #ended?: Promise<CallSummaryView>;
  readonly #voiceAt = new Map<Speaker, number>();

  constructor(options: AssistSessionOptions) {
    this.contactId = options.contactId;
    this.#o = options;
    this.#now = options.now ?? Date.now;
    if (options.openStream) {
      for (const speaker of SPEAKERS) {
        let stream: SpeechStream;
        try {
          stream = options.openStream(speaker);
        } catch (error) {
          this.#states.set(speaker, { state: "failed", reason: String((error as Error).message ?? error) });
          continue;
        }
        this.#states.set(speaker, { state: "running" });
        stream.onResult((r) => this.#heard(speaker, r));
        stream.onStatus((s) => {
          this.#states.set(speaker, s);
          this.#sendStatus();
        });
        this.#streams.set(speaker, stream);
      }
    }
    this.#sendStatus();
  }

  /** Epoch ms the call started. */
  get startedAt(): number {
    return this.#o.startedAt;
  }

  /** Milliseconds since the call started. */
  get offsetMs(): number {
    return Math.max(0, this.#now() - this.#o.startedAt);
  }

  get status(): AssistStatusView {
    return this.#status!;
  }

  /** Decoded audio of one speaker (16 kHz mono), placed at `atMs` from the call's start. */
  audio(speaker: Speaker, pcm: Int16Array, atMs: number): void {
    if (this.#ended) return;
    this.#streams.get(speaker)?.write(pcm, atMs);
    this.#o.recording?.write(speaker, pcm, atMs);
    // Someone is talking: the time rules (silence, a greeting on its way) hear it from the audio itself,
    // not only from the recognizer, which may run late on a busy machine or not at all.
    const last = this.#voiceAt.get(speaker) ?? -Infinity;
    if (this.#o.quality && atMs - last >= VOICE_NOTICE_MS && rms(pcm) >= VOICE_RMS) {
      this.#voiceAt.set(speaker, atMs);
      const endMs = atMs + (pcm.length / 16);
      const alerts = this.#o.quality.utterance({ id: `${speaker}-voice`, speaker, text: "", startMs: atMs, endMs, confidence: 0, final: false, source: "speech" });
      if (alerts.length > 0) this.#serially(() => this.#raise(alerts));
    }
  }

  /** A chat line of the session (already on the ticket as chat): read and checked like speech. */
  chat(speaker: Speaker, text: string): void {
    if (this.#ended) return;
    const at = this.offsetMs;
    const u: Utterance = { id: `chat-${++this.#chatSeq}`, speaker, text, startMs: at, endMs: at, confidence: 1, final: true, source: "chat" };
    this.#serially(() => this.#final(u));
  }

  /** An emotion or hold signal for the quality rules ("customer-emotion", "agent-emotion", "hold-start", "hold-end"). */
  signal(kind: string, label?: string): void {
    if (this.#ended || !this.#o.quality) return;
    const alerts = this.#o.quality.signal({ kind, atMs: this.offsetMs, ...(label ? { label } : {}) });
    if (alerts.length > 0) this.#serially(() => this.#raise(alerts));
  }

  /** Time-based rules (silence, missing greeting, long hold): called about once a second. */
  tick(): void {
    if (this.#ended || !this.#o.quality) return;
    const alerts = this.#o.quality.tick(this.offsetMs);
    if (alerts.length > 0) this.#serially(() => this.#raise(alerts));
  }

  /** Resolves once every line and alert handed in so far has been analysed, stored and sent. */
  async idle(): Promise<void> {
    let seen: Promise<void>;
    do {
      seen = this.#work;
      await seen;
    } while (seen !== this.#work);
  }

  /** Lines so far, redacted, in the order they were stored. */
  get lines(): readonly RedactedLine[] {
    return this.#lines;
  }

  /**
   * The session ended: the recognizers' last words are taken (bounded wait), the closing rules
   * run, the summary is drafted and stored, and the recording is closed and kept. Idempotent.
   */
  end(): Promise<CallSummaryView> {
    this.#ended ??= this.#finish();
    return this.#ended;
  }

  async #finish(): Promise<CallSummaryView> {
    const endMs = this.offsetMs;
    await Promise.all(
      [...this.#streams.values()].map((s) =>
        Promise.race([s.flush(), new Promise<void>((r) => setTimeout(r, FLUSH_MS).unref())]).catch(() => undefined),
      ),
    );
    await Promise.all([...this.#streams.values()].map((s) => s.close().catch(() => undefined)));
    this.#streams.clear();
    await this.#work;
    if (this.#o.quality) await this.#raise(this.#o.quality.end(endMs)).catch((error: unknown) => this.#o.log.error("could not store the closing alerts", { contactId: this.contactId, error }));
    const summary: CallSummaryView = { contactId: this.contactId, ...this.#o.analysis.summarize(this.#lines), by: "extract" };
    if (this.#o.rewriteSummary && this.#lines.length > 0) {
      try {
        const written = await this.#o.rewriteSummary(this.#lines, summary.summary);
        if (written.trim()) Object.assign(summary, { summary: written.trim(), by: "model" });
      } catch (error) {
        this.#o.log.warn("the model could not write the call's summary; the extract stands", { contactId: this.contactId, error: error instanceof Error ? error.message : String(error) });
      }
    }
    try {
      await this.#o.storeSummary(summary);
      this.#o.toAgent("assist:summary", summary);
    } catch (error) {
      this.#o.log.error("could not store the call's summary", { contactId: this.contactId, error });
    }
    if (this.#o.recording) {
      try {
        const file = await this.#o.recording.close(endMs);
        const kept = (await this.#o.keepRecording?.(file)) ?? {};
        await this.#o.store({ kind: "recording", authorName: null, text: `Recording (${Math.round(file.durationMs / 1000)} s)`, data: { durationMs: file.durationMs, bytes: file.bytes, ...kept } });
      } catch (error) {
        this.#o.log.error("could not keep the call's recording", { contactId: this.contactId, error });
      }
    }
    this.#status = { contactId: this.contactId, startedAt: this.#o.startedAt, transcription: "off", recording: false };
    return summary;
  }

  #heard(speaker: Speaker, r: { id: string; text: string; startMs: number; endMs: number; confidence: number; final: boolean }): void {
    const text = r.text.trim();
    if (!text) {
      // Nothing was recognised after all: the final only takes the partial off the agent's screen.
      if (r.final) this.#o.toAgent("assist:line", { contactId: this.contactId, id: `${speaker}-${r.id}`, speaker, text: "", startMs: Math.round(r.startMs), endMs: Math.round(r.endMs), confidence: 0, final: true, source: "speech" } satisfies TranscriptLineView);
      return;
    }
    const u: Utterance = { id: `${speaker}-${r.id}`, speaker, text, startMs: r.startMs, endMs: r.endMs, confidence: r.confidence, final: r.final, source: "speech" };
    if (!r.final) {
      // Partials are shown, never stored; still redacted (a card number read out is masked as it is heard).
      const { redacted } = this.#o.analysis.analyze({ ...u, final: false });
      this.#o.toAgent("assist:line", this.#lineView(u, redacted));
      return;
    }
    this.#serially(() => this.#final(u));
  }

  async #final(u: Utterance): Promise<void> {
    const read = this.#o.analysis.analyze(u);
    const redacted: Utterance = { ...u, text: read.redacted };
    if (u.source === "speech") {
      await this.#o.store({
        kind: "transcript",
        authorName: this.#o.names[u.speaker],
        text: read.redacted,
        data: { speaker: u.speaker, utteranceId: u.id, startMs: u.startMs, endMs: u.endMs, confidence: Math.round(u.confidence * 1000) / 1000, lang: read.lang, sentiment: Math.round(read.sentiment * 100) / 100 },
      });
      this.#o.toAgent("assist:line", this.#lineView(u, read.redacted));
    }
    this.#lines.push({ speaker: u.speaker, text: read.redacted, startMs: u.startMs, endMs: u.endMs, source: u.source });
    for (const e of read.entities) if (!this.#entities.some((x) => x.kind === e.kind && x.value === e.value)) this.#entities.push(e);
    if (this.#entities.length > MAX_ENTITIES) this.#entities.splice(0, this.#entities.length - MAX_ENTITIES);
    if (u.speaker === "customer") {
      this.#customerSentiment = read.sentiment;
      const suggestions = this.#o.analysis.suggest(read.redacted, read.lang);
      if (suggestions.length > 0) this.#suggestions = suggestions;
    }
    const insights: InsightsView = { contactId: this.contactId, keywords: this.#o.analysis.keywords(), entities: [...this.#entities], suggestions: this.#suggestions, customerSentiment: this.#customerSentiment };
    this.#o.toAgent("assist:insights", insights);
    if (this.#o.quality) await this.#raise(this.#o.quality.utterance(redacted));
  }

  async #raise(alerts: readonly RaisedAlert[]): Promise<void> {
    for (const raised of alerts) {
      const alert: AlertView = { ...raised, contactId: this.contactId };
      await this.#o.store({ kind: "alert", authorName: null, text: alert.message.en, data: { ruleId: alert.ruleId, severity: alert.severity, atMs: alert.atMs, speaker: alert.speaker ?? null, evidence: alert.evidence, message: alert.message } });
      this.#o.toAgent("assist:alert", alert);
      this.#o.alerted(alert);
    }
  }

  #lineView(u: Utterance, text: string): TranscriptLineView {
    return { contactId: this.contactId, id: u.id, speaker: u.speaker, text, startMs: Math.round(u.startMs), endMs: Math.round(u.endMs), confidence: u.confidence, final: u.final, source: u.source };
  }

  #serially(step: () => Promise<void>): void {
    this.#work = this.#work.then(step).catch((error: unknown) => this.#o.log.error("live assist could not handle a line", { contactId: this.contactId, error }));
  }

  #sendStatus(): void {
    const states = [...this.#states.values()];
    let transcription: AssistStatusView["transcription"] = "off";
    let reason = this.#o.offReason;
    if (this.#o.openStream && states.length > 0) {
      const trouble = states.find((s) => s.state !== "running");
      transcription = trouble ? "paused" : "running";
      reason = trouble?.reason ?? (trouble ? `the recognizer is ${trouble.state}` : undefined);
    }
    const status: AssistStatusView = { contactId: this.contactId, startedAt: this.#o.startedAt, transcription, ...(reason && transcription !== "running" ? { reason } : {}), recording: this.#o.recording !== undefined };
    if (this.#status && JSON.stringify(this.#status) === JSON.stringify(status)) return;
    this.#status = status;
    this.#o.toAgent("assist:status", status);
  }
}
