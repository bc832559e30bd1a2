import { z } from "zod";
import { Lang } from "./concierge.ts";
import { ChatText } from "./social.ts";
import type { AlertView } from "./assist.ts";

/**
 * The handover: a customer in a hall asks for a person, waits in the hall's queue, and is
 * served by an agent who joins them in the hall (a private call: their voices reach only each
 * other), in text, then voice, then video. Hall messages (`service:*`) are answered by the
 * hall's service plugin; the agent console and the supervisor view speak REST + server-sent
 * events (`/api/desk/*`, `/api/supervisor/*`, `/api/tickets`), whose payloads are typed here too.
 */

/** Why the customer is asking for a person: their own click, or what the concierge noticed. */
export const HandoverReason = z.enum(["button", "asked-for-person", "not-confident", "repeated-question", "negative"]);
export type HandoverReason = z.infer<typeof HandoverReason>;

/** The steps of a service session, each one click for the customer. */
export const ServiceMedia = z.enum(["text", "voice", "video"]);
export type ServiceMedia = z.infer<typeof ServiceMedia>;

export const ServiceLimits = {
  /** Longest note a customer leaves with a callback request. */
  callbackNoteMax: 200,
  csatCommentMax: 500,
  /** Longest wrap-up or ticket note. */
  noteMax: 4000,
} as const;

const contactId = z.string().min(1).max(64);
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `longer than ${max} characters`)
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/u, "has control characters");

export const ServiceRequest = z.object({ reason: HandoverReason, lang: Lang });
export const CallbackRequest = z.object({ note: plainText(ServiceLimits.callbackNoteMax).optional() });
export const AttachRequest = z.object({ contactId });
export const ServiceChat = z.object({ text: ChatText });
export const MediaStep = z.object({ media: ServiceMedia });
export const RateRequest = z.object({ score: z.number().int().min(1, "rate 1 to 5").max(5, "rate 1 to 5"), comment: plainText(ServiceLimits.csatCommentMax).optional() });

/** How the customer seems (face, fused with their words): only with their consent, only to the agent serving them. */
export const EmotionState = z.enum(["neutral", "happy", "surprised", "confused", "frustrated", "sad"]);
export type EmotionState = z.infer<typeof EmotionState>;
export const EmotionSample = z.object({
  valence: z.number().min(-1).max(1),
  arousal: z.number().min(0).max(1),
  state: EmotionState,
});
export type EmotionSample = z.infer<typeof EmotionSample>;
/** What the agent's console shows: the sample as the desk fused it with the customer's recent words. */
export interface EmotionView extends EmotionSample {
  /** The state the face alone gave (the text may have changed it). */
  faceState: EmotionState;
  /** The customer's words in the last minute read as negative. */
  textNegative: boolean;
  at: string;
}

/** Where the customer's request stands, as their hall page shows it (sent as `service:state` on every change). */
export const ServicePhase = z.enum(["queued", "connecting", "connected", "ended", "closed", "cancelled"]);
export type ServicePhase = z.infer<typeof ServicePhase>;
export const ServiceView = z.object({
  contactId: z.string(),
  ticketNumber: z.number(),
  phase: ServicePhase,
  /** 1-based place in the queue (queued only). */
  position: z.number().optional(),
  /** Estimated wait (queued only), from recent handle times. */
  waitMs: z.number().optional(),
  /** They asked to be called back: their place is kept while they look around. */
  callback: z.boolean(),
  /** The agent serving them (connecting, connected, ended). */
  agent: z.object({ name: z.string(), sessionId: z.string().optional() }).optional(),
  /** The media used so far (text always). */
  media: z.array(ServiceMedia),
  /** Ended: they may still rate it (once). */
  canRate: z.boolean(),
  /** Closed: when people are there again, in the page's language. */
  hours: z.string().optional(),
  /** The call with the agent is recorded (this deployment records calls): the customer is told before it starts. */
  recorded: z.boolean().optional(),
});
export type ServiceView = z.infer<typeof ServiceView>;

/** One line of the chat between a customer and their agent (stored on the ticket before it is delivered). */
export const ServiceChatLine = z.object({ id: z.string(), from: z.enum(["customer", "agent", "system"]), name: z.string(), text: z.string(), at: z.string() });
export type ServiceChatLine = z.infer<typeof ServiceChatLine>;

