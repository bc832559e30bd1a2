import { open } from "node:fs/promises";
import { fileTypeFromBuffer, fileTypeFromFile } from "file-type";
import { fileExtension, type SharedFileKind } from "../protocol/files.ts";

/**
 * Which files a service session takes, decided by their content (`file-type`'s magic numbers,
 * and for text a full read), never by their name or the type the sender declared. The name only
 * has to agree with the content, so that a page or an executable renamed `.png` is refused as
 * disguised instead of passing as something it is not.
 */
export interface AllowedType {
  mime: string;
  kind: SharedFileKind;
  /** Names a file of this type may have. */
  extensions: readonly string[];
  /** Shown inline as its own preview (images only; never SVG). */
  inline: boolean;
}

const IMAGE_EXTENSIONS = ["png", "jpg", "jpeg", "jpe", "jfif", "gif", "webp"];

/** The allow-list, by sniffed MIME type. */
export const ALLOWED_TYPES: Readonly<Record<string, AllowedType>> = Object.fromEntries(
  (
    [
      // An image named as another kind of image is still the image its content says (cameras and tools mix these up).
      { mime: "image/png", kind: "image", extensions: IMAGE_EXTENSIONS, inline: true },
      { mime: "image/jpeg", kind: "image", extensions: IMAGE_EXTENSIONS, inline: true },
      { mime: "image/gif", kind: "image", extensions: IMAGE_EXTENSIONS, inline: true },
      { mime: "image/webp", kind: "image", extensions: IMAGE_EXTENSIONS, inline: true },
      { mime: "application/pdf", kind: "pdf", extensions: ["pdf"], inline: false },
      { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kind: "document", extensions: ["docx"], inline: false },
      { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", kind: "document", extensions: ["xlsx"], inline: false },
      { mime: "application/vnd.openxmlformats-officedocument.presentationml.presentation", kind: "document", extensions: ["pptx"], inline: false },
      { mime: "text/plain", kind: "text", extensions: ["txt"], inline: false },
      { mime: "text/csv", kind: "text", extensions: ["csv"], inline: false },
    ] satisfies AllowedType[]
  ).map((t) => [t.mime, t]),
);

/** Only for files Atrium makes itself (a session's board): never taken from a person, never shown inline. */
export const SVG_TYPE: AllowedType = { mime: "image/svg+xml", kind: "svg", extensions: ["svg"], inline: false };

/** Every extension some allowed type has: a name ending so claims to be a file we take. */
const ALLOWED_EXTENSIONS = new Set(Object.values(ALLOWED_TYPES).flatMap((t) => t.extensions));
/** Types `file-type` reports for markup (it knows XML, SVG with a declaration among them). */
const MARKUP_TYPES = new Set(["application/xml", "text/xml", "image/svg+xml", "text/html", "application/xhtml+xml"]);

/** The name claims an allowed type that is not plain text (markup or a program under such a name is disguised). */
const claimsNonText = (claimed: string) => ALLOWED_EXTENSIONS.has(claimed) && claimed !== "txt" && claimed !== "csv";

/**
 * What a refused file turned out to be: `markup` (HTML, SVG, XML), `binary` (no type we know), `not-utf8` (text in another
 * encoding), `text-name` (plain text under a name other than .txt or .csv), or the sniffed type as ".exe (application/x-msdownload)".
 */
export type Found = "markup" | "binary" | "not-utf8" | "text-name" | "not-svg" | `.${string}`;

export type FileCheck = { ok: true; type: AllowedType } | { ok: false; code: "type_not_allowed" | "disguised"; found: Found };

/**
 * Checks a complete file on disk against the allow-list (content first, then that the name agrees).
 * Text is read whole: UTF-8 (invalid sequences refused), no NUL byte, and no markup (HTML, SVG, XML).
 */
export async function checkStoredFile(path: string, name: string): Promise<FileCheck> {
  const sniffed = await fileTypeFromFile(path).catch(() => undefined);
  if (sniffed) return checkSniffed(sniffed.mime, sniffed.ext, name);
  return checkText(await readTextProblem(path), name);
}

/** The same check over bytes in memory (generated files). */
export async function checkBytes(bytes: Uint8Array, name: string): Promise<FileCheck> {
  const sniffed = await fileTypeFromBuffer(bytes).catch(() => undefined);
  if (sniffed) return checkSniffed(sniffed.mime, sniffed.ext, name);
  return checkText(textProblem(bytes), name);
}

/**
 * A file Atrium made itself: it must be what `mime` says. SVG is allowed here (and only here):
 * UTF-8 text whose root element is `<svg>`; it is always served as an attachment.
 */
export async function checkGeneratedBytes(bytes: Uint8Array, mime: string, name: string): Promise<FileCheck> {
  if (mime === SVG_TYPE.mime) {
    const problem = textProblem(bytes);
    if (problem !== "markup" || !isSvg(new TextDecoder().decode(bytes.subarray(0, 4096)))) return { ok: false, code: "type_not_allowed", found: problem ?? "not-svg" };
    if (fileExtension(name) !== "svg") return { ok: false, code: "disguised", found: ".svg (image/svg+xml)" };
    return { ok: true, type: SVG_TYPE };
  }
  const check = await checkBytes(bytes, name);
  if (check.ok && check.type.mime !== mime) return { ok: false, code: "disguised", found: `.${check.type.extensions[0]} (${check.type.mime})` };
  return check;
}

function checkSniffed(mime: string, ext: string, name: string): FileCheck {
  const type = ALLOWED_TYPES[mime];
  const claimed = fileExtension(name);
  if (!type) {
    // Something not allowed, dressed up under the name of something that is: say so.
    if (MARKUP_TYPES.has(mime)) return { ok: false, code: claimsNonText(claimed) ? "disguised" : "type_not_allowed", found: "markup" };
    return { ok: false, code: ALLOWED_EXTENSIONS.has(claimed) ? "disguised" : "type_not_allowed", found: `.${ext} (${mime})` };
  }
  // A name with no extension claims nothing; one with an extension must agree with the content.
  if (claimed !== "" && !type.extensions.includes(claimed)) return { ok: false, code: "disguised", found: `.${ext} (${mime})` };
  return { ok: true, type };
}

type TextProblem = "binary" | "not-utf8" | "markup" | undefined;

function checkText(problem: TextProblem, name: string): FileCheck {
  const claimed = fileExtension(name);
  const claimsOther = claimsNonText(claimed);
  if (problem) return { ok: false, code: claimsOther ? "disguised" : "type_not_allowed", found: problem };
  if (claimed === "csv") return { ok: true, type: ALLOWED_TYPES["text/csv"]! };
  if (claimed === "txt" || claimed === "") return { ok: true, type: ALLOWED_TYPES["text/plain"]! };
  return { ok: false, code: claimsOther ? "disguised" : "type_not_allowed", found: "text-name" };
}

/** Tags whose presence makes text a page or a drawing, not plain text (a browser that ignored our type would run it). */
const MARKUP = /<\s*(script|html|head|body|iframe|frame|object|embed|svg|math|meta|link|style|form|img|base|\?xml|!doctype)\b/iu;

function classify(head: string): TextProblem {
  const start = head.replace(/^\ufeff/u, "").trimStart();
  if (/^<[!?a-z/]/iu.test(start) || MARKUP.test(head)) return "markup";
  return undefined;
}

function isSvg(head: string): boolean {
  const body = head
    .replace(/^\ufeff/u, "")
    .replace(/<\?xml[^>]*\?>/iu, "")
    .replace(/<!--[\s\S]*?-->/gu, "")
    .replace(/<!doctype[^>]*>/iu, "")
    .trimStart();
  return /^<svg[\s>]/iu.test(body);
}

/** Bytes in memory: NUL → binary; not valid UTF-8; markup anywhere. */
function textProblem(bytes: Uint8Array): TextProblem {
  if (bytes.includes(0)) return "binary";
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return "not-utf8";
  }
  return classify(text);
}

/** The same over a file on disk, read in chunks (up to the size limit, never all at once). */
async function readTextProblem(path: string): Promise<TextProblem> {
  const file = await open(path, "r");
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const buffer = new Uint8Array(256 * 1024);
  let tail = "";
  let markup: TextProblem = undefined;
  let first = true;
  try {
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      const chunk = buffer.subarray(0, bytesRead);
      if (chunk.includes(0)) return "binary";
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        return "not-utf8";
      }
      // Tags may straddle two chunks: look at the end of the last one with this one.
      if (!markup) markup = first ? classify(text) : MARKUP.test(tail + text) ? "markup" : undefined;
      first = false;
      tail = text.slice(-32);
    }
    try {
      decoder.decode();
    } catch {
      return "not-utf8";
    }
    return markup;
  } finally {
    await file.close();
  }
}
