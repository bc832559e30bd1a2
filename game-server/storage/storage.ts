import type { Role } from "../auth/guest-token.ts";

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
 * Everything Atrium keeps. Async so that a networked database fits behind the same
 * interface; writes resolve only once the data is durable.
 */
export interface Storage {
  readonly kind: string;
  migrate(): Promise<void>;
  listHalls(): Promise<HallRecord[]>;
  getHall(id: string): Promise<HallRecord | undefined>;
  putHall(hall: Omit<HallRecord, "createdAt">): Promise<HallRecord>;
  createVisitor(visitor: Omit<VisitorRecord, "id" | "createdAt">): Promise<VisitorRecord>;
  getVisitor(id: string): Promise<VisitorRecord | undefined>;
  /** Resolves once the message is durable; only then is it delivered. */
  appendChat(message: Omit<ChatRecord, "id" | "createdAt">): Promise<ChatRecord>;
  /** The latest hall-wide messages of a hall, oldest first. */
  recentChat(hallId: string, limit: number): Promise<ChatRecord[]>;
  /** Stores a batch of quality samples in one transaction; resolves once they are durable. */
  appendCallQuality(samples: readonly CallQualitySample[]): Promise<void>;
  /** A call's samples, oldest first (at most `limit`, the latest ones). */
  callQuality(callId: string, limit?: number): Promise<CallQualitySample[]>;
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /** Cheap liveness probe for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
