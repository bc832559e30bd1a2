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
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
  /** Cheap liveness probe for /healthz. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
