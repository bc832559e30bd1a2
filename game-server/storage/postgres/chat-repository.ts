import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Role } from "../../auth/guest-token.ts";
import type { ChatRecord, ChatRepository, ChatScope } from "../storage.ts";
import { iso } from "./database.ts";

interface ChatRow { id: string; hall_id: string; visitor_id: string; name: string; role: string; scope: string; text: string; created_at: Date }

const toChat = (r: ChatRow): ChatRecord => ({
  id: r.id,
  hallId: r.hall_id,
  visitorId: r.visitor_id,
  name: r.name,
  role: r.role as Role,
  scope: r.scope as ChatScope,
  text: r.text,
  createdAt: iso(r.created_at),
});

export class PostgresChatRepository implements ChatRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async append(message: Omit<ChatRecord, "id" | "createdAt">): Promise<ChatRecord> {
    const record: ChatRecord = { id: randomUUID(), createdAt: new Date().toISOString(), ...message };
    await this.#pool.query(
      "INSERT INTO chat_messages (id, hall_id, visitor_id, name, role, scope, text, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      [record.id, record.hallId, record.visitorId, record.name, record.role, record.scope, record.text, record.createdAt],
    );
    return record;
  }

  async recent(hallId: string, limit: number): Promise<ChatRecord[]> {
    const { rows } = await this.#pool.query<ChatRow>(
      "SELECT * FROM (SELECT * FROM chat_messages WHERE hall_id = $1 AND scope = 'hall' ORDER BY seq DESC LIMIT $2) AS latest ORDER BY seq",
      [hallId, limit],
    );
    return rows.map(toChat);
  }
}
