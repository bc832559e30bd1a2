import { fileExtension, formatFileSize, type FileSenderRole, type SharedFileKind, type SharedFileView } from "../../game-server/protocol/files.ts";
import type { TimelineEntryView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { FILE_WORDS, fillFileWords, KIND_WORDS } from "../_components/hud/file-words.ts";
import { formatDateTime, formatTime } from "../_staff/format.ts";
import staff from "../_staff/staff.module.css";
import styles from "./file-entry.module.css";
import tickets from "./tickets.module.css";

/** A `file` entry's details as the server writes them (`data`: the shared file's fields, its id as `fileId`), read defensively. */
export type FileEntryData = Pick<SharedFileView, "name" | "size" | "mime" | "kind" | "from" | "senderName"> & { fileId: string };

export function fileData(entry: TimelineEntryView): FileEntryData {
  const d = entry.data;
  const str = (v: unknown, fallback = "") => (typeof v === "string" ? v : fallback);
  const kind = str(d.kind, "document");
  const from = str(d.from, "system");
  return {
    fileId: str(d.fileId),
    name: str(d.name, entry.text),
    size: typeof d.size === "number" ? d.size : 0,
    mime: str(d.mime),
    kind: (["image", "pdf", "document", "text", "svg"].includes(kind) ? kind : "document") as SharedFileKind,
    from: (["customer", "agent", "system"].includes(from) ? from : "system") as FileSenderRole,
    senderName: str(d.senderName, entry.authorName ?? ""),
  };
}

const WORDS = {
  en: { title: "File shared", customer: "customer", agent: "agent", system: "Atrium", by: "{name} ({role})" },
  "zh-CN": { title: "共享文件", customer: "客户", agent: "客服", system: "Atrium", by: "{name}（{role}）" },
} as const;

/**
 * A file shared in the session, on the ticket's timeline: who sent it, its name, size and kind,
 * a preview for images and PDFs, and a download for the staff reading the ticket (their sign-in
 * cookie is what lets `/api/files/:id` answer).
 */
export function FileEntry({ entry, lang }: { entry: TimelineEntryView; lang: Lang }) {
  const f = fileData(entry);
  const w = WORDS[lang];
  const fw = FILE_WORDS[lang];
  const role = w[f.from];
  const by = f.from === "system" ? w.system : fillFileWords(w.by, { name: f.senderName || role, role });
  const href = `/api/files/${encodeURIComponent(f.fileId)}`;
  const previewable = f.kind === "image" || f.kind === "pdf";
  return (
    <article className={`${tickets.entry} ${styles.entry}`} data-kind="file" data-file={f.fileId}>
      <p className={tickets.entryHead}>
        <strong>{w.title}</strong>
        <span className={staff.muted}>{by}</span>
        <time dateTime={entry.at} title={formatDateTime(entry.at, lang)} className={tickets.when}>
          {formatTime(entry.at, lang)}
        </time>
      </p>
      <div className={styles.file}>
        {previewable ? (
          <a href={`${href}/preview`} target="_blank" rel="noreferrer" className={styles.thumb}>
            <img src={`${href}/preview`} alt={fillFileWords(fw.previewOf, { name: f.name })} loading="lazy" />
          </a>
        ) : (
          <span className={styles.icon} data-kind={f.kind} role="img" aria-label={KIND_WORDS[lang][f.kind]}>
            {(fileExtension(f.name) || f.kind).slice(0, 4).toUpperCase()}
          </span>
        )}
        <div className={styles.about}>
          <a href={href} download={f.name} className={styles.name} data-testid="ticket-file-download">
            {f.name}
          </a>
          <span className={staff.muted}>
            {formatFileSize(f.size, lang)} · {KIND_WORDS[lang][f.kind]}
          </span>
        </div>
        <a href={href} download={f.name} className={styles.download} aria-label={fillFileWords(fw.downloadName, { name: f.name })}>
          {fw.download}
        </a>
      </div>
    </article>
  );
}
