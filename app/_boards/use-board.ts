"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import type { BoardClient, BoardHandle, BoardView } from "../_hall-client/board-client.ts";

/** Waits between tries to open a board the server did not give (not ready yet, or refused): doubling up to 30 s. */
const FIRST_RETRY_MS = 2000;
const LAST_RETRY_MS = 30_000;

/**
 * The board `boardId` open while the calling component is mounted (undefined while it opens,
 * or with no id). A board the server does not give at once is asked for again, less and less
 * often; a handle closed elsewhere (the board client shares one handle per board between all
 * its views) is opened again. Released on unmount (closed once no other view shows it).
 */
export function useBoard(boards: BoardClient | undefined, boardId: string | undefined): BoardHandle | undefined {
  const [handle, setHandle] = useState<BoardHandle>();
  useEffect(() => {
    if (!boards || !boardId) return;
    let alive = true;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => void) | undefined;
    let current: BoardHandle | undefined;
    let wait = FIRST_RETRY_MS;
    const open = () => {
      boards.open(boardId).then(
        (h) => {
          if (!alive) return h.release();
          current = h;
          wait = FIRST_RETRY_MS;
          setHandle(h);
          // Closed for every view elsewhere (the board client shares one handle per board): open it again.
          unsubscribe = h.subscribe(() => {
            if (!h.closed) return;
            unsubscribe?.();
            current = undefined;
            setHandle(undefined);
            if (alive) open();
          });
        },
        (error: unknown) => {
          if (!alive) return;
          if (wait === FIRST_RETRY_MS) console.warn(`board ${boardId} is not open yet`, error);
          retry = setTimeout(open, wait);
          wait = Math.min(wait * 2, LAST_RETRY_MS);
        },
      );
    };
    open();
    return () => {
      alive = false;
      clearTimeout(retry);
      unsubscribe?.();
      current?.release();
      setHandle(undefined);
    };
  }, [boards, boardId]);
  return handle;
}

/** A board's view for React: re-renders on every change (elements, strokes, cursors, lock). */
export function useBoardView(handle: BoardHandle | undefined): BoardView | undefined {
  return useSyncExternalStore(
    (onChange) => handle?.subscribe(onChange) ?? (() => undefined),
    () => handle?.view,
    () => undefined,
  );
}
