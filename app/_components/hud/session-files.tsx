"use client";
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { fileExtension, formatFileSize, type SharedFileView } from "../../../game-server/protocol/files.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { fetchBlob, fileUrl, listSessionFiles, mergeFiles, precheck, previewUrl, saveBlob, uploadFile, type FileAuth } from "./file-transfer.ts";
import { FILE_WORDS, fillFileWords, KIND_WORDS } from "./file-words.ts";
import styles from "./session-files.module.css";

interface Props {
  contactId: string;
  lang: Lang;
  /** The customer's hall token, or staff's sign-in cookie. */
  auth: FileAuth;
  /** Files heard of live over the hall connection (`service:file`). */
  live: readonly SharedFileView[];
  /** Which side this page is, to say "you". */
  me: "customer" | "agent";
  /** The session's phase: when it changes, whether files can still be sent is read again. */
  phase?: string;
  variant?: "panel" | "console";
}

interface Sending {
  key: number;
  name: string;
  size: number;
  loaded: number;
  abort?: () => void;
  error?: string;
}

/**
 * The files of a service session, on both sides: what was shared (name, size, who sent it, a
 * preview for images and PDFs, a download), and sending more — a picker or a drop, each upload
 * with its progress, and a refusal said plainly (too large, a type not taken, a disguised file…).
 */
