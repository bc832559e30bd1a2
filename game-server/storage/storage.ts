import type { Role } from "../auth/guest-token.ts";
import type { BoardRepository } from "./board-repository.ts";
import type { CallQualityRepository } from "./call-quality-repository.ts";
import type { ChatRepository } from "./chat-repository.ts";
import type { ConversationRepository } from "./conversation-repository.ts";
import type { FileRepository } from "./file-repository.ts";
import type { HallRepository } from "./hall-repository.ts";
import type { KnowledgeRepository } from "./knowledge-repository.ts";
import type { SceneAssetRepository, SceneRepository } from "./scene-repository.ts";
import type { SettingsRepository } from "./settings-repository.ts";
import type { StaffRepository } from "./staff-repository.ts";
import type { TicketRepository } from "./ticket-repository.ts";
import type { VisitorRepository } from "./visitor-repository.ts";

export interface HallRecord {
  id: string;
  name: string;
  sceneId: string;
  createdAt: string;
}

export interface VisitorRecord {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
}

export type ChatScope = "hall" | "nearby";

export interface ChatRecord {
  id: string;
  hallId: string;
  visitorId: string;
  name: string;
  role: Role;
  scope: ChatScope;
  text: string;
  createdAt: string;
}

/**
 * One measurement window of a call's media quality. A call is, for now, one visitor's session
 * in a hall instance (`callId` = `<roomId>/<sessionId>`); a service call will reuse it.
 * `source` says whose view it is: the visitor's page (`client`) or the SFU (`server`).
 * Directions are the visitor's: `lossInPct`/`kbpsIn` is what reaches them.
 */
export interface CallQualitySample {
  callId: string;
  roomId: string;
  hallId: string;
  sessionId: string;
  visitorId: string;
  /** ISO time the window ended, on the server's clock. */
  at: string;
  source: "client" | "server";
  rttMs: number | null;
  jitterMs: number | null;
  lossInPct: number | null;
  lossOutPct: number | null;
  kbpsIn: number | null;
  kbpsOut: number | null;
  freezes: number | null;
  concealPct: number | null;
  score: number | null;
  level: "good" | "fair" | "poor" | "bad" | "unknown";
  /** The visitor's rung on the degradation ladder: video, audio or text. */
  ladder: "video" | "audio" | "text";
}

export type StaffRole = "agent" | "supervisor" | "marketer" | "admin";

/** A staff member's account: who they are, what they may do and where, and their sign-in state. */
export interface StaffRecord {
  id: string;
  /** Stored lower-case; unique. */
  email: string;
  displayName: string;
  role: StaffRole;
  /** The password's KDF output (its own format, salt included); never the password. */
  passwordHash: string;
  /** Halls they work in; [] = every hall. */
  hallIds: string[];
  skills: string[];
  languages: string[];
  disabled: boolean;
  failedLogins: number;
  /** ISO time until which sign-in is refused, or null. */
  lockedUntil: string | null;
  createdAt: string;
}

/** The languages a knowledge article or a concierge turn can be in. */
export type ArticleLang = "en" | "zh-CN";

/** One language of a knowledge-base article; the two languages of an article share its `id`. */
export interface ArticleRecord {
  hallId: string;
  id: string;
  lang: ArticleLang;
  title: string;
  /** Markdown. */
  body: string;
  tags: string[];
  updatedAt: string;
}

/** One turn of a customer's conversation with a hall's concierge. */
export interface ConversationTurn {
  id: string;
  conversationId: string;
  hallId: string;
  visitorId: string;
  role: "customer" | "concierge";
  text: string;
  lang: ArticleLang;
  /** Ids of the articles an answer came from (none for a customer's turn). */
  sources: string[];
  /** How sure the concierge was, 0..1; null for a customer's turn. */
  confidence: number | null;
  createdAt: string;
}

export type TicketStatus = "open" | "pending" | "resolved" | "closed";
export type TicketPriority = "low" | "normal" | "high" | "urgent";

