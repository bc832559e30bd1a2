import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as sample from "../../test-support/sample-files.ts";
import { createLogger } from "../logging/logger.ts";
import type { SharedFileView } from "../protocol/files.ts";
import type { ServiceView } from "../protocol/service.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";
import type { Storage, TicketRecord } from "../storage/storage.ts";
import { deskConfigFor } from "./desk-config.ts";
import { ServiceDesk } from "./service-desk.ts";
import { FileRefusal, ServiceFiles } from "./service-files.ts";

/** The file store over a real SQLite file and a real folder: generated files on tickets, previews, and nothing left by a failure. */
let dir: string;
let filesDir: string;
let storage: SqliteStorage;
let desk: ServiceDesk;
let ticket: TicketRecord;
const quiet = createLogger("error", {}, () => undefined);
const hasPoppler = (() => {
  try {
    execFileSync("pdftoppm", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

const sha = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const filesOf = (options: Partial<ConstructorParameters<typeof ServiceFiles>[0]> = {}) =>
  new ServiceFiles({ storage, desk, dir: filesDir, maxBytes: 1024 * 1024, log: quiet, ...options });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "atrium-files-"));
  filesDir = join(dir, "files");
  storage = new SqliteStorage(join(dir, "atrium.db"));
  await storage.migrate();
  await storage.halls.put({ id: "demo", name: "Nova", sceneId: "nova-electronics" });
  desk = new ServiceDesk({ storage, log: quiet, configFor: async () => deskConfigFor("nova-electronics") });
  ticket = await storage.tickets.create({
    hallId: "demo", status: "open", priority: "normal", category: "general", subject: "Board", summary: "", lang: "en", customerId: "v-ada", customerName: "Ada",
    agentId: null, agentName: null, conversationId: null, disposition: null, csat: null, csatComment: null, followUpAt: null, queuedAt: null, answeredAt: null,
    firstResponseAt: null, abandonedAt: null, resolvedAt: null, closedAt: null,
  });
});

