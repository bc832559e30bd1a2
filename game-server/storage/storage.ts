import type { Role } from "../auth/guest-token.ts";
import type { CallQualityRepository } from "./call-quality-repository.ts";
import type { ChatRepository } from "./chat-repository.ts";
import type { HallRepository } from "./hall-repository.ts";
import type { SettingsRepository } from "./settings-repository.ts";
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

/**
 * Everything Atrium keeps, as one repository per domain over one database. Async everywhere so
 * that a networked database (PostgreSQL) fits behind the same interfaces; every write resolves
 * only once the data is durable. What each repository promises is pinned down by the contract
 * suite in `test-support/storage-contract.ts`, which every implementation runs.
 */
export interface Storage {
  /** Which implementation this is ("sqlite"), for /healthz and logs. */
  readonly kind: string;
  readonly halls: HallRepository;
  readonly visitors: VisitorRepository;
  readonly chat: ChatRepository;
  readonly callQuality: CallQualityRepository;
  readonly settings: SettingsRepository;
  /** Brings the schema up to date: applies, once each and in order, the migrations not yet applied. */
  migrate(): Promise<void>;
  /** Cheap liveness probe for /healthz; rejects once the storage is closed. */
  ping(): Promise<void>;
  /** Releases the database; calling it again does nothing. */
  close(): Promise<void>;
}

export type { CallQualityRepository, ChatRepository, HallRepository, SettingsRepository, VisitorRepository };
