import type { BoardElement } from "../../game-server/protocol/index.ts";
import type { BoardStrokePreview } from "../_hall-client/board-client.ts";

/**
 * A small renderer of board elements (Excalidraw's model, `game-server/protocol/board.ts`) onto
 * a 2D canvas: the whiteboards in the 3D hall and the guidance marks over a shared screen. No
 * dependency, no DOM: it draws on anything shaped like a 2D context (a canvas, an
 * OffscreenCanvas, or a fake that records calls in tests).
 *
 * Clean lines rather than Excalidraw's sketchy ones; otherwise the same picture: rectangles
 * (rounded when the element says so), ellipses, diamonds, lines and arrows (curved when rounded,
 * with their arrowheads), freehand strokes (smoothed; a highlighter is a wide, translucent
 * one), text (size, family, alignment, several lines, any script the page's fonts have),
 * rotation, stroke and fill colours (solid, hachure, cross-hatch), dashed and dotted strokes,
 * opacity. Deleted elements are skipped; strokes others are drawing are drawn too.
 *
 * Board space maps to the canvas through a {@link Viewport}; scales may differ on the two axes
 * (screen marks are stored in fractions of the picture's width and height), so shapes are
 * transformed point by point here and line widths stay even, in units of the x axis.
 */

/** What the renderer needs of a 2D context. */
export type BoardContext = Pick<
  CanvasRenderingContext2D,
  | "save"
  | "restore"
  | "setTransform"
  | "beginPath"
  | "closePath"
  | "moveTo"
  | "lineTo"
  | "quadraticCurveTo"
  | "bezierCurveTo"
  | "fill"
  | "stroke"
  | "clip"
  | "fillRect"
  | "clearRect"
  | "fillText"
  | "setLineDash"
  | "globalAlpha"
  | "strokeStyle"
  | "fillStyle"
  | "lineWidth"
  | "lineCap"
  | "lineJoin"
  | "font"
  | "textAlign"
  | "textBaseline"
>;

