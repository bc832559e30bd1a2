import { describe, expect, it } from "vitest";
import { BoardElement } from "../../game-server/protocol/index.ts";
import type { BoardStrokePreview } from "../_hall-client/board-client.ts";
import { boardBounds, drawBoard, fitViewport, FREEDRAW_WIDTH, visibleElements, type Viewport } from "./board-canvas.ts";
import { extent, RecordingContext } from "./recording-context.ts";

let n = 0;
function element(patch: Partial<BoardElement> & Pick<BoardElement, "type">): BoardElement {
  const e = { id: `e${++n}`, version: 1, versionNonce: 1, isDeleted: false, x: 0, y: 0, width: 100, height: 50, angle: 0, strokeColor: "#1e1e1e", backgroundColor: "transparent", strokeWidth: 2, opacity: 100, ...patch };
  // Every element a test draws is one the server would accept.
  return BoardElement.parse(e);
}

const ONE: Viewport = { x: 0, y: 0, scaleX: 1, scaleY: 1 };

function paint(elements: BoardElement[], viewport: Viewport = ONE, strokes: BoardStrokePreview[] = [], extra: Partial<Parameters<typeof drawBoard>[3]> = {}) {
  const ctx = new RecordingContext();
  const result = drawBoard(ctx, elements, strokes, { width: 1000, height: 600, viewport, ...extra });
  return { ctx, result, strokes: ctx.painted.filter((p) => p.op === "stroke"), fills: ctx.painted.filter((p) => p.op === "fill"), texts: ctx.painted.filter((p) => p.op === "text") };
}

const near = (a: number, b: number, tolerance = 0.01) => Math.abs(a - b) <= tolerance;