/** A service session (a customer served by a human agent) and what came of it. */
export interface TicketRecord {
  /** A uuid. */
  id: string;
  /** Sequential across the install, from 1001 upwards; shown to people as "#1001". */
  number: number;
  hallId: string;
  status: TicketStatus;
  priority: TicketPriority;
  /** A skill id ("phones", "general", …). */
  category: string;
  subject: string;
  summary: string;
  lang: ArticleLang;
  /** The customer's visitor id. */
  customerId: string;
  customerName: string;
  agentId: string | null;
  agentName: string | null;
  /** The concierge conversation the handover came from. */
  conversationId: string | null;
  disposition: string | null;
  /** 1..5. */
  csat: number | null;
  csatComment: string | null;
  /** ISO: the agent's follow-up date. */
  followUpAt: string | null;
  /** The latest request for a person. */
  queuedAt: string | null;
  /** An agent accepted it. */
  answeredAt: string | null;
  /** The agent's first message or voice. */
  firstResponseAt: string | null;
  /** The customer left the queue before an agent answered. */
  abandonedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** One event on a ticket's timeline. Later features add kinds (transcript, board, file): the table does not change. */
export type TimelineKind = "bot" | "chat" | "call" | "note" | "status" | "queue" | "wrap-up" | "csat" | "emotion" | "transcript" | "board" | "file" | "alert" | "summary" | "recording";

export interface TimelineEntry {
  id: string;
  ticketId: string;
  /** ISO. */
  at: string;
  kind: TimelineKind;
  /** A visitor or staff id; null for the system. */
  authorId: string | null;
  authorName: string | null;
  /** What a person reads (may be ""). */
  text: string;
  /** JSON details (a call record's duration, media used, QoE summary…). */
  data: Record<string, unknown>;
}

/** The fields of a ticket that change after it is created. */
export type TicketPatch = Partial<Pick<TicketRecord, "status" | "priority" | "category" | "subject" | "summary" | "agentId" | "agentName" | "disposition" | "csat"
  | "csatComment" | "followUpAt" | "queuedAt" | "answeredAt" | "firstResponseAt" | "abandonedAt" | "resolvedAt" | "closedAt">>;

/** Which tickets `TicketRepository.list` returns: every condition given must hold (an empty list is no condition). */
export interface TicketQuery {
  /** [] or absent: every hall. */
  hallIds?: string[];
  status?: TicketStatus[];
  agentId?: string;
  customerId?: string;
  category?: string;
  priority?: TicketPriority[];
  /** ISO, inclusive. */
  createdFrom?: string;
  /** ISO, exclusive. */
  createdTo?: string;
  /** Every term must be in the ticket's search terms (whole terms, already lower-case; the caller tokenises zh + en). */
  terms?: string[];
  /** Newest first; page with `beforeNumber` (tickets with a smaller number). */
  beforeNumber?: number;
  /** Default 50, at most 500. */
  limit?: number;
}

/**
 * A write refused because it would take something already taken (a staff email): the caller's
 * input is at fault, not the database, so callers can answer 409 instead of 500.
 */
export class StorageConflict extends Error {
  override readonly name = "StorageConflict";
}

/**
 * Everything Atrium keeps, as one repository per domain over one database. Async everywhere so
 * that a networked database (PostgreSQL) fits behind the same interfaces; every write resolves
 * only once the data is durable. What each repository promises is pinned down by the contract
 * suite in `test-support/storage-contract.ts`, which every implementation runs.
 */
export interface Storage {
  /** Which implementation this is ("sqlite", "postgres"), for /healthz and logs. */
  readonly kind: string;
  readonly halls: HallRepository;
  readonly visitors: VisitorRepository;
  readonly chat: ChatRepository;
  readonly callQuality: CallQualityRepository;
  readonly settings: SettingsRepository;
  readonly staff: StaffRepository;
  readonly knowledge: KnowledgeRepository;
  readonly conversations: ConversationRepository;
  readonly tickets: TicketRepository;
  /** Files shared in service sessions (what is known of them; the bytes are on disk). */
  readonly files: FileRepository;
  readonly boards: BoardRepository;
  /** The studio's scenes (drafts, published versions, history) and uploaded product models. */
  readonly scenes: SceneRepository;
  readonly sceneAssets: SceneAssetRepository;
  /** Brings the schema up to date: applies, once each and in order, the migrations not yet applied. */
  migrate(): Promise<void>;
  /** Cheap liveness probe for /healthz; rejects once the storage is closed. */
  ping(): Promise<void>;
  /** Releases the database; calling it again does nothing. */
  close(): Promise<void>;
}

export type { SceneActor, SceneAssetRecord, SceneAssetRepository, SceneHistoryEntry, SceneRecord, SceneRepository, SceneVersionRecord } from "./scene-repository.ts";
export type { FileRecord, FileRepository } from "./file-repository.ts";
export type { BoardRepository, CallQualityRepository, ChatRepository, ConversationRepository, HallRepository, KnowledgeRepository, SettingsRepository, StaffRepository, TicketRepository, VisitorRepository };
