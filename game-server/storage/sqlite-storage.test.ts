import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { afterEach, describe, expect, it } from "vitest";
import { registerStorageContractTests } from "../../test-support/storage-contract.ts";
import { openSqliteDatabase } from "./sqlite/database.ts";
import { migrateSqlite, sqliteMigrations } from "./sqlite/migrations.ts";
import { SqliteStorage } from "./sqlite-storage.ts";

/** A fresh folder with the data file one level down, so opening must create the folder too. */
function freshPath(): { dir: string; path: string } {
  const dir = mkdtempSync(join(tmpdir(), "atrium-db-"));
  return { dir, path: join(dir, "nested", "atrium.db") };
}

registerStorageContractTests("sqlite (a real temp file)", async () => {
  const { dir, path } = freshPath();
  return {
    storage: new SqliteStorage(path),
    reopen: async () => new SqliteStorage(path),
    async cleanup() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe("SqliteStorage (SQLite only)", () => {
  const dirs: string[] = [];
  const newPath = () => {
    const { dir, path } = freshPath();
    dirs.push(dir);
    return path;
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("creates the file and its folder, in WAL mode, syncing every commit in full", async () => {
    const path = newPath();
    const storage = new SqliteStorage(path);
    expect(storage.kind).toBe("sqlite");
    expect(existsSync(path)).toBe(true);
    await storage.close();

    const db = openSqliteDatabase(path);
    expect(db.prepare("PRAGMA journal_mode").get()).toEqual({ journal_mode: "wal" });
    expect(db.prepare("PRAGMA synchronous").get()).toEqual({ synchronous: 2 }); // FULL
    expect(db.prepare("PRAGMA foreign_keys").get()).toEqual({ foreign_keys: 1 });
    expect(db.prepare("PRAGMA busy_timeout").get()).toEqual({ timeout: 5000 });
    db.close();
  });

  it("records each migration once, in order", async () => {
    const path = newPath();
    const storage = new SqliteStorage(path);
    await storage.migrate();
    await storage.migrate();
    await storage.close();
    const db = new DatabaseSync(path);
    const versions = (db.prepare("SELECT version FROM schema_migrations ORDER BY version").all() as { version: number }[]).map((r) => r.version);
    expect(versions).toEqual(sqliteMigrations.map((_, i) => i + 1));
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(["board_ops", "boards", "call_quality", "chat_messages", "conversation_turns", "files", "halls", "knowledge_articles", "scene_assets", "scene_history", "scene_versions", "scenes", "schema_migrations", "settings", "staff", "ticket_events", "tickets", "visitors"]);
    db.close();
  });

  it("rolls a failing migration back whole and names it", () => {
    const db = openSqliteDatabase(newPath());
    migrateSqlite(db);
    const broken = [...sqliteMigrations, "CREATE TABLE half_done (x TEXT); INSERT INTO no_such_table VALUES (1);"];
    expect(() => migrateSqlite(db, broken)).toThrow(`migration ${sqliteMigrations.length + 1} failed`);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half_done'").get()).toBeUndefined();
    expect(db.prepare("SELECT MAX(version) AS v FROM schema_migrations").get()).toEqual({ v: sqliteMigrations.length });
    db.close();
  });

  it("opens a data file written before call quality existed: keeps its rows and adds the missing table", async () => {
    // The on-disk schema as migrations 1 and 2 wrote it (the files of a deployment from then).
    const path = newPath();
    openSqliteDatabase(path).close();
    const old = new DatabaseSync(path);
    old.exec(`
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL);
      CREATE TABLE halls (id TEXT PRIMARY KEY, name TEXT NOT NULL, scene_id TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE visitors (id TEXT PRIMARY KEY, name TEXT NOT NULL, role TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE chat_messages (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, hall_id TEXT NOT NULL, visitor_id TEXT NOT NULL,
        name TEXT NOT NULL, role TEXT NOT NULL, scope TEXT NOT NULL, text TEXT NOT NULL, created_at TEXT NOT NULL);
      CREATE INDEX chat_messages_by_hall ON chat_messages (hall_id, scope, seq);
      INSERT INTO schema_migrations VALUES (1, '2025-06-01T00:00:00.000Z'), (2, '2025-06-01T00:00:00.000Z');
      INSERT INTO halls VALUES ('demo', 'Demo', 'demo-hall', '2025-06-01T00:00:01.000Z');
      INSERT INTO visitors VALUES ('v1', 'Ada', 'customer', '2025-06-01T00:00:02.000Z');
      INSERT INTO settings VALUES ('token-secret', 'old-secret');
      INSERT INTO chat_messages (id, hall_id, visitor_id, name, role, scope, text, created_at)
        VALUES ('c1', 'demo', 'v1', 'Ada', 'customer', 'hall', 'from before', '2025-06-01T00:00:03.000Z');
    `);
    old.close();

    const storage = new SqliteStorage(path);
    await storage.migrate();
    expect(await storage.halls.list()).toEqual([{ id: "demo", name: "Demo", sceneId: "demo-hall", createdAt: "2025-06-01T00:00:01.000Z" }]);
    expect(await storage.visitors.get("v1")).toEqual({ id: "v1", name: "Ada", role: "customer", createdAt: "2025-06-01T00:00:02.000Z" });
    expect(await storage.settings.get("token-secret")).toBe("old-secret");
    const next = await storage.chat.append({ hallId: "demo", visitorId: "v1", name: "Ada", role: "customer", scope: "hall", text: "after" });
    expect((await storage.chat.recent("demo", 10)).map((m) => [m.id, m.text])).toEqual([
      ["c1", "from before"],
      [next.id, "after"],
    ]);
    await storage.callQuality.append([
      { callId: "r/s", roomId: "r", hallId: "demo", sessionId: "s", visitorId: "v1", at: "2026-01-01T10:00:02.000Z", source: "client", rttMs: 40, jitterMs: 3, lossInPct: 0, lossOutPct: 0, kbpsIn: 42, kbpsOut: 38, freezes: 0, concealPct: 0, score: 100, level: "good", ladder: "video" },
    ]);
    expect(await storage.callQuality.forCall("r/s")).toHaveLength(1);
    await storage.close();
  });

  it("keeps a refused call-quality batch out entirely even with a database CHECK in the middle of it", async () => {
    const storage = new SqliteStorage(newPath());
    await storage.migrate();
    const base = { callId: "r/s", roomId: "r", hallId: "demo", sessionId: "s", visitorId: "v1", at: "2026-01-01T10:00:02.000Z", rttMs: 40, jitterMs: 3, lossInPct: 0, lossOutPct: 0, kbpsIn: 42, kbpsOut: 38, freezes: 0, concealPct: 0, score: 100, level: "good", ladder: "video" } as const;
    await expect(storage.callQuality.append([{ ...base, source: "client" }, { ...base, source: "browser" as never }])).rejects.toThrow(/CHECK constraint/);
    expect(await storage.callQuality.forCall("r/s")).toEqual([]);
    await storage.close();
  });
});