/** Board point (x, y) → canvas pixel ((x − this.x)·scaleX, (y − this.y)·scaleY). */
export interface Viewport {
  x: number;
  y: number;
  scaleX: number;
  scaleY: number;
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** Something drawable: a stored element, or a stroke someone is drawing (no angle, no fill). */
type Drawable = BoardElement | BoardStrokePreview;

export interface DrawBoardOptions {
  /** Canvas size in pixels. */
  width: number;
  height: number;
  viewport: Viewport;
  /** Painted first; `null` clears the canvas to transparent (an overlay); `false` paints over what is there. Default white. */
  background?: string | null | false;
  /** Extra opacity per element, 0…1 (a fading mark); 0 skips it. */
  alpha?: (element: Drawable) => number;
  /** No line thinner than this many pixels (a small view of a big picture); default half a pixel. */
  minLineWidth?: number;
}

export interface DrawResult {
  /** Elements drawn (not deleted, in view, not faded out). */
  elements: number;
  /** Strokes in progress drawn. */
  strokes: number;
}

/** Excalidraw's font families by number, with fallbacks for pages that do not load its fonts, CJK last. */
const CJK = `"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", "Source Han Sans SC"`;
const FONT_FAMILIES: Record<number, string> = {
  1: `Excalifont, Virgil, "Segoe Print", "Comic Sans MS", "Comic Neue", ${CJK}, cursive`,
  2: `Nunito, Helvetica, Arial, system-ui, ${CJK}, sans-serif`,
  3: `"Cascadia Code", "Comic Shanns", ui-monospace, "DejaVu Sans Mono", ${CJK}, monospace`,
};
FONT_FAMILIES[5] = FONT_FAMILIES[1]!; // Excalifont
FONT_FAMILIES[6] = FONT_FAMILIES[2]!; // Nunito
FONT_FAMILIES[7] = `"Lilita One", Impact, system-ui, ${CJK}, sans-serif`;
FONT_FAMILIES[8] = FONT_FAMILIES[3]!; // Comic Shanns
FONT_FAMILIES[9] = `"Liberation Sans", Helvetica, Arial, ${CJK}, sans-serif`;

export function fontFamily(family: unknown): string {
  return (typeof family === "number" && FONT_FAMILIES[family]) || FONT_FAMILIES[5]!;
}

/** A freehand stroke looks about this many times its `strokeWidth` wide in Excalidraw (perfect-freehand, size 4.25 × width, thinned). */
export const FREEDRAW_WIDTH = 3;

/** The elements a board shows, bottom first: not deleted, in Excalidraw's fractional `index` order when every one has it, else in the order given. */
export function visibleElements(elements: Iterable<BoardElement>): BoardElement[] {
  const shown = [...elements].filter((e) => !e.isDeleted);
  if (shown.length > 1 && shown.every((e) => typeof e.index === "string")) {
    // Fractional indices are base-62 strings ordered by plain code-unit comparison.
    shown.sort((a, b) => ((a.index as string) < (b.index as string) ? -1 : (a.index as string) > (b.index as string) ? 1 : 0));
  }
  return shown;
}

// ─── Geometry ──────────────────────────────────────────────────────────────────────────────────

/** A path in board units: move, line, quadratic and cubic curves, close. */
export type PathCommand = ["M", number, number] | ["L", number, number] | ["Q", number, number, number, number] | ["C", number, number, number, number, number, number] | ["Z"];

const KAPPA = 0.5522847498; // a quarter circle as one cubic Bézier

function num(value: unknown, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

function pointsOf(e: Drawable): [number, number][] {
  return (e.points as [number, number][] | undefined) ?? [];
}

/** The box a linear element's points span, relative to its x/y. */
function pointsBox(points: readonly (readonly [number, number])[]): Bounds {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [px, py] of points) {
    minX = Math.min(minX, px);
    minY = Math.min(minY, py);
    maxX = Math.max(maxX, px);
    maxY = Math.max(maxY, py);
  }
  return points.length ? { minX, minY, maxX, maxY } : { minX: 0, minY: 0, maxX: 0, maxY: 0 };
}

const isLinear = (e: Drawable) => e.type === "line" || e.type === "arrow" || e.type === "freedraw";

/** The point an element turns about (its box's centre, as in Excalidraw). */
export function elementCentre(e: Drawable): [number, number] {
  if (isLinear(e)) {
    const b = pointsBox(pointsOf(e));
    return [e.x + (b.minX + b.maxX) / 2, e.y + (b.minY + b.maxY) / 2];
  }
  const w = num((e as BoardElement).width, 0);
  const h = num((e as BoardElement).height, 0);
  return [e.x + w / 2, e.y + h / 2];
}

/** Excalidraw's corner radius for a rounded rectangle of side `side`. */
function cornerRadius(side: number, roundness: unknown): number {
  const type = (roundness as { type?: number; value?: number } | null | undefined)?.type;
  if (type === undefined) return 0;
  if (type === 3) {
    // Adaptive: a fixed 32 units unless the side is short, then a quarter of it.
    const fixed = num((roundness as { value?: number }).value, 32);
    return side / 4 < fixed ? side / 4 : fixed;
  }
  return side * 0.25;
}

/** Catmull-Rom through the points, as cubic Béziers (a rounded line or arrow). */
function smoothThrough(points: readonly (readonly [number, number])[], ox: number, oy: number, out: PathCommand[]): void {
  out.push(["M", ox + points[0]![0], oy + points[0]![1]]);
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[i - 1] ?? points[i]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[i + 2] ?? p2;
    out.push(["C", ox + p1[0] + (p2[0] - p0[0]) / 6, oy + p1[1] + (p2[1] - p0[1]) / 6, ox + p2[0] - (p3[0] - p1[0]) / 6, oy + p2[1] - (p3[1] - p1[1]) / 6, ox + p2[0], oy + p2[1]]);
  }
}

/** A freehand stroke: quadratic curves through the midpoints of its points (no corners). */
function freehand(points: readonly (readonly [number, number])[], ox: number, oy: number, out: PathCommand[]): void {
  const first = points[0]!;
  out.push(["M", ox + first[0], oy + first[1]]);
  if (points.length === 1) {
    out.push(["L", ox + first[0] + 0.01, oy + first[1]]); // a dot: round caps make it one
    return;
  }
  if (points.length === 2) {
    out.push(["L", ox + points[1]![0], oy + points[1]![1]]);
    return;
  }
  for (let i = 1; i < points.length - 1; i++) {
    const p = points[i]!;
    const q = points[i + 1]!;
    out.push(["Q", ox + p[0], oy + p[1], ox + (p[0] + q[0]) / 2, oy + (p[1] + q[1]) / 2]);
  }
  const last = points[points.length - 1]!;
  out.push(["L", ox + last[0], oy + last[1]]);
}

