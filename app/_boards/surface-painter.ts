import type { BoardView } from "../_hall-client/board-client.ts";
import { boardBounds, drawBoard, fitViewport, type BoardContext, type Viewport } from "./board-canvas.ts";

/** A whiteboard in the hall is this many pixels across: its text readable from a few metres. */
export const SURFACE_TEXTURE_WIDTH = 1024;

/** The canvas size for a whiteboard of this aspect (width / height), `long` pixels along its longer side. */
export function surfaceCanvasSize(aspect: number, long = SURFACE_TEXTURE_WIDTH): { width: number; height: number } {
  if (aspect >= 1) return { width: long, height: Math.max(1, Math.round(long / aspect)) };
  return { width: Math.max(1, Math.round(long * aspect)), height: long };
}

/** A second canvas the finished elements are kept on, so a stroke growing over a big board costs one copy, not a repaint of the board. */
export interface SurfaceLayer {
  ctx: BoardContext;
  image: CanvasImageSource;
}

type SurfaceContext = BoardContext & Pick<CanvasRenderingContext2D, "drawImage">;

/**
 * Paints a board onto a whiteboard's canvas when what it shows changed — its elements or the
 * strokes being drawn, not the cursors moving over it — and at most once per `minIntervalMs`
 * (a stroke growing at 30 messages a second is redrawn 10 times a second in the hall), less
 * often when a paint takes long (a big board on a slow page: at most a fifth of the time goes
 * to painting). The content is fitted into the canvas with a margin. With a `layer`, the
 * finished elements are painted there only when they (or the fit) change, and a stroke in
 * progress is drawn over a copy of it.
 */
export class SurfacePainter {
  readonly #ctx: SurfaceContext;
  readonly #width: number;
  readonly #height: number;
  readonly #minIntervalMs: number;
  readonly #layer?: SurfaceLayer;
  #elements?: BoardView["elements"];
  #strokes?: BoardView["strokes"];
  /** What the layer holds: these elements at this fit. */
  #layered?: { elements: BoardView["elements"]; viewport: Viewport };
  #drawnAt = -Infinity;
  #intervalMs: number;
  /** Elements and strokes on the last picture painted; -1 before the first. */
  shown = -1;
  /** How long the last paint took (ms). */
  paintMs = 0;

  /** Times a paint (ms); a test gives its own. */
  readonly #clock: () => number;

  constructor(ctx: SurfaceContext, width: number, height: number, minIntervalMs = 100, layer?: SurfaceLayer, clock: () => number = () => performance.now()) {
    this.#clock = clock;
    this.#ctx = ctx;
    this.#width = width;
    this.#height = height;
    this.#minIntervalMs = minIntervalMs;
    this.#intervalMs = minIntervalMs;
    this.#layer = layer;
  }

  /** Whether `view` differs from what is painted (elements or strokes), whatever the time. */
  stale(view: Pick<BoardView, "elements" | "strokes">): boolean {
    return view.elements !== this.#elements || view.strokes !== this.#strokes;
  }

  /** Forget what was painted: the next update paints whatever the view is. */
  invalidate(): void {
    this.#elements = undefined;
    this.#strokes = undefined;
    this.#layered = undefined;
    this.#drawnAt = -Infinity;
  }

  /** Paints `view` if it changed and the last paint is old enough; true when it painted. */
  update(view: Pick<BoardView, "elements" | "strokes">, now: number): boolean {
    if (!this.stale(view) || now - this.#drawnAt < this.#intervalMs) return false;
    const started = this.#clock();
    this.#elements = view.elements;
    this.#strokes = view.strokes;
    this.#drawnAt = now;
    const elements = [...view.elements.values()];
    const strokes = [...view.strokes.values()];
    const viewport = fitViewport(boardBounds([...elements, ...strokes]), this.#width, this.#height);
    const size = { width: this.#width, height: this.#height, viewport };
    const layer = this.#layer;
    if (!layer) {
      const drawn = drawBoard(this.#ctx, elements, strokes, { ...size, background: "#ffffff" });
      this.shown = drawn.elements + drawn.strokes;
    } else {
      const held = this.#layered;
      if (!held || held.elements !== view.elements || !sameViewport(held.viewport, viewport)) {
        this.#layered = { elements: view.elements, viewport };
        this.#layerShown = drawBoard(layer.ctx, elements, [], { ...size, background: "#ffffff" }).elements;
      }
      this.#ctx.setTransform(1, 0, 0, 1, 0, 0);
      this.#ctx.globalAlpha = 1;
      this.#ctx.drawImage(layer.image, 0, 0);
      // The strokes whose finished element has not arrived, over the copy.
      const drawn = drawBoard(this.#ctx, [], strokes.filter((st) => !view.elements.has(st.id)), { ...size, background: false });
      this.shown = this.#layerShown + drawn.strokes;
    }
    this.paintMs = this.#clock() - started;
    this.#intervalMs = Math.max(this.#minIntervalMs, this.paintMs * 5);
    return true;
  }

  #layerShown = 0;
}

function sameViewport(a: Viewport, b: Viewport): boolean {
  return a.x === b.x && a.y === b.y && a.scaleX === b.scaleX && a.scaleY === b.scaleY;
}