describe("drawing a board", () => {
  it("paints a white board, then each element that is not deleted", () => {
    const { ctx, result, strokes } = paint([element({ type: "rectangle", x: 10, y: 20 }), element({ type: "ellipse", isDeleted: true }), element({ type: "diamond", x: 300, y: 100 })]);
    expect(ctx.painted[0]).toMatchObject({ op: "rect", style: { fillStyle: "#ffffff" } });
    expect(result).toEqual({ elements: 2, strokes: 0 });
    expect(strokes).toHaveLength(2);
    expect(extent(strokes[0]!)).toEqual({ minX: 10, minY: 20, maxX: 110, maxY: 70 });
    // A diamond's corners are the middles of its box's sides.
    expect(strokes[1]!.points.slice(0, 4)).toEqual([
      [350, 100],
      [400, 125],
      [350, 150],
      [300, 125],
    ]);
  });

  it("clears to transparent for an overlay instead of painting a background", () => {
    const { ctx } = paint([], ONE, [], { background: null });
    expect(ctx.painted).toEqual([expect.objectContaining({ op: "clear" })]);
  });

  it("fills shapes with their background colour, solid or hatched, and leaves transparent ones open", () => {
    const solid = paint([element({ type: "rectangle", backgroundColor: "#ffc9c9", fillStyle: "solid" })]);
    expect(solid.fills).toHaveLength(1);
    expect(solid.fills[0]!.style.fillStyle).toBe("#ffc9c9");
    const hatched = paint([element({ type: "ellipse", backgroundColor: "#a5d8ff", fillStyle: "hachure" })]);
    expect(hatched.ctx.clips).toBe(1);
    expect(hatched.strokes[0]!.style.strokeStyle).toBe("#a5d8ff"); // the hatch lines, in the fill colour
    expect(hatched.strokes[0]!.points.length).toBeGreaterThan(10);
    expect(paint([element({ type: "rectangle" })]).fills).toHaveLength(0);
  });

  it("rounds a rectangle's corners when the element is rounded", () => {
    const sharp = paint([element({ type: "rectangle", width: 200, height: 200 })]).strokes[0]!;
    const round = paint([element({ type: "rectangle", width: 200, height: 200, roundness: { type: 3 } })]).strokes[0]!;
    expect(sharp.curves).toBe(0);
    expect(round.curves).toBe(4);
    expect(round.points[0]).toEqual([32, 0]); // Excalidraw's adaptive radius: 32 units
  });

  it("draws an arrow with a head at its end, pointing where the arrow goes", () => {
    const { strokes } = paint([element({ type: "arrow", x: 100, y: 100, width: 200, height: 0, points: [[0, 0], [200, 0]] })]);
    expect(strokes).toHaveLength(2);
    expect(strokes[0]!.points).toEqual([
      [100, 100],
      [300, 100],
    ]);
    const head = strokes[1]!;
    expect(head.points[1]).toEqual([300, 100]); // the tip
    // Both barbs lie behind the tip, one on each side.
    expect(head.points[0]![0]).toBeLessThan(300);
    expect(head.points[2]![0]).toBeLessThan(300);
    expect(Math.sign(head.points[0]![1] - 100)).toBe(-Math.sign(head.points[2]![1] - 100));
    // A line has no head unless it asks for one.
    expect(paint([element({ type: "line", points: [[0, 0], [200, 0]] })]).strokes).toHaveLength(1);
    expect(paint([element({ type: "arrow", points: [[0, 0], [200, 0]], startArrowhead: "triangle", endArrowhead: null })]).fills).toHaveLength(1);
  });

  it("draws a freehand stroke smoothly, as wide as the editor draws it, and a highlighter translucent", () => {
    const points: [number, number][] = Array.from({ length: 20 }, (_, i) => [i * 10, Math.sin(i / 3) * 30]);
    const { strokes } = paint([element({ type: "freedraw", x: 50, y: 200, points, strokeWidth: 8, opacity: 35, strokeColor: "#fab005" })], { x: 0, y: 0, scaleX: 2, scaleY: 2 });
    const s = strokes[0]!;
    expect(s.curves).toBeGreaterThan(10);
    expect(s.style.lineCap).toBe("round");
    expect(s.style.lineWidth).toBe(8 * FREEDRAW_WIDTH * 2);
    expect(s.style.globalAlpha).toBeCloseTo(0.35);
    expect(s.style.strokeStyle).toBe("#fab005");
    expect(s.points[0]).toEqual([100, 400]);
    expect(s.points.at(-1)).toEqual([(50 + 190) * 2, (200 + Math.sin(19 / 3) * 30) * 2]);
  });

  it("turns an element about its centre", () => {
    const { strokes } = paint([element({ type: "rectangle", x: 100, y: 100, width: 100, height: 100, angle: Math.PI / 4 })]);
    const box = extent(strokes[0]!);
    const half = 50 * Math.SQRT2;
    expect(near(box.minX, 150 - half) && near(box.maxX, 150 + half) && near(box.minY, 150 - half) && near(box.maxY, 150 + half)).toBe(true);
  });

  it("writes text line by line at its size and alignment, Chinese included", () => {
    const { texts } = paint([element({ type: "text", x: 10, y: 10, width: 300, height: 100, text: "理财组合\nPortfolio 60/40", fontSize: 40, fontFamily: 5, textAlign: "center", lineHeight: 1.25 })]);
    expect(texts.map((t) => t.text)).toEqual(["理财组合", "Portfolio 60/40"]);
    expect(texts[0]!.style.font).toMatch(/^40px Excalifont.*Noto Sans CJK SC/);
    expect(texts[0]!.style.textAlign).toBe("center");
    expect(texts[0]!.points[0]).toEqual([160, 10 + 25]);
    expect(texts[1]!.points[0]).toEqual([160, 10 + 75]);
    expect(texts[0]!.style.transform.map((v) => v + 0)).toEqual([1, 0, 0, 1, 0, 0]);
    // Turned a quarter about its centre (160, 60): the transform carries the turn.
    const [turned] = paint([element({ type: "text", x: 10, y: 10, width: 300, height: 100, text: "上", fontSize: 40, angle: Math.PI / 2 })]).texts;
    const [a, b, c, d, e, f] = turned!.style.transform;
    const at = (x: number, y: number) => [a! * x + c! * y + e!, b! * x + d! * y + f!];
    expect(at(160, 60).map((v) => Math.round(v))).toEqual([160, 60]);
    expect(at(260, 60).map((v) => Math.round(v))).toEqual([160, 160]);
  });

  it("applies opacity, colour and dashes as the element says", () => {
    const { strokes } = paint([element({ type: "ellipse", strokeColor: "#e03131", opacity: 50, strokeStyle: "dashed", strokeWidth: 4 })]);
    expect(strokes[0]!.style).toMatchObject({ strokeStyle: "#e03131", globalAlpha: 0.5, lineWidth: 4, dash: [8, 12] });
  });

  it("draws the strokes people are drawing right now, until their finished element arrives", () => {
    const stroke: BoardStrokePreview = { id: "s1", by: "someone", type: "freedraw", x: 0, y: 0, strokeColor: "#2f9e44", strokeWidth: 2, opacity: 100, points: [[0, 0], [10, 10], [20, 5]], at: 0 };
    expect(paint([], ONE, [stroke]).result).toEqual({ elements: 0, strokes: 1 });
    const done = element({ type: "freedraw", points: stroke.points });
    expect(paint([{ ...done, id: "s1" }], ONE, [stroke]).result).toEqual({ elements: 1, strokes: 0 });
  });

  it("skips faded and off-view elements", () => {
    const a = element({ type: "rectangle" });
    const b = element({ type: "rectangle", x: 5000 });
    expect(paint([a, b]).result.elements).toBe(1);
    expect(paint([a], ONE, [], { alpha: () => 0 }).result.elements).toBe(0);
    expect(paint([a], ONE, [], { alpha: () => 0.5 }).strokes[0]!.style.globalAlpha).toBe(0.5);
  });

  it("stacks elements by Excalidraw's fractional index when they have one", () => {
    const top = element({ type: "rectangle", index: "a2" });
    const bottom = element({ type: "rectangle", index: "a1" });
    expect(visibleElements([top, bottom]).map((e) => e.index)).toEqual(["a1", "a2"]);
  });

  it("keeps line widths even when the two axes scale differently (screen marks)", () => {
    // 1000 units across a 1920 × 1080 picture on both axes: a circle drawn on it comes back round.
    const v: Viewport = { x: 0, y: 0, scaleX: 1.92, scaleY: 1.08 };
    const { strokes } = paint([element({ type: "ellipse", x: 400, y: 400, width: 100, height: 100 * (1.92 / 1.08), strokeWidth: 4 })], v);
    const box = extent(strokes[0]!);
    expect(box.maxX - box.minX).toBeCloseTo(192, 3);
    expect(box.maxY - box.minY).toBeCloseTo(192, 3);
    expect(strokes[0]!.style.lineWidth).toBeCloseTo(4 * 1.92);
  });
});

