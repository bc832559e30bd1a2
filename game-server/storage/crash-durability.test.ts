import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startChildServer, type ChildServer } from "../../test-support/child-server.ts";
import { enterHallAs, type Visit } from "../../test-support/hall-visit.ts";
import { createTestSchema, postgresUnavailable } from "../../test-support/postgres-test-schema.ts";
import { Limits } from "../protocol/limits.ts";
import { PostgresStorage } from "./postgres-storage.ts";
import { SqliteStorage } from "./sqlite-storage.ts";
import type { Storage } from "./storage.ts";

const unavailable = await postgresUnavailable();
if (unavailable) console.warn(`crash-durability.test.ts: the PostgreSQL case is skipped: ${unavailable}`);

const VISITORS = 12;
/** Each visitor's share: the rate limit's burst, then more as its window frees. */
const LINES_EACH = Limits.chatPerTenSeconds + 3;
/** Kill once this many lines are acknowledged: well before the last is sent, so writes are in flight. */
const KILL_AFTER = 60;

interface Stream {
  /** Every line the server acknowledged: id → text. */
  acknowledged: Map<string, string>;
  sent: number;
  /** Sends nothing more (the server is gone). */
  stop(): void;
}

/**
 * Visitors send hall chat as fast as the rate limit lets each of them keep it up: its ten lines
 * of a window spread over the first second (one every 100 ms, the visitors staggered so that
 * lines arrive all the time), then one whenever its ten-second window frees a slot. Nobody waits
 * for an acknowledgement before sending on; every line the server acknowledges is recorded.
 * Requests cut off by the kill never resolve, or reject, and are not recorded.
 */
function chatAsFastAsAllowed(visits: Visit[]): Stream {
  let stopped = false;
  const stream: Stream = { acknowledged: new Map(), sent: 0, stop: () => (stopped = true) };
  const start = Date.now();
  visits.forEach(async (visit, v) => {
    for (let i = 0; i < LINES_EACH && !stopped; i++) {
      const window = Math.floor(i / Limits.chatPerTenSeconds);
      const due = start + window * 10_050 + (i % Limits.chatPerTenSeconds) * 100 + (v * 100) / visits.length;
      await new Promise((r) => setTimeout(r, Math.max(0, due - Date.now())));
      if (stopped) return;
      const text = `visitor ${v} line ${i}`;
      stream.sent++;
      visit.request("chat", { scope: "hall", text }).then(
        (ack: { id: string }) => void stream.acknowledged.set(ack.id, text),
        () => {},
      );
    }
  });
  return stream;
}

async function untilCount(stream: Stream, count: number, timeoutMs = 10_000): Promise<void> {
  const start = Date.now();
  while (stream.acknowledged.size < count) {
    if (Date.now() - start > timeoutMs) throw new Error(`only ${stream.acknowledged.size} lines acknowledged in ${timeoutMs} ms`);
    await new Promise((r) => setImmediate(r));
  }
}

describe("kill -9 of the server loses no acknowledged write", () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  /** Runs the stream against a child server over `env`, kills it mid-stream, then checks `reopen()`'s hall chat. */
  async function killMidStream(env: Record<string, string>, reopen: () => Storage): Promise<void> {
    const child: ChildServer = await startChildServer(env);
    cleanups.push(() => child.kill9());
    const visits = await Promise.all(Array.from({ length: VISITORS }, (_, v) => enterHallAs(child.url, `Writer ${v}`)));
    for (const visit of visits) {
      visit.reconnection.enabled = false; // the server is about to vanish for good
      visit.onMessage("chat", () => {}); // the lines heard back are not the point here
    }
    cleanups.push(() => visits.forEach((visit) => visit.connection.close()));

    const stream = chatAsFastAsAllowed(visits);
    await untilCount(stream, KILL_AFTER);
    await child.kill9();
    stream.stop();
    const acknowledged = new Map(stream.acknowledged); // nothing can be acknowledged after this
    const inFlight = stream.sent - acknowledged.size;
    expect(stream.sent, "the kill must land mid-stream, with lines still to send").toBeLessThan(VISITORS * LINES_EACH);

    const storage = reopen();
    cleanups.push(() => storage.close());
    await storage.migrate(); // as the restarting server does
    const stored = new Map((await storage.chat.recent("demo", 10_000)).map((line) => [line.id, line.text]));
    const lost = [...acknowledged].filter(([id, text]) => stored.get(id) !== text);
    expect(lost, `${lost.length} of ${acknowledged.size} acknowledged lines lost (${inFlight} were in flight at the kill)`).toEqual([]);
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
  }

  it("over SQLite", async () => {
    const dir = mkdtempSync(join(tmpdir(), "atrium-crash-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const dbPath = join(dir, "atrium.db");
    await killMidStream({ ATRIUM_DB_PATH: dbPath }, () => new SqliteStorage(dbPath));
  }, 30_000);

  it.skipIf(unavailable !== undefined)("over PostgreSQL", async () => {
    const schema = await createTestSchema();
    cleanups.push(() => schema.drop());
    const dir = mkdtempSync(join(tmpdir(), "atrium-crash-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    await killMidStream({ ATRIUM_DATABASE_URL: schema.url, ATRIUM_DB_PATH: join(dir, "atrium.db") }, () => new PostgresStorage(schema.url));
  }, 30_000);
});
