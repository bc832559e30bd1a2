import type { BoardElement } from "../../game-server/protocol/index.ts";
import type { BoardCursorState, BoardStrokePreview, BoardView } from "../_hall-client/board-client.ts";
import { drawBoard, drawElement, type BoardContext, type Viewport } from "./board-canvas.ts";

/**
 * Guidance marks over a customer's shared screen in a service session: arrows, circles,
 * highlights and pointers that the agent draws on the picture, kept as elements of the board
 * `screen:<contactId>` and sent with the same `BoardHandle.put` as any board.
 *
 * Coordinates are the shared picture's own, so a mark sits on the same spot whatever size each
 * page shows the picture at: x 0…1000 from its left edge to its right edge, y 0…1000 from its
 * top edge to its bottom edge ({@link SCREEN_UNITS}; the two axes are scaled separately, a round
 * pointer on a 16:9 picture is 22 units wide and 39 high). Stroke widths are in 1000ths of the
 * picture's width.
 *
 * A mark shows for {@link MARK_HOLD_MS} from when each page first saw it, then fades out over
 * {@link MARK_FADE_MS} — unless it is pinned (`customData.pinned`), then it stays until cleared.
 */
export const SCREEN_UNITS = 1000;
export const MARK_HOLD_MS = 5000;
export const MARK_FADE_MS = 1000;
/** A mark the board already had when the page opened it, last changed longer ago than this, is not shown again (unless pinned). */
export const MARK_STALE_MS = 60_000;
/** Someone's pointer over the picture is shown this long after it last moved. */
export const CURSOR_SHOW_MS = 2500;

export type MarkTool = "arrow" | "circle" | "highlight" | "pointer";
export const MARK_TOOLS: readonly MarkTool[] = ["arrow", "circle", "highlight", "pointer"];
/** The key that picks each tool (and its number, 1–4, as well). */
export const TOOL_KEYS: Record<MarkTool, string> = { arrow: "a", circle: "c", highlight: "h", pointer: "p" };

const RED = "#f03e3e";
const YELLOW = "#fcc419";

/** The board a session's marks live on. */
export const screenBoardId = (contactId: string) => `screen:${contactId}`;

/** Board units of the picture → pixels of a `width` × `height` view of it. */
export function screenViewport(width: number, height: number): Viewport {
  return { x: 0, y: 0, scaleX: width / SCREEN_UNITS, scaleY: height / SCREEN_UNITS };
}

/** A pointer position on the view (client pixels, the view's box) → picture units, kept on the picture. */
export function toScreenUnits(clientX: number, clientY: number, box: { left: number; top: number; width: number; height: number }): [number, number] {
  const clamp = (v: number) => Math.max(0, Math.min(SCREEN_UNITS, v));
  return [clamp(((clientX - box.left) / Math.max(1, box.width)) * SCREEN_UNITS), clamp(((clientY - box.top) / Math.max(1, box.height)) * SCREEN_UNITS)];
}

export interface MarkData {
  mark: MarkTool;
  pinned: boolean;
}

export function markData(e: object): MarkData | undefined {
  const data = (e as { customData?: Partial<MarkData> }).customData;
  return data && typeof data.mark === "string" ? { mark: data.mark, pinned: data.pinned === true } : undefined;
}

export const isPinned = (e: object) => markData(e)?.pinned === true;

