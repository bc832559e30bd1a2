import type { CallRecordData, HandoverReason, QoeSummary, ServiceMedia, TimelineEntryView } from "../../game-server/protocol/service.ts";

/**
 * A ticket's timeline for reading: oldest first, a heading where the day changes, and a run of
 * chat lines as one conversation. Entries' `data` is whatever the server stored for that kind —
 * read here field by field, so an entry of an older or newer shape shows what it can and never
 * breaks the page.
 */
export type TimelineItem =
  | { type: "day"; key: string; at: string }
  | { type: "chat"; key: string; entries: TimelineEntryView[] }
  | { type: "entry"; key: string; entry: TimelineEntryView };

/** The local calendar day of a time, the key days are grouped by. */
export function localDay(at: string): string {
  const d = new Date(at);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

export function groupTimeline(entries: readonly TimelineEntryView[], dayOf: (at: string) => string = localDay): TimelineItem[] {
  // Oldest first; the server's order breaks ties (two entries stored in the same millisecond).
  const sorted = entries.map((entry, i) => ({ entry, i, t: Date.parse(entry.at) })).sort((a, b) => (a.t || 0) - (b.t || 0) || a.i - b.i);
  const items: TimelineItem[] = [];
  let day: string | undefined;
  for (const { entry } of sorted) {
    const thisDay = dayOf(entry.at);
    if (thisDay !== day) {
      items.push({ type: "day", key: `day:${thisDay}`, at: entry.at });
      day = thisDay;
    }
    const last = items[items.length - 1];
    if (entry.kind === "chat" && last?.type === "chat") last.entries.push(entry);
    else if (entry.kind === "chat") items.push({ type: "chat", key: `chat:${entry.id}`, entries: [entry] });
    else items.push({ type: "entry", key: entry.id, entry });
  }
  return items;
}

const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

export interface BotTurn {
  role: "customer" | "concierge";
  text: string;
  at: string | null;
  confidence: number | null;
}

/** The concierge conversation on a `bot` entry (`data.turns`), the turns it can read. */
export function botTurns(entry: TimelineEntryView): BotTurn[] {
  const turns = entry.data.turns;
  if (!Array.isArray(turns)) return [];
  return turns.flatMap((t: unknown) => {
    if (typeof t !== "object" || t === null) return [];
    const turn = t as Record<string, unknown>;
    const text = str(turn.text);
    if (text === null) return [];
    return [{ role: turn.role === "customer" ? "customer" : "concierge", text, at: str(turn.at), confidence: num(turn.confidence) }];
  });
}

/** Which side of the conversation a chat line is on (`data.from`). */
export function chatSide(entry: TimelineEntryView): "customer" | "agent" | "system" {
  const from = entry.data.from;
  return from === "customer" || from === "agent" ? from : "system";
}

const MEDIA_ORDER: readonly ServiceMedia[] = ["text", "voice", "video"];
const RUNGS = ["video", "audio", "text"] as const;

function qoe(v: unknown): QoeSummary | null {
  if (typeof v !== "object" || v === null) return null;
  const q = v as Record<string, unknown>;
  const windows = num(q.windows);
  if (windows === null || windows === 0) return null;
  const rung = RUNGS.find((r) => r === q.lowestRung) ?? "video";
  return { windows, meanScore: num(q.meanScore), poorShare: num(q.poorShare) ?? 0, meanRttMs: num(q.meanRttMs), meanLossInPct: num(q.meanLossInPct), lowestRung: rung };
}

/** A `call` entry's record: the media in the order they are offered (text → voice → video), and quality per side when reported. */
export function callRecord(entry: TimelineEntryView): CallRecordData {
  const d = entry.data;
  const media = Array.isArray(d.media) ? MEDIA_ORDER.filter((m) => (d.media as unknown[]).includes(m)) : [];
  const ended = d.endedBy === "customer" || d.endedBy === "agent" || d.endedBy === "system" ? d.endedBy : "system";
  const q = typeof d.qoe === "object" && d.qoe !== null ? (d.qoe as Record<string, unknown>) : {};
  return {
    callId: str(d.callId) ?? "",
    roomId: str(d.roomId) ?? "",
    startedAt: str(d.startedAt) ?? entry.at,
    endedAt: str(d.endedAt) ?? entry.at,
    durationMs: num(d.durationMs) ?? 0,
    media: media.length > 0 ? media : ["text"],
    endedBy: ended,
    qoe: { customer: qoe(q.customer), agent: qoe(q.agent) },
  };
}

/** A `wrap-up` entry: the agent's disposition code, the status they left the ticket in, the follow-up day. */
export function wrapUp(entry: TimelineEntryView): { disposition: string | null; status: string | null; followUp: string | null } {
  return { disposition: str(entry.data.disposition), status: str(entry.data.status), followUp: str(entry.data.followUp) };
}

/** A `csat` entry's score, 1–5. */
export function csatScore(entry: TimelineEntryView): number | null {
  const score = num(entry.data.score);
  return score !== null && score >= 1 && score <= 5 ? score : null;
}

export interface FieldChange {
  field: string;
  from: string | null;
  to: string;
}

/**
 * What a `status` entry changed. The text says it whole ("status: open → resolved; priority:
 * normal → high"); `data` has only the new values, so it stands in when the text cannot be read.
 */
export function fieldChanges(entry: TimelineEntryView): FieldChange[] {
  const fromText = entry.text
    .split("; ")
    .map((part) => /^(\w+): (.*) → (.*)$/.exec(part))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ field: m[1]!, from: m[2] === "null" ? null : m[2]!, to: m[3]! }));
  if (fromText.length > 0) return fromText;
  return Object.entries(entry.data)
    .filter(([, v]) => typeof v === "string")
    .map(([field, v]) => ({ field, from: null, to: v as string }));
}

const REASONS: readonly HandoverReason[] = ["button", "asked-for-person", "not-confident", "repeated-question", "negative"];

/** What a `queue` entry records, as far as its data says (the server writes its English text beside it). */
export type QueueEvent =
  | { type: "asked"; reason: HandoverReason | null; skill: string }
  | { type: "asked-closed" }
  | { type: "callback"; note: string | null }
  | { type: "gave-up"; left: boolean; waitedMs: number }
  | { type: "answered"; by: string; waitedMs: number }
  | { type: "full" }
  | { type: "other" };

export function queueEvent(entry: TimelineEntryView): QueueEvent {
  const d = entry.data;
  if (d.callback === true && "note" in d) return { type: "callback", note: str(d.note) || null };
  if (typeof d.why === "string") return { type: "gave-up", left: d.why === "left", waitedMs: num(d.waitedMs) ?? 0 };
  if (d.open === false) return { type: "asked-closed" };
  if (typeof d.skill === "string" && "reason" in d) return { type: "asked", reason: REASONS.find((r) => r === d.reason) ?? null, skill: d.skill };
  if (d.code === "queue_full") return { type: "full" };
  if (num(d.waitedMs) !== null && entry.authorName) return { type: "answered", by: entry.authorName, waitedMs: num(d.waitedMs)! };
  return { type: "other" };
}
