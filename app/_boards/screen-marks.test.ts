import { describe, expect, it } from "vitest";
import { BoardOps, type BoardElement } from "../../game-server/protocol/index.ts";
import type { BoardCursorState, BoardStrokePreview } from "../_hall-client/board-client.ts";
import { extent, RecordingContext } from "./recording-context.ts";
import { deleted, isPinned, makeMark, MARK_FADE_MS, MARK_HOLD_MS, MARK_STALE_MS, MarkFader, paintMarks, screenBoardId, thinPath, toScreenUnits } from "./screen-marks.ts";

const WIDE = 16 / 9;
const board = (...elements: BoardElement[]) => new Map(elements.map((e) => [e.id, e]));

describe("making guidance marks", () => {
  it("makes marks the board server accepts, on the session's screen board", () => {
    const marks = [makeMark("arrow", [100, 100], [400, 300], { aspect: WIDE }), makeMark("circle", [200, 200], [300, 260], { aspect: WIDE }), makeMark("highlight", [0, 0], [0, 0], { aspect: WIDE, path: [[10, 10], [50, 12], [90, 11]] }), makeMark("pointer", [0, 0], [500, 500], { aspect: WIDE, pinned: true })];
    expect(BoardOps.safeParse({ boardId: screenBoardId("c-123"), elements: marks }).success).toBe(true);
    expect(new Set(marks.map((m) => m.id)).size).toBe(4);
    expect(marks.map((m) => m.customData)).toEqual([
      { mark: "arrow", pinned: false },
      { mark: "circle", pinned: false },
      { mark: "highlight", pinned: false },
      { mark: "pointer", pinned: true },
    ]);
  });

  it("draws an arrow from where the drag started to where it ended, head at the end", () => {
    const arrow = makeMark("arrow", [100, 100], [400, 300], { aspect: WIDE });
    expect(arrow).toMatchObject({ type: "arrow", x: 100, y: 100, points: [[0, 0], [300, 200]], endArrowhead: "arrow" });
  });

  it("points an arrow at a clicked spot from below left, at 45° on the screen", () => {
    const arrow = makeMark("arrow", [500, 500], [500, 500], { aspect: WIDE });
    const [dx, dy] = arrow.points![1]!;
    expect(arrow.x + dx!).toBe(500);
    expect(arrow.y + dy!).toBe(500);
    // Up and to the right, equally far on a 16:9 picture once the axes are scaled to it.
    expect(dx).toBeGreaterThan(0);
    expect(dy).toBeLessThan(0);
    expect(dx! * 16).toBeCloseTo(-dy! * 9, 0);
  });

  it("rings a dragged area, or a clicked spot with a circle that is round on the screen", () => {
    expect(makeMark("circle", [300, 260], [200, 200], { aspect: WIDE })).toMatchObject({ type: "ellipse", x: 200, y: 200, width: 100, height: 60 });
    const click = makeMark("circle", [500, 500], [500, 500], { aspect: WIDE });
    expect(click.width * 16).toBeCloseTo(click.height * 9, 0);
    expect(click.x + click.width / 2).toBeCloseTo(500);
  });

  it("highlights with a wide translucent yellow stroke along the path", () => {
    const h = makeMark("highlight", [0, 0], [0, 0], { aspect: WIDE, path: [[100, 200], [150, 205], [220, 198]] });
    expect(h).toMatchObject({ type: "freedraw", x: 100, y: 200, points: [[0, 0], [50, 5], [120, -2]], strokeColor: "#fcc419", opacity: 45 });
    expect(h.strokeWidth).toBeGreaterThanOrEqual(6);
  });

  it("deletes a mark with a newer version of it", () => {
    const m = makeMark("pointer", [0, 0], [10, 10], { aspect: 1 });
    const d = deleted(m);
    expect(d).toMatchObject({ id: m.id, isDeleted: true, version: 2 });
  });

  it("thins a freehand path without losing its ends", () => {
    const path: [number, number][] = [[0, 0], [0.5, 0], [1, 0], [3, 0], [3.2, 0], [10, 0], [10.5, 0]];
    expect(thinPath(path)).toEqual([[0, 0], [3, 0], [10, 0], [10.5, 0]]);
  });

  it("reads where the pointer is on the picture, kept on the picture", () => {
    const box = { left: 100, top: 50, width: 640, height: 360 };
    expect(toScreenUnits(420, 230, box)).toEqual([500, 500]);
    expect(toScreenUnits(0, 1000, box)).toEqual([0, 1000]);
  });
});

