import type { HallPlace, HallService, HallServiceFactory } from "../halls/hall-place.ts";
import type { Logger } from "../logging/logger.ts";
import type { AlertView, AssistServerMessage, CallSummaryView } from "../protocol/assist.ts";
import type { Lang } from "../protocol/concierge.ts";
import type { Storage } from "../storage/storage.ts";
import type { LlmConfig } from "../concierge/answering/llm-answerer.ts";
import { AssistSession, type CallRecording, type RedactedLine, type SpeechStream } from "./assist-session.ts";
import { modelSummary } from "./model-summary.ts";
import { hallAnalysis, type HallAnalysis } from "./hall-analysis.ts";
import { loadRuleSet, sessionQuality, type HallRules } from "./hall-rules.ts";
import type { Speaker } from "./utterance.ts";

/** The process's recognizer, as live assist opens streams on it (`recognition/`). */
export interface StreamSource {
  readonly name: string;
  open(options: { lang: Lang; speaker: Speaker; idPrefix?: string }): SpeechStream;
}

export interface AssistDeps {
  storage: Pick<Storage, "knowledge" | "settings">;
  /** Absent: transcription off (`offReason` says why). */
  recognizer?: StreamSource;
  offReason?: string;
  /** Where recordings go; absent: calls are not recorded. */
  recording?: { open(contactId: string, ticketId: string): CallRecording; keep(contactId: string, ticketId: string, file: { path: string; durationMs: number; bytes: number }): Promise<Record<string, unknown>> };
  /** The concierge's chat model (`ATRIUM_LLM_*`): when set, it writes the wrap-up summary (the extract is the fallback). */
  llm?: LlmConfig;
  /** The hall's dispositions (for the summary's suggestion). */
  dispositions(hallId: string): Promise<readonly { code: string; label: { en: string; "zh-CN": string } }[]>;
  log: Logger;
}

/** What a hall instance gives for one session: where its words go. */
export interface SessionPorts {
  contactId: string;
  ticketId: string;
  lang: Lang;
  startedAt: number;
  names: Record<Speaker, string>;
  store: ConstructorParameters<typeof AssistSession>[0]["store"];
  storeSummary(summary: CallSummaryView): Promise<void>;
  toAgent(type: (typeof AssistServerMessage)[keyof typeof AssistServerMessage], payload: unknown): void;
  alerted(alert: AlertView): void;
}

/**
 * Live assist for a whole hall (the hall service `assist`, shared by its instances): what every
 * session of the hall reads with — its knowledge base as keyword background, article index and
 * key facts; the quality rules in force; the recognizer; the recording store. The sessions
 * themselves run in the instance that hosts the call (the audio taps are that instance's).
 * The knowledge base is read again when it has changed and a new session starts.
 */
export class AssistHub implements HallService {
  readonly name = "assist";
  readonly hallId: string;
  readonly #deps: AssistDeps;
  #analysis?: Promise<HallAnalysis>;
  #analysisStamp = "";

  constructor(hallId: string, deps: AssistDeps) {
    this.hallId = hallId;
    this.#deps = deps;
  }

  get recording(): boolean {
    return this.#deps.recording !== undefined;
  }

  async open(ports: SessionPorts): Promise<AssistSession> {
    const [analysis, rules, dispositions] = await Promise.all([this.#hallAnalysis(), loadRuleSet(this.#deps.storage.settings, this.hallId), this.#deps.dispositions(this.hallId)]);
    const { recognizer, recording } = this.#deps;
    return new AssistSession({
      ...ports,
      analysis: analysis.forSession(ports.lang, dispositions),
      quality: sessionQuality(rules as HallRules, analysis.facts, ports.lang),
      ...(recognizer ? { openStream: (speaker: Speaker) => recognizer.open({ lang: ports.lang, speaker }) } : { offReason: this.#deps.offReason ?? "no speech recognizer is configured" }),
      ...(recording
        ? { recording: recording.open(ports.contactId, ports.ticketId), keepRecording: (file: { path: string; durationMs: number; bytes: number }) => recording.keep(ports.contactId, ports.ticketId, file) }
        : {}),
      ...(this.#deps.llm ? { rewriteSummary: (lines: readonly RedactedLine[], draft: string) => modelSummary(this.#deps.llm!, lines, draft, ports.lang) } : {}),
      log: this.#deps.log,
    });
  }

  async #hallAnalysis(): Promise<HallAnalysis> {
    const articles = await this.#deps.storage.knowledge.list(this.hallId);
    const stamp = articles.map((a) => `${a.id}/${a.lang}/${a.updatedAt}`).join("|");
    if (!this.#analysis || stamp !== this.#analysisStamp) {
      this.#analysisStamp = stamp;
      this.#analysis = Promise.resolve(hallAnalysis(articles));
    }
    return this.#analysis;
  }
}

/** The factory `hostColyseus` takes: live assist for each open hall. */
export function hallAssist(deps: AssistDeps): HallServiceFactory {
  return (hall: HallPlace) => new AssistHub(hall.hallId, deps);
}