export function ellipsePath(cx: number, cy: number, rx: number, ry: number): PathCommand[] {
  const kx = rx * KAPPA;
  const ky = ry * KAPPA;
  return [
    ["M", cx + rx, cy],
    ["C", cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry],
    ["C", cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy],
    ["C", cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry],
    ["C", cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy],
    ["Z"],
  ];
}

/** The outline of an element in board units (before rotation); `closed`: it can be filled. */
export function elementPath(e: Drawable): { path: PathCommand[]; closed: boolean } {
  const path: PathCommand[] = [];
  const { x, y } = e;
  const w = num((e as BoardElement).width, 0);
  const h = num((e as BoardElement).height, 0);
  switch (e.type) {
    case "rectangle": {
      const r = Math.min(cornerRadius(Math.min(w, h), (e as BoardElement).roundness), w / 2, h / 2);
      if (r <= 0) {
        path.push(["M", x, y], ["L", x + w, y], ["L", x + w, y + h], ["L", x, y + h], ["Z"]);
      } else {
        path.push(
          ["M", x + r, y],
          ["L", x + w - r, y],
          ["Q", x + w, y, x + w, y + r],
          ["L", x + w, y + h - r],
          ["Q", x + w, y + h, x + w - r, y + h],
          ["L", x + r, y + h],
          ["Q", x, y + h, x, y + h - r],
          ["L", x, y + r],
          ["Q", x, y, x + r, y],
          ["Z"],
        );
      }
      return { path, closed: true };
    }
    case "ellipse":
      return { path: ellipsePath(x + w / 2, y + h / 2, w / 2, h / 2), closed: true };
    case "diamond":
      path.push(["M", x + w / 2, y], ["L", x + w, y + h / 2], ["L", x + w / 2, y + h], ["L", x, y + h / 2], ["Z"]);
      return { path, closed: true };
    case "freedraw": {
      const points = pointsOf(e);
      if (points.length) freehand(points, x, y, path);
      return { path, closed: false };
    }
    case "line":
    case "arrow": {
      const points = pointsOf(e);
      if (points.length < 2) return { path, closed: false };
      // Rounded (Excalidraw's "curve" edges) lines and arrows pass smoothly through their points.
      const roundness = (e as BoardElement).roundness;
      if (roundness !== null && roundness !== undefined && points.length > 2) smoothThrough(points, x, y, path);
      else points.forEach(([px, py], i) => path.push([i === 0 ? "M" : "L", x + px, y + py]));
      const first = points[0]!;
      const last = points[points.length - 1]!;
      // A line whose ends meet (or marked a polygon) is a shape that can be filled.
      const closed = e.type === "line" && points.length > 2 && ((e as BoardElement).polygon === true || (Math.abs(first[0] - last[0]) < 1e-6 && Math.abs(first[1] - last[1]) < 1e-6));
      if (closed) path.push(["Z"]);
      return { path, closed };
    }
    default:
      return { path, closed: false };
  }
}

export type Arrowhead = "arrow" | "triangle" | "triangle_outline" | "bar" | "dot" | "circle" | "circle_outline" | "diamond" | "diamond_outline";

/**
 * An arrowhead's outline at `tip`, pointing away from `from`; `filled`: painted solid. Worked
 * out where it is drawn (canvas pixels, `unit` pixels to a board unit), so a head keeps its
 * shape on a view scaled differently across and down.
 */
