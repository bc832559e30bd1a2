import { execFile } from "node:child_process";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import { mkdir, open, readdir, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Logger } from "../logging/logger.ts";
import { displayFileName, FileLimits, fileExtension, fileNameProblem, formatFileSize, type FileErrorCode, type FileSenderRole, type SharedFileView } from "../protocol/files.ts";
import type { FileRecord } from "../storage/file-repository.ts";
import type { Storage, TicketRecord } from "../storage/storage.ts";
import { ALLOWED_TYPES, checkGeneratedBytes, checkStoredFile, SVG_TYPE, type AllowedType, type Found } from "./file-policy.ts";
import { searchTerms } from "./search-terms.ts";
import type { Contact, ServiceDesk } from "./service-desk.ts";
import { syncDirectory } from "../storage/sync-directory.ts";

/** A refusal of a file, in both languages, with the HTTP status it is answered with. Nothing was stored. */
export class FileRefusal extends Error {
  readonly code: FileErrorCode;
  readonly status: number;
  readonly zh: string;

  constructor(status: number, code: FileErrorCode, en: string, zh: string) {
    super(en);
    this.status = status;
    this.code = code;
    this.zh = zh;
  }

  /** The message in the asker's language. */
  in(lang: "en" | "zh-CN"): string {
    return lang === "zh-CN" ? this.zh : this.message;
  }
}

/** Who is sending: the customer of a session (their visitor id) or a staff member (their account id). */
export type FileSender = { role: "customer"; visitorId: string } | { role: "staff"; staffId: string };

/** An upload that may go ahead: the session, the sender as the ticket shows them, and the cleaned name. */
export interface AdmittedUpload {
  contact: Contact;
  from: "customer" | "agent";
  senderId: string;
  senderName: string;
  name: string;
}

/** A file Atrium made itself (a session's board as PNG and SVG), for `ServiceFiles.attachGeneratedFile`. */
export interface GeneratedFile {
  /** The ticket it goes on; or give `contactId` (a session still known to the desk) and its ticket is used. */
  ticketId?: string;
  contactId?: string;
  /** A plain file name with its extension ("board-1042.png"); no path characters. */
  name: string;
  /** What the bytes are: one of the allowed types, or `image/svg+xml` (allowed only here; always served as an attachment). */
  mime: string;
  bytes: Uint8Array;
  by?: "system";
  /** Shown as the sender (default "Atrium"). */
  senderName?: string;
}

export interface ServiceFilesOptions {
  storage: Pick<Storage, "files" | "tickets">;
  desk: ServiceDesk;
  /** Where the files live (outside `public/`): `ATRIUM_FILES_DIR`. */
  dir: string;
  /** The largest file taken, in bytes (`ATRIUM_FILE_MAX_MB`). */
  maxBytes: number;
  log: Logger;
  /** poppler's `pdftoppm` for PDF previews: a path, `null` for none, or absent to look for it on the PATH. */
  pdftoppm?: string | null;
  now?: () => number;
}

/** How long poppler may take to draw a PDF's first page. */
const PREVIEW_TIMEOUT_MS = 15_000;
/** Temp files older than this at start were left by a crash mid-upload. */
const STALE_TEMP_MS = 60 * 60_000;
const TEMP_PREFIX = ".upload-";
const ID = /^[0-9a-f]{32}$/;

/**
 * The files of service sessions: who may send one and when (the customer in a session and the
 * agent serving it, during the session and its after-call wrap-up), receiving it (streamed to a
 * temp file while hashed and counted, checked by content, then renamed under a random id and
 * synced — so a failed or aborted upload leaves nothing), its record and its timeline entry on
 * the ticket (durable before anyone is told), the PDF preview, and the notice to both sides.
 * `attachGeneratedFile` puts files Atrium makes (a session's board) on a ticket the same way.
 */
export class ServiceFiles {
  readonly #options: ServiceFilesOptions;
  readonly #now: () => number;
  /** Uploads under way, per session. */
  readonly #uploading = new Map<string, number>();
  #pdftoppm?: Promise<string | null>;

