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
