import type { ConversationTurn } from "./storage.ts";

/** What customers asked the concierge and what it answered, turn by turn. */
export interface ConversationRepository {
  /** Stores a turn under a fresh id and time; resolves only once it is durable. */
  append(turn: Omit<ConversationTurn, "id" | "createdAt">): Promise<ConversationTurn>;
  /** A conversation's latest `limit` turns (default 1000), oldest first (in the order they were appended). */
  forConversation(conversationId: string, limit?: number): Promise<ConversationTurn[]>;
}