export const ServiceServerMessage = {
  /** `ServiceView`: the customer's request changed (queue place, agent joined, ended). */
  state: "service:state",
  /** `ServiceChatLine`, to both sides of a session. */
  chat: "service:chat",
  /** `EmotionView` to the agent's hall connection: how the consenting customer seems now. */
  emotion: "service:emotion",
  /** `{ contactId, by }` to the agent's hall connection: the session ended (`by` the customer, the agent or the system). */
  ended: "service:ended",
  /** `SharedFileView` (`protocol/files.ts`) to both sides of a session: a file was shared (stored and on the ticket first). */
  file: "service:file",
} as const;

/** What an agent knows of the customer they serve (the reply to `service:attach`, and the console's context panel). */
export const ServiceContext = z.object({
  contactId: z.string(),
  ticketId: z.string(),
  ticketNumber: z.number(),
  customer: z.object({ id: z.string(), name: z.string(), lang: Lang, sessionId: z.string().optional() }),
  reason: HandoverReason,
  skill: z.string(),
  subject: z.string(),
  summary: z.string(),
  /** The conversation with the concierge, oldest first. */
  bot: z.array(z.object({ role: z.enum(["customer", "concierge"]), text: z.string(), at: z.string() })),
  /** Booths the customer stood at (and asked about), first visit first. */
  viewed: z.array(z.object({ boothId: z.string(), label: z.string() })),
  earlierTickets: z.array(z.object({ id: z.string(), number: z.number(), subject: z.string(), status: z.string(), createdAt: z.string() })),
  chat: z.array(ServiceChatLine),
  media: z.array(ServiceMedia),
  /** The latest emotion signal, while the customer shares it. */
  emotion: z.custom<EmotionView>().optional(),
});
export type ServiceContext = z.infer<typeof ServiceContext>;

// --- the agent console and supervisor view (REST + server-sent events) ---

export const AgentPresence = z.enum(["available", "away"]);
export type AgentPresence = z.infer<typeof AgentPresence>;
export type AgentState = "available" | "busy" | "after-call" | "away" | "offered";

export const PresenceRequest = z.object({ presence: AgentPresence });
export const WrapUpRequest = z.object({
  disposition: z.string().min(1, "choose a disposition").max(40),
  notes: plainText(ServiceLimits.noteMax).default(""),
  /** A date (YYYY-MM-DD) to follow up on; the ticket stays pending until then. */
  followUp: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "follow-up is a date (YYYY-MM-DD)")
    .optional(),
  status: z.enum(["resolved", "pending", "open"]).default("resolved"),
});
export type WrapUpRequest = z.input<typeof WrapUpRequest>;

export interface OfferView {
  contactId: string;
  ticketNumber: number;
  hallId: string;
  hallName: string;
  customerName: string;
  lang: string;
  skill: string;
  reason: HandoverReason;
  subject: string;
  callback: boolean;
  waitedMs: number;
  /** Epoch ms: the offer passes to someone else then. */
  expiresAt: number;
  /** How long offers ring (for the countdown's full length). */
  timeoutMs: number;
}

export interface SessionView {
  contactId: string;
  ticketId: string;
  ticketNumber: number;
  hallId: string;
  hallName: string;
  /** The hall instance to join (Colyseus room id). */
  roomId: string;
  customerName: string;
  startedAt: number;
  phase: "connecting" | "connected" | "wrap-up";
  media: ServiceMedia[];
  /** The customer's network quality as the hall sees it. */
  net: string;
}

export interface QueueItemView {
  contactId: string;
  ticketNumber: number;
  hallId: string;
  customerName: string;
  skill: string;
  lang: string;
  position: number;
  waitedMs: number;
  callback: boolean;
  offeredTo?: string;
}

/** The agent console's live view (`/api/desk/events`, event `desk`). */
export interface DeskView {
  me: { id: string; name: string; presence: AgentPresence; state: AgentState; afterCallEndsAt?: number; notice?: string };
  offers: OfferView[];
  sessions: SessionView[];
  /** Waiting customers in the agent's halls that they could serve. */
  queue: QueueItemView[];
  dispositions: { code: string; label: { en: string; "zh-CN": string } }[];
  /** The skills of the agent's halls, to show a skill id as words. */
  skills: SkillLabel[];
  now: number;
}

export interface SkillLabel {
  id: string;
  label: { en: string; "zh-CN": string };
}