describe("fitting a board into the canvas", () => {
  it("shows all of the content, centred, with a margin", () => {
    const elements = [element({ type: "rectangle", x: -500, y: 0, width: 400, height: 300 }), element({ type: "ellipse", x: 1000, y: 800, width: 200, height: 200 })];
    const bounds = boardBounds(elements)!;
    const v = fitViewport(bounds, 1024, 640);
    const toCanvas = (x: number, y: number) => [(x - v.x) * v.scaleX, (y - v.y) * v.scaleY] as const;
    const [left, top] = toCanvas(bounds.minX, bounds.minY);
    const [right, bottom] = toCanvas(bounds.maxX, bounds.maxY);
    expect(left).toBeGreaterThanOrEqual(31);
    expect(top).toBeGreaterThanOrEqual(31);
    expect(right).toBeLessThanOrEqual(1024 - 31);
    expect(bottom).toBeLessThanOrEqual(640 - 31);
    // Centred, and touching the margin on the tighter side.
    expect(left + right).toBeCloseTo(1024);
    expect(top + bottom).toBeCloseTo(640);
    expect(Math.min(left, top)).toBeCloseTo(32);
  });

  it("does not blow one small word up to the whole board", () => {
    const v = fitViewport(boardBounds([element({ type: "text", text: "Hi", width: 30, height: 25, fontSize: 20 })]), 1024, 640);
    expect(v.scaleX).toBeLessThanOrEqual((1024 - 64) / 640);
    expect(fitViewport(undefined, 1024, 640).scaleX).toBeGreaterThan(0);
  });

  it("counts rotation and stroke width into what must fit", () => {
    const flat = boardBounds([element({ type: "rectangle", width: 200, height: 10, strokeWidth: 4 })])!;
    const turned = boardBounds([element({ type: "rectangle", width: 200, height: 10, strokeWidth: 4, angle: Math.PI / 2 })])!;
    expect(flat.maxY - flat.minY).toBeCloseTo(14);
    expect(turned.maxY - turned.minY).toBeCloseTo(204);
  });
});
