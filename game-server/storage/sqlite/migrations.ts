import type { DatabaseSync } from "node:sqlite";
import { inTransaction } from "./database.ts";

/**
 * The SQLite schema, as ordered migrations: migration N is `sqliteMigrations[N - 1]`. Each runs
 * once, inside a transaction, and is recorded in `schema_migrations`. Files on disk depend on
 * this list: only ever append to it, never edit an entry.
 */
export const sqliteMigrations: readonly string[] = [
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
  // Staff accounts, the knowledge base and concierge conversations. Lists are JSON text; `seq` keeps the order things were written in.
  `CREATE TABLE staff (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, email TEXT NOT NULL UNIQUE, display_name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'marketer', 'admin')), password_hash TEXT NOT NULL,
     hall_ids TEXT NOT NULL, skills TEXT NOT NULL, languages TEXT NOT NULL, disabled INTEGER NOT NULL CHECK (disabled IN (0, 1)),
     failed_logins INTEGER NOT NULL DEFAULT 0, locked_until TEXT, created_at TEXT NOT NULL);
   CREATE TABLE knowledge_articles (hall_id TEXT NOT NULL, id TEXT NOT NULL, lang TEXT NOT NULL CHECK (lang IN ('en', 'zh-CN')),
     title TEXT NOT NULL, body TEXT NOT NULL, tags TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (hall_id, id, lang));
   CREATE TABLE conversation_turns (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, conversation_id TEXT NOT NULL,
     hall_id TEXT NOT NULL, visitor_id TEXT NOT NULL, role TEXT NOT NULL CHECK (role IN ('customer', 'concierge')), text TEXT NOT NULL,
     lang TEXT NOT NULL CHECK (lang IN ('en', 'zh-CN')), sources TEXT NOT NULL, confidence REAL, created_at TEXT NOT NULL);
   CREATE INDEX conversation_turns_by_conversation ON conversation_turns (conversation_id, seq);`,
  // Tickets and their timelines. `number` is the ticket's number for people: AUTOINCREMENT (never reused, distinct under
  // concurrent writers) seeded so that the first is 1001. Search terms are " term1 term2 … " for instr() matching. An entry's
  // kind has no CHECK: later features add kinds without a migration. `data` is JSON text.
  `CREATE TABLE tickets (number INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, hall_id TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('open', 'pending', 'resolved', 'closed')),
     priority TEXT NOT NULL CHECK (priority IN ('low', 'normal', 'high', 'urgent')), category TEXT NOT NULL, subject TEXT NOT NULL,
     summary TEXT NOT NULL, lang TEXT NOT NULL CHECK (lang IN ('en', 'zh-CN')), customer_id TEXT NOT NULL, customer_name TEXT NOT NULL,
     agent_id TEXT, agent_name TEXT, conversation_id TEXT, disposition TEXT, csat INTEGER CHECK (csat IN (1, 2, 3, 4, 5)), csat_comment TEXT,
     follow_up_at TEXT, queued_at TEXT, answered_at TEXT, first_response_at TEXT, abandoned_at TEXT, resolved_at TEXT, closed_at TEXT,
     created_at TEXT NOT NULL, updated_at TEXT NOT NULL, search_terms TEXT NOT NULL);
   INSERT INTO sqlite_sequence (name, seq) VALUES ('tickets', 1000);
   CREATE INDEX tickets_by_hall ON tickets (hall_id, created_at);
   CREATE INDEX tickets_by_customer ON tickets (customer_id);
   CREATE INDEX tickets_by_agent ON tickets (agent_id);
   CREATE INDEX tickets_by_status ON tickets (status);
   CREATE TABLE ticket_events (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL REFERENCES tickets (id),
     at TEXT NOT NULL, kind TEXT NOT NULL, author_id TEXT, author_name TEXT, text TEXT NOT NULL, data TEXT NOT NULL);
   CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, seq);`,
  // Whiteboards: a row per board (lock, snapshot) and its op log.
  `CREATE TABLE boards (hall_id TEXT NOT NULL, board_id TEXT NOT NULL, locked INTEGER NOT NULL DEFAULT 0, snapshot_clock INTEGER NOT NULL DEFAULT 0,
     snapshot TEXT NOT NULL DEFAULT '[]', created_at TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (hall_id, board_id));
   CREATE TABLE board_ops (hall_id TEXT NOT NULL, board_id TEXT NOT NULL, clock INTEGER NOT NULL CHECK (clock > 0), at TEXT NOT NULL,
     actor TEXT NOT NULL, elements TEXT NOT NULL, PRIMARY KEY (hall_id, board_id, clock));`,
  // Files shared in service sessions: the bytes are on disk under `id` (ATRIUM_FILES_DIR); a row is written once the file is complete.
  `CREATE TABLE files (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, ticket_id TEXT NOT NULL REFERENCES tickets (id),
     hall_id TEXT NOT NULL, contact_id TEXT, name TEXT NOT NULL, mime TEXT NOT NULL,
     size INTEGER NOT NULL CHECK (typeof(size) = 'integer' AND size > 0),
     sha256 TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),
     sender_role TEXT NOT NULL CHECK (sender_role IN ('customer', 'agent', 'system')), sender_id TEXT, sender_name TEXT NOT NULL,
     created_at TEXT NOT NULL);
   CREATE INDEX files_by_ticket ON files (ticket_id, seq);
   CREATE INDEX files_by_contact ON files (contact_id, seq);`,
  // The studio: scene drafts with their editing lock, immutable published versions, an attributed history, uploaded product models.
  `CREATE TABLE scenes (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, draft TEXT NOT NULL,
     revision INTEGER NOT NULL CHECK (revision > 0), live_version INTEGER, latest_version INTEGER NOT NULL DEFAULT 0,
     created_by TEXT NOT NULL, created_by_name TEXT NOT NULL, created_at TEXT NOT NULL,
     updated_by TEXT NOT NULL, updated_by_name TEXT NOT NULL, updated_at TEXT NOT NULL,
     lock_by TEXT, lock_by_name TEXT, lock_until TEXT);
   CREATE TABLE scene_versions (scene_id TEXT NOT NULL REFERENCES scenes (id), version INTEGER NOT NULL CHECK (version > 0), name TEXT NOT NULL,
     document TEXT NOT NULL, published_by TEXT NOT NULL, published_by_name TEXT NOT NULL, published_at TEXT NOT NULL, PRIMARY KEY (scene_id, version));
   CREATE TRIGGER scene_versions_immutable BEFORE UPDATE ON scene_versions BEGIN SELECT RAISE(ABORT, 'a published scene version is immutable'); END;
   CREATE TABLE scene_history (seq INTEGER PRIMARY KEY AUTOINCREMENT, scene_id TEXT NOT NULL REFERENCES scenes (id),
     kind TEXT NOT NULL CHECK (kind IN ('create', 'import', 'save', 'publish', 'rollback')), revision INTEGER, version INTEGER,
     by_id TEXT NOT NULL, by_name TEXT NOT NULL, at TEXT NOT NULL, document TEXT);
   CREATE INDEX scene_history_by_scene ON scene_history (scene_id, seq);
   CREATE TABLE scene_assets (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL,
     price TEXT, kb_article_ids TEXT NOT NULL, sha256 TEXT NOT NULL CHECK (length(sha256) = 64), bytes INTEGER NOT NULL CHECK (bytes > 0),
     original_bytes INTEGER NOT NULL, triangles INTEGER NOT NULL, created_by TEXT NOT NULL, created_by_name TEXT NOT NULL, created_at TEXT NOT NULL);`,
];

/** Applies the migrations this database has not had yet, in order; a failing one is rolled back and reported with its number. */
export function migrateSqlite(db: DatabaseSync, migrations: readonly string[] = sqliteMigrations): void {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)");
  const row = db.prepare("SELECT COALESCE(MAX(version), 0) AS v FROM schema_migrations").get() as { v: number };
  for (let version = row.v + 1; version <= migrations.length; version++) {
    try {
      inTransaction(db, () => {
        db.exec(migrations[version - 1]!);
        db.prepare("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)").run(version, new Date().toISOString());
      });
    } catch (error) {
      throw new Error(`migration ${version} failed: ${(error as Error).message}`, { cause: error });
    }
  }
}