describe("marks fading", () => {
  it("shows a mark for 5 s from when this page saw it, then fades it out within a second", () => {
    const fader = new MarkFader();
    fader.see(board(), 0);
    const m = makeMark("arrow", [100, 100], [200, 200], { aspect: WIDE });
    fader.see(board(m), 10_000);
    expect(fader.alpha(m, 10_000)).toBe(1);
    expect(fader.alpha(m, 10_000 + MARK_HOLD_MS - 1)).toBe(1);
    expect(fader.alpha(m, 10_000 + MARK_HOLD_MS + MARK_FADE_MS / 2)).toBeCloseTo(0.5);
    expect(fader.alpha(m, 10_000 + MARK_HOLD_MS + MARK_FADE_MS)).toBe(0);
  });

  it("keeps a pinned mark until it is deleted", () => {
    const fader = new MarkFader();
    const pinned = makeMark("circle", [100, 100], [200, 200], { aspect: WIDE, pinned: true });
    fader.see(board(pinned), 0);
    expect(isPinned(pinned)).toBe(true);
    expect(fader.alpha(pinned, 3_600_000)).toBe(1);
    expect(fader.alpha(deleted(pinned), 0)).toBe(0);
  });

  it("does not bring back marks from long ago when the page opens the board, but shows recent ones", () => {
    const fader = new MarkFader();
    const wall = 1_700_000_000_000;
    const old = { ...makeMark("arrow", [1, 1], [100, 100], { aspect: WIDE }), updated: wall - MARK_STALE_MS - 1 };
    const recent = { ...makeMark("arrow", [1, 1], [100, 100], { aspect: WIDE }), updated: wall - 2000 };
    const oldPinned = { ...makeMark("pointer", [1, 1], [100, 100], { aspect: WIDE, pinned: true }), updated: wall - 3_600_000 };
    fader.see(board(old, recent, oldPinned), 50, wall);
    expect(fader.alpha(old, 50)).toBe(0);
    expect(fader.alpha(recent, 50)).toBe(1);
    expect(fader.alpha(oldPinned, 50)).toBe(1);
  });

  it("says when the picture next changes by itself: every frame while fading or pointing, else when the next mark starts to fade", () => {
    const fader = new MarkFader();
    const arrow = makeMark("arrow", [1, 1], [100, 100], { aspect: WIDE });
    fader.see(board(arrow), 1000);
    expect(fader.nextChange(board(arrow), 2000)).toBe(MARK_HOLD_MS - 1000);
    expect(fader.nextChange(board(arrow), 1000 + MARK_HOLD_MS + 10)).toBe(0);
    expect(fader.nextChange(board(arrow), 1000 + MARK_HOLD_MS + MARK_FADE_MS)).toBeUndefined();
    const pointer = makeMark("pointer", [1, 1], [100, 100], { aspect: WIDE });
    fader.see(board(arrow, pointer), 2000);
    expect(fader.nextChange(board(arrow, pointer), 2000)).toBe(0);
  });

  it("lets the page that drew a mark delete it once it has faded everywhere", () => {
    const fader = new MarkFader();
    const mine = makeMark("arrow", [1, 1], [100, 100], { aspect: WIDE });
    const theirs = makeMark("arrow", [1, 1], [100, 100], { aspect: WIDE });
    const pinned = makeMark("arrow", [1, 1], [100, 100], { aspect: WIDE, pinned: true });
    const all = board(mine, theirs, pinned);
    fader.see(all, 0);
    expect(fader.expired(all, MARK_HOLD_MS + MARK_FADE_MS, new Set([mine.id, pinned.id]))).toEqual([]);
    expect(fader.expired(all, MARK_HOLD_MS + MARK_FADE_MS + 1500, new Set([mine.id, pinned.id]))).toEqual([mine]);
  });
});

describe("painting marks over the shared picture", () => {
  it("puts a mark on the same spot of the picture however big each page shows it, and counts what it drew", () => {
    const fader = new MarkFader();
    const ring = makeMark("circle", [450, 450], [550, 550], { aspect: WIDE });
    const gone = deleted(makeMark("arrow", [1, 1], [100, 100], { aspect: WIDE }));
    const view = { elements: board(ring, gone), strokes: new Map<string, BoardStrokePreview>() };
    fader.see(view.elements, 0);
    for (const [width, height] of [
      [320, 180],
      [1920, 1080],
    ] as const) {
      const ctx = new RecordingContext();
      expect(paintMarks(ctx, view, fader, { width, height, now: 100 })).toBe(1);
      expect(ctx.painted[0]!.op).toBe("clear"); // the video shows through
      const box = extent(ctx.painted.find((p) => p.op === "stroke")!);
      expect((box.minX + box.maxX) / 2 / width).toBeCloseTo(0.5);
      expect((box.minY + box.maxY) / 2 / height).toBeCloseTo(0.5);
      expect((box.maxX - box.minX) / width).toBeCloseTo(0.1);
    }
    // On a small preview no mark is thinner than 2 CSS pixels.
    const small = new RecordingContext();
    paintMarks(small, view, fader, { width: 160, height: 90, now: 100, pixelRatio: 2 });
    expect(small.painted.find((p) => p.op === "stroke")!.style.lineWidth).toBe(4);
    const later = new RecordingContext();
    expect(paintMarks(later, view, fader, { width: 320, height: 180, now: MARK_HOLD_MS + MARK_FADE_MS })).toBe(0);
  });

  it("draws a highlight as it is being drawn, and someone's pointer with their name", () => {
    const fader = new MarkFader();
    fader.see(new Map(), 0);
    const stroke: BoardStrokePreview = { id: "s", by: "agent", type: "freedraw", x: 100, y: 100, strokeColor: "#fcc419", strokeWidth: 6, opacity: 45, points: [[0, 0], [40, 3]], at: 0 };
    const cursor: BoardCursorState = { boardId: "screen:c", x: 500, y: 250, tool: "pointer", down: false, sessionId: "a", name: "Lin Wei", color: "#1971c2", at: 900 };
    const ctx = new RecordingContext();
    const count = paintMarks(ctx, { elements: new Map(), strokes: new Map([["s", stroke]]) }, fader, { width: 1000, height: 500, now: 1000, cursors: new Map([["a", cursor]]) });
    expect(count).toBe(1);
    expect(ctx.painted.find((p) => p.op === "text")).toMatchObject({ text: "Lin Wei" });
    const arrow = ctx.painted.find((p) => p.op === "fill" && p.style.fillStyle === "#1971c2")!;
    expect(arrow.points[0]).toEqual([500, 125]);
    // A pointer that has not moved for a while is not shown.
    const quiet = new RecordingContext();
    paintMarks(quiet, { elements: new Map(), strokes: new Map() }, fader, { width: 1000, height: 500, now: 10_000, cursors: new Map([["a", cursor]]) });
    expect(quiet.painted.some((p) => p.op === "text")).toBe(false);
  });
});
