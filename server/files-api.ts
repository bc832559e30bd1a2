import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import type { GuestClaims, GuestTokens } from "../game-server/auth/guest-token.ts";
import type { StaffRole } from "../game-server/auth/roles.ts";
import type { SessionFilesReply } from "../game-server/protocol/files.ts";
import { FileRefusal, fileTooLarge, mimeTypeOf, type FileSender, type ServiceFiles } from "../game-server/service/service-files.ts";
import type { FileRecord } from "../game-server/storage/file-repository.ts";
import type { StaffRecord, Storage } from "../game-server/storage/storage.ts";
import { HttpError, sendJson } from "./http-json.ts";
import type { RoleGuard } from "./role-guard.ts";

export interface FilesApiDeps {
  files: ServiceFiles;
  storage: Pick<Storage, "files" | "tickets">;
  tokens: GuestTokens;
  roles: RoleGuard;
}

/** Staff who serve sessions (and so may send files into the one they serve). */
const SENDING_ROLES: readonly StaffRole[] = ["agent", "supervisor"];
/** Staff who may read a ticket's files: those who work with tickets, in the ticket's hall. Marketers do not. */
const READING_ROLES: readonly StaffRole[] = ["agent", "supervisor", "admin"];
const CONTACT = "([A-Za-z0-9-]{1,64})";
const FILE = "([0-9a-f]{32})";

/**
 * Files of service sessions over HTTP:
 * - `POST /api/service/:contactId/files?name=<file name>` — the raw bytes as the body (streamed, never buffered whole);
 *   the customer of the session (their hall token as `Authorization: Bearer`) or the agent serving it (staff sign-in
 *   cookie), during the session and its after-call wrap-up → 201 `{ file }` once the file, its record and its timeline
 *   entry are durable. Refusals are `{ error, code }` (`error` in the language of `?lang=` or `Accept-Language`).
 * - `GET /api/service/:contactId/files` — the session's files, for its participants and the hall's staff.
 * - `GET /api/files/:id` — the bytes as an attachment; `GET /api/files/:id/preview` — an image inline, or a PDF's
 *   first page as PNG. Always the sniffed type, `nosniff` and a sandboxing CSP, so nothing in a file can run on this
 *   origin. Only the session's customer and the staff handling the ticket (its hall's agents, supervisors, admins).
 */
