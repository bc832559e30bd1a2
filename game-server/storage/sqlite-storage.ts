import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { randomUUID } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import type { ChatRecord, ChatScope, HallRecord, Storage, VisitorRecord } from "./storage.ts";
import type { Role } from "../auth/guest-token.ts";

/** Ordered schema migrations; each runs once, inside a transaction, and is recorded. */
const migrations: readonly string[] = [
  `CREATE TABLE halls (id TEXT PRIMARY KEY, name TEXT NOT NULL, scene_id TEXT NOT NULL, created_at TEXT NOT NULL);
   CREATE TABLE visitors (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, created_at TEXT NOT NULL);
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  `CREATE TABLE chat_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, hall_id TEXT NOT NULL, visitor_id TEXT NOT NULL,
     name TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL);
   CREATE INDEX chat_messages_by_hall ON chat_messages (hall_id, scope, seq);`,
];

interface HallRow { id: string; name: string; scene_id: string; created_at: string }
interface VisitorRow { id: string; name: string; role: string; created_at: string }
interface ChatRow { id: string; hall_id: string; visitor_id: string; name: string; role: string; scope: string; text: string; created_at: string }

const toHall = (r: HallRow): HallRecord => ({ id: r.id, name: r.name, sceneId: r.scene_id, createdAt: r.created_at });
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
const toVisitor = (r: VisitorRow): VisitorRecord => ({ id: r.id, name: r.name, role: r.role as Role, createdAt: r.created_at });

/** The embedded default: one SQLite file, WAL journal, synchronous=FULL so an acknowledged write survives a crash. */
export class SqliteStorage implements Storage {
  readonly kind = "sqlite";
  readonly #db: DatabaseSync;

  readonly path: string;

  constructor(path: string) {
    this.path = path;
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    this.#db = new DatabaseSync(path);
    this.#db.exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000;");
  }

  async migrate(): Promise<void> {
    this.#db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
    const row = this.#db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as { v: number };
    for (let version = row.v + 1; version <= migrations.length; version++) {
      this.#db.exec("BEGIN");
      try {
        this.#db.exec(migrations[version - 1]!);
        this.#db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, new Date().toISOString());
        this.#db.exec("COMMIT");
      } catch (error) {
        this.#db.exec("ROLLBACK");
        throw new Error(`migration ${version} failed: ${(error as Error).message}`, { cause: error });
      }
    }
  }

  async listHalls(): Promise<HallRecord[]> {
    return (this.#db.prepare("SELECT * FROM halls ORDER BY created_at, id").all() as unknown as HallRow[]).map(toHall);
  }

  async getHall(id: string): Promise<HallRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM halls WHERE id = ?").get(id) as HallRow | undefined;
    return row && toHall(row);
  }

  async putHall(hall: Omit<HallRecord, "createdAt">): Promise<HallRecord> {
    this.#db
      .prepare("INSERT INTO halls (id, name, scene_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, scene_id = excluded.scene_id")
      .run(hall.id, hall.name, hall.sceneId, new Date().toISOString());
    return (await this.getHall(hall.id))!;
  }

  async createVisitor(visitor: Omit<VisitorRecord, "id" | "createdAt">): Promise<VisitorRecord> {
    const record: VisitorRecord = { id: randomUUID(), createdAt: new Date().toISOString(), ...visitor };
    this.#db.prepare("INSERT INTO visitors (id, name, role, created_at) VALUES (?, ?, ?, ?)").run(record.id, record.name, record.role, record.createdAt);
    return record;
  }

  async getVisitor(id: string): Promise<VisitorRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM visitors WHERE id = ?").get(id) as VisitorRow | undefined;
    return row && toVisitor(row);
  }

  async appendChat(message: Omit<ChatRecord, "id" | "createdAt">): Promise<ChatRecord> {
    const record: ChatRecord = { id: randomUUID(), createdAt: new Date().toISOString(), ...message };
    this.#db
      .prepare("INSERT INTO chat_messages (id, hall_id, visitor_id, name, role, scope, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .run(record.id, record.hallId, record.visitorId, record.name, record.role, record.scope, record.text, record.createdAt);
    return record;
  }

  async recentChat(hallId: string, limit: number): Promise<ChatRecord[]> {
    const rows = this.#db
      .prepare("SELECT * FROM (SELECT * FROM chat_messages WHERE hall_id = ? AND scope = 'hall' ORDER BY seq DESC LIMIT ?) ORDER BY seq")
      .all(hallId, limit) as unknown as ChatRow[];
    return rows.map(toChat);
  }

  async getSetting(key: string): Promise<string | undefined> {
    const row = this.#db.prepare("SELECT value FROM settings WHERE key = ?").get(key) as { value: string } | undefined;
    return row?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    this.#db.prepare("INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(key, value);
  }

  async ping(): Promise<void> {
    this.#db.prepare("SELECT 1").get();
  }

  async close(): Promise<void> {
    if (this.#db.isOpen) this.#db.close();
  }
}
