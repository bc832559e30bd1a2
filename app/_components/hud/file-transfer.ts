import { fileNameProblem, formatFileSize, type SessionFilesReply, type SharedFileView } from "../../../game-server/protocol/files.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { FILE_WORDS, fillFileWords } from "./file-words.ts";

/**
 * How a page reaches a session's files: a customer with their hall token (`Authorization: Bearer`),
 * staff with their sign-in cookie (which plain links carry too).
 */
export type FileAuth = { kind: "bearer"; token: string } | { kind: "cookie" };

export const authHeaders = (auth: FileAuth): Record<string, string> => (auth.kind === "bearer" ? { authorization: `Bearer ${auth.token}` } : {});

export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;
export const previewUrl = (id: string) => `/api/files/${encodeURIComponent(id)}/preview`;
export const sessionFilesUrl = (contactId: string) => `/api/service/${encodeURIComponent(contactId)}/files`;

/** A refusal from the server (`{ error, code }`), or the connection failing (`code` undefined). */
export class FileTransferError extends Error {
  readonly code?: string;
  readonly status?: number;
  constructor(message: string, code?: string, status?: number) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

/** What is wrong with a file before it is sent (said at once, in the page's language), if anything. */
export function precheck(file: { name: string; size: number }, maxBytes: number, lang: Lang): string | undefined {
  const w = FILE_WORDS[lang];
  const name = file.name;
  if (fileNameProblem(name) === "path" || fileNameProblem(name) === "control") return fillFileWords(w.badName, { name });
  if (file.size === 0) return fillFileWords(w.empty, { name });
  if (file.size > maxBytes) return fillFileWords(w.tooLarge, { name, size: formatFileSize(maxBytes, lang) });
  return undefined;
}

/** Stored files and those heard of live, once each, oldest first. */
export function mergeFiles(...lists: readonly (readonly SharedFileView[])[]): SharedFileView[] {
  const byId = new Map<string, SharedFileView>();
  for (const list of lists) for (const file of list) byId.set(file.id, file);
  return [...byId.values()].sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export async function listSessionFiles(contactId: string, auth: FileAuth): Promise<SessionFilesReply> {
  const response = await fetch(sessionFilesUrl(contactId), { headers: authHeaders(auth), cache: "no-store" });
  const body = (await response.json().catch(() => ({}))) as Partial<SessionFilesReply> & { error?: string; code?: string };
  if (!response.ok || !body.files) throw new FileTransferError(body.error ?? `HTTP ${response.status}`, body.code, response.status);
  return body as SessionFilesReply;
}

/**
 * Sends one file as the raw body of `POST /api/service/:contactId/files?name=…` with progress (XHR: fetch cannot
 * report upload progress). Resolves with the stored file; rejects with a `FileTransferError` in the page's language.
 */
export function uploadFile(contactId: string, file: Blob & { name: string }, auth: FileAuth, lang: Lang, onProgress: (loaded: number, total: number) => void): { done: Promise<SharedFileView>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<SharedFileView>((resolve, reject) => {
    xhr.open("POST", `${sessionFilesUrl(contactId)}?name=${encodeURIComponent(file.name)}&lang=${encodeURIComponent(lang)}`);
    for (const [k, v] of Object.entries(authHeaders(auth))) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader("content-type", "application/octet-stream");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      const body = (xhr.response ?? {}) as { file?: SharedFileView; error?: string; code?: string };
      if (xhr.status === 201 && body.file) resolve(body.file);
      else reject(new FileTransferError(body.error ?? `HTTP ${xhr.status}`, body.code, xhr.status));
    };
    xhr.onerror = () => reject(new FileTransferError(FILE_WORDS[lang].network));
    xhr.onabort = () => reject(new FileTransferError(FILE_WORDS[lang].cancel, "aborted"));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}

/** The bytes of a file (or its preview) as a blob, for a customer whose token a plain link cannot carry. */
export async function fetchBlob(url: string, auth: FileAuth): Promise<Blob> {
  const response = await fetch(url, { headers: authHeaders(auth), cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: string; code?: string };
    throw new FileTransferError(body.error ?? `HTTP ${response.status}`, body.code, response.status);
  }
  return response.blob();
}

/** Saves a blob under a name, as a download link would. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.rel = "noopener";
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
