/**
 * What live assist works on: one person's stretch of speech (or one chat line) in a service
 * session, with offsets from the start of the session so the transcript, the alerts and the
 * recording line up.
 */
export type Speaker = "customer" | "agent";

export interface Utterance {
  /** Stable within a session: `<speaker>-<n>`; a partial and its final share the id. */
  id: string;
  speaker: Speaker;
  /** Raw text as heard or typed; never stored (see `analytics/redaction.ts`). */
  text: string;
  /** Milliseconds from the session's start. */
  startMs: number;
  endMs: number;
  /** 0…1, the recognizer's own; 1 for typed chat. */
  confidence: number;
  /** A partial hypothesis (still speaking) or the final text of the utterance. */
  final: boolean;
  source: "speech" | "chat";
}