export function arrowheadPath(kind: string, tip: readonly [number, number], from: readonly [number, number], strokeWidth: number, unit = 1): { path: PathCommand[]; filled: boolean } {
  const dx = tip[0] - from[0];
  const dy = tip[1] - from[1];
  const length = Math.hypot(dx, dy);
  if (length === 0) return { path: [], filled: false };
  const ux = dx / length;
  const uy = dy / length;
  // Excalidraw's sizes (arrow 25, the rest 15), a little bigger for thick strokes, never past half the last segment.
  const base = kind === "arrow" ? 25 : 15;
  const size = Math.min(base * Math.max(1, strokeWidth / 4) * unit, length * 0.6);
  const [tx, ty] = tip;
  const at = (along: number, across: number): [number, number] => [tx - ux * along - uy * across, ty - uy * along + ux * across];
  switch (kind) {
    case "bar": {
      const a = at(0, size / 2);
      const b = at(0, -size / 2);
      return { path: [["M", a[0], a[1]], ["L", b[0], b[1]]], filled: false };
    }
    case "dot":
    case "circle":
    case "circle_outline": {
      const r = size / 3;
      const c = at(r, 0);
      return { path: ellipsePath(c[0], c[1], r, r), filled: kind !== "circle_outline" };
    }
    case "diamond":
    case "diamond_outline": {
      const s = size / 2;
      const back = at(s * 2, 0);
      const l = at(s, s / 2);
      const r = at(s, -s / 2);
      return { path: [["M", tx, ty], ["L", l[0], l[1]], ["L", back[0], back[1]], ["L", r[0], r[1]], ["Z"]], filled: kind === "diamond" };
    }
    case "triangle":
    case "triangle_outline": {
      const spread = Math.tan((25 * Math.PI) / 180) * size;
      const l = at(size, spread);
      const r = at(size, -spread);
      return { path: [["M", tx, ty], ["L", l[0], l[1]], ["L", r[0], r[1]], ["Z"]], filled: kind === "triangle" };
    }
    default: {
      const spread = Math.tan((20 * Math.PI) / 180) * size;
      const l = at(size, spread);
      const r = at(size, -spread);
      return { path: [["M", l[0], l[1]], ["L", tx, ty], ["L", r[0], r[1]]], filled: false };
    }
  }
}

/** The heads an arrow (or line) has: Excalidraw's arrows point at their end unless told otherwise. */
function heads(e: Drawable): { start: string | null; end: string | null } {
  const element = e as BoardElement;
  if (e.type === "arrow") {
    const end = element.endArrowhead === undefined ? "arrow" : (element.endArrowhead as string | null);
    return { start: (element.startArrowhead as string | null | undefined) ?? null, end };
  }
  if (e.type === "line") return { start: (element.startArrowhead as string | null | undefined) ?? null, end: (element.endArrowhead as string | null | undefined) ?? null };
  return { start: null, end: null };
}

/** The box an element covers in board units (rotation and stroke width included). */
export function elementBounds(e: Drawable): Bounds {
  const sw = num(e.strokeWidth, 1) * (e.type === "freedraw" ? FREEDRAW_WIDTH : 1);
  let corners: [number, number][];
  if (isLinear(e)) {
    const b = pointsBox(pointsOf(e));
    corners = [
      [e.x + b.minX, e.y + b.minY],
      [e.x + b.maxX, e.y + b.minY],
      [e.x + b.maxX, e.y + b.maxY],
      [e.x + b.minX, e.y + b.maxY],
    ];
  } else {
    let w = num((e as BoardElement).width, 0);
    let h = num((e as BoardElement).height, 0);
    if (e.type === "text" && (w === 0 || h === 0)) {
      const lines = textLines(e as BoardElement);
      const size = num((e as BoardElement).fontSize, 20);
      w ||= Math.max(...lines.map((l) => l.length)) * size * 0.6;
      h ||= lines.length * size * num((e as BoardElement).lineHeight, 1.25);
    }
    corners = [
      [e.x, e.y],
      [e.x + w, e.y],
      [e.x + w, e.y + h],
      [e.x, e.y + h],
    ];
  }
  const angle = num((e as BoardElement).angle, 0);
  if (angle !== 0) {
    const [cx, cy] = elementCentre(e);
    const cos = Math.cos(angle);
    const sin = Math.sin(angle);
    corners = corners.map(([px, py]) => [cx + cos * (px - cx) - sin * (py - cy), cy + sin * (px - cx) + cos * (py - cy)]);
  }
  const pad = sw / 2 + (e.type === "arrow" ? 25 * Math.max(1, sw / 4) * 0.35 : 0);
  return {
    minX: Math.min(...corners.map((c) => c[0])) - pad,
    minY: Math.min(...corners.map((c) => c[1])) - pad,
    maxX: Math.max(...corners.map((c) => c[0])) + pad,
    maxY: Math.max(...corners.map((c) => c[1])) + pad,
  };
}

