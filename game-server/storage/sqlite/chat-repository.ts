import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { Role } from "../../auth/guest-token.ts";
import type { ChatRecord, ChatRepository, ChatScope } from "../storage.ts";

interface ChatRow { id: string; hall_id: string; visitor_id: string; name: string; role: string; scope: string; text: string; created_at: string }

const toChat = (r: ChatRow): ChatRecord => ({
  id: r.id,
  hallId: r.hall_id,
  visitorId: r.visitor_id,
  name: r.name,
  role: r.role as Role,
  scope: r.scope as ChatScope,
  text: r.text,
  createdAt: r.created_at,
});

export class SqliteChatRepository implements ChatRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async append(message: Omit<ChatRecord, "id" | "createdAt">): Promise<ChatRecord> {
    const record: ChatRecord = { id: randomUUID(), createdAt: new Date().toISOString(), ...message };
    this.#db
      .prepare("INSERT INTO chat_messages (id, hall_id, visitor_id, name, role, scope, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(record.id, record.hallId, record.visitorId, record.name, record.role, record.scope, record.text, record.createdAt);
    return record;
  }

  async recent(hallId: string, limit: number): Promise<ChatRecord[]> {
    const rows = this.#db
      .prepare("SELECT * FROM (SELECT * FROM chat_messages WHERE hall_id = ? AND scope = 'hall' ORDER BY seq DESC LIMIT ?) ORDER BY seq")
      .all(hallId, limit) as unknown as ChatRow[];
    return rows.map(toChat);
  }
}
