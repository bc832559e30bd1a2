"use client";
import { useCallback, useEffect, useMemo, useRef, type RefObject } from "react";
import type { BoardHandle } from "../_hall-client/board-client.ts";
import { CURSOR_SHOW_MS, MarkFader, paintMarks, type OverlayOptions } from "./screen-marks.ts";

const EMPTY = { elements: new Map(), strokes: new Map() } as const;

export interface MarksPainterOptions {
  /** Draw others' pointers with their names. */
  cursors: boolean;
  /** What this page adds on top, read at each paint: a mark being drawn, the keyboard's crosshair. */
  extras?: () => Pick<OverlayOptions, "drawing" | "crosshair">;
  /** Told the number of marks after each paint. */
  onPainted?: (marks: number) => void;
}

/**
 * Keeps a transparent canvas over a view of the shared picture painted with the board's marks:
 * sized to its box at the screen's pixel density, repainted when the board changes, every frame
 * only while something fades or pulses, and idle otherwise. The canvas carries `data-marks`,
 * the number of marks drawn on it now. Returns `repaint` (ask for a paint next frame) and the
 * fader (when this page first saw each mark).
 */
export function useMarksPainter(handle: BoardHandle | undefined, canvas: RefObject<HTMLCanvasElement | null>, options: MarksPainterOptions): { repaint: () => void; fader: MarkFader } {
  const fader = useMemo(() => {
    void handle; // a board opened again starts over
    return new MarkFader();
  }, [handle]);
  const latest = useRef(options);
  latest.current = options;
  const frame = useRef<number | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const paint = useCallback(() => {
    frame.current = undefined;
    clearTimeout(timer.current);
    const c = canvas.current;
    const ctx = c?.getContext("2d");
    if (!c || !ctx) return;
    const dpr = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(c.clientWidth * dpr));
    const height = Math.max(1, Math.round(c.clientHeight * dpr));
    if (c.width !== width || c.height !== height) {
      c.width = width;
      c.height = height;
    }
    const now = performance.now();
    const view = handle?.view;
    if (view) fader.see(view.elements, now);
    const { cursors, extras, onPainted } = latest.current;
    const marks = paintMarks(ctx, view ?? EMPTY, fader, { width, height, now, pixelRatio: dpr, cursors: cursors ? view?.cursors : undefined, ...extras?.() });
    c.dataset.marks = String(marks);
    onPainted?.(marks);
    // Paint again by itself only while the picture changes by itself.
    let next = view ? fader.nextChange(view.elements, now) : undefined;
    if (cursors && view) {
      for (const cursor of view.cursors.values()) {
        const gone = cursor.at + CURSOR_SHOW_MS - now;
        if (gone > 0) next = next === undefined ? gone : Math.min(next, gone);
      }
    }
    if (next === 0) frame.current = requestAnimationFrame(paint);
    else if (next !== undefined) timer.current = setTimeout(() => (frame.current ??= requestAnimationFrame(paint)), next + 16);
  }, [canvas, handle, fader]);

  const repaint = useCallback(() => {
    frame.current ??= requestAnimationFrame(paint);
  }, [paint]);

  useEffect(() => {
    repaint();
    const off = handle?.subscribe(repaint);
    const c = canvas.current;
    const resize = c ? new ResizeObserver(repaint) : undefined;
    if (c) resize?.observe(c);
    return () => {
      off?.();
      resize?.disconnect();
      if (frame.current !== undefined) cancelAnimationFrame(frame.current);
      frame.current = undefined;
      clearTimeout(timer.current);
    };
  }, [handle, canvas, repaint]);

  return { repaint, fader };
}
