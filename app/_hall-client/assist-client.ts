import { AssistServerMessage, type AlertView, type AssistStatusView, type CallSummaryView, type InsightsView, type TranscriptLineView } from "../../game-server/protocol/index.ts";
import type { ConciergeRoom } from "./concierge-client.ts";

/** What the agent's live-assist panel shows for the session their hall connection serves. */
export interface AssistState {
  /** Final lines, oldest first, then at most one partial per speaker (greyed, replaced as it grows). */
  readonly lines: readonly TranscriptLineView[];
  readonly partials: readonly TranscriptLineView[];
  readonly insights?: InsightsView;
  /** Newest last. */
  readonly alerts: readonly AlertView[];
  readonly status?: AssistStatusView;
  readonly summary?: CallSummaryView;
  /**
   * For each final spoken line, how long after its speaker stopped it reached this page (ms):
   * the call's start plus the line's end offset, against this page's clock (the server's and the
   * page's clocks agree on one machine; across machines it is as good as their sync).
   */
  readonly lagsMs: readonly number[];
}

const KEEP_LINES = 300;
const KEEP_ALERTS = 50;
const EMPTY: AssistState = { lines: [], partials: [], alerts: [], lagsMs: [] };

/**
 * Live assist on the agent's hall connection: the server sends the transcript, insights, alerts
 * and the end-of-call summary only to the agent serving a session, so a customer's page never
 * receives any of it. Every change replaces `state` (for React's external-store hook); a message
 * for another session than the newest one seen starts afresh.
 */
export class AssistClient {
  state: AssistState = EMPTY;
  #contactId?: string;
  readonly #listeners = new Set<() => void>();

  constructor(room: Pick<ConciergeRoom, "onMessage">) {
    room.onMessage(AssistServerMessage.line, (line: TranscriptLineView) => {
      const s = this.#for(line.contactId);
      const partials = s.partials.filter((p) => p.speaker !== line.speaker);
      if (!line.final) return this.#set({ ...s, partials: [...partials, line] });
      // An empty final: nothing was recognised after all; only the partial goes.
      if (!line.text) return this.#set({ ...s, partials: s.partials.filter((p) => p.id !== line.id) });
      const lines = [...s.lines.filter((l) => l.id !== line.id), line].sort((a, b) => a.startMs - b.startMs).slice(-KEEP_LINES);
      const lagsMs = line.source === "speech" && s.status ? [...s.lagsMs, Date.now() - (s.status.startedAt + line.endMs)].slice(-KEEP_LINES) : s.lagsMs;
      this.#set({ ...s, lines, lagsMs, partials: s.partials.filter((p) => p.id !== line.id && p.speaker !== line.speaker) });
    });
    room.onMessage(AssistServerMessage.insights, (insights: InsightsView) => this.#set({ ...this.#for(insights.contactId), insights }));
    room.onMessage(AssistServerMessage.alert, (alert: AlertView) => {
      const s = this.#for(alert.contactId);
      this.#set({ ...s, alerts: [...s.alerts, alert].slice(-KEEP_ALERTS) });
    });
    room.onMessage(AssistServerMessage.status, (status: AssistStatusView) => this.#set({ ...this.#for(status.contactId), status }));
    room.onMessage(AssistServerMessage.summary, (summary: CallSummaryView) => this.#set({ ...this.#for(summary.contactId), summary }));
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #for(contactId: string): AssistState {
    if (contactId !== this.#contactId) {
      this.#contactId = contactId;
      return EMPTY;
    }
    return this.state;
  }

  #set(state: AssistState): void {
    this.state = state;
    for (const listener of this.#listeners) listener();
  }
}
