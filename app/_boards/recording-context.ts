import type { BoardContext } from "./board-canvas.ts";

/** One paint operation as the fake saw it: the path's points (canvas pixels) and the state it was painted with. */
export interface Painted {
  op: "stroke" | "fill" | "text" | "rect" | "clear" | "image";
  points: [number, number][];
  closed: boolean;
  curves: number;
  text?: string;
  maxWidth?: number;
  style: { globalAlpha: number; strokeStyle: string; fillStyle: string; lineWidth: number; lineCap: string; font: string; textAlign: string; dash: number[]; transform: number[] };
}

/**
 * A 2D context that paints nothing and records what would have been painted (tests of the
 * board renderer, without a browser). save/restore keep the state as a real context does.
 */
export class RecordingContext implements BoardContext {
  globalAlpha = 1;
  strokeStyle: string | CanvasGradient | CanvasPattern = "#000000";
  fillStyle: string | CanvasGradient | CanvasPattern = "#000000";
  lineWidth = 1;
  lineCap: CanvasLineCap = "butt";
  lineJoin: CanvasLineJoin = "miter";
  font = "10px sans-serif";
  textAlign: CanvasTextAlign = "start";
  textBaseline: CanvasTextBaseline = "alphabetic";
  readonly painted: Painted[] = [];
  clips = 0;
  #dash: number[] = [];
  #transform = [1, 0, 0, 1, 0, 0];
  #path: [number, number][] = [];
  #closed = false;
  #curves = 0;
  readonly #stack: object[] = [];

  save(): void {
    this.#stack.push({ globalAlpha: this.globalAlpha, strokeStyle: this.strokeStyle, fillStyle: this.fillStyle, lineWidth: this.lineWidth, lineCap: this.lineCap, lineJoin: this.lineJoin, font: this.font, textAlign: this.textAlign, textBaseline: this.textBaseline, dash: this.#dash, transform: this.#transform });
  }
  restore(): void {
    const s = this.#stack.pop() as (Record<string, unknown> & { dash: number[]; transform: number[] }) | undefined;
    if (!s) return;
    const { dash, transform, ...rest } = s;
    Object.assign(this, rest);
    this.#dash = dash;
    this.#transform = transform;
  }
  setTransform(...args: unknown[]): void {
    this.#transform = (args as number[]).slice(0, 6);
  }
  beginPath(): void {
    this.#path = [];
    this.#closed = false;
    this.#curves = 0;
  }
  closePath(): void {
    this.#closed = true;
  }
  moveTo(x: number, y: number): void {
    this.#path.push([x, y]);
  }
  lineTo(x: number, y: number): void {
    this.#path.push([x, y]);
  }
  quadraticCurveTo(_cx: number, _cy: number, x: number, y: number): void {
    this.#curves++;
    this.#path.push([x, y]);
  }
  bezierCurveTo(_ax: number, _ay: number, _bx: number, _by: number, x: number, y: number): void {
    this.#curves++;
    this.#path.push([x, y]);
  }
  fill(): void {
    this.#record("fill");
  }
  stroke(): void {
    this.#record("stroke");
  }
  clip(): void {
    this.clips++;
  }
  fillRect(x: number, y: number, w: number, h: number): void {
    this.painted.push({ ...this.#base("rect"), points: [[x, y], [x + w, y + h]] });
  }
  clearRect(x: number, y: number, w: number, h: number): void {
    this.painted.push({ ...this.#base("clear"), points: [[x, y], [x + w, y + h]] });
  }
  drawImage(...args: unknown[]): void {
    this.painted.push({ ...this.#base("image"), points: [[Number(args[1]), Number(args[2])]], text: String((args[0] as { label?: string }).label ?? "") });
  }
  fillText(text: string, x: number, y: number, maxWidth?: number): void {
    this.painted.push({ ...this.#base("text"), points: [[x, y]], text, maxWidth });
  }
  /** Text is 0.6 of the font's size per character here (no fonts without a browser). */
  measureText(text: string): TextMetrics {
    const size = Number(/(\d+(?:\.\d+)?)px/.exec(this.font)?.[1] ?? 10);
    return { width: text.length * size * 0.6 } as TextMetrics;
  }
  setLineDash(segments: number[]): void {
    this.#dash = [...segments];
  }

  #record(op: "stroke" | "fill"): void {
    this.painted.push({ ...this.#base(op), points: [...this.#path], closed: this.#closed, curves: this.#curves });
  }
  #base(op: Painted["op"]): Painted {
    return {
      op,
      points: [],
      closed: false,
      curves: 0,
      style: {
        globalAlpha: this.globalAlpha,
        strokeStyle: String(this.strokeStyle),
        fillStyle: String(this.fillStyle),
        lineWidth: this.lineWidth,
        lineCap: this.lineCap,
        font: this.font,
        textAlign: this.textAlign,
        dash: [...this.#dash],
        transform: [...this.#transform],
      },
    };
  }
}

/** The box a painted path spans. */
export function extent(p: Painted): { minX: number; minY: number; maxX: number; maxY: number } {
  return {
    minX: Math.min(...p.points.map((q) => q[0])),
    minY: Math.min(...p.points.map((q) => q[1])),
    maxX: Math.max(...p.points.map((q) => q[0])),
    maxY: Math.max(...p.points.map((q) => q[1])),
  };
}
