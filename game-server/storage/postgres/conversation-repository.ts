import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { ArticleLang, ConversationRepository, ConversationTurn } from "../storage.ts";
import { iso } from "./database.ts";

interface TurnRow {
  id: string; conversation_id: string; hall_id: string; visitor_id: string; role: string; text: string; lang: string; sources: string[];
  confidence: number | null; created_at: Date;
}

const toTurn = (r: TurnRow): ConversationTurn => ({
  id: r.id,
  conversationId: r.conversation_id,
  hallId: r.hall_id,
  visitorId: r.visitor_id,
  role: r.role as ConversationTurn["role"],
  text: r.text,
  lang: r.lang as ArticleLang,
  sources: r.sources,
  confidence: r.confidence,
  createdAt: iso(r.created_at),
});

export class PostgresConversationRepository implements ConversationRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async append(turn: Omit<ConversationTurn, "id" | "createdAt">): Promise<ConversationTurn> {
    const record: ConversationTurn = { ...turn, id: randomUUID(), createdAt: new Date().toISOString() };
    await this.#pool.query(
      `INSERT INTO conversation_turns (id, conversation_id, hall_id, visitor_id, role, text, lang, sources, confidence, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
      [record.id, record.conversationId, record.hallId, record.visitorId, record.role, record.text, record.lang, record.sources, record.confidence, record.createdAt],
    );
    return record;
  }

  async forConversation(conversationId: string, limit = 1000): Promise<ConversationTurn[]> {
    const { rows } = await this.#pool.query<TurnRow>(
      "SELECT * FROM (SELECT * FROM conversation_turns WHERE conversation_id = $1 ORDER BY seq DESC LIMIT $2) AS latest ORDER BY seq",
      [conversationId, limit],
    );
    return rows.map(toTurn);
  }
}
