"use client";
import { useEffect, useState } from "react";
import type { Surface } from "../../scenes/scene-format.ts";
import type { HallClient } from "../_hall-client/hall-client.ts";
import type { Lang } from "../_i18n/lang.ts";
import { BoardOverlay } from "./board-editor.tsx";
import styles from "./board-editor.module.css";
import { BOARD_WORDS, fillWords as fill } from "./board-words.ts";
import { nearestSurface } from "./nearest-surface.ts";
import { OPEN_WHITEBOARD_EVENT, sessionBoardId, surfaceBoardId, type OpenWhiteboardDetail } from "./whiteboard-events.ts";

/** How near (metres, on the floor) a visitor stands for the HUD to offer a whiteboard. */
export const NEAR_BOARD_METRES = 4;

/** The scene's whiteboards, from the hall's own description (the page loaded it already: the browser's cache answers). */
function useWhiteboards(client: HallClient): Surface[] {
  const [boards, setBoards] = useState<Surface[]>([]);
  const hallId = client.presence.room.state.hallId;
  useEffect(() => {
    let live = true;
    fetch(`/api/halls/${encodeURIComponent(hallId)}`)
      .then((r) => (r.ok ? (r.json() as Promise<{ scene?: { whiteboards?: Surface[] } }>) : undefined))
      .then((info) => live && setBoards(info?.scene?.whiteboards ?? []))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [hallId]);
  return boards;
}

/**
 * The hall's whiteboards in the HUD: "Open whiteboard: <name>" while the visitor stands within
 * 4 m of one, and the editor for a board clicked in the 3D view (or picked here). Escape or
 * Close returns to the hall.
 */
export function HallWhiteboards({ client, lang }: { client: HallClient; lang: Lang }) {
  const boards = useWhiteboards(client);
  const [near, setNear] = useState<Surface>();
  /** The surface whose board is open (asked for by id: a click may come before the scene's list has loaded). */
  const [openId, setOpenId] = useState<string>();
  const open = boards.find((b) => b.id === openId);
  const w = BOARD_WORDS[lang];

  // Where we stand, twice a second.
  useEffect(() => {
    if (!boards.length) return;
    const check = () => {
      const p = client.presence.serverPose;
      setNear((current) => {
        const next = nearestSurface(boards, p, NEAR_BOARD_METRES);
        return next?.id === current?.id ? current : next;
      });
    };
    check();
    const timer = setInterval(check, 500);
    return () => clearInterval(timer);
  }, [client, boards]);

  // A whiteboard clicked in the 3D hall.
  useEffect(() => {
    const onOpen = (event: Event) => setOpenId((event as CustomEvent<OpenWhiteboardDetail>).detail.surfaceId);
    window.addEventListener(OPEN_WHITEBOARD_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_WHITEBOARD_EVENT, onOpen);
  }, []);

  return (
    <>
      {near && !open ? (
        <button type="button" className={styles.prompt} onClick={() => setOpenId(near.id)} data-testid="whiteboard-open" data-surface={near.id}>
          <BoardGlyph />
          {fill(w.nearBoard, { name: near.label ?? w.whiteboard })}
        </button>
      ) : null}
      {open ? <BoardOverlay boards={client.boards} boardId={surfaceBoardId(open.id)} title={open.label ?? w.whiteboard} lang={lang} onClose={() => setOpenId(undefined)} /> : null}
    </>
  );
}

/**
 * "Whiteboard" in a service session (the customer's panel, the agent's console): the session's
 * own board, which only its two people open.
 */
export function SessionBoardButton({ client, contactId, lang, withName, className, disabled }: { client: HallClient; contactId: string; lang: Lang; /** The other person in the session. */ withName?: string; className?: string; disabled?: boolean }) {
  const [open, setOpen] = useState(false);
  const w = BOARD_WORDS[lang];
  return (
    <>
      <button type="button" className={`${className ?? "secondary"} ${styles.sessionButton}`} onClick={() => setOpen(true)} disabled={disabled} aria-haspopup="dialog" data-testid="session-whiteboard">
        <BoardGlyph />
        {w.whiteboard}
      </button>
      {open ? <BoardOverlay boards={client.boards} boardId={sessionBoardId(contactId)} title={withName ? `${w.sessionBoard} · ${withName}` : w.sessionBoard} lang={lang} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function BoardGlyph() {
  return (
    <svg viewBox="0 0 20 20" width="16" height="16" aria-hidden>
      <rect x="2" y="3" width="16" height="11" rx="1.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
      <path d="M6 18l4-4 4 4M5 10l3-3 2 2 4-4" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinejoin="round" strokeLinecap="round" />
    </svg>
  );
}
