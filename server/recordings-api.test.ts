import { randomUUID } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallRecorder } from "../game-server/assist/recording/call-recorder.ts";
import { recordingPath } from "../game-server/assist/recording/recording-retention.ts";
import type { TicketDetail } from "../game-server/protocol/service.ts";
import { SqliteStorage } from "../game-server/storage/sqlite-storage.ts";
import type { TicketRecord } from "../game-server/storage/storage.ts";
import { signInStaff } from "../test-support/service-actors.ts";
import { newSessionToken, startTestServer, type TestServer } from "../test-support/start-test-server.ts";
import { readConfig } from "./config.ts";

/**
 * Call recordings over a real server (Colyseus, mediasoup, a SQLite file): who may listen and
 * delete, byte ranges for the ticket page's player, and the timeline entry a deletion leaves.
 */
let server: TestServer;
let ticket: TicketRecord;
let recording: { path: string; bytes: Buffer };
const CONTACT = "c-recorded-call";
/** Request headers that carry each kind of caller's credential. */
const credentials: Record<string, Record<string, string>> = {};

function call(method: string, path: string, who: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}${path}`, { method, headers: { ...credentials[who], ...headers } });
}
const recordingUrl = (ticketId = ticket.id, contactId = CONTACT) => `/api/tickets/${ticketId}/recordings/${contactId}`;

/** About a second of a 440 Hz tone from the customer, as the call recorder writes a call (Ogg Opus). */
async function recordCall(path: string): Promise<Buffer> {
  const rate = 16_000;
  const recorder = new CallRecorder({ path, sampleRate: rate, title: "Atrium call test" });
  for (let ms = 0; ms < 1000; ms += 20) {
    const first = (ms * rate) / 1000;
    recorder.write("customer", Int16Array.from({ length: rate / 50 }, (_, i) => Math.round(0.3 * 32767 * Math.sin((2 * Math.PI * 440 * (first + i)) / rate))), ms);
  }
  await recorder.close(1000);
  return readFileSync(path);
}

beforeAll(async () => {
  server = await startTestServer();
  // Where the server keeps recordings: beside its files folder (server/atrium-server.ts).
  const dir = join(dirname(readConfig({ ATRIUM_DB_PATH: server.dbPath }).files.dir), "recordings");
  const file = new SqliteStorage(server.dbPath);
  try {
    ticket = await file.tickets.create({
      hallId: "demo", status: "resolved", priority: "normal", category: "phones", subject: "Screen cracked", summary: "", lang: "en",
      customerId: "v-ada", customerName: "Ada", agentId: null, agentName: null, conversationId: null, disposition: null, csat: null, csatComment: null,
      followUpAt: null, queuedAt: null, answeredAt: null, firstResponseAt: null, abandonedAt: null, resolvedAt: null, closedAt: null,
    });
  } finally {
    await file.close();
  }
  const path = recordingPath(dir, ticket.id, CONTACT);
  recording = { path, bytes: await recordCall(path) };

  credentials.anonymous = {};
  credentials.customer = { authorization: `Bearer ${await newSessionToken(server.url, "Ada")}` };
  const staff = { agent: "lin.wei@nova.example", supervisor: "zhang.min@nova.example", marketer: "olivia.brown@nova.example", "bank agent": "chen.jing@meridian.example", "bank supervisor": "wang.fang@meridian.example", admin: "admin@atrium.example" };
  for (const [who, email] of Object.entries(staff)) credentials[who] = (await signInStaff(server.url, email)).headers;
}, 30_000);
afterAll(async () => {
  await server?.stop();
});

describe("role × action on a call recording", () => {
  /** What each caller gets: listen (GET), delete. Nobody in this table deletes it: the file must survive them all. */
  const table = [
    { who: "anonymous", get: 401, del: 401 },
    // A customer's hall token is no staff sign-in: refused like the ticket the recording belongs to.
    { who: "customer", get: 401, del: 401 },
    { who: "marketer", get: 403, del: 403 },
    { who: "agent", get: 200, del: 403 },
    // Staff of another hall: their role would do; the ticket is not theirs to know of.
    { who: "bank agent", get: 404, del: 403 },
    { who: "bank supervisor", get: 404, del: 404 },
  ] as const;

  for (const row of table) {
    it(`${row.who}: listen ${row.get}, delete ${row.del}`, async () => {
      const get = await call("GET", recordingUrl(), row.who);
      expect(get.status).toBe(row.get);
      if (row.get === 200) expect(Buffer.from(await get.arrayBuffer()).equals(recording.bytes)).toBe(true);
      else expect(get.headers.get("content-type")).toMatch(/json/);
      const del = await call("DELETE", recordingUrl(), row.who);
      expect(del.status).toBe(row.del);
      expect(existsSync(recording.path)).toBe(true);
    });
  }

  it("serves the file whole as Ogg Opus, not to be cached or sniffed", async () => {
    const response = await call("GET", recordingUrl(), "supervisor");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("audio/ogg");
    expect(response.headers.get("accept-ranges")).toBe("bytes");
    expect(response.headers.get("cache-control")).toMatch(/no-store/);
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(Number(response.headers.get("content-length"))).toBe(recording.bytes.length);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(recording.bytes)).toBe(true);
    // What the recorder wrote is a real Ogg Opus stream with about a second of sound.
    expect(body.subarray(0, 4).toString("latin1")).toBe("OggS");
    expect(body.includes("OpusHead")).toBe(true);
    expect(body.length).toBeGreaterThan(1000);
    // An admin looks after every hall.
    expect((await call("GET", recordingUrl(), "admin")).status).toBe(200);
  });

  it("answers a byte range with 206 and just those bytes, so the player can seek", async () => {
    const response = await call("GET", recordingUrl(), "agent", { range: "bytes=10-19" });
    expect(response.status).toBe(206);
    expect(response.headers.get("content-range")).toBe(`bytes 10-19/${recording.bytes.length}`);
    expect(response.headers.get("content-length")).toBe("10");
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.equals(recording.bytes.subarray(10, 20))).toBe(true);

    // The last bytes ("bytes=-N"), as a player reads an Ogg file's end to learn its length.
    const tail = await call("GET", recordingUrl(), "agent", { range: "bytes=-16" });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(`bytes ${recording.bytes.length - 16}-${recording.bytes.length - 1}/${recording.bytes.length}`);
    expect(Buffer.from(await tail.arrayBuffer()).equals(recording.bytes.subarray(-16))).toBe(true);
  });

  it("answers a Range header that names no byte range with the whole file (200, not 206)", async () => {
    for (const range of ["bytes=-", "items=0-9", "bytes=0-1,5-9"]) {
      const response = await call("GET", recordingUrl(), "agent", { range });
      expect(response.status, range).toBe(200);
      expect(response.headers.get("content-range"), range).toBeNull();
      expect(Buffer.from(await response.arrayBuffer()).equals(recording.bytes), range).toBe(true);
    }
  });

  it("refuses a range that starts past the end with 416 and the file's size", async () => {
    const response = await call("GET", recordingUrl(), "agent", { range: `bytes=${recording.bytes.length}-` });
    expect(response.status).toBe(416);
    expect(response.headers.get("content-range")).toBe(`bytes */${recording.bytes.length}`);
    expect((await response.arrayBuffer()).byteLength).toBe(0);
  });

  it("answers 404, never a 500, for a path that names no recording", async () => {
    const paths = [
      recordingUrl(randomUUID()),
      recordingUrl(ticket.id, "c-another-call"),
      recordingUrl("not-a-ticket"),
      recordingUrl("-".repeat(36)),
      recordingUrl(ticket.id, "a".repeat(65)),
      recordingUrl(ticket.id, "..%2F..%2Fatrium.db"),
      recordingUrl(ticket.id, `${CONTACT}.opus`),
      `${recordingUrl()}/more`,
    ];
    for (const path of paths) {
      for (const method of ["GET", "DELETE"]) {
        const response = await call(method, path, "supervisor");
        expect(response.status, `${method} ${path}`).toBe(404);
      }
    }
    expect(existsSync(recording.path)).toBe(true);
  });

  it("a supervisor deletes it: the file is gone, nobody can fetch it, and the ticket says who deleted it", async () => {
    const del = await call("DELETE", recordingUrl(), "supervisor");
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ deleted: true });
    expect(existsSync(recording.path)).toBe(false);
    for (const who of ["agent", "supervisor", "admin"]) expect((await call("GET", recordingUrl(), who)).status).toBe(404);
    // A second delete finds nothing and writes nothing.
    expect((await call("DELETE", recordingUrl(), "supervisor")).status).toBe(404);

    const detail = (await (await call("GET", `/api/tickets/${ticket.number}`, "supervisor")).json()) as TicketDetail;
    const entries = detail.timeline.filter((e) => e.kind === "recording");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ authorName: "Zhang Min", data: { contactId: CONTACT, deleted: true } });
    expect(entries[0]!.authorId).toEqual(expect.any(String));
  });
});
