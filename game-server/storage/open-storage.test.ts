import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestSchema, postgresUnavailable, type TestSchema } from "../../test-support/postgres-test-schema.ts";
import { openStorage } from "./open-storage.ts";
import { SqliteStorage } from "./sqlite-storage.ts";
import type { Storage } from "./storage.ts";

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`open-storage.test.ts: the PostgreSQL case is skipped: ${unavailable}`);

describe("openStorage", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  const track = (storage: Storage) => {
    cleanups.push(() => storage.close());
    return storage;
  };

  it("keeps data in the SQLite file at dbPath when no database URL is set", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atrium-open-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "atrium.db");
    const storage = track(openStorage({ dbPath: path }));
    expect(storage.kind).toBe("sqlite");
    await storage.migrate();
    await storage.settings.set("where", "sqlite");
    const file = track(new SqliteStorage(path));
    expect(await file.settings.get("where")).toBe("sqlite");
  });

  it.skipIf(unavailable !== undefined)("keeps data in PostgreSQL when a database URL is set, and leaves dbPath alone", async () => {
    const schema: TestSchema = await createTestSchema();
    cleanups.push(() => schema.drop());
    const dir = mkdtempSync(join(tmpdir(), "atrium-open-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const path = join(dir, "atrium.db");
    const storage = track(openStorage({ dbPath: path, databaseUrl: schema.url }));
    expect(storage.kind).toBe("postgres");
    await storage.migrate();
    await storage.settings.set("where", "postgres");
    const again = track(openStorage({ dbPath: "/nonexistent/never-used.db", databaseUrl: schema.url }));
    expect(await again.settings.get("where")).toBe("postgres");
    const file = track(new SqliteStorage(path));
    await file.migrate();
    expect(await file.settings.get("where")).toBeUndefined();
  });
});