/** The box all these cover; undefined when there is nothing to show. */
export function boardBounds(elements: Iterable<Drawable>): Bounds | undefined {
  let out: Bounds | undefined;
  for (const e of elements) {
    if ("isDeleted" in e && e.isDeleted) continue;
    const b = elementBounds(e);
    if (![b.minX, b.minY, b.maxX, b.maxY].every(Number.isFinite)) continue;
    out = out ? { minX: Math.min(out.minX, b.minX), minY: Math.min(out.minY, b.minY), maxX: Math.max(out.maxX, b.maxX), maxY: Math.max(out.maxY, b.maxY) } : b;
  }
  return out;
}

export interface FitOptions {
  /** Margin kept free around the content, in canvas pixels (default 5 % of the shorter side). */
  padding?: number;
  /**
   * The least the view spans across, in board units (default 640, about half an editor's
   * screen): a single word is not blown up to fill the board.
   */
  minSpan?: number;
}

/** The viewport that shows `bounds` whole and centred in a `width` × `height` canvas (one scale on both axes). */
export function fitViewport(bounds: Bounds | undefined, width: number, height: number, options: FitOptions = {}): Viewport {
  const padding = options.padding ?? Math.round(Math.min(width, height) * 0.05);
  const innerW = Math.max(1, width - 2 * padding);
  const innerH = Math.max(1, height - 2 * padding);
  const maxScale = innerW / (options.minSpan ?? 640);
  const b = bounds ?? { minX: 0, minY: 0, maxX: 0, maxY: 0 };
  const bw = b.maxX - b.minX;
  const bh = b.maxY - b.minY;
  const scale = Math.min(maxScale, bw > 0 ? innerW / bw : Infinity, bh > 0 ? innerH / bh : Infinity);
  const cx = (b.minX + b.maxX) / 2;
  const cy = (b.minY + b.maxY) / 2;
  return { x: cx - width / 2 / scale, y: cy - height / 2 / scale, scaleX: scale, scaleY: scale };
}

// ─── Drawing ───────────────────────────────────────────────────────────────────────────────────

/** Board point → canvas pixel, with the element's rotation about its centre. */
type Mapper = (x: number, y: number) => [number, number];

function mapperFor(e: Drawable, v: Viewport): Mapper {
  const angle = num((e as BoardElement).angle, 0);
  if (angle === 0) return (x, y) => [(x - v.x) * v.scaleX, (y - v.y) * v.scaleY];
  const [cx, cy] = elementCentre(e);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return (x, y) => [(cx + cos * (x - cx) - sin * (y - cy) - v.x) * v.scaleX, (cy + sin * (x - cx) + cos * (y - cy) - v.y) * v.scaleY];
}

/** Traces a board-unit path onto the context through `map` (affine, so curves stay exact). */
export function tracePath(ctx: BoardContext, path: readonly PathCommand[], map: Mapper): void {
  ctx.beginPath();
  for (const c of path) {
    switch (c[0]) {
      case "M":
        ctx.moveTo(...map(c[1], c[2]));
        break;
      case "L":
        ctx.lineTo(...map(c[1], c[2]));
        break;
      case "Q": {
        const [ax, ay] = map(c[1], c[2]);
        const [bx, by] = map(c[3], c[4]);
        ctx.quadraticCurveTo(ax, ay, bx, by);
        break;
      }
      case "C": {
        const [ax, ay] = map(c[1], c[2]);
        const [bx, by] = map(c[3], c[4]);
        const [ex, ey] = map(c[5], c[6]);
        ctx.bezierCurveTo(ax, ay, bx, by, ex, ey);
        break;
      }
      case "Z":
        ctx.closePath();
        break;
    }
  }
}

const visibleColor = (c: unknown): c is string => typeof c === "string" && c !== "transparent" && c !== "";

