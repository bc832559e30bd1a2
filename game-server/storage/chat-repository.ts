import type { ChatRecord } from "./storage.ts";

/** Chat lines of every hall, hall-wide and nearby; a line is stored before it is delivered. */
export interface ChatRepository {
  /** Stores a line under a fresh id; resolves once it is durable (only then is it delivered). */
  append(message: Omit<ChatRecord, "id" | "createdAt">): Promise<ChatRecord>;
  /** The latest `limit` hall-wide lines of a hall, oldest first (in the order they were appended); nearby talk is never listed. */
  recent(hallId: string, limit: number): Promise<ChatRecord[]>;
}