  constructor(options: ServiceFilesOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  get maxBytes(): number {
    return this.#options.maxBytes;
  }

  /** The file's bytes on disk (`id` as stored). */
  path(id: string): string {
    if (!ID.test(id)) throw new Error(`not a file id: ${id.slice(0, 40)}`);
    return join(this.#options.dir, id);
  }

  previewPath(id: string): string {
    return `${this.path(id)}.preview.png`;
  }

  /** Creates the folder and removes temp files a crash left behind. */
  async start(): Promise<void> {
    await mkdir(this.#options.dir, { recursive: true });
    const now = Date.now();
    for (const name of await readdir(this.#options.dir)) {
      if (!name.startsWith(TEMP_PREFIX)) continue;
      const path = join(this.#options.dir, name);
      const info = await stat(path).catch(() => undefined);
      if (info && now - info.mtimeMs > STALE_TEMP_MS) await rm(path, { force: true });
    }
  }

  /**
   * May `sender` send a file named `rawName` into session `contactId` now? Checked before a byte of the body is read;
   * throws a `FileRefusal` otherwise.
   */
  admit(contactId: string, senders: readonly FileSender[], rawName: string): AdmittedUpload {
    const contact = this.#options.desk.contact(contactId);
    if (!contact) {
      throw new FileRefusal(404, "not_found", "There is no such service session (it may be over).", "没有这个服务会话（可能已经结束）。");
    }
    let from: AdmittedUpload["from"] | undefined;
    for (const s of senders) {
      if (s.role === "customer" && s.visitorId === contact.customer.id) from = "customer";
      if (s.role === "staff" && contact.agentId !== undefined && s.staffId === contact.agentId) from = "agent";
    }
    if (!from) throw new FileRefusal(403, "not_in_session", "Only the customer and the agent in this session can send files into it.", "只有本次会话中的客户和客服可以发送文件。");
    this.#checkOpen(contact);
    const name = checkName(rawName);
    const senderId = from === "customer" ? contact.customer.id : contact.agentId!;
    const senderName = from === "customer" ? contact.customer.name : (contact.agentName ?? "");
    return { contact, from, senderId, senderName, name };
  }

  /** The session as the desk knows it now (undefined once it is over and forgotten). */
  contactOf(contactId: string): Contact | undefined {
    return this.#options.desk.contact(contactId);
  }

  /** Whether a participant may still send files into the session (for the pages' "Attach" button). */
  canSend(contact: Contact): boolean {
    try {
      this.#checkOpen(contact);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Receives an admitted upload: streams `body` to a temp file (hash, size, the limit), checks it, keeps it under a
   * random id, writes its record and its timeline entry, then tells both sides. Anything failing on the way removes
   * what was written and rethrows (a `FileRefusal` for the sender's mistakes).
   */
  async receive(upload: AdmittedUpload, body: AsyncIterable<Uint8Array>): Promise<SharedFileView> {
    const { contact } = upload;
    const busy = this.#uploading.get(contact.id) ?? 0;
    if (busy >= FileLimits.parallelPerSession) {
      throw new FileRefusal(429, "too_many", `Wait for the files being sent to arrive (${FileLimits.parallelPerSession} at a time).`, `请等正在发送的文件完成（每次最多 ${FileLimits.parallelPerSession} 个）。`);
    }
    this.#uploading.set(contact.id, busy + 1);
    try {
      if ((await this.#options.storage.files.forContact(contact.id)).length >= FileLimits.perSession) {
        throw new FileRefusal(409, "too_many", `This session already holds ${FileLimits.perSession} files, the most it takes.`, `本次会话已有 ${FileLimits.perSession} 个文件，已达上限。`);
      }
      const written = await this.#write(body);
      try {
        const check = await checkStoredFile(written.temp, upload.name);
        if (!check.ok) throw typeRefusal(check.code, check.found, upload.name);
        const record = await this.#keep(written, check.type, {
          ticketId: contact.ticketId,
          hallId: contact.hallId,
          contactId: contact.id,
          name: upload.name,
          senderRole: upload.from,
          senderId: upload.senderId,
          senderName: upload.senderName,
        });
        return this.#announce(record, contact);
      } finally {
        await rm(written.temp, { force: true });
      }
    } finally {
      const left = (this.#uploading.get(contact.id) ?? 1) - 1;
      if (left > 0) this.#uploading.set(contact.id, left);
      else this.#uploading.delete(contact.id);
    }
  }

  /**
   * Puts a file Atrium made itself on a ticket, through the same store and timeline as uploads: a session's board as
   * PNG and SVG when the session ends. The bytes must be what `mime` says (checked by content); SVG is taken only here
   * and always served as an attachment. If the session is still known to the desk, both sides are told. Resolves once
   * the file, its record and its timeline entry are durable.
   */
  async attachGeneratedFile(file: GeneratedFile): Promise<SharedFileView> {
    const contact = file.contactId ? this.#options.desk.contact(file.contactId) : undefined;
    const ticketId = file.ticketId ?? contact?.ticketId;
    if (!ticketId) throw new Error(file.contactId ? `session ${file.contactId} is not known to the desk: give its ticketId` : "give a ticketId or a contactId");
    const ticket: TicketRecord | undefined = await this.#options.storage.tickets.get(ticketId);
    if (!ticket) throw new Error(`no ticket ${ticketId}`);
    const name = checkName(file.name);
    if (file.bytes.length === 0) throw emptyRefusal();
    if (file.bytes.length > this.#options.maxBytes) throw fileTooLarge(this.#options.maxBytes);
    if (mimeTypeOf(file.mime) === undefined) throw typeRefusal("type_not_allowed", `.${fileExtension(name) || "?"} (${file.mime})`, name);
    const check = await checkGeneratedBytes(file.bytes, file.mime, name);
    if (!check.ok) throw typeRefusal(check.code, check.found, name);
    const written = await this.#write([file.bytes]);
    try {
      const record = await this.#keep(written, check.type, {
        ticketId,
        hallId: ticket.hallId,
        contactId: file.contactId ?? null,
        name,
        senderRole: "system",
        senderId: null,
        senderName: file.senderName ?? "Atrium",
      });
      return this.#announce(record, contact);
    } finally {
      await rm(written.temp, { force: true });
    }
  }

  /** The file as the pages show it. */
  async view(record: FileRecord): Promise<SharedFileView> {
    const type = mimeTypeOf(record.mime);
    const kind = type?.kind ?? "document";
    const preview = type?.inline === true || (kind === "pdf" && (await exists(this.previewPath(record.id))));
    return {
      id: record.id,
      ticketId: record.ticketId,
      contactId: record.contactId,
      name: record.name,
      size: record.size,
      mime: record.mime,
      kind,
      from: record.senderRole as FileSenderRole,
      senderName: record.senderName,
      at: record.createdAt,
      preview,
    };
  }

  /** A session's files (oldest first), as the pages show them. */
  async forContact(contactId: string): Promise<SharedFileView[]> {
    return Promise.all((await this.#options.storage.files.forContact(contactId)).map((r) => this.view(r)));
  }

  // --- inside ---

  /** During the session, and after it until the agent's wrap-up (at most the after-call time). */
  #checkOpen(contact: Contact): void {
    if (contact.phase === "connecting" || contact.phase === "connected") return;
    if (contact.phase === "queued" || contact.phase === "closed") {
      throw new FileRefusal(409, "not_connected", "Files can be sent once an agent is with you.", "客服接入后才能发送文件。");
    }
    const afterCallMs = this.#options.desk.router.config.afterCallMs;
    const ended = contact.phase === "ended" && contact.endedAt !== undefined && !contact.wrappedUp && this.#now() - contact.endedAt <= afterCallMs;
    if (!ended) {
      throw new FileRefusal(409, "session_over", "This session is over: files can be sent during a session and its wrap-up only.", "本次会话已结束：只能在会话进行中及结束后的整理阶段发送文件。");
    }
  }

  /** Streams the bytes to a temp file in the files folder (same disk: the rename is atomic), hashing and counting; synced. */
  async #write(body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<{ temp: string; size: number; sha256: string }> {
    const { dir, maxBytes } = this.#options;
    await mkdir(dir, { recursive: true });
    const temp = join(dir, `${TEMP_PREFIX}${randomBytes(8).toString("hex")}.tmp`);
    const hash = createHash("sha256");
    let size = 0;
    const file = await open(temp, "wx", 0o600);
    try {
      for await (const chunk of body) {
        size += chunk.length;
        if (size > maxBytes) throw fileTooLarge(maxBytes);
        hash.update(chunk);
        await file.write(chunk);
      }
      if (size === 0) throw emptyRefusal();
      await file.sync();
    } catch (error) {
      await file.close().catch(() => undefined);
      await rm(temp, { force: true });
      throw error;
    }
    await file.close();
    return { temp, size, sha256: hash.digest("hex") };
  }

  /** Renames the checked temp file under a fresh id (synced), draws a PDF's preview, writes the record and the timeline entry. */
  async #keep(
    written: { temp: string; size: number; sha256: string },
    type: AllowedType,
    about: Pick<FileRecord, "ticketId" | "hallId" | "contactId" | "name" | "senderRole" | "senderId" | "senderName">,
  ): Promise<FileRecord> {
    const { storage, log } = this.#options;
    const id = randomUUID().replaceAll("-", "");
    const path = this.path(id);
    await rename(written.temp, path);
    let record: FileRecord | undefined;
    try {
      await syncDirectory(this.#options.dir);
      if (type.kind === "pdf") await this.#renderPdfPreview(id);
      record = await storage.files.create({ id, ...about, mime: type.mime, size: written.size, sha256: written.sha256 });
      await storage.tickets.append(
        {
          ticketId: about.ticketId,
          kind: "file",
          authorId: about.senderId,
          authorName: about.senderRole === "system" ? null : about.senderName,
          text: about.name,
          data: { fileId: id, name: about.name, size: written.size, mime: type.mime, kind: type.kind, from: about.senderRole, senderName: about.senderName, contactId: about.contactId, sha256: written.sha256 },
        },
        searchTerms(about.name),
      );
      return record;
    } catch (error) {
      // Nothing half-kept: the record (if written), the file and its preview go.
      if (record) await storage.files.remove(id).catch((e: unknown) => log.error("could not remove the record of a failed file", { fileId: id, error: e }));
      await rm(path, { force: true });
      await rm(this.previewPath(id), { force: true });
      throw error;
    }
  }

  async #announce(record: FileRecord, contact: Contact | undefined): Promise<SharedFileView> {
    const view = await this.view(record);
    if (contact) {
      for (const link of [contact.link, contact.agentLink]) {
        try {
          link?.file?.(view);
        } catch (error) {
          this.#options.log.warn("could not tell a side of a session about a file", { contactId: contact.id, error });
        }
      }
    }
    return view;
  }

  /** The first page as a PNG (at most 800 px wide), beside the file; none if poppler is missing, fails or takes too long. */
  async #renderPdfPreview(id: string): Promise<void> {
    const tool = await this.#findPdftoppm();
    if (!tool) return;
    const prefix = join(this.#options.dir, `${TEMP_PREFIX}${id}-preview`);
    try {
      await new Promise<void>((resolve, reject) => {
        execFile(tool, ["-f", "1", "-l", "1", "-png", "-singlefile", "-scale-to", "800", this.path(id), prefix], { timeout: PREVIEW_TIMEOUT_MS, killSignal: "SIGKILL", maxBuffer: 64 * 1024 }, (error) =>
          error ? reject(error) : resolve(),
        );
      });
      await rename(`${prefix}.png`, this.previewPath(id));
    } catch (error) {
      this.#options.log.warn("could not draw a PDF's first page (the file is kept, with an icon)", { fileId: id, error: (error as Error).message });
    } finally {
      await rm(`${prefix}.png`, { force: true });
    }
  }

  #findPdftoppm(): Promise<string | null> {
    if (this.#options.pdftoppm !== undefined) return Promise.resolve(this.#options.pdftoppm);
    this.#pdftoppm ??= new Promise((resolve) => {
      execFile("pdftoppm", ["-v"], { timeout: 5000 }, (error) => {
        if (error && (error as NodeJS.ErrnoException).code === "ENOENT") {
          this.#options.log.warn("pdftoppm (Debian's poppler-utils) is not installed: PDFs get a document icon instead of a preview");
          resolve(null);
        } else resolve("pdftoppm");
      });
    });
    return this.#pdftoppm;
  }
}

/** The allowed type of a stored MIME type (SVG included: stored only from generated files). */
export function mimeTypeOf(mime: string): AllowedType | undefined {
  return mime === SVG_TYPE.mime ? SVG_TYPE : ALLOWED_TYPES[mime];
}

function checkName(raw: string): string {
  const problem = fileNameProblem(raw);
  if (problem === "path") throw new FileRefusal(400, "bad_name", "The file's name must not contain / or \\ (it names a file, not a path).", "文件名不能包含 / 或 \\（只能是文件名，不能是路径）。");
  if (problem === "control") throw new FileRefusal(400, "bad_name", "The file's name contains control characters.", "文件名包含控制字符。");
  if (problem === "empty") throw new FileRefusal(400, "bad_name", "The file has no name.", "文件没有名字。");
  if (problem === "too_long") throw new FileRefusal(400, "bad_name", `The file's name is longer than ${FileLimits.nameMax} characters.`, `文件名超过 ${FileLimits.nameMax} 个字符。`);
  return displayFileName(raw);
}

const ALLOWED_EN = "images (PNG, JPEG, GIF, WebP), PDF, Word, Excel or PowerPoint files (.docx, .xlsx, .pptx) and plain text (.txt, .csv)";
const ALLOWED_ZH = "图片（PNG、JPEG、GIF、WebP）、PDF、Word/Excel/PowerPoint 文档（.docx、.xlsx、.pptx）和纯文本（.txt、.csv）";

function foundWords(found: Found): { en: string; zh: string } {
  switch (found) {
    case "markup":
      return { en: "a web page or other markup (HTML, SVG, XML)", zh: "网页或其他标记文件（HTML、SVG、XML）" };
    case "binary":
      return { en: "a file of a kind we do not know", zh: "无法识别的文件" };
    case "not-utf8":
      return { en: "text that is not UTF-8", zh: "非 UTF-8 编码的文本" };
    case "text-name":
      return { en: "plain text", zh: "纯文本" };
    case "not-svg":
      return { en: "text that is not an SVG drawing", zh: "不是 SVG 图形的文本" };
    default:
      return { en: `a ${found} file`, zh: `${found} 文件` };
  }
}

function typeRefusal(code: "type_not_allowed" | "disguised", found: Found, name: string): FileRefusal {
  const what = foundWords(found);
  if (code === "disguised") {
    const ext = fileExtension(name);
    return new FileRefusal(
      415,
      "disguised",
      `This file is not what its name says: it is called .${ext}, but its content is ${what.en}. Nothing was sent.`,
      `文件内容与文件名不符：文件名是 .${ext}，内容却是${what.zh}。未发送。`,
    );
  }
  if (found === "text-name") {
    return new FileRefusal(415, "type_not_allowed", "Plain text can be sent as a .txt or .csv file.", "纯文本请以 .txt 或 .csv 文件发送。");
  }
  return new FileRefusal(415, "type_not_allowed", `This kind of file cannot be sent (${what.en}). You can send ${ALLOWED_EN}.`, `不能发送这种文件（${what.zh}）。可以发送${ALLOWED_ZH}。`);
}

export function fileTooLarge(maxBytes: number): FileRefusal {
  return new FileRefusal(413, "too_large", `The file is larger than ${formatFileSize(maxBytes)}, the most that can be sent.`, `文件超过 ${formatFileSize(maxBytes, "zh-CN")}，无法发送。`);
}

function emptyRefusal(): FileRefusal {
  return new FileRefusal(400, "empty", "The file is empty.", "文件是空的。");
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
