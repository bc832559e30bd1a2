import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { SqliteStorage } from "./sqlite-storage.ts";

describe("SqliteStorage", () => {
  const dirs: string[] = [];
  const freshPath = () => {
    const dir = mkdtempSync(join(tmpdir(), "atrium-db-"));
    dirs.push(dir);
    return join(dir, "nested", "atrium.db");
  };
  afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("creates the file, migrates, and keeps data across reopen", async () => {
    const path = freshPath();
    const first = new SqliteStorage(path);
    await first.migrate();
    await first.putHall({ id: "demo", name: "Demo", sceneId: "demo-hall" });
    const visitor = await first.createVisitor({ name: "Ada", role: "customer" });
    await first.setSetting("secret", "s3cret");
    await first.close();

    const second = new SqliteStorage(path);
    await second.migrate(); // idempotent
    expect(await second.getHall("demo")).toMatchObject({ name: "Demo", sceneId: "demo-hall" });
    expect(await second.getVisitor(visitor.id)).toMatchObject({ name: "Ada", role: "customer" });
    expect(await second.getSetting("secret")).toBe("s3cret");
    expect(await second.listHalls()).toHaveLength(1);
    await second.close();
  });

  it("updates a hall in place instead of duplicating it", async () => {
    const db = new SqliteStorage(freshPath());
    await db.migrate();
    await db.putHall({ id: "demo", name: "Old", sceneId: "demo-hall" });
    await db.putHall({ id: "demo", name: "New", sceneId: "demo-hall" });
    expect((await db.listHalls()).map((h) => h.name)).toEqual(["New"]);
    await db.close();
  });

  it("answers undefined for what does not exist", async () => {
    const db = new SqliteStorage(freshPath());
    await db.migrate();
    expect(await db.getHall("nope")).toBeUndefined();
    expect(await db.getVisitor("nope")).toBeUndefined();
    expect(await db.getSetting("nope")).toBeUndefined();
    await db.close();
  });

  it("keeps hall-wide chat across a reopen and lists the latest, oldest first, without nearby talk", async () => {
    const path = freshPath();
    const db = new SqliteStorage(path);
    await db.migrate();
    const base = { hallId: "demo", visitorId: "v1", name: "Ada", role: "customer" as const };
    for (let i = 1; i <= 5; i++) await db.appendChat({ ...base, scope: "hall", text: `hello ${i}` });
    await db.appendChat({ ...base, scope: "nearby", text: "just between us" });
    await db.appendChat({ ...base, hallId: "bank", scope: "hall", text: "other hall" });
    await db.close();

    const reopened = new SqliteStorage(path);
    await reopened.migrate();
    expect((await reopened.recentChat("demo", 3)).map((m) => m.text)).toEqual(["hello 3", "hello 4", "hello 5"]);
    await reopened.close();
  });

  it("keeps a call's quality samples, from page and server, across a reopen and apart from other calls", async () => {
    const path = freshPath();
    const db = new SqliteStorage(path);
    await db.migrate();
    const call = { callId: "room1/s1", roomId: "room1", hallId: "demo", sessionId: "s1", visitorId: "v1" };
    const window = { rttMs: 40, jitterMs: 3, lossInPct: 0, lossOutPct: null, kbpsIn: 42, kbpsOut: 38, freezes: 0, concealPct: 0.4, score: 100, level: "good" as const, ladder: "video" as const };
    await db.appendCallQuality([
      { ...call, ...window, at: "2026-01-01T10:00:02.000Z", source: "client" },
      { ...call, ...window, at: "2026-01-01T10:00:04.000Z", source: "client", lossInPct: 31.5, score: 12, level: "bad", ladder: "audio" },
      { ...call, ...window, at: "2026-01-01T10:00:05.000Z", source: "server", jitterMs: null, concealPct: null, freezes: null },
    ]);
    await db.appendCallQuality([{ ...call, ...window, callId: "room1/s2", sessionId: "s2", at: "2026-01-01T10:00:02.000Z", source: "client" }]);
    await db.close();

    const reopened = new SqliteStorage(path);
    await reopened.migrate();
    const samples = await reopened.callQuality("room1/s1");
    expect(samples.map((q) => [q.source, q.level, q.ladder, q.lossInPct])).toEqual([
      ["client", "good", "video", 0],
      ["client", "bad", "audio", 31.5],
      ["server", "good", "video", 0],
    ]);
    expect(samples[2]).toMatchObject({ jitterMs: null, lossOutPct: null, kbpsIn: 42 });
    expect(await reopened.callQuality("room1/s1", 1)).toHaveLength(1);
    await reopened.close();
  });
});