export function SessionFiles({ contactId, lang, auth, live, me, phase, variant = "panel" }: Props) {
  const w = FILE_WORDS[lang];
  const [stored, setStored] = useState<SharedFileView[]>([]);
  const [maxBytes, setMaxBytes] = useState<number>();
  const [canSend, setCanSend] = useState(false);
  const [loadError, setLoadError] = useState<string>();
  const [sending, setSending] = useState<Sending[]>([]);
  const [dragging, setDragging] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const nextKey = useRef(1);
  const token = auth.kind === "bearer" ? auth.token : undefined;

  useEffect(() => {
    let active = true;
    const how: FileAuth = token ? { kind: "bearer", token } : { kind: "cookie" };
    listSessionFiles(contactId, how).then(
      (reply) => {
        if (!active) return;
        setStored(reply.files);
        setMaxBytes(reply.maxBytes);
        setCanSend(reply.canSend);
        setLoadError(undefined);
      },
      () => active && setLoadError(FILE_WORDS[lang].loadFailed),
    );
    return () => {
      active = false;
    };
  }, [contactId, token, phase, lang]);

  const files = mergeFiles(stored, live);
  const limits = maxBytes === undefined ? undefined : fillFileWords(w.limits, { size: formatFileSize(maxBytes, lang) });

  const update = (key: number, change: Partial<Sending>) => setSending((list) => list.map((s) => (s.key === key ? { ...s, ...change } : s)));

  const send = useCallback(
    (chosen: readonly File[]) => {
      for (const file of chosen) {
        const key = nextKey.current++;
        const problem = maxBytes === undefined ? undefined : precheck(file, maxBytes, lang);
        if (problem) {
          setSending((list) => [...list, { key, name: file.name, size: file.size, loaded: 0, error: problem }]);
          continue;
        }
        const upload = uploadFile(contactId, file, auth, lang, (loaded) => update(key, { loaded }));
        setSending((list) => [...list, { key, name: file.name, size: file.size, loaded: 0, abort: upload.abort }]);
        upload.done.then(
          (stored) => {
            setStored((list) => mergeFiles(list, [stored]));
            setSending((list) => list.filter((s) => s.key !== key));
          },
          (error: unknown) => {
            const reason = error instanceof Error ? error.message : String(error);
            if ((error as { code?: string }).code === "aborted") setSending((list) => list.filter((s) => s.key !== key));
            else update(key, { error: fillFileWords(FILE_WORDS[lang].failed, { name: file.name, reason }), abort: undefined });
            if ((error as { code?: string }).code === "session_over") setCanSend(false);
          },
        );
      }
    },
    [auth, contactId, lang, maxBytes],
  );

  const acceptsDrop = (e: DragEvent) => canSend && Array.from(e.dataTransfer.types).includes("Files");
  const dropProps = {
    onDragEnter: (e: DragEvent) => {
      if (!acceptsDrop(e)) return;
      e.preventDefault();
      setDragging(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!acceptsDrop(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
    },
    onDrop: (e: DragEvent) => {
      if (!acceptsDrop(e)) return;
      e.preventDefault();
      setDragging(false);
      send(Array.from(e.dataTransfer.files));
    },
  };

  return (
    <section
      className={`${styles.files} ${variant === "console" ? styles.console : styles.panel}`}
      aria-labelledby={`files-${contactId}`}
      data-testid="session-files"
      data-dragging={dragging || undefined}
      data-can-send={canSend || undefined}
      {...dropProps}
    >
      <div className={styles.top}>
        <h3 id={`files-${contactId}`} className={styles.heading}>
          {w.title} <span className={styles.count}>{files.length}</span>
        </h3>
        {canSend ? (
          <button type="button" className={styles.attach} onClick={() => input.current?.click()} title={limits} data-testid="session-file-attach">
            <span aria-hidden>＋</span> {w.attach}
          </button>
        ) : null}
      </div>
      {dragging ? (
        <p className={styles.dropNow} aria-hidden>
          {w.dropNow}
        </p>
      ) : null}
      {files.length > 0 ? (
        <ul className={styles.list} aria-live="polite" data-testid="session-file-list">
          {files.map((file) => (
            <FileRow key={file.id} file={file} auth={auth} lang={lang} me={me} />
          ))}
        </ul>
      ) : (
        <p className={styles.none}>{loadError ?? (canSend ? `${w.none} ${w.dropHint}` : w.none)}</p>
      )}
      {sending.length > 0 ? (
        <ul className={styles.sending}>
          {sending.map((s) => (
            <li key={s.key} data-testid="session-file-sending" data-error={s.error ? true : undefined}>
              {s.error ? (
                <>
                  <p role="alert" className={styles.error} title={s.error} data-testid="session-file-error">
                    {s.error}
                  </p>
                  <button type="button" className={styles.textButton} onClick={() => setSending((list) => list.filter((x) => x.key !== s.key))}>
                    {w.dismiss}
                  </button>
                </>
              ) : (
                <>
                  <span className={styles.sendingName}>{fillFileWords(w.sending, { name: s.name })}</span>
                  <progress max={s.size || 1} value={s.loaded} aria-label={fillFileWords(w.sending, { name: s.name })} />
                  <span className={styles.meta}>{Math.round((s.loaded / (s.size || 1)) * 100)} %</span>
                  {s.abort ? (
                    <button type="button" className={styles.textButton} onClick={s.abort}>
                      {w.cancel}
                    </button>
                  ) : null}
                </>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {canSend && variant === "console" && limits ? <p className={styles.limits}>{limits}</p> : null}
      {!canSend && maxBytes !== undefined ? <p className={styles.limits}>{w.closed}</p> : null}
      <input
        ref={input}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden
        data-testid="session-file-input"
        onChange={(e) => {
          send(Array.from(e.target.files ?? []));
          e.target.value = "";
        }}
      />
    </section>
  );
}

function FileRow({ file, auth, lang, me }: { file: SharedFileView; auth: FileAuth; lang: Lang; me: "customer" | "agent" }) {
  const w = FILE_WORDS[lang];
  const [error, setError] = useState<string>();
  const mine = file.from === me;
  const who = mine ? w.you : file.from === "system" ? w.system : file.senderName;
  const download = async () => {
    setError(undefined);
    try {
      saveBlob(await fetchBlob(fileUrl(file.id), auth), file.name);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <li className={styles.file} data-testid="session-file" data-file={file.id} data-kind={file.kind} data-from={file.from}>
      {file.preview ? <Thumbnail file={file} auth={auth} lang={lang} /> : <FileIcon file={file} lang={lang} />}
      <div className={styles.about}>
        <span className={styles.name} title={file.name}>
          {file.name}
        </span>
        <span className={styles.meta}>
          {formatFileSize(file.size, lang)} · {fillFileWords(w.from, { name: who })}
        </span>
        {error ? (
          <span role="alert" className={styles.error}>
            {error}
          </span>
        ) : null}
      </div>
      {auth.kind === "cookie" ? (
        <a className={styles.download} href={fileUrl(file.id)} download={file.name} aria-label={fillFileWords(w.downloadName, { name: file.name })} data-testid="session-file-download">
          {w.download}
        </a>
      ) : (
        <button type="button" className={styles.download} onClick={() => void download()} aria-label={fillFileWords(w.downloadName, { name: file.name })} data-testid="session-file-download">
          {w.download}
        </button>
      )}
    </li>
  );
}

/** An image, or a PDF's first page, small; a customer's is fetched with their token (a plain `src` cannot carry it). */
function Thumbnail({ file, auth, lang }: { file: SharedFileView; auth: FileAuth; lang: Lang }) {
  const [src, setSrc] = useState<string | undefined>(auth.kind === "cookie" ? previewUrl(file.id) : undefined);
  const [failed, setFailed] = useState(false);
  const token = auth.kind === "bearer" ? auth.token : undefined;
  useEffect(() => {
    if (!token) return;
    let url: string | undefined;
    let active = true;
    fetchBlob(previewUrl(file.id), { kind: "bearer", token }).then(
      (blob) => {
        url = URL.createObjectURL(blob);
        if (active) setSrc(url);
        else URL.revokeObjectURL(url);
      },
      () => active && setFailed(true),
    );
    return () => {
      active = false;
      if (url) URL.revokeObjectURL(url);
    };
  }, [file.id, token]);
  if (failed) return <FileIcon file={file} lang={lang} />;
  return (
    <span className={styles.thumb} data-testid="session-file-preview">
      {src ? <img src={src} alt={fillFileWords(FILE_WORDS[lang].previewOf, { name: file.name })} onError={() => setFailed(true)} /> : null}
    </span>
  );
}

function FileIcon({ file, lang }: { file: SharedFileView; lang: Lang }) {
  const label = (fileExtension(file.name) || file.kind).slice(0, 4).toUpperCase();
  return (
    <span className={styles.icon} data-kind={file.kind} role="img" aria-label={KIND_WORDS[lang][file.kind]}>
      {label}
    </span>
  );
}