/** A fresh mark id (random, letters and digits: what a board takes; `getRandomValues` works on plain-http pages too). */
export function newMarkId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(12));
  return `mark-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}

const nonce = () => Math.floor(Math.random() * 2 ** 31);

/** What every mark has besides its shape and place. */
interface MarkBase {
  [key: string]: unknown;
  id: string;
  version: number;
  versionNonce: number;
  isDeleted: boolean;
  angle: number;
  strokeColor: string;
  backgroundColor: string;
  strokeWidth: number;
  opacity: number;
}

function base(tool: MarkTool, pinned: boolean, id = newMarkId()): MarkBase {
  return {
    id,
    version: 1,
    versionNonce: nonce(),
    isDeleted: false,
    angle: 0,
    strokeColor: RED,
    backgroundColor: "transparent",
    strokeWidth: 4,
    opacity: 100,
    roughness: 0,
    strokeStyle: "solid",
    fillStyle: "solid",
    roundness: null,
    updated: Date.now(),
    customData: { mark: tool, pinned } satisfies MarkData,
  };
}

/** A click without a drag: how big the mark is (picture units across). */
const CLICK_SIZE = 90;

/**
 * The mark a gesture on the picture makes, from where it started to where it ended (picture
 * units); `aspect` is the picture's width / height (to keep circles round and pointers dots).
 * A click (almost no drag) makes a mark of a standard size at that spot. Highlights take
 * every point the gesture passed.
 */
export function makeMark(tool: MarkTool, from: readonly [number, number], to: readonly [number, number], options: { aspect: number; pinned?: boolean; path?: readonly (readonly [number, number])[]; id?: string }): BoardElement {
  const pinned = options.pinned ?? false;
  const aspect = options.aspect > 0 ? options.aspect : 16 / 9;
  const dragged = Math.hypot(to[0] - from[0], (to[1] - from[1]) / aspect) > 8;
  const round = (v: number) => Math.round(v * 10) / 10;
  switch (tool) {
    case "arrow": {
      // A click points an arrow at the spot from below left, at 45° on the screen.
      const start: [number, number] = dragged ? [from[0], from[1]] : [to[0] - CLICK_SIZE, to[1] + CLICK_SIZE * aspect];
      const dx = round(to[0] - start[0]);
      const dy = round(to[1] - start[1]);
      return { ...base(tool, pinned, options.id), type: "arrow", x: round(start[0]), y: round(start[1]), width: Math.abs(dx), height: Math.abs(dy), points: [[0, 0], [dx, dy]], startArrowhead: null, endArrowhead: "arrow" };
    }
    case "circle": {
      const w = dragged ? Math.abs(to[0] - from[0]) : CLICK_SIZE;
      const h = dragged ? Math.abs(to[1] - from[1]) : CLICK_SIZE * aspect;
      const x = dragged ? Math.min(from[0], to[0]) : to[0] - w / 2;
      const y = dragged ? Math.min(from[1], to[1]) : to[1] - h / 2;
      return { ...base(tool, pinned, options.id), type: "ellipse", x: round(x), y: round(y), width: round(w), height: round(h) };
    }
    case "highlight": {
      const path = options.path && options.path.length ? options.path : dragged ? [from, to] : [[to[0] - CLICK_SIZE, to[1]] as const, [to[0] + CLICK_SIZE, to[1]] as const];
      const [ox, oy] = path[0]!;
      const points = path.map(([px, py]) => [round(px - ox), round(py - oy)] as [number, number]);
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      return {
        ...base(tool, pinned, options.id),
        type: "freedraw",
        x: round(ox),
        y: round(oy),
        width: Math.max(...xs) - Math.min(...xs),
        height: Math.max(...ys) - Math.min(...ys),
        points,
        strokeColor: YELLOW,
        strokeWidth: 6,
        opacity: 45,
        simulatePressure: true,
      };
    }
    case "pointer": {
      const w = 22;
      const h = 22 * aspect;
      return { ...base(tool, pinned, options.id), type: "ellipse", x: round(to[0] - w / 2), y: round(to[1] - h / 2), width: w, height: round(h), strokeColor: "#ffffff", backgroundColor: RED, strokeWidth: 3 };
    }
  }
}

/** The put that deletes a mark (a newer version of it, deleted). */
export function deleted(e: BoardElement): BoardElement {
  return { ...e, isDeleted: true, version: e.version + 1, versionNonce: nonce(), updated: Date.now() };
}

/** Keep a freehand path small: drop points closer than `minGap` units to the last one kept (the last point always stays). */
export function thinPath(points: readonly (readonly [number, number])[], minGap = 2): [number, number][] {
  const out: [number, number][] = [];
  points.forEach((p, i) => {
    const last = out[out.length - 1];
    if (!last || i === points.length - 1 || Math.hypot(p[0] - last[0], p[1] - last[1]) >= minGap) out.push([p[0], p[1]]);
  });
  return out;
}

/**
 * When this page first saw each mark, and so how faded it is now. Marks that were on the board
 * when the page opened it count from then, except those last changed over a minute ago (by
 * their `updated` time), which are over already; pinned marks never fade.
 */
export class MarkFader {
  readonly #seen = new Map<string, number>();
  #opened = false;

  /** Notes the marks of the board as it is now (call on every change). */
  see(elements: ReadonlyMap<string, BoardElement>, now: number, wallNow = Date.now()): void {
    const first = !this.#opened;
    this.#opened = true;
    for (const [id, e] of elements) {
      if (this.#seen.has(id)) continue;
      const updated = typeof e.updated === "number" ? e.updated : undefined;
      this.#seen.set(id, first && updated !== undefined && wallNow - updated > MARK_STALE_MS ? -Infinity : now);
    }
  }

  /** How opaque a mark is now, 0…1 (0: not drawn). Strokes being drawn are fully shown. */
  alpha(e: BoardElement | BoardStrokePreview, now: number): number {
    if (!("isDeleted" in e)) return 1;
    if (e.isDeleted) return 0;
    if (isPinned(e)) return 1;
    const seen = this.#seen.get(e.id) ?? now;
    const age = now - seen;
    if (age < MARK_HOLD_MS) return 1;
    return Math.max(0, 1 - (age - MARK_HOLD_MS) / MARK_FADE_MS);
  }

  /**
   * When the picture next changes by itself: 0 — every frame (a mark fading, a pointer
   * pulsing), a number of ms until the next mark starts to fade, or undefined — not until the
   * board changes.
   */
  nextChange(elements: ReadonlyMap<string, BoardElement>, now: number): number | undefined {
    let next: number | undefined;
    for (const e of elements.values()) {
      if (e.isDeleted) continue;
      const data = markData(e);
      const alpha = this.alpha(e, now);
      if (alpha <= 0) continue;
      if (data?.mark === "pointer" || alpha < 1) return 0;
      if (data?.pinned) continue;
      const fadesIn = (this.#seen.get(e.id) ?? now) + MARK_HOLD_MS - now;
      next = next === undefined ? fadesIn : Math.min(next, fadesIn);
    }
    return next === undefined ? undefined : Math.max(0, next);
  }

  /** Marks of ours to delete from the board: shown and faded out everywhere (a little after they faded here). */
  expired(elements: ReadonlyMap<string, BoardElement>, now: number, mine: ReadonlySet<string>): BoardElement[] {
    return [...elements.values()].filter((e) => mine.has(e.id) && !e.isDeleted && !isPinned(e) && now - (this.#seen.get(e.id) ?? now) > MARK_HOLD_MS + MARK_FADE_MS + 1000);
  }
}

/** What the overlay context needs beyond the board renderer: text widths for name labels. */
export type OverlayContext = BoardContext & Pick<CanvasRenderingContext2D, "measureText">;

export interface OverlayOptions {
  width: number;
  height: number;
  now: number;
  /** A mark this page is drawing right now (drawn over the rest). */
  drawing?: BoardElement;
  /** Show others' pointers over the picture with their names. */
  cursors?: ReadonlyMap<string, BoardCursorState>;
  /** The keyboard's crosshair (picture units), while the view has the focus. */
  crosshair?: readonly [number, number];
  /** Canvas pixels per CSS pixel: marks are never thinner than 2 CSS pixels, even on a small preview. */
  pixelRatio?: number;
}

/**
 * Paints the marks over a view of the shared picture (a transparent canvas on top of the
 * video): the marks with their fading, a pulse around each pointer, the mark being drawn,
 * others' pointers with their names. Returns how many marks are drawn.
 */
export function paintMarks(ctx: OverlayContext, view: Pick<BoardView, "elements" | "strokes">, fader: MarkFader, options: OverlayOptions): number {
  const { width, height, now } = options;
  const v = screenViewport(width, height);
  const minLineWidth = 2 * (options.pixelRatio ?? 1);
  const drawn = drawBoard(ctx, view.elements.values(), view.strokes.values(), { width, height, viewport: v, background: null, alpha: (e) => fader.alpha(e, now), minLineWidth });
  // A pointer pulses: a ring that grows and fades once a second.
  for (const e of view.elements.values()) {
    if (e.isDeleted || markData(e)?.mark !== "pointer") continue;
    const alpha = fader.alpha(e, now);
    if (alpha <= 0) continue;
    const phase = (now % 1000) / 1000;
    const grow = 1 + phase * 2.2;
    const [w, h] = [e.width * grow, e.height * grow];
    const ring = { ...e, x: e.x + (e.width - w) / 2, y: e.y + (e.height - h) / 2, width: w, height: h, backgroundColor: "transparent", strokeColor: e.backgroundColor, strokeWidth: 2.5 };
    drawElement(ctx, ring, v, alpha * (1 - phase) * 0.9, minLineWidth);
  }
  if (options.drawing) drawElement(ctx, options.drawing, v, 1, minLineWidth);
  for (const c of options.cursors?.values() ?? []) {
    if (now - c.at > CURSOR_SHOW_MS) continue;
    drawCursor(ctx, c.x * v.scaleX, c.y * v.scaleY, c.color, c.name);
  }
  if (options.crosshair) drawCrosshair(ctx, options.crosshair[0] * v.scaleX, options.crosshair[1] * v.scaleY);
  return drawn.elements + drawn.strokes;
}

/** An arrow cursor with a name tag, as in shared editors. */
function drawCursor(ctx: OverlayContext, x: number, y: number, color: string, name: string): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x, y + 17);
  ctx.lineTo(x + 4.5, y + 13);
  ctx.lineTo(x + 11.5, y + 13);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.fill();
  ctx.strokeStyle = "#ffffff";
  ctx.lineWidth = 1.5;
  ctx.lineJoin = "round";
  ctx.stroke();
  if (name) {
    ctx.font = "600 12px system-ui, sans-serif";
    const w = ctx.measureText(name).width + 12;
    ctx.fillStyle = color;
    ctx.fillRect(x + 10, y + 17, w, 19);
    ctx.fillStyle = "#ffffff";
    ctx.textAlign = "left";
    ctx.textBaseline = "middle";
    ctx.fillText(name, x + 16, y + 27);
  }
  ctx.restore();
}

function drawCrosshair(ctx: OverlayContext, x: number, y: number): void {
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.lineCap = "round";
  for (const [color, width] of [
    ["rgba(0,0,0,0.55)", 4],
    ["#ffffff", 2],
  ] as const) {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(x - 14, y);
    ctx.lineTo(x - 5, y);
    ctx.moveTo(x + 5, y);
    ctx.lineTo(x + 14, y);
    ctx.moveTo(x, y - 14);
    ctx.lineTo(x, y - 5);
    ctx.moveTo(x, y + 5);
    ctx.lineTo(x, y + 14);
    ctx.stroke();
  }
  ctx.restore();
}
