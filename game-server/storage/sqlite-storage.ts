import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { randomUUID } from "node:crypto";
import { DatabaseSync } from "node:sqlite";
import type { CallQualitySample, ChatRecord, ChatScope, HallRecord, Storage, VisitorRecord } from "./storage.ts";
import type { Role } from "../auth/guest-token.ts";

/** Ordered schema migrations; each runs once, inside a transaction, and is recorded. */
const migrations: readonly string[] = [
  `CREATE TABLE halls (id TEXT PRIMARY KEY, name TEXT NOT NULL, scene_id TEXT NOT NULL, created_at TEXT NOT NULL);
   CREATE TABLE visitors (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, created_at TEXT NOT NULL);
   CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);`,
  `CREATE TABLE chat_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, hall_id TEXT NOT NULL, visitor_id TEXT NOT NULL,
     name TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL);
   CREATE INDEX chat_messages_by_hall ON chat_messages (hall_id, scope, seq);`,
  `CREATE TABLE call_quality (seq INTEGER PRIMARY KEY AUTOINCREMENT, call_id TEXT NOT NULL, room_id TEXT NOT NULL, hall_id TEXT NOT NULL,
     session_id TEXT NOT NULL, visitor_id TEXT NOT NULL, at TEXT NOT NULL, source TEXT NOT NULL CHECK (source IN ('client', 'server')),
     rtt_ms REAL, jitter_ms REAL, loss_in_pct REAL, loss_out_pct REAL, kbps_in REAL, kbps_out REAL, freezes INTEGER, conceal_pct REAL,
     score INTEGER, level TEXT NOT NULL, ladder TEXT NOT NULL);
   CREATE INDEX call_quality_by_call ON call_quality (call_id, seq);
   CREATE INDEX call_quality_by_visitor ON call_quality (visitor_id, seq);`,
];

interface HallRow { id: string; name: string; scene_id: string; created_at: string }
interface VisitorRow { id: string; name: string; role: string; created_at: string }
interface CallQualityRow {
  call_id: string; room_id: string; hall_id: string; session_id: string; visitor_id: string; at: string; source: string;
  rtt_ms: number | null; jitter_ms: number | null; loss_in_pct: number | null; loss_out_pct: number | null; kbps_in: number | null; kbps_out: number | null;
  freezes: number | null; conceal_pct: number | null; score: number | null; level: string; ladder: string;
}
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
const toCallQuality = (r: CallQualityRow): CallQualitySample => ({
  callId: r.call_id,
  roomId: r.room_id,
  hallId: r.hall_id,
  sessionId: r.session_id,
  visitorId: r.visitor_id,
  at: r.at,
  source: r.source as CallQualitySample["source"],
  rttMs: r.rtt_ms,
  jitterMs: r.jitter_ms,
  lossInPct: r.loss_in_pct,
  lossOutPct: r.loss_out_pct,
  kbpsIn: r.kbps_in,
  kbpsOut: r.kbps_out,
  freezes: r.freezes,
  concealPct: r.conceal_pct,
  score: r.score,
  level: r.level as CallQualitySample["level"],
  ladder: r.ladder as CallQualitySample["ladder"],
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

  async appendCallQuality(samples: readonly CallQualitySample[]): Promise<void> {
    if (samples.length === 0) return;
    const insert = this.#db.prepare(
      `INSERT INTO call_quality (call_id, room_id, hall_id, session_id, visitor_id, at, source, rtt_ms, jitter_ms, loss_in_pct, loss_out_pct,
         kbps_in, kbps_out, freezes, conceal_pct, score, level, ladder) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // One transaction, so one sync to disk for the whole batch.
    this.#db.exec("BEGIN");
    try {
      for (const q of samples) {
        insert.run(q.callId, q.roomId, q.hallId, q.sessionId, q.visitorId, q.at, q.source, q.rttMs, q.jitterMs, q.lossInPct, q.lossOutPct, q.kbpsIn, q.kbpsOut, q.freezes, q.concealPct, q.score, q.level, q.ladder);
      }
      this.#db.exec("COMMIT");
    } catch (error) {
      this.#db.exec("ROLLBACK");
      throw error;
    }
  }

  async callQuality(callId: string, limit = 1000): Promise<CallQualitySample[]> {
    const rows = this.#db
      .prepare("SELECT * FROM (SELECT * FROM call_quality WHERE call_id = ? ORDER BY seq DESC LIMIT ?) ORDER BY seq")
      .all(callId, limit) as unknown as CallQualityRow[];
    return rows.map(toCallQuality);
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