/** Parallel lines across the (clipped) shape: Excalidraw's hachure and cross-hatch fills. */
function hatch(ctx: BoardContext, path: readonly PathCommand[], map: Mapper, color: string, gap: number, weight: number, cross: boolean): void {
  const pts: [number, number][] = [];
  for (const c of path) {
    if (c[0] === "Z") continue;
    for (let i = 1; i + 1 < c.length; i += 2) pts.push(map(c[i] as number, c[i + 1] as number));
  }
  if (!pts.length || gap <= 0) return;
  const minX = Math.min(...pts.map((p) => p[0]));
  const maxX = Math.max(...pts.map((p) => p[0]));
  const minY = Math.min(...pts.map((p) => p[1]));
  const maxY = Math.max(...pts.map((p) => p[1]));
  ctx.save();
  tracePath(ctx, path, map);
  ctx.clip();
  ctx.strokeStyle = color;
  ctx.lineWidth = weight;
  ctx.setLineDash([]);
  ctx.beginPath();
  const span = maxX - minX + (maxY - minY);
  // Lines at −41° (roughjs' hachure angle); the cross-hatch adds them at +49°.
  for (const angle of cross ? [-41, 49] : [-41]) {
    const rad = (angle * Math.PI) / 180;
    const dx = Math.cos(rad);
    const dy = Math.sin(rad);
    // Offsets along the normal cover the whole box.
    const nx = -dy;
    const ny = dx;
    const cx = (minX + maxX) / 2;
    const cy = (minY + maxY) / 2;
    for (let o = -span; o <= span; o += gap) {
      ctx.moveTo(cx + nx * o - dx * span, cy + ny * o - dy * span);
      ctx.lineTo(cx + nx * o + dx * span, cy + ny * o + dy * span);
    }
  }
  ctx.stroke();
  ctx.restore();
}

function dashFor(style: unknown, strokeWidth: number, scale: number): number[] {
  if (style === "dashed") return [8 * scale, (8 + strokeWidth) * scale];
  if (style === "dotted") return [1.5 * scale, (6 + strokeWidth) * scale];
  return [];
}

export function textLines(e: BoardElement): string[] {
  return (e.text ?? "").replace(/\r\n?/g, "\n").split("\n");
}

function drawText(ctx: BoardContext, e: BoardElement, v: Viewport): void {
  if (!visibleColor(e.strokeColor) || !e.text) return;
  const size = num(e.fontSize, 20);
  const lineHeight = size * num(e.lineHeight, 1.25);
  const lines = textLines(e);
  const w = num(e.width, 0);
  const h = num(e.height, 0);
  const align = e.textAlign === "center" || e.textAlign === "right" ? e.textAlign : "left";
  const block = lines.length * lineHeight;
  const top = e.verticalAlign === "middle" && h > block ? e.y + (h - block) / 2 : e.verticalAlign === "bottom" && h > block ? e.y + h - block : e.y;
  const [cx, cy] = elementCentre(e);
  const angle = num(e.angle, 0);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  // Board → canvas for text: the viewport after the rotation about the centre, as one matrix.
  ctx.setTransform(v.scaleX * cos, v.scaleY * sin, -v.scaleX * sin, v.scaleY * cos, (cx - v.x) * v.scaleX - v.scaleX * (cos * cx - sin * cy), (cy - v.y) * v.scaleY - v.scaleY * (sin * cx + cos * cy));
  ctx.fillStyle = e.strokeColor;
  ctx.font = `${size}px ${fontFamily(e.fontFamily)}`;
  ctx.textAlign = align;
  ctx.textBaseline = "middle";
  const ax = align === "center" ? e.x + w / 2 : align === "right" ? e.x + w : e.x;
  // A page without the editor's fonts sets wider glyphs: squeeze a line rather than let it spill out of its box.
  const maxWidth = w > 0 ? w * 1.08 + size : undefined;
  lines.forEach((line, i) => {
    if (line) ctx.fillText(line, ax, top + (i + 0.5) * lineHeight, maxWidth);
  });
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}

