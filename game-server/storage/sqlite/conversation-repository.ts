import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { ArticleLang, ConversationRepository, ConversationTurn } from "../storage.ts";

interface TurnRow {
  id: string; conversation_id: string; hall_id: string; visitor_id: string; role: string; text: string; lang: string; sources: string;
  confidence: number | null; created_at: string;
}

const toTurn = (r: TurnRow): ConversationTurn => ({
  id: r.id,
  conversationId: r.conversation_id,
  hallId: r.hall_id,
  visitorId: r.visitor_id,
  role: r.role as ConversationTurn["role"],
  text: r.text,
  lang: r.lang as ArticleLang,
  sources: JSON.parse(r.sources) as string[],
  confidence: r.confidence,
  createdAt: r.created_at,
});

export class SqliteConversationRepository implements ConversationRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async append(turn: Omit<ConversationTurn, "id" | "createdAt">): Promise<ConversationTurn> {
    const record: ConversationTurn = { ...turn, id: randomUUID(), createdAt: new Date().toISOString() };
    this.#db
      .prepare(
        `INSERT INTO conversation_turns (id, conversation_id, hall_id, visitor_id, role, text, lang, sources, confidence, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(record.id, record.conversationId, record.hallId, record.visitorId, record.role, record.text, record.lang, JSON.stringify(record.sources), record.confidence, record.createdAt);
    return record;
  }

  async forConversation(conversationId: string, limit = 1000): Promise<ConversationTurn[]> {
    const rows = this.#db
      .prepare("SELECT * FROM (SELECT * FROM conversation_turns WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq")
      .all(conversationId, limit) as unknown as TurnRow[];
    return rows.map(toTurn);
  }
}
