/**
 * Live assist: what the server hears and reads in a service session, sent to the agent who
 * serves it (never to the customer). The hall's assist plugin sends these to the agent's hall
 * connection; the supervisor's floor view carries the alerts; the ticket keeps the redacted
 * transcript, the alerts and the summary. All text in these views is already redacted.
 */

export const AssistServerMessage = {
  /** `TranscriptLineView`: a partial (still speaking, replaced by the next with the same id) or a final line. */
  line: "assist:line",
  /** `InsightsView`: the session's keywords, entities and suggested articles, after each final line. */
  insights: "assist:insights",
  /** `AlertView`: a quality nudge for the agent. */
  alert: "assist:alert",
  /** `AssistStatusView`: whether the call is being transcribed (and recorded) now. */
  status: "assist:status",
  /** `CallSummaryView`: at the end of the session, the draft for the wrap-up form. */
  summary: "assist:summary",
} as const;

export type AssistSpeaker = "customer" | "agent";

export interface TranscriptLineView {
  contactId: string;
  id: string;
  speaker: AssistSpeaker;
  text: string;
  /** Milliseconds from the start of the session. */
  startMs: number;
  endMs: number;
  confidence: number;
  final: boolean;
  source: "speech" | "chat";
}

export interface EntityView {
  kind: "order" | "phone" | "email" | "amount" | "date" | "card";
  text: string;
  value: string;
}

export interface ArticleSuggestionView {
  id: string;
  title: string;
  /** The article's opening (≤ 280 characters): read in place, without leaving the call. */
  excerpt: string;
  score: number;
}

export interface InsightsView {
  contactId: string;
  keywords: string[];
  entities: EntityView[];
  /** Knowledge-base articles matching what the customer said last. */
  suggestions: ArticleSuggestionView[];
  /** The customer's last words read −1…1. */
  customerSentiment: number | null;
}

export type AlertSeverity = "info" | "warning" | "critical";

export interface AlertView {
  contactId: string;
  id: string;
  ruleId: string;
  severity: AlertSeverity;
  atMs: number;
  speaker?: AssistSpeaker;
  message: { en: string; "zh-CN": string };
  evidence: string;
}

export interface AssistStatusView {
  contactId: string;
  /** Epoch ms the call started (line and alert offsets count from here). */
  startedAt: number;
  transcription: "running" | "paused" | "off";
  /** Why it is paused or off, in plain words (English; the console has its own words for the common cases). */
  reason?: string;
  recording: boolean;
}

export interface CallSummaryView {
  contactId: string;
  summary: string;
  keywords: string[];
  entities: EntityView[];
  /** A disposition from the hall's list that fits what was said, when one does. */
  disposition?: string;
  /** Who wrote the summary: the extractive default, or the configured chat model. */
  by: "extract" | "model";
}