afterEach(async () => {
  desk.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("attachGeneratedFile (a session's board, exported)", () => {
  it("puts a PNG and an SVG on the ticket through the same store and timeline, the SVG never as a preview", async () => {
    const files = filesOf();
    const pngBytes = sample.png(40, 20);
    const png = await files.attachGeneratedFile({ ticketId: ticket.id, name: "board-1001.png", mime: "image/png", bytes: pngBytes, by: "system" });
    const svg = await files.attachGeneratedFile({ ticketId: ticket.id, name: "board-1001.svg", mime: "image/svg+xml", bytes: sample.svg() });
    expect(png).toMatchObject({ ticketId: ticket.id, contactId: null, name: "board-1001.png", mime: "image/png", kind: "image", from: "system", senderName: "Atrium", preview: true, size: pngBytes.length });
    expect(svg).toMatchObject({ mime: "image/svg+xml", kind: "svg", from: "system", preview: false });
    expect(readFileSync(files.path(png.id)).equals(Buffer.from(pngBytes))).toBe(true);
    const records = await storage.files.forTicket(ticket.id);
    expect(records.map((r) => [r.id, r.senderRole, r.senderId, r.sha256])).toEqual([
      [png.id, "system", null, sha(pngBytes)],
      [svg.id, "system", null, sha(sample.svg())],
    ]);
    const entries = (await storage.tickets.timeline(ticket.id)).filter((e) => e.kind === "file");
    expect(entries.map((e) => [e.authorId, e.text, e.data.fileId, e.data.mime, e.data.from])).toEqual([
      [null, "board-1001.png", png.id, "image/png", "system"],
      [null, "board-1001.svg", svg.id, "image/svg+xml", "system"],
    ]);
    // Found by its name.
    expect((await storage.tickets.list({ terms: ["board"] })).map((t) => t.id)).toEqual([ticket.id]);
  });

  it("tells the session's customer at once when the session is still known to the desk", async () => {
    const heard: SharedFileView[] = [];
    const views: ServiceView[] = [];
    const view = await desk.request(
      { hallId: "demo", roomId: "room-1", customer: { id: "v-bo", name: "Bo", sessionId: "s-bo" }, lang: "en", reason: "button", viewed: [] },
      { state: (v) => views.push(v), chat: () => undefined, file: (f) => heard.push(f) },
    );
    const files = filesOf();
    const file = await files.attachGeneratedFile({ contactId: view.contactId, name: "board.png", mime: "image/png", bytes: sample.png() });
    expect(heard).toEqual([file]);
    expect(file.contactId).toBe(view.contactId);
    expect((await storage.files.forContact(view.contactId)).map((r) => r.id)).toEqual([file.id]);
  });

  it("refuses bytes that are not what the type says, names with paths, other types and unknown tickets, keeping nothing", async () => {
    const files = filesOf();
    await files.start();
    const refusals: [Parameters<ServiceFiles["attachGeneratedFile"]>[0], string][] = [
      [{ ticketId: ticket.id, name: "board.png", mime: "image/png", bytes: sample.svg() }, "disguised"],
      [{ ticketId: ticket.id, name: "board.svg", mime: "image/svg+xml", bytes: sample.html() }, "type_not_allowed"],
      [{ ticketId: ticket.id, name: "board.html", mime: "text/html", bytes: sample.html() }, "type_not_allowed"],
      [{ ticketId: ticket.id, name: "../board.png", mime: "image/png", bytes: sample.png() }, "bad_name"],
      [{ ticketId: ticket.id, name: "board.png", mime: "image/png", bytes: new Uint8Array() }, "empty"],
      [{ ticketId: ticket.id, name: "board.png", mime: "image/png", bytes: new Uint8Array(2 * 1024 * 1024) }, "too_large"],
    ];
    for (const [file, code] of refusals) {
      const error = await files.attachGeneratedFile(file).catch((e: unknown) => e);
      expect(error, code).toBeInstanceOf(FileRefusal);
      expect((error as FileRefusal).code).toBe(code);
    }
    await expect(files.attachGeneratedFile({ ticketId: "no-such-ticket", name: "b.png", mime: "image/png", bytes: sample.png() })).rejects.toThrow(/no ticket/);
    await expect(files.attachGeneratedFile({ contactId: "gone", name: "b.png", mime: "image/png", bytes: sample.png() })).rejects.toThrow(/ticketId/);
    expect(await storage.files.forTicket(ticket.id)).toEqual([]);
    expect(readdirSync(filesDir)).toEqual([]);
  });
});

describe("the store", () => {
  it("removes the file and its record when the ticket cannot take the entry (nothing half-kept)", async () => {
    const failing: Pick<Storage, "files" | "tickets"> = {
      files: storage.files,
      tickets: Object.assign(Object.create(storage.tickets) as Storage["tickets"], {
        get: (id: string) => storage.tickets.get(id),
        append: async () => {
          throw new Error("disk full");
        },
      }),
    };
    const files = filesOf({ storage: failing });
    await expect(files.attachGeneratedFile({ ticketId: ticket.id, name: "board.png", mime: "image/png", bytes: sample.png() })).rejects.toThrow(/disk full/);
    expect(await storage.files.forTicket(ticket.id)).toEqual([]);
    expect(readdirSync(filesDir)).toEqual([]);
  });

  it("draws a PDF's first page as a PNG when poppler is there, and keeps the PDF with an icon when it is not", async () => {
    const without = await filesOf({ pdftoppm: null }).attachGeneratedFile({ ticketId: ticket.id, name: "manual.pdf", mime: "application/pdf", bytes: sample.pdf() });
    expect(without.preview).toBe(false);
    if (!hasPoppler) return;
    const files = filesOf();
    const withPreview = await files.attachGeneratedFile({ ticketId: ticket.id, name: "manual.pdf", mime: "application/pdf", bytes: sample.pdf() });
    expect(withPreview.preview).toBe(true);
    // The page is 200 × 100 pt with a blue box in its middle: the preview is 800 px wide, blue in the middle, white at the corner.
    const page = PNG.sync.read(readFileSync(files.previewPath(withPreview.id)));
    expect(page.width).toBe(800);
    const at = (x: number, y: number) => [...page.data.subarray((y * page.width + x) * 4, (y * page.width + x) * 4 + 3)];
    expect(at(400, Math.floor(page.height / 2))).toEqual([0, 0, 255]);
    expect(at(2, 2)).toEqual([255, 255, 255]);
  });

  it("clears temp files a crash left behind (older than an hour) when it starts, and leaves the rest", async () => {
    const files = filesOf();
    await files.start();
    const kept = await files.attachGeneratedFile({ ticketId: ticket.id, name: "b.png", mime: "image/png", bytes: sample.png() });
    writeFileSync(join(filesDir, ".upload-old.tmp"), "half");
    writeFileSync(join(filesDir, ".upload-new.tmp"), "half");
    const hourAgo = new Date(Date.now() - 2 * 3600_000);
    utimesSync(join(filesDir, ".upload-old.tmp"), hourAgo, hourAgo);
    await filesOf().start();
    expect(readdirSync(filesDir).sort()).toEqual([".upload-new.tmp", kept.id].sort());
  });
});
