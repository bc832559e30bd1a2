import { describe, expect, it } from "vitest";
import type { BoardElement } from "../../game-server/protocol/index.ts";
import type { BoardCursorState, BoardStrokePreview, BoardView } from "../_hall-client/board-client.ts";
import { RecordingContext } from "./recording-context.ts";
import { surfaceCanvasSize, SurfacePainter } from "./surface-painter.ts";

const rect = (id: string, x: number): BoardElement => ({ id, type: "rectangle", version: 1, versionNonce: 0, isDeleted: false, x, y: 0, width: 200, height: 100, angle: 0, strokeColor: "#1e1e1e", backgroundColor: "transparent", strokeWidth: 2, opacity: 100 });

function view(elements: BoardElement[], patch: Partial<BoardView> = {}): BoardView {
  return {
    meta: { boardId: "surface:support", kind: "surface", title: "Support board", locked: false },
    elements: new Map(elements.map((e) => [e.id, e])),
    clock: 1,
    cursors: new Map(),
    strokes: new Map(),
    canDraw: true,
    canModerate: false,
    revision: 1,
    contentRevision: 1,
    ...patch,
  };
}

describe("a whiteboard's picture in the hall", () => {
  it("is 1024 px across the board's long side, in the board's shape", () => {
    expect(surfaceCanvasSize(1.5)).toEqual({ width: 1024, height: 683 });
    expect(surfaceCanvasSize(1.6)).toEqual({ width: 1024, height: 640 });
    expect(surfaceCanvasSize(0.5)).toEqual({ width: 512, height: 1024 });
    expect(surfaceCanvasSize(1.6, 512)).toEqual({ width: 512, height: 320 });
  });

  it("is repainted when the drawing changes, not when someone only moves their cursor, and at most 10 times a second", () => {
    const ctx = new RecordingContext();
    const painter = new SurfacePainter(ctx, 1024, 640, 100, undefined, () => 0);
    const first = view([rect("a", 0)]);
    expect(painter.update(first, 0)).toBe(true);
    expect(painter.shown).toBe(1);
    const painted = ctx.painted.length;

    // A cursor moved: same elements, same strokes.
    const cursor: BoardCursorState = { boardId: "surface:support", x: 1, y: 2, tool: "pointer", down: false, sessionId: "s", name: "Ada", color: "#f00", at: 0 };
    const moved: BoardView = { ...first, cursors: new Map([["s", cursor]]), revision: 2 };
    expect(painter.update(moved, 500)).toBe(false);
    expect(ctx.painted.length).toBe(painted);

    // Someone draws for a second, the stroke growing at every 60-fps frame: the picture follows about every 100 ms.
    const stroke = (n: number): BoardStrokePreview => ({ id: "s1", by: "s", type: "freedraw", x: 0, y: 0, strokeColor: "#000000", strokeWidth: 2, opacity: 100, points: Array.from({ length: n }, (_, i) => [i, i] as [number, number]), at: 0 });
    let repaints = 0;
    for (let t = 1000; t < 2000; t += 16) if (painter.update({ ...first, strokes: new Map([["s1", stroke(t)]]) }, t)) repaints++;
    expect(repaints).toBeGreaterThanOrEqual(8);
    expect(repaints).toBeLessThanOrEqual(10);
    expect(painter.shown).toBe(2);
  });

  it("fits whatever is drawn onto the board, wherever on the editor's canvas it was drawn", () => {
    const ctx = new RecordingContext();
    new SurfacePainter(ctx, 1024, 640).update(view([rect("far", 40_000)]), 0);
    const outline = ctx.painted.find((p) => p.op === "stroke")!;
    for (const [x, y] of outline.points) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(1024);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(640);
    }
  });

  it("keeps the finished drawing on a layer: a stroke growing over it costs a copy, not a repaint of the board", () => {
    const main = new RecordingContext();
    const layer = new RecordingContext();
    const image = { label: "layer" } as unknown as CanvasImageSource;
    const painter = new SurfacePainter(main, 1024, 640, 100, { ctx: layer, image }, () => 0);
    const board = view(Array.from({ length: 50 }, (_, i) => rect(`r${i}`, i * 10)));
    painter.update(board, 0);
    const layerPaints = layer.painted.length;
    expect(layer.painted.filter((p) => p.op === "stroke")).toHaveLength(50);
    // A stroke inside the drawing grows: the layer stays, the canvas gets the copy and the stroke.
    const stroke: BoardStrokePreview = { id: "s1", by: "s", type: "freedraw", x: 100, y: 20, strokeColor: "#000000", strokeWidth: 2, opacity: 100, points: [[0, 0], [10, 10], [20, 5]], at: 0 };
    main.painted.length = 0;
    expect(painter.update({ ...board, strokes: new Map([["s1", stroke]]) }, 200)).toBe(true);
    expect(layer.painted.length).toBe(layerPaints);
    expect(main.painted.map((p) => p.op)).toEqual(["image", "stroke"]);
    expect(painter.shown).toBe(51);
    // The stroke is finished: the layer is painted again with it.
    painter.update({ ...board, elements: new Map([...board.elements, ["s1", { ...rect("s1", 100), type: "freedraw", points: stroke.points }]]) }, 400);
    expect(layer.painted.length).toBeGreaterThan(layerPaints);
    expect(painter.shown).toBe(51);
  });

  it("paints less often when painting is slow: at most a fifth of the time goes to it", () => {
    let t = 0;
    // Each paint takes 30 ms on this (pretend) slow page: one every 150 ms, not every 100.
    const clock = () => (t += 30);
    const painter = new SurfacePainter(new RecordingContext(), 1024, 640, 100, undefined, clock);
    let repaints = 0;
    for (let now = 0; now < 3000; now += 16) {
      const changed = view([rect(`r${now}`, now)]);
      if (painter.update(changed, now)) repaints++;
    }
    expect(painter.paintMs).toBe(30);
    expect(repaints).toBeLessThanOrEqual(3000 / 150 + 1);
    expect(repaints).toBeGreaterThanOrEqual(3000 / 170);
  });
});
