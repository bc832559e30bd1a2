import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { dirname, join } from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { HallState } from "../game-server/protocol/hall-state.ts";
import type { SessionFilesReply, SharedFileView } from "../game-server/protocol/files.ts";
import type { AcceptReply, DeskView, ServiceView, TicketDetail } from "../game-server/protocol/service.ts";
import { EventStreamReader } from "../test-support/event-stream-reader.ts";
import { until } from "../test-support/hall-visit.ts";
import * as sample from "../test-support/sample-files.ts";
import { signInStaff, staffHallVisit, type StaffVisit } from "../test-support/service-actors.ts";
import { newSessionToken, startTestServer, type TestServer } from "../test-support/start-test-server.ts";

/**
 * Files in a service session over a real server (Colyseus, mediasoup, a SQLite file, the files
 * folder on disk): the customer and the agent each send files, both hear of them at once, they
 * go on the ticket, and only the session's people and the hall's staff can fetch them, served so
 * that nothing in them can run. Then every kind of bad upload, refused with its reason in both
 * languages, leaving nothing behind — an upload cut off halfway included.
 */
let server: TestServer;
let filesDir: string;
const visits: { leave(): Promise<unknown> }[] = [];
const streams: EventStreamReader<unknown>[] = [];
const who: Record<string, Record<string, string>> = {};
const MAX_MB = 1;
const hasPoppler = (() => {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

type Customer = Room<unknown, HallState> & { files: SharedFileView[]; views: ServiceView[]; auth: Record<string, string> };
interface Session {
  customer: Customer;
  agent: StaffVisit & { files: SharedFileView[] };
  contactId: string;
  ticketNumber: number;
}

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const onDisk = () => readdirSync(filesDir).sort();

async function customer(name: string): Promise<Customer> {
  const token = await newSessionToken(server.url, name);
  const visit = await enterHallAsToken(token);
  const files: SharedFileView[] = [];
  const views: ServiceView[] = [];
  visit.onMessage("service:file", (f: SharedFileView) => files.push(f));
  visit.onMessage("service:state", (v: ServiceView) => views.push(v));
  visit.onMessage("service:chat", () => undefined);
  return Object.assign(visit, { files, views, auth: { authorization: `Bearer ${token}` } });
}

/** The hall visit of a guest whose token the test keeps (it is their key to their files). */
async function enterHallAsToken(token: string): Promise<Room<unknown, HallState>> {
  const room = await new Client(server.url).joinOrCreate<HallState>("hall", { hallId: "demo", token });
  room.onMessage("poses", () => undefined);
  await until(() => room.state?.visitors?.get(room.sessionId) !== undefined);
  visits.push(room);
  return room;
}

/** A customer served by Lin Wei: asked, offered, accepted, Lin's hall connection attached. */
async function connectedSession(name: string): Promise<Session> {
  const desk = await EventStreamReader.open<DeskView>(`${server.url}/api/desk/events`, "desk", who.lin!);
  streams.push(desk as EventStreamReader<unknown>);
  await desk.next(() => true);
  await post("/api/desk/presence", "lin", { presence: "available" });
  const c = await customer(name);
  const queued = (await c.request("service:request", { reason: "button", lang: "en" })) as ServiceView;
  await desk.next((v) => v.offers.some((o) => o.contactId === queued.contactId));
  const accepted = (await (await post(`/api/desk/offers/${queued.contactId}/accept`, "lin")).json()) as AcceptReply;
  const room = await staffHallVisit(server.url, who.lin!, accepted.roomId);
  visits.push(room);
  const agentFiles: SharedFileView[] = [];
  room.onMessage("service:file", (f: SharedFileView) => agentFiles.push(f));
  await room.request("service:attach", { contactId: queued.contactId });
  await until(() => c.views.at(-1)?.phase === "connected");
  return { customer: c, agent: Object.assign(room, { files: agentFiles }), contactId: queued.contactId, ticketNumber: queued.ticketNumber };
}

function post(path: string, as: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, { method: "POST", headers: { "content-type": "application/json", ...who[as] }, body: body === undefined ? undefined : JSON.stringify(body) });
}

function upload(contactId: string, auth: Record<string, string>, name: string, bytes: Uint8Array, lang?: "en" | "zh-CN"): Promise<Response> {
  const query = `name=${encodeURIComponent(name)}${lang ? `&lang=${lang}` : ""}`;
  return fetch(`${server.url}/api/service/${contactId}/files?${query}`, { method: "POST", headers: { "content-type": "application/octet-stream", ...auth }, body: Buffer.from(bytes) });
}

async function uploaded(response: Response): Promise<SharedFileView> {
  const body = (await response.json()) as { file: SharedFileView; error?: string };
  expect(response.status, body.error).toBe(201);
  return body.file;
}

async function timeline(ticketNumber: number) {
  const response = await fetch(`${server.url}/api/tickets/${ticketNumber}`, { headers: who.supervisor });
  return ((await response.json()) as TicketDetail).timeline;
}

beforeAll(async () => {
  server = await startTestServer({ ATRIUM_FILE_MAX_MB: String(MAX_MB), ATRIUM_AFTER_CALL_SECONDS: "30", ATRIUM_OFFER_SECONDS: "10" });
  filesDir = join(dirname(server.dbPath), "files");
  who.anonymous = {};
  who.lin = (await signInStaff(server.url, "lin.wei@nova.example")).headers;
  who.supervisor = (await signInStaff(server.url, "zhang.min@nova.example")).headers;
  who.marketer = (await signInStaff(server.url, "olivia.brown@nova.example")).headers;
  who.bankAgent = (await signInStaff(server.url, "chen.jing@meridian.example")).headers;
  who.admin = (await signInStaff(server.url, "admin@atrium.example")).headers;
  who.bystander = { authorization: `Bearer ${await newSessionToken(server.url, "Eve")}` };
}, 30_000);

afterAll(async () => {
  for (const s of streams) s.close();
  for (const v of visits) await v.leave().catch(() => undefined);
  await server?.stop();
});

describe("files in a service session", () => {
  let session: Session;
  const sent: { file: SharedFileView; bytes: Uint8Array }[] = [];

  it("takes every allowed kind from either side, tells both sides at once, and puts each on the ticket", async () => {
    session = await connectedSession("Ada");
    const { customer: ada, agent, contactId } = session;
    const kinds: [string, Uint8Array, Record<string, string>, string, string][] = [
      ["screen 屏幕.png", sample.png(), ada.auth, "image/png", "image"],
      ["photo.jpg", sample.jpeg(), ada.auth, "image/jpeg", "image"],
      // An image named as another kind of image is the image its content says.
      ["loop.png", sample.gif(), ada.auth, "image/gif", "image"],
      ["sticker.webp", sample.webp(), ada.auth, "image/webp", "image"],
      ["manual.pdf", sample.pdf(), who.lin!, "application/pdf", "pdf"],
      ["quote.docx", sample.docx(), who.lin!, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "document"],
      ["prices.xlsx", sample.xlsx(), ada.auth, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "document"],
      ["steps.pptx", sample.pptx(), who.lin!, "application/vnd.openxmlformats-officedocument.presentationml.presentation", "document"],
      ["notes.txt", sample.text(), ada.auth, "text/plain", "text"],
      ["order.csv", sample.csv(), who.lin!, "text/csv", "text"],
    ];
    for (const [name, bytes, auth, mime, kind] of kinds) {
      const file = await uploaded(await upload(contactId, auth, name, bytes));
      const from = auth === who.lin ? "agent" : "customer";
      expect(file, name).toMatchObject({ name, size: bytes.length, mime, kind, from, senderName: from === "agent" ? "Lin Wei" : "Ada", contactId });
      expect(file.preview, name).toBe(kind === "image" || (kind === "pdf" && hasPoppler));
      sent.push({ file, bytes });
    }
    // Both sides heard of every file, in order, as stored.
    await until(() => ada.files.length === kinds.length && agent.files.length === kinds.length);
    expect(ada.files).toEqual(sent.map((s) => s.file));
    expect(agent.files).toEqual(sent.map((s) => s.file));

    // On the ticket's timeline, with who sent it.
    const entries = (await timeline(session.ticketNumber)).filter((e) => e.kind === "file");
    expect(entries.map((e) => e.data.fileId)).toEqual(sent.map((s) => s.file.id));
    expect(entries[0]).toMatchObject({ authorName: "Ada", text: "screen 屏幕.png", data: { name: "screen 屏幕.png", size: sent[0]!.bytes.length, mime: "image/png", from: "customer" } });
    expect(entries[4]).toMatchObject({ authorName: "Lin Wei", data: { from: "agent", mime: "application/pdf" } });

    // Kept under random ids (never the name), each with its hash; no temp file is left.
    const names = onDisk();
    for (const { file } of sent) expect(names).toContain(file.id);
    expect(names.filter((n) => n.startsWith("."))).toEqual([]);
    expect(names.some((n) => n.includes("png") && !n.endsWith(".preview.png"))).toBe(false);

    // The session's list, for a page opened again.
    const list = (await (await fetch(`${server.url}/api/service/${contactId}/files`, { headers: ada.auth })).json()) as SessionFilesReply;
    expect(list).toEqual({ files: sent.map((s) => s.file), maxBytes: MAX_MB * 1024 * 1024, canSend: true });
  }, 60_000);

  it("serves each file as an attachment of its sniffed type, byte for byte, with nothing able to run", async () => {
    for (const { file, bytes } of sent) {
      const response = await fetch(`${server.url}/api/files/${file.id}`, { headers: who.lin });
      expect(response.status).toBe(200);
      expect(sha(new Uint8Array(await response.arrayBuffer())), file.name).toBe(sha(bytes));
      expect(response.headers.get("content-type")).toBe(file.mime.startsWith("text/") ? `${file.mime}; charset=utf-8` : file.mime);
      expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(response.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    }
    const png = sent[0]!.file;
    expect((await fetch(`${server.url}/api/files/${png.id}`, { headers: who.lin })).headers.get("content-disposition")).toBe(
      `attachment; filename="screen __.png"; filename*=UTF-8''screen%20%E5%B1%8F%E5%B9%95.png`,
    );
    // Previews: an image inline as itself; a PDF's first page as a PNG (poppler); none for the rest.
    const inline = await fetch(`${server.url}/api/files/${png.id}/preview`, { headers: session.customer.auth });
    expect(inline.status).toBe(200);
    expect(inline.headers.get("content-type")).toBe("image/png");
    expect(inline.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(inline.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(sha(new Uint8Array(await inline.arrayBuffer()))).toBe(sha(sent[0]!.bytes));
    const pdf = sent.find((s) => s.file.kind === "pdf")!.file;
    const page = await fetch(`${server.url}/api/files/${pdf.id}/preview`, { headers: who.lin });
    if (hasPoppler) {
      expect(page.status).toBe(200);
      expect(page.headers.get("content-type")).toBe("image/png");
      expect([...new Uint8Array(await page.arrayBuffer()).subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    } else {
      expect(page.status).toBe(404);
    }
    const docx = sent.find((s) => s.file.kind === "document")!.file;
    const none = await fetch(`${server.url}/api/files/${docx.id}/preview`, { headers: who.lin });
    expect(none.status).toBe(404);
  });

  it("lets only the session's customer and the hall's staff fetch a file: a bystander gets 403 with a reason", async () => {
    const { file } = sent[0]!;
    const expected: Record<string, number> = { customer: 200, lin: 200, supervisor: 200, admin: 200, bystander: 403, bankAgent: 403, marketer: 403, anonymous: 401 };
    for (const [as, status] of Object.entries(expected)) {
      const headers = as === "customer" ? session.customer.auth : who[as]!;
      for (const path of [`/api/files/${file.id}`, `/api/files/${file.id}/preview`, `/api/service/${session.contactId}/files`]) {
        const response = await fetch(`${server.url}${path}`, { headers });
        expect(response.status, `${as} ${path}`).toBe(status);
        if (status === 403) expect(((await response.json()) as { error: string }).error).toMatch(/service session you are not part of/);
      }
    }
    const zh = await fetch(`${server.url}/api/files/${file.id}?lang=zh-CN`, { headers: who.bystander });
    expect(((await zh.json()) as { error: string; code: string })).toEqual({ error: "这个文件属于您未参与的服务会话，无权查看。", code: "not_allowed" });
    expect((await fetch(`${server.url}/api/files/${"0".repeat(32)}`, { headers: who.lin })).status).toBe(404);
    expect((await fetch(`${server.url}/api/files/../../atrium.db`, { headers: who.lin })).status).toBe(404);
  });

  it("refuses every bad upload with its reason in English and Chinese, and stores nothing", async () => {
    const { contactId, customer: ada } = session;
    const before = { disk: onDisk(), entries: (await timeline(session.ticketNumber)).length, heard: ada.files.length };
    const big = new Uint8Array(MAX_MB * 1024 * 1024 + 1);
    big.set(sample.png());
    const cases: [string, Record<string, string>, string, Uint8Array, number, string, RegExp, RegExp][] = [
      ["oversized", ada.auth, "huge.png", big, 413, "too_large", /larger than 1\.0 MB/, /超过 1\.0MB/],
      ["empty", ada.auth, "empty.txt", new Uint8Array(), 400, "empty", /empty/, /空/],
      ["an HTML page renamed .png", ada.auth, "cat.png", sample.html(), 415, "disguised", /not what its name says: it is called \.png, but its content is a web page/, /文件内容与文件名不符/],
      ["a Windows program renamed .png", ada.auth, "holiday.png", sample.exe(), 415, "disguised", /\.exe/, /\.exe/],
      ["a Windows program", ada.auth, "setup.exe", sample.exe(), 415, "type_not_allowed", /cannot be sent \(a \.exe/, /不能发送这种文件/],
      ["a Linux program with no extension", who.lin!, "run", sample.elf(), 415, "type_not_allowed", /cannot be sent/, /不能发送/],
      ["an HTML page", ada.auth, "page.html", sample.html(), 415, "type_not_allowed", /web page/, /网页/],
      ["markup hidden in text", ada.auth, "figures.txt", sample.sneakyHtml(), 415, "type_not_allowed", /web page/, /网页/],
      ["an SVG drawing", ada.auth, "logo.svg", sample.svg(), 415, "type_not_allowed", /web page or other markup/, /标记/],
      ["Latin-1 text", ada.auth, "menu.txt", sample.latin1Text(), 415, "type_not_allowed", /not UTF-8/, /UTF-8/],
      ["text with a NUL byte", ada.auth, "log.txt", sample.textWithNul(), 415, "type_not_allowed", /kind we do not know/, /无法识别/],
      ["a ZIP archive", ada.auth, "bundle.zip", sample.plainZip(), 415, "type_not_allowed", /\.zip/, /\.zip/],
      ["text named .md", ada.auth, "notes.md", sample.text(), 415, "type_not_allowed", /\.txt or \.csv/, /\.txt 或 \.csv/],
      ["a name with a slash", ada.auth, "../../etc/passwd.txt", sample.text(), 400, "bad_name", /must not contain \//, /不能包含/],
      ["a name with a backslash", ada.auth, "..\\boot.txt", sample.text(), 400, "bad_name", /must not contain/, /不能包含/],
      ["a name with a control character", ada.auth, "bell\u0007.txt", sample.text(), 400, "bad_name", /control characters/, /控制字符/],
      ["no name", ada.auth, "", sample.text(), 400, "bad_name", /no name/, /没有名字/],
      ["a bystander in the same hall", who.bystander!, "hello.txt", sample.text(), 403, "not_in_session", /Only the customer and the agent/, /只有本次会话/],
      ["a supervisor who is not serving it", who.supervisor!, "hello.txt", sample.text(), 403, "not_in_session", /Only the customer and the agent/, /只有本次会话/],
      ["a marketer", who.marketer!, "hello.txt", sample.text(), 403, "not_in_session", /Only the customer and the agent/, /只有本次会话/],
      ["nobody signed in", {}, "hello.txt", sample.text(), 401, "sign_in", /service session/, /服务会话/],
    ];
    for (const [what, auth, name, bytes, status, code, en, zh] of cases) {
      for (const [lang, message] of [["en", en], ["zh-CN", zh]] as const) {
        const response = await upload(contactId, auth, name, bytes, lang);
        const body = (await response.json()) as { error: string; code: string };
        expect(response.status, `${what} (${lang}): ${body.error}`).toBe(status);
        expect(body.code, what).toBe(code);
        expect(body.error, `${what} (${lang})`).toMatch(message);
      }
    }
    const unknown = await upload("no-such-session", ada.auth, "a.txt", sample.text());
    expect(unknown.status).toBe(404);
    // Streamed without a length: counted as it comes, refused the moment it passes the limit.
    const chunks = Array.from({ length: 20 }, () => new Uint8Array(64 * 1024));
    const streamed = await fetch(`${server.url}/api/service/${contactId}/files?name=stream.txt`, {
      method: "POST",
      headers: { "content-type": "application/octet-stream", ...ada.auth },
      body: new ReadableStream({ pull: (c) => void (chunks.length ? c.enqueue(chunks.pop()!) : c.close()) }),
      duplex: "half",
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(((await streamed.json()) as { code: string }).code).toBe("too_large");
    // Nothing kept: no file, no temp file, no record, no timeline entry, nobody told.
    await new Promise((r) => setTimeout(r, 200));
    expect(onDisk()).toEqual(before.disk);
    expect((await timeline(session.ticketNumber)).length).toBe(before.entries);
    expect(ada.files.length).toBe(before.heard);
    const list = (await (await fetch(`${server.url}/api/service/${contactId}/files`, { headers: ada.auth })).json()) as SessionFilesReply;
    expect(list.files.length).toBe(sent.length);
  }, 60_000);

  it("leaves nothing behind when an upload is cut off halfway", async () => {
    const before = onDisk();
    const { hostname, port } = new URL(server.url);
    const aborted = new Promise<void>((resolve) => {
      const req = httpRequest({
        host: hostname,
        port,
        method: "POST",
        path: `/api/service/${session.contactId}/files?name=half.png`,
        headers: { ...session.customer.auth, "content-type": "image/png", "content-length": String(600 * 1024) },
      });
      req.on("error", () => resolve());
      req.write(Buffer.concat([Buffer.from(sample.png()), Buffer.alloc(200 * 1024)]));
      // Part of the body is there (a temp file exists now); then the connection drops.
      setTimeout(() => {
        expect(onDisk().some((n) => n.startsWith(".upload-"))).toBe(true);
        req.destroy();
        resolve();
      }, 300);
    });
    await aborted;
    await until(() => onDisk().join() === before.join(), 3000);
    const list = (await (await fetch(`${server.url}/api/service/${session.contactId}/files`, { headers: session.customer.auth })).json()) as SessionFilesReply;
    expect(list.files.length).toBe(sent.length);
  });

  it("takes files during the after-call wrap-up, and none once it is wrapped up or before an agent is there", async () => {
    const { contactId, customer: ada, agent } = session;
    await agent.request("service:end");
    await until(() => ada.views.at(-1)?.phase === "ended");
    const late = await uploaded(await upload(contactId, who.lin!, "summary.txt", sample.text("What we agreed: a new seal, Monday.\n")));
    expect(late.from).toBe("agent");
    await until(() => ada.files.some((f) => f.id === late.id));
    await post(`/api/desk/sessions/${contactId}/wrap-up`, "lin", { disposition: "answered", status: "resolved" });
    for (const auth of [who.lin!, ada.auth]) {
      const refused = await upload(contactId, auth, "after.txt", sample.text());
      expect(refused.status).toBe(409);
      expect(((await refused.json()) as { code: string }).code).toBe("session_over");
    }
    // Staff handling the ticket still fetch its files afterwards.
    expect((await fetch(`${server.url}/api/files/${late.id}`, { headers: who.supervisor })).status).toBe(200);

    const waiting = await customer("Bo");
    await post("/api/desk/presence", "lin", { presence: "away" });
    const queued = (await waiting.request("service:request", { reason: "button", lang: "en" })) as ServiceView;
    const early = await upload(queued.contactId, waiting.auth, "early.txt", sample.text(), "zh-CN");
    expect(early.status).toBe(409);
    expect(((await early.json()) as { code: string; error: string })).toEqual({ code: "not_connected", error: "客服接入后才能发送文件。" });
    await waiting.request("service:cancel");
  }, 30_000);
});

describe("configuration", () => {
  it("keeps files beside the database by default and reads the size limit in MB", async () => {
    const { readConfig } = await import("./config.ts");
    expect(readConfig({}).files).toEqual({ dir: expect.stringMatching(/data\/files$/), maxBytes: 20 * 1024 * 1024 });
    expect(readConfig({ ATRIUM_FILES_DIR: "/srv/atrium-files", ATRIUM_FILE_MAX_MB: "2.5" }).files).toEqual({ dir: "/srv/atrium-files", maxBytes: 2.5 * 1024 * 1024 });
    expect(() => readConfig({ ATRIUM_FILE_MAX_MB: "0" })).toThrow(/ATRIUM_FILE_MAX_MB/);
  });
});
