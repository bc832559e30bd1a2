"use client";
import dynamic from "next/dynamic";
import { useCallback, useEffect, useRef, useState, useSyncExternalStore, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { createPortal } from "react-dom";
import type { BoardClient, BoardHandle } from "../_hall-client/board-client.ts";
import type { Lang } from "../_i18n/lang.ts";
import { markEditorOpen } from "./editor-presence.ts";
import type { BoardBinding, BoardNotice } from "./board-binding.ts";
import styles from "./board-editor.module.css";
import { BOARD_WORDS, fillWords as fill, noticeText } from "./board-words.ts";
import type { EditorControls } from "./excalidraw-canvas.tsx";

// Excalidraw touches `window` as it loads: only ever in the browser.
const ExcalidrawCanvas = dynamic(() => import("./excalidraw-canvas.tsx"), { ssr: false, loading: () => <div className={styles.spinner} aria-hidden /> });

declare global {
  interface Window {
    /** The open whiteboard editor, for end-to-end tests: the board's handle and Excalidraw's API. */
    atriumBoard?: { handle: BoardHandle; api: EditorControls["api"]; binding: BoardBinding };
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
const frameKey = (v: BoardHandle["view"]) => `${v.meta.locked}|${v.canDraw}|${v.canModerate}|${v.meta.title}`;
/** Keys the hall listens for on the window (walking, emotes, the view switch) that the editor uses for its own tools. */
const PASS_THROUGH = new Set(["Shift", "Alt", "Control", "Meta", "Escape"]);

interface EditorProps {
  handle: BoardHandle;
  lang: Lang;
  /** The board's name as the page knows it (a surface's label); the server's title otherwise. */
  title?: string;
  onClose: () => void;
}

/**
 * The full-screen 2D editor of one board: Excalidraw bound to the board (every page sees the
 * same elements, others' pointers with their names, their laser, their strokes as they are
 * drawn), a bar with the board's name, the pen / highlighter / sticky-note presets, the staff's
 * Lock and Clear (after a yes), and Close. A locked board opens for looking only. Escape closes
 * it unless Escape means something to the editor first (text being typed, a selection, a menu).
 */
export function BoardEditor({ handle, lang, title, onClose }: EditorProps) {
  // Re-rendered only when what the frame shows changes (not on every stroke or pointer move: Excalidraw follows those itself).
  useSyncExternalStore(
    (onChange) => handle.subscribe(onChange),
    () => frameKey(handle.view),
    () => frameKey(handle.view),
  );
  const view = handle.view;
  const w = BOARD_WORDS[lang];
  const name = title ?? view.meta.title;
  const [controls, setControls] = useState<EditorControls>();
  const [notice, setNotice] = useState<{ text: string; id: number }>();
  const [confirming, setConfirming] = useState(false);
  const [acting, setActing] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const locked = view.meta.locked;

  const say = useCallback((text: string) => setNotice((n) => ({ text, id: (n?.id ?? 0) + 1 })), []);
  const onNotice = useCallback((n: BoardNotice) => say(noticeText(n, lang, handle.view.meta.locked && !handle.view.canDraw)), [say, lang, handle]);

  // A notice stays 7 seconds (or until dismissed).
  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(undefined), 7000);
    return () => clearTimeout(t);
  }, [notice]);

  useEffect(() => {
    if (!controls) return;
    window.atriumBoard = { handle, api: controls.api, binding: controls.binding };
    return () => {
      if (window.atriumBoard?.handle === handle) window.atriumBoard = undefined;
    };
  }, [controls, handle]);

  // Escape closes — unless the editor has something of its own to end first.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      if (confirming) {
        event.preventDefault();
        setConfirming(false);
        return;
      }
      const s = controls?.api.getAppState();
      const busy = s && (s.editingTextElement || s.newElement || s.multiElement || s.editingLinearElement || s.openDialog || s.openMenu || s.openPopup || s.openSidebar || s.contextMenu || Object.values(s.selectedElementIds).some(Boolean));
      if (busy) return;
      event.preventDefault();
      event.stopPropagation();
      onClose();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [controls, confirming, onClose]);

  const act = async (action: () => Promise<void>) => {
    setActing(true);
    try {
      await action();
    } catch (e) {
      say(fill(w.actionFailed, { reason: messageOf(e) }));
    } finally {
      setActing(false);
    }
  };

  // Keys typed here are the editor's: they must not walk the avatar or send emotes in the hall behind it.
  const keepKeys = (event: ReactKeyboardEvent) => {
    if (!PASS_THROUGH.has(event.key)) event.stopPropagation();
  };

  return (
    <div className={styles.overlay} role="dialog" aria-modal="true" aria-labelledby="board-title" lang={lang} ref={root} onKeyDown={keepKeys} data-testid="board-editor" data-board={handle.boardId} data-locked={locked} data-can-draw={view.canDraw}>
      <header className={styles.bar}>
        <div className={styles.name}>
          <span className={styles.mark} aria-hidden />
          <div>
            <h1 id="board-title" className={styles.title}>
              {name}
            </h1>
            <p className={styles.subtitle}>
              {w.whiteboard}
              {locked ? (
                <span className={styles.lockChip} data-testid="board-locked">
                  {w.locked}
                </span>
              ) : null}
            </p>
          </div>
        </div>
        {view.canDraw ? (
          <div className={styles.tools} role="toolbar" aria-label={w.quickTools}>
            <button type="button" className={styles.tool} onClick={() => controls?.pen()} disabled={!controls} data-testid="board-pen">
              <PenIcon /> {w.pen}
            </button>
            <button type="button" className={styles.tool} onClick={() => controls?.highlighter()} disabled={!controls} data-testid="board-highlighter">
              <HighlighterIcon /> {w.highlighter}
            </button>
            <button
              type="button"
              className={styles.tool}
              onClick={() => {
                controls?.stickyNote();
                say(w.stickyAdded);
              }}
              disabled={!controls}
              data-testid="board-sticky"
            >
              <StickyIcon /> {w.stickyNote}
            </button>
          </div>
        ) : null}
        <div className={styles.end}>
          {view.canModerate ? (
            <div className={styles.tools} role="group" aria-label={w.moderation}>
              <button type="button" className={locked ? styles.toolOn : styles.tool} aria-pressed={locked} onClick={() => void act(() => handle.lock(!locked))} disabled={acting} data-testid="board-lock">
                <LockIcon open={!locked} /> {locked ? w.unlock : w.lock}
              </button>
              <button type="button" className={styles.danger} onClick={() => setConfirming(true)} disabled={acting} data-testid="board-clear">
                {w.clear}
              </button>
            </div>
          ) : null}
          <button type="button" className={styles.close} onClick={onClose} title={w.closeHint} data-testid="board-close">
            {w.close}
            <kbd className={styles.kbd}>Esc</kbd>
          </button>
        </div>
      </header>
      {locked ? (
        <p className={styles.banner} role="status" data-testid="board-locked-banner">
          {view.canDraw ? w.lockedForOthers : w.lockedForYou}
        </p>
      ) : null}
      <div className={styles.stage}>
        <ExcalidrawCanvas handle={handle} lang={lang} title={name} canDraw={view.canDraw} onReady={setControls} onNotice={onNotice} />
        {notice ? (
          <div className={styles.notice} role="alert" key={notice.id} data-testid="board-notice">
            <span>{notice.text}</span>
            <button type="button" className={styles.noticeClose} onClick={() => setNotice(undefined)} aria-label={w.dismiss}>
              ×
            </button>
          </div>
        ) : null}
      </div>
      {confirming ? (
        <div className={styles.scrim}>
          <div className={styles.confirm} role="alertdialog" aria-modal="true" aria-labelledby="board-clear-title" aria-describedby="board-clear-text" data-testid="board-clear-confirm">
            <h2 id="board-clear-title">{w.clearTitle}</h2>
            <p id="board-clear-text">{fill(w.clearText, { name })}</p>
            <div className={styles.confirmActions}>
              <button type="button" className="secondary" onClick={() => setConfirming(false)} autoFocus>
                {w.cancel}
              </button>
              <button
                type="button"
                className={styles.dangerSolid}
                onClick={() => {
                  setConfirming(false);
                  void act(async () => {
                    await handle.clear();
                    say(w.cleared);
                  });
                }}
                data-testid="board-clear-yes"
              >
                {w.clearConfirm}
              </button>
            </div>
          </div>
        </div>
      ) : null}
    </div>
  );
}

