import type { BoardElement } from "../protocol/board.ts";

/**
 * A board as an SVG document: what goes onto a session's ticket when it ends (and, rasterised,
 * as its PNG). Draws the element kinds a board takes — rectangles, ellipses, diamonds, lines,
 * arrows, freehand strokes and text — in plain SVG without Excalidraw's hand-drawn roughness,
 * fitted to the drawing with a margin. Every value that reaches the document is a number or an
 * escaped string: an element's text cannot inject markup.
 */
const MARGIN = 24;
const MAX_SIDE = 4096;

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
const num = (n: number) => (Number.isFinite(n) ? Math.round(n * 100) / 100 : 0);
/** Colours come validated (`#hex` or `transparent`); anything else is drawn black. */
const colour = (c: unknown) => (typeof c === "string" && /^(#[0-9a-fA-F]{3,8}|transparent)$/.test(c) ? c : "#000000");

function bounds(elements: readonly BoardElement[]): { minX: number; minY: number; maxX: number; maxY: number } {
  let minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
  for (const e of elements) {
    const xs = e.points?.length ? e.points.map((p) => e.x + p[0]) : [e.x, e.x + e.width];
    const ys = e.points?.length ? e.points.map((p) => e.y + p[1]) : [e.y, e.y + e.height];
    minX = Math.min(minX, ...xs);
    maxX = Math.max(maxX, ...xs);
    minY = Math.min(minY, ...ys);
    maxY = Math.max(maxY, ...ys);
  }
  if (!Number.isFinite(minX)) return { minX: 0, minY: 0, maxX: 400, maxY: 300 };
  return { minX, minY, maxX, maxY };
}

function shape(e: BoardElement): string {
  const stroke = `stroke="${colour(e.strokeColor)}" stroke-width="${num(e.strokeWidth)}" stroke-linecap="round" stroke-linejoin="round"`;
  const fill = `fill="${e.backgroundColor === "transparent" ? "none" : colour(e.backgroundColor)}"`;
  const opacity = e.opacity < 100 ? ` opacity="${num(e.opacity / 100)}"` : "";
  const cx = e.x + e.width / 2;
  const cy = e.y + e.height / 2;
  const rotate = e.angle ? ` transform="rotate(${num((e.angle * 180) / Math.PI)} ${num(cx)} ${num(cy)})"` : "";
  const attrs = `${opacity}${rotate}`;
  switch (e.type) {
    case "rectangle":
      return `<rect x="${num(e.x)}" y="${num(e.y)}" width="${num(e.width)}" height="${num(e.height)}" rx="${num(Math.min(e.width, e.height) * 0.08)}" ${fill} ${stroke}${attrs}/>`;
    case "ellipse":
      return `<ellipse cx="${num(cx)}" cy="${num(cy)}" rx="${num(e.width / 2)}" ry="${num(e.height / 2)}" ${fill} ${stroke}${attrs}/>`;
    case "diamond": {
      const pts = [[cx, e.y], [e.x + e.width, cy], [cx, e.y + e.height], [e.x, cy]].map(([x, y]) => `${num(x!)},${num(y!)}`).join(" ");
      return `<polygon points="${pts}" ${fill} ${stroke}${attrs}/>`;
    }
    case "line":
    case "arrow":
    case "freedraw": {
      const points = (e.points ?? []).map(([x, y]) => [e.x + x, e.y + y] as const);
      if (points.length === 0) return "";
      const d = points.map(([x, y], i) => `${i ? "L" : "M"}${num(x)} ${num(y)}`).join(" ");
      let out = `<path d="${d}" fill="none" ${stroke}${attrs}/>`;
      if (e.type === "arrow" && points.length >= 2) out += arrowHead(points[points.length - 2]!, points[points.length - 1]!, e, stroke, attrs);
      return out;
    }
    case "text": {
      const size = e.fontSize ?? 20;
      const lines = (e.text ?? "").split("\n");
      const align = (e as { textAlign?: unknown }).textAlign;
      const anchor = align === "center" ? "middle" : align === "right" ? "end" : "start";
      const x = anchor === "middle" ? cx : anchor === "end" ? e.x + e.width : e.x;
      const tspans = lines.map((line, i) => `<tspan x="${num(x)}" y="${num(e.y + size * (1 + i * 1.25))}">${esc(line)}</tspan>`).join("");
      return `<text font-family="'Noto Sans CJK SC', 'Noto Sans', sans-serif" font-size="${num(size)}" text-anchor="${anchor}" fill="${colour(e.strokeColor)}"${attrs}>${tspans}</text>`;
    }
    default:
      return "";
  }
}

function arrowHead(from: readonly [number, number], to: readonly [number, number], e: BoardElement, stroke: string, attrs: string): string {
  const angle = Math.atan2(to[1] - from[1], to[0] - from[0]);
  const size = Math.max(10, e.strokeWidth * 5);
  const wing = (side: number) => [to[0] - size * Math.cos(angle + side * 0.45), to[1] - size * Math.sin(angle + side * 0.45)];
  const [l, r] = [wing(1), wing(-1)];
  return `<path d="M${num(l[0]!)} ${num(l[1]!)} L${num(to[0])} ${num(to[1])} L${num(r[0]!)} ${num(r[1]!)}" fill="none" ${stroke}${attrs}/>`;
}

/** The board's visible elements as a standalone SVG document (white background), at most 4096 px a side. */
export function boardSvg(elements: readonly BoardElement[], title = "Whiteboard"): { svg: string; width: number; height: number } {
  const visible = elements.filter((e) => !e.isDeleted);
  const b = bounds(visible);
  const w = b.maxX - b.minX + 2 * MARGIN;
  const h = b.maxY - b.minY + 2 * MARGIN;
  const scale = Math.min(1, MAX_SIDE / Math.max(w, h));
  const width = Math.max(1, Math.round(w * scale));
  const height = Math.max(1, Math.round(h * scale));
  const body = visible.map(shape).filter(Boolean).join("\n  ");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="${num(b.minX - MARGIN)} ${num(b.minY - MARGIN)} ${num(w)} ${num(h)}">
  <title>${esc(title)}</title>
  <rect x="${num(b.minX - MARGIN)}" y="${num(b.minY - MARGIN)}" width="${num(w)}" height="${num(h)}" fill="#ffffff"/>
  ${body}
</svg>
`;
  return { svg, width, height };
}
