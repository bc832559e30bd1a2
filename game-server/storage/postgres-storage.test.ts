import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { createTestSchema, postgresUnavailable, type TestSchema } from "../../test-support/postgres-test-schema.ts";
import { registerStorageContractTests } from "../../test-support/storage-contract.ts";
import { openPostgresPool } from "./postgres/database.ts";
import { migratePostgres, postgresMigrations } from "./postgres/migrations.ts";
import { PostgresStorage } from "./postgres-storage.ts";

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`postgres-storage.test.ts: skipped: ${unavailable}`);

describe.skipIf(unavailable !== undefined)("PostgreSQL (a real server, a fresh schema per test)", () => {
  registerStorageContractTests("postgres", async () => {
    const schema = await createTestSchema();
    return {
      storage: new PostgresStorage(schema.url),
      reopen: async () => new PostgresStorage(schema.url),
      cleanup: () => schema.drop(),
    };
  });

  describe("PostgresStorage (PostgreSQL only)", () => {
    const schemas: TestSchema[] = [];
    const opened: { end(): Promise<void> }[] = [];
    const freshSchema = async () => {
      const schema = await createTestSchema();
      schemas.push(schema);
      return schema;
    };
    const storageOn = (schema: TestSchema) => {
      const storage = new PostgresStorage(schema.url);
      opened.push({ end: () => storage.close() });
      return storage;
    };
    const poolOn = (url: string) => {
      const pool = new pg.Pool({ connectionString: url });
      opened.push(pool);
      return pool;
    };
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.end();
      for (const s of schemas.splice(0)) await s.drop();
    });

    it("records each migration once, in order, with the same tables as SQLite, in its own schema", async () => {
      const schema = await freshSchema();
      const storage = storageOn(schema);
      expect(storage.kind).toBe("postgres");
      await storage.migrate();
      await storage.migrate();
      const pool = poolOn(schema.url);
      const versions = (await pool.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version")).rows.map((r) => r.version);
      expect(versions).toEqual(postgresMigrations.map((_, i) => i + 1));
      const tables = (await pool.query<{ table_name: string }>("SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name", [schema.name])).rows.map((r) => r.table_name);
      expect(tables).toEqual(["board_ops", "boards", "call_quality", "chat_messages", "conversation_turns", "files", "halls", "knowledge_articles", "scene_assets", "scene_history", "scene_versions", "scenes", "schema_migrations", "settings", "staff", "ticket_events", "tickets", "visitors"]);
    });

    it("applies each migration once when several servers start at once on the same database", async () => {
      const schema = await freshSchema();
      const servers = Array.from({ length: 4 }, () => storageOn(schema));
      await Promise.all(servers.map((s) => s.migrate()));
      const pool = poolOn(schema.url);
      const { rows } = await pool.query<{ version: number }>("SELECT version FROM schema_migrations ORDER BY version");
      expect(rows.map((r) => r.version)).toEqual(postgresMigrations.map((_, i) => i + 1));
      await servers[0]!.halls.put({ id: "demo", name: "Demo", sceneId: "demo-hall" });
      expect(await servers[3]!.halls.list()).toHaveLength(1);
    });

    it("rolls a failing migration back whole and names it", async () => {
      const schema = await freshSchema();
      const pool = poolOn(schema.url);
      await migratePostgres(pool);
      const broken = [...postgresMigrations, "CREATE TABLE half_done (x text); INSERT INTO no_such_table VALUES (1);"];
      await expect(migratePostgres(pool, broken)).rejects.toThrow(`migration ${postgresMigrations.length + 1} failed`);
      expect((await pool.query("SELECT to_regclass('half_done') AS t")).rows[0]).toEqual({ t: null });
      expect((await pool.query("SELECT MAX(version) AS v FROM schema_migrations")).rows[0]).toEqual({ v: postgresMigrations.length });
    });

    it("commits synchronously even where the URL (or the server) asks for asynchronous commits", async () => {
      const schema = await freshSchema();
      const url = new URL(schema.url);
      url.searchParams.set("options", `${url.searchParams.get("options")} -c synchronous_commit=off`);
      const plain = poolOn(url.toString());
      expect((await plain.query("SHOW synchronous_commit")).rows[0]).toEqual({ synchronous_commit: "off" }); // the setting does reach the server
      const pool = openPostgresPool(url.toString(), 1);
      opened.push(pool);
      expect((await pool.query("SHOW synchronous_commit")).rows[0]).toEqual({ synchronous_commit: "on" });
      expect((await pool.query("SHOW search_path")).rows[0]).toEqual({ search_path: schema.name });
    });
  });
});