interface OverlayProps {
  boards: BoardClient;
  boardId: string;
  lang: Lang;
  title?: string;
  onClose: () => void;
}

/**
 * Opens a board and shows it in the editor, over everything (a portal on <body>), while mounted.
 * The board is closed again when the editor goes — unless the page had it open already (the
 * hall's 3D surface draws it too).
 */
export function BoardOverlay({ boards, boardId, lang, title, onClose }: OverlayProps) {
  const [state, setState] = useState<{ handle?: BoardHandle; error?: string }>({});
  const [attempt, setAttempt] = useState(0);
  const w = BOARD_WORDS[lang];
  // The 3D hall under it rests while the editor covers it.
  useEffect(() => markEditorOpen(), []);

  // Focus comes back to whatever opened the editor.
  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    return () => opener?.focus?.();
  }, []);

  useEffect(() => {
    let cancelled = false;
    let opened: BoardHandle | undefined;
    setState({});
    boards.open(boardId).then(
      (handle) => {
        if (cancelled) {
          handle.release();
          return;
        }
        opened = handle;
        setState({ handle });
      },
      (error: unknown) => {
        if (!cancelled) setState({ error: messageOf(error) });
      },
    );
    return () => {
      cancelled = true;
      // After the editor's own clean-up (its last changes go out first); the board stays open while the hall's texture shows it.
      if (opened) setTimeout(() => opened?.release(), 0);
    };
  }, [boards, boardId, attempt]);

  // While it opens (or failed to), Escape goes back too.
  const ready = state.handle !== undefined;
  useEffect(() => {
    if (ready) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.preventDefault();
      onClose();
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [ready, onClose]);

  if (typeof document === "undefined") return null;
  return createPortal(
    state.handle ? (
      <BoardEditor handle={state.handle} lang={lang} title={title} onClose={onClose} />
    ) : (
      <div className={styles.overlay} role="dialog" aria-modal="true" aria-label={title ?? w.whiteboard} lang={lang} data-testid="board-opening">
        <div className={styles.opening}>
          {state.error ? (
            <>
              <p className="error" role="alert">
                {fill(w.openFailed, { reason: state.error })}
              </p>
              <div className={styles.confirmActions}>
                <button type="button" onClick={() => setAttempt((n) => n + 1)}>
                  {w.tryAgain}
                </button>
                <button type="button" className="secondary" onClick={onClose}>
                  {w.close}
                </button>
              </div>
            </>
          ) : (
            <>
              <div className={styles.spinner} aria-hidden />
              <p role="status">{w.opening}</p>
              <button type="button" className="secondary" onClick={onClose}>
                {w.close}
              </button>
            </>
          )}
        </div>
      </div>
    ),
    document.body,
  );
}

function PenIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden>
      <path d="M3 17l1-4L13.5 3.5a2 2 0 012.8 0l.2.2a2 2 0 010 2.8L7 16l-4 1z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}

function HighlighterIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden>
      <rect x="2" y="15" width="16" height="3" rx="1" fill="#fab005" opacity="0.7" />
      <path d="M6 13l2-5 6-6 3 3-6 6-5 2z" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" />
    </svg>
  );
}

function StickyIcon() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden>
      <path d="M3 3h14v9l-5 5H3z" fill="#ffec99" stroke="#f08c00" strokeWidth="1.4" strokeLinejoin="round" />
      <path d="M12 17v-5h5" fill="none" stroke="#f08c00" strokeWidth="1.4" strokeLinejoin="round" />
    </svg>
  );
}

function LockIcon({ open }: { open: boolean }) {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden>
      <rect x="4" y="9" width="12" height="9" rx="2" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d={open ? "M7 9V6a3 3 0 016-1" : "M7 9V6a3 3 0 016 0v3"} fill="none" stroke="currentColor" strokeWidth="1.6" />
    </svg>
  );
}