export interface AcceptReply {
  contactId: string;
  hallId: string;
  roomId: string;
  ticketId: string;
  ticketNumber: number;
}

export interface AgentRow {
  id: string;
  name: string;
  state: AgentState;
  presence: AgentPresence;
  halls: string[];
  /** The customer they serve now, if any, with live assist's latest nudges in that session (newest last). */
  customer?: { name: string; ticketNumber: number; hallId: string; since: number; alerts?: AlertView[] };
  /** Since when they have been in this state (epoch ms). */
  since: number;
}

export interface QueueRow {
  hallId: string;
  skill: string;
  waiting: number;
  longestWaitMs: number;
}

export interface ServiceStats {
  offered: number;
  answered: number;
  answeredInTarget: number;
  /** Share answered within the target (of answered + abandoned); null before the first. */
  serviceLevel: number | null;
  avgWaitMs: number | null;
  abandoned: number;
  csatAvg: number | null;
  csatCount: number;
}

/** The supervisor view (`/api/supervisor/events`, event `floor`). */
export interface FloorView {
  queues: QueueRow[];
  waiting: QueueItemView[];
  agents: AgentRow[];
  today: ServiceStats;
  targetSeconds: number;
  /** The skills of the halls shown, to show a skill id as words. */
  skills: SkillLabel[];
  now: number;
}

// --- tickets (REST) ---

export const TicketStatus = z.enum(["open", "pending", "resolved", "closed"]);
export type TicketStatus = z.infer<typeof TicketStatus>;
export const TicketPriority = z.enum(["low", "normal", "high", "urgent"]);
export type TicketPriority = z.infer<typeof TicketPriority>;

export const TicketPatchRequest = z
  .object({ status: TicketStatus, priority: TicketPriority, category: z.string().min(1).max(40) })
  .partial()
  .refine((p) => Object.keys(p).length > 0, "nothing to change");
export const TicketNoteRequest = z.object({ text: plainText(ServiceLimits.noteMax).pipe(z.string().min(1, "the note is empty")) });

export interface SlaClockView {
  targetMs: number;
  elapsedMs: number;
  /** Null when the hall's desk never opens (JSON has no Infinity). */
  dueAt: number | null;
  stoppedAt: number | null;
  state: "running" | "met" | "breached";
}

/** A ticket as the API returns it. */
export interface TicketView {
  id: string;
  number: number;
  hallId: string;
  status: TicketStatus;
  priority: TicketPriority;
  category: string;
  subject: string;
  summary: string;
  lang: string;
  customerId: string;
  customerName: string;
  agentId: string | null;
  agentName: string | null;
  conversationId: string | null;
  disposition: string | null;
  csat: number | null;
  csatComment: string | null;
  followUpAt: string | null;
  queuedAt: string | null;
  answeredAt: string | null;
  firstResponseAt: string | null;
  abandonedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One event on a ticket's timeline: the bot conversation, chat, call records, notes, wrap-up, rating; later transcripts, boards and files. */
export interface TimelineEntryView {
  id: string;
  ticketId: string;
  at: string;
  kind: "bot" | "chat" | "call" | "note" | "status" | "queue" | "wrap-up" | "csat" | "emotion" | "transcript" | "board" | "file" | "alert" | "summary" | "recording";
  authorId: string | null;
  authorName: string | null;
  text: string;
  data: Record<string, unknown>;
}

/** A call record on a ticket's timeline (`kind: "call"`, in `data`). */
export interface CallRecordData {
  callId: string;
  roomId: string;
  startedAt: string;
  endedAt: string;
  durationMs: number;
  media: ServiceMedia[];
  endedBy: "customer" | "agent" | "system";
  /** From the call's quality windows (`call_quality`) on both sides; null where none were reported. */
  qoe: { customer: QoeSummary | null; agent: QoeSummary | null };
}
export interface QoeSummary {
  windows: number;
  /** Mean score 0..100 (higher is better), and the share of windows rated poor or bad. */
  meanScore: number | null;
  poorShare: number;
  meanRttMs: number | null;
  meanLossInPct: number | null;
  /** The lowest rung of the degradation ladder reached. */
  lowestRung: "video" | "audio" | "text";
}

export interface TicketDetail {
  ticket: TicketView;
  timeline: TimelineEntryView[];
  sla: { firstResponse: SlaClockView; resolution: SlaClockView };
  hallName: string;
}
