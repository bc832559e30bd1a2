import { z } from "zod";

/**
 * Files exchanged in a service session: either side sends one over HTTP
 * (`POST /api/service/:contactId/files?name=…`, the raw bytes as the body), both sides hear of it
 * at once (`service:file` over the hall connection), and it goes on the ticket's timeline
 * (`kind: "file"`). The server decides a file's type from its content, never from its name.
 */

/** What a file is, as the pages draw it: images and PDFs have a preview, the rest an icon. */
export const SharedFileKind = z.enum(["image", "pdf", "document", "text", "svg"]);
export type SharedFileKind = z.infer<typeof SharedFileKind>;

/** Who sent a file: the customer, the agent serving them, or Atrium itself (a session's board, exported). */
export const FileSenderRole = z.enum(["customer", "agent", "system"]);
export type FileSenderRole = z.infer<typeof FileSenderRole>;

/** A file of a service session as both sides, and the ticket page, see it. */
export interface SharedFileView {
  id: string;
  ticketId: string;
  /** The session it was sent in (null for a file attached to the ticket later). */
  contactId: string | null;
  /** The original name, cleaned for display (no control or direction characters). */
  name: string;
  /** Bytes. */
  size: number;
  /** The type sniffed from the content (what it is served as). */
  mime: string;
  kind: SharedFileKind;
  from: FileSenderRole;
  senderName: string;
  /** ISO: when it was stored. */
  at: string;
  /** `/api/files/<id>/preview` answers (an image itself, or the first page of a PDF drawn as PNG). */
  preview: boolean;
}

/** The reply of `GET /api/service/:contactId/files`. */
export interface SessionFilesReply {
  files: SharedFileView[];
  /** The largest file the server takes, in bytes (`ATRIUM_FILE_MAX_MB`). */
  maxBytes: number;
  /** Whether the caller may send files into this session now (during it and its after-call wrap-up). */
  canSend: boolean;
}

/** Why an upload or a download was refused (`{ error, code }`, `error` in the asked language). */
export const FileErrorCode = z.enum([
  "too_large",
  "empty",
  "type_not_allowed",
  "disguised",
  "bad_name",
  "not_in_session",
  "not_connected",
  "session_over",
  "too_many",
  "not_allowed",
  "not_found",
  "sign_in",
]);
export type FileErrorCode = z.infer<typeof FileErrorCode>;

export const FileLimits = {
  /** Longest file name kept (characters, after cleaning). */
  nameMax: 200,
  /** Files one session may hold. */
  perSession: 50,
  /** Uploads into one session at the same time. */
  parallelPerSession: 3,
} as const;

/** Characters that would make a name a path, and control characters (C0, DEL, C1). */
const PATH_CHARACTERS = /[/\\]/u;
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/u;
/** Characters that reorder or hide text ("gnp.exe" shown as "exe.png"): dropped from the shown name. */
const INVISIBLE_CHARACTERS = /[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/gu;

/** What is wrong with a file's name, if anything; the name is refused rather than changed when it names a path. */
export type FileNameProblem = "empty" | "path" | "control" | "too_long";

export function fileNameProblem(raw: string): FileNameProblem | undefined {
  if (PATH_CHARACTERS.test(raw)) return "path";
  if (CONTROL_CHARACTERS.test(raw)) return "control";
  const name = displayFileName(raw);
  if (name === "" || name === "." || name === "..") return name === "" ? "empty" : "path";
  if ([...name].length > FileLimits.nameMax) return "too_long";
  return undefined;
}

/** The name as it is shown and kept: NFC, no invisible direction or zero-width characters, runs of spaces as one, trimmed. */
export function displayFileName(raw: string): string {
  return raw.normalize("NFC").replace(INVISIBLE_CHARACTERS, "").replace(/\s+/gu, " ").trim();
}

/** A name's extension, lower-case, without the dot ("" for none). */
export function fileExtension(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 && dot < name.length - 1 ? name.slice(dot + 1).toLowerCase() : "";
}

/** "12 KB", "3.4 MB" (1024-based, as file managers show). */
export function formatFileSize(bytes: number, lang: "en" | "zh-CN" = "en"): string {
  const space = lang === "zh-CN" ? "" : " ";
  if (bytes < 1024) return `${bytes}${space}B`;
  if (bytes < 1024 * 1024) return `${Math.max(1, Math.round(bytes / 1024))}${space}KB`;
  const mb = bytes / (1024 * 1024);
  return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)}${space}MB`;
}
