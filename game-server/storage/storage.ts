import type { Role } from "../auth/guest-token.ts";
import type { CallQualityRepository } from "./call-quality-repository.ts";
import type { ChatRepository } from "./chat-repository.ts";
import type { ConversationRepository } from "./conversation-repository.ts";
import type { HallRepository } from "./hall-repository.ts";
import type { KnowledgeRepository } from "./knowledge-repository.ts";
import type { SettingsRepository } from "./settings-repository.ts";
import type { StaffRepository } from "./staff-repository.ts";
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
  /** Brings the schema up to date: applies, once each and in order, the migrations not yet applied. */
  migrate(): Promise<void>;
  /** Cheap liveness probe for /healthz; rejects once the storage is closed. */
  ping(): Promise<void>;
  /** Releases the database; calling it again does nothing. */
  close(): Promise<void>;
}

export type { CallQualityRepository, ChatRepository, ConversationRepository, HallRepository, KnowledgeRepository, SettingsRepository, StaffRepository, VisitorRepository };