export function createFilesApi(deps: FilesApiDeps) {
  const { files, storage, roles } = deps;
  return async function handleFilesApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    const session = new RegExp(`^/api/service/${CONTACT}/files$`).exec(path);
    const file = new RegExp(`^/api/files/${FILE}(/preview)?$`).exec(path);
    if (!session && !file && !path.startsWith("/api/files/") && !path.startsWith("/api/service/")) return false;
    const lang = languageOf(req, url);
    try {
      if (session && req.method === "POST") {
        await upload(req, res, session[1]!, url);
        return true;
      }
      if (session && req.method === "GET") {
        sendJson(res, 200, await list(req, session[1]!));
        return true;
      }
      if (file && (req.method === "GET" || req.method === "HEAD")) {
        await serve(req, res, file[1]!, file[2] !== undefined);
        return true;
      }
      if (session || file) throw new HttpError(405, `no route ${req.method} ${path}`);
      throw new HttpError(404, `no route ${req.method} ${path}`);
    } catch (error) {
      if (!(error instanceof FileRefusal)) throw error;
      if (res.headersSent || res.destroyed) return true;
      sendJson(res, error.status, { error: error.in(lang), code: error.code });
      return true;
    }
  };

  async function upload(req: IncomingMessage, res: ServerResponse, contactId: string, url: URL): Promise<void> {
    try {
      const senders = await sendersOf(req);
      const admitted = files.admit(contactId, senders, url.searchParams.get("name") ?? "");
      if (Number(req.headers["content-length"] ?? 0) > files.maxBytes) {
        // Said by the client itself: refused before a byte is stored.
        throw fileTooLarge(files.maxBytes);
      }
      const view = await files.receive(admitted, req);
      sendJson(res, 201, { file: view });
    } catch (error) {
      // The sender went away mid-upload: what was written is already gone, and there is nobody to answer.
      if (req.destroyed && !(error instanceof FileRefusal)) return;
      // The rest of the body is not read: close the connection once the answer is out, so it cannot keep streaming in.
      if (!req.readableEnded) closeAfterAnswer(req, res);
      throw error;
    }
  }

  async function list(req: IncomingMessage, contactId: string): Promise<SessionFilesReply> {
    const contact = files.contactOf(contactId);
    const senders = await sendersOf(req);
    const participant = contact !== undefined && senders.some((s) => (s.role === "customer" ? s.visitorId === contact.customer.id : s.staffId === contact.agentId));
    if (!participant) {
      const ticketId = contact?.ticketId ?? (await storage.files.forContact(contactId))[0]?.ticketId;
      if (!ticketId) throw new FileRefusal(404, "not_found", "There is no such service session.", "没有这个服务会话。");
      await requireReader(req, ticketId);
    }
    return { files: await files.forContact(contactId), maxBytes: files.maxBytes, canSend: participant && contact !== undefined && files.canSend(contact) };
  }

  async function serve(req: IncomingMessage, res: ServerResponse, id: string, preview: boolean): Promise<void> {
    const record = await storage.files.get(id);
    if (!record) throw new FileRefusal(404, "not_found", "There is no such file.", "没有这个文件。");
    await requireReader(req, record.ticketId, record);
    const type = mimeTypeOf(record.mime);
    let path = files.path(record.id);
    let contentType = record.mime;
    if (preview) {
      if (type?.inline) {
        // An image, as its sniffed type: served inline only because its content was checked to be that image.
      } else if (type?.kind === "pdf") {
        path = files.previewPath(record.id);
        contentType = "image/png";
      } else {
        throw new FileRefusal(404, "not_found", "This file has no preview.", "这个文件没有预览。");
      }
    }
    const info = await stat(path).catch(() => undefined);
    if (!info?.isFile()) throw new FileRefusal(404, "not_found", preview ? "This file has no preview." : "The file is missing from the server.", preview ? "这个文件没有预览。" : "服务器上找不到这个文件。");
    res.writeHead(200, {
      "content-type": contentType.startsWith("text/") ? `${contentType}; charset=utf-8` : contentType,
      "content-length": info.size,
      "content-disposition": contentDisposition(preview ? "inline" : "attachment", preview && type?.kind === "pdf" ? `${record.name}.png` : record.name),
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; sandbox",
      "cross-origin-resource-policy": "same-origin",
      "referrer-policy": "no-referrer",
      "cache-control": "private, no-store",
      etag: `"${record.sha256}${preview ? "-preview" : ""}"`,
    });
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    // Someone who leaves mid-download is not an error worth a 500.
    await pipeline(createReadStream(path), res).catch(() => res.destroy());
  }

  /** Who may be sending: a customer's hall token, and a signed-in staff member of a serving role. */
  async function sendersOf(req: IncomingMessage): Promise<FileSender[]> {
    const senders: FileSender[] = [];
    const customer = await customerOf(req);
    if (customer) senders.push({ role: "customer", visitorId: customer.vid });
    const staff = await roles.signedIn(req);
    if (staff && !staff.disabled && SENDING_ROLES.includes(staff.role)) senders.push({ role: "staff", staffId: staff.id });
    if (senders.length === 0 && !staff) throw new FileRefusal(401, "sign_in", "Open this from your service session (or sign in as staff).", "请在服务会话中打开（或以员工身份登录）。");
    return senders;
  }

  /**
   * The ticket's customer (their hall token), the agent serving the session it came from, or staff who work with
   * tickets in its hall; 401 with no identity at all, 403 for anyone else.
   */
  async function requireReader(req: IncomingMessage, ticketId: string, record?: FileRecord): Promise<void> {
    const ticket = await storage.tickets.get(ticketId);
    const customer = await customerOf(req);
    if (ticket && customer && customer.vid === ticket.customerId) return;
    const staff = await roles.signedIn(req);
    if (ticket && staff && !staff.disabled) {
      const serving = record?.contactId ? files.contactOf(record.contactId)?.agentId === staff.id : false;
      if (serving || (READING_ROLES.includes(staff.role) && worksIn(staff, ticket.hallId))) return;
    }
    if (!customer && !staff) throw new FileRefusal(401, "sign_in", "Open this from your service session (or sign in as staff).", "请在服务会话中打开（或以员工身份登录）。");
    throw new FileRefusal(403, "not_allowed", "This file belongs to a service session you are not part of.", "这个文件属于您未参与的服务会话，无权查看。");
  }

  async function customerOf(req: IncomingMessage): Promise<GuestClaims | undefined> {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!bearer) return undefined;
    const claims = await deps.tokens.verify(bearer).catch(() => undefined);
    return claims?.role === "customer" ? claims : undefined;
  }
}

function worksIn(staff: StaffRecord, hallId: string): boolean {
  return staff.hallIds.length === 0 || staff.hallIds.includes(hallId);
}

function languageOf(req: IncomingMessage, url: URL): "en" | "zh-CN" {
  const asked = url.searchParams.get("lang") ?? req.headers["accept-language"] ?? "";
  return /^zh/i.test(asked) ? "zh-CN" : "en";
}

/** `attachment; filename="plain ASCII"; filename*=UTF-8''<the real name>` (RFC 6266 / 5987). */
export function contentDisposition(type: "attachment" | "inline", name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/gu, "_").replace(/["\\%;]/gu, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/gu, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Answers with `connection: close` and drops the socket shortly after, so an unread body cannot keep streaming in. */
function closeAfterAnswer(req: IncomingMessage, res: ServerResponse): void {
  if (res.headersSent) return;
  res.setHeader("connection", "close");
  res.once("finish", () => {
    // Let the client read the answer before the rest of its upload is refused at the socket.
    req.resume();
    setTimeout(() => req.socket.destroy(), 2000).unref();
  });
}
