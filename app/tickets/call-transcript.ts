import type { TimelineEntryView } from "../../game-server/protocol/service.ts";

/** One transcript line of a call as the ticket keeps it (redacted on the server before it was stored). */
export interface CallLine {
  id: string;
  speaker: "customer" | "agent";
  name: string | null;
  text: string;
  startMs: number;
  endMs: number;
  confidence: number | null;
}

export interface CallAlert {
  id: string;
  ruleId: string;
  severity: "info" | "warning" | "critical";
  atMs: number;
  message: { en: string; "zh-CN": string };
  evidence: string;
}

/** A call's live-assist record on a ticket: its lines, alerts and recording, in call time. */
export interface CallTranscript {
  lines: CallLine[];
  alerts: CallAlert[];
  recording?: { src: string; durationMs: number };
  summary?: { text: string; keywords: string[] };
}

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);

/**
 * The calls on a ticket, each from one session's transcript, alerts, summary and recording
 * entries. A ticket may hold several sessions (a customer who came back): a new call starts when
 * a line's offset goes back to before the previous one's, or after a summary closed the last.
 */
export function callTranscripts(entries: readonly TimelineEntryView[]): CallTranscript[] {
  const calls: CallTranscript[] = [];
  let current: CallTranscript | undefined;
  let closed = true;
  const open = () => {
    current = { lines: [], alerts: [] };
    calls.push(current);
    closed = false;
    return current;
  };
  for (const e of entries) {
    if (e.kind === "transcript") {
      const startMs = num(e.data.startMs);
      const speaker = e.data.speaker === "agent" ? "agent" : e.data.speaker === "customer" ? "customer" : null;
      if (startMs === null || !speaker) continue;
      const call = !current || closed ? open() : current;
      call.lines.push({ id: e.id, speaker, name: e.authorName, text: e.text, startMs, endMs: num(e.data.endMs) ?? startMs, confidence: num(e.data.confidence) });
    } else if (e.kind === "alert") {
      const atMs = num(e.data.atMs);
      const message = e.data.message as { en?: unknown; "zh-CN"?: unknown } | undefined;
      if (atMs === null) continue;
      const call = !current || closed ? open() : current;
      const severity = e.data.severity === "critical" || e.data.severity === "warning" ? e.data.severity : "info";
      call.alerts.push({ id: e.id, ruleId: str(e.data.ruleId) ?? "", severity, atMs, message: { en: str(message?.en) ?? e.text, "zh-CN": str(message?.["zh-CN"]) ?? e.text }, evidence: str(e.data.evidence) ?? "" });
    } else if (e.kind === "summary") {
      const call = !current || closed ? open() : current;
      call.summary = { text: e.text, keywords: Array.isArray(e.data.keywords) ? e.data.keywords.filter((k): k is string => typeof k === "string") : [] };
      closed = true;
    } else if (e.kind === "recording") {
      const contactId = str(e.data.contactId);
      const durationMs = num(e.data.durationMs);
      if (e.data.deleted === true) {
        for (const c of calls) if (c.recording?.src.endsWith(`/${contactId}`)) delete c.recording;
        continue;
      }
      // The recording is stored after the summary: it belongs to the call just closed.
      const call = current ?? open();
      if (contactId && durationMs !== null) call.recording = { src: `/api/tickets/${encodeURIComponent(e.ticketId)}/recordings/${encodeURIComponent(contactId)}`, durationMs };
    }
  }
  // Alerts are stored as they are raised (a closing rule after a later line): shown in call time.
  for (const call of calls) call.alerts.sort((a, b) => a.atMs - b.atMs);
  return calls.filter((c) => c.lines.length > 0 || c.recording || c.alerts.length > 0);
}

/** The line being spoken at `ms` of the recording (the last one started), if any. */
export function lineAt(lines: readonly CallLine[], ms: number): CallLine | undefined {
  let found: CallLine | undefined;
  for (const line of lines) {
    if (line.startMs > ms) break;
    if (ms <= line.endMs + 1500) found = line;
  }
  return found;
}