/** Draws one element (or stroke in progress) with an extra opacity `alpha`, no line under `minLineWidth` pixels. */
export function drawElement(ctx: BoardContext, e: Drawable, v: Viewport, alpha = 1, minLineWidth = 0.5): void {
  const opacity = Math.max(0, Math.min(1, num(e.opacity, 100) / 100)) * alpha;
  if (opacity <= 0) return;
  ctx.save();
  ctx.globalAlpha = opacity;
  if (e.type === "text") {
    drawText(ctx, e as BoardElement, v);
    ctx.restore();
    return;
  }
  const element = e as BoardElement;
  const map = mapperFor(e, v);
  const { path, closed } = elementPath(e);
  if (!path.length) {
    ctx.restore();
    return;
  }
  const strokeWidth = num(e.strokeWidth, 1);
  const lineWidth = Math.max(minLineWidth, strokeWidth * (e.type === "freedraw" ? FREEDRAW_WIDTH : 1) * v.scaleX);
  ctx.lineCap = "round";
  ctx.lineJoin = "round";
  const background = "backgroundColor" in e ? e.backgroundColor : undefined;
  if (closed && visibleColor(background)) {
    const style = element.fillStyle;
    if (style === "hachure" || style === "cross-hatch" || style === "zigzag") {
      hatch(ctx, path, map, background, strokeWidth * 4 * v.scaleX, Math.max(0.5, (strokeWidth / 2) * v.scaleX), style === "cross-hatch");
    } else {
      tracePath(ctx, path, map);
      ctx.fillStyle = background;
      ctx.fill();
    }
  }
  if (visibleColor(e.strokeColor) && strokeWidth > 0) {
    ctx.strokeStyle = e.strokeColor;
    ctx.lineWidth = lineWidth;
    ctx.setLineDash(e.type === "freedraw" ? [] : dashFor(element.strokeStyle, strokeWidth, v.scaleX));
    tracePath(ctx, path, map);
    ctx.stroke();
    const points = pointsOf(e);
    const { start, end } = heads(e);
    if ((start || end) && points.length >= 2) {
      ctx.setLineDash([]);
      const ends: [string | null, [number, number], [number, number]][] = [
        [end, points[points.length - 1]!, points[points.length - 2]!],
        [start, points[0]!, points[1]!],
      ];
      for (const [kind, tip, from] of ends) {
        if (!kind) continue;
        const head = arrowheadPath(kind, map(e.x + tip[0], e.y + tip[1]), map(e.x + from[0], e.y + from[1]), strokeWidth, v.scaleX);
        if (!head.path.length) continue;
        tracePath(ctx, head.path, (x, y) => [x, y]);
        if (head.filled) {
          ctx.fillStyle = e.strokeColor;
          ctx.fill();
        }
        ctx.stroke();
      }
    }
  }
  ctx.restore();
}

function overlaps(b: Bounds, v: Viewport, width: number, height: number): boolean {
  const left = (b.minX - v.x) * v.scaleX;
  const right = (b.maxX - v.x) * v.scaleX;
  const top = (b.minY - v.y) * v.scaleY;
  const bottom = (b.maxY - v.y) * v.scaleY;
  return Math.max(left, right) >= 0 && Math.min(left, right) <= width && Math.max(top, bottom) >= 0 && Math.min(top, bottom) <= height;
}

/**
 * Paints a board: the background (or a clear canvas), then every element not deleted, bottom
 * first (those wholly outside the viewport skipped), then the strokes being drawn whose
 * finished element has not arrived yet.
 */
export function drawBoard(ctx: BoardContext, elements: Iterable<BoardElement>, strokes: Iterable<BoardStrokePreview>, options: DrawBoardOptions): DrawResult {
  const { width, height, viewport: v } = options;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  if (options.background === null) ctx.clearRect(0, 0, width, height);
  else if (options.background !== false) {
    ctx.fillStyle = options.background ?? "#ffffff";
    ctx.fillRect(0, 0, width, height);
  }
  const result: DrawResult = { elements: 0, strokes: 0 };
  const all = [...elements];
  const known = new Set(all.map((e) => e.id));
  for (const e of visibleElements(all)) {
    const alpha = options.alpha?.(e) ?? 1;
    if (alpha <= 0 || !overlaps(elementBounds(e), v, width, height)) continue;
    drawElement(ctx, e, v, alpha, options.minLineWidth);
    result.elements++;
  }
  for (const s of strokes) {
    if (known.has(s.id) || !s.points.length) continue;
    const alpha = options.alpha?.(s) ?? 1;
    if (alpha <= 0) continue;
    drawElement(ctx, s, v, alpha, options.minLineWidth);
    result.strokes++;
  }
  return result;
}
