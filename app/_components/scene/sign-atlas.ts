"use client";
import { CanvasTexture, SRGBColorSpace } from "three";
import type { Scene } from "../../../scenes/scene-format.ts";
import { shade } from "./surface-textures.ts";

/** Where one text panel lies in the atlas, in texture coordinates (v up, as three expects). */
export interface AtlasRect {
  u0: number;
  v0: number;
  u1: number;
  v1: number;
}

export interface SignAtlas {
  texture: CanvasTexture;
  rect(key: string): AtlasRect;
}

interface Panel {
  key: string;
  width: number;
  height: number;
  draw(ctx: CanvasRenderingContext2D, w: number, h: number): void;
}

const WIDTH = 2048;
const FONT = "system-ui, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

/** Keys of the panels the furniture asks for. */
export const atlasKey = {
  sign: (index: number) => `sign:${index}`,
  boothHeader: (id: string) => `booth-header:${id}`,
  boothCard: (id: string) => `booth-card:${id}`,
  desk: (id: string) => `desk:${id}`,
  reception: "reception",
};

/**
 * Every piece of text in a scene — signs, booth headers, product cards, desk plates — drawn
 * once into one texture, so all the scene's lettering is a single draw call. Panels are
 * drawn at a density that keeps them legible from where people stand and packed in rows.
 */
export function buildSignAtlas(scene: Scene): SignAtlas {
  const accent = scene.palette.accent;
  const panels: Panel[] = [
    ...scene.signage.map((sign, i) => ({
      key: atlasKey.sign(i),
      ...pixels(sign.width, sign.height, sign.style === "wall" && sign.width > 5 ? 150 : 260),
      draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => {
        ctx.fillStyle = sign.color;
        ctx.fillRect(0, 0, w, h);
        titled(ctx, w, h, sign.text, sign.subtitle, sign.textColor, sign.style === "totem");
      },
    })),
    ...scene.booths.flatMap((booth) => [
      {
        key: atlasKey.boothHeader(booth.id),
        ...pixels(1.8, 0.42, 280),
        draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => {
          ctx.fillStyle = accent;
          ctx.fillRect(0, 0, w, h);
          titled(ctx, w, h, booth.label, undefined, "#ffffff", false);
        },
      },
      {
        key: atlasKey.boothCard(booth.id),
        ...pixels(0.9, 0.45, 560),
        draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => productCard(ctx, w, h, booth.label, booth.description, accent),
      },
    ]),
    ...scene.agentDesks.map((desk) => ({
      key: atlasKey.desk(desk.id),
      ...pixels(1.2, 0.2, 400),
      draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => {
        ctx.fillStyle = shade(accent, -0.25);
        ctx.fillRect(0, 0, w, h);
        titled(ctx, w, h, desk.label ?? desk.id, undefined, "#ffffff", false);
      },
    })),
    {
      key: atlasKey.reception,
      ...pixels(2.4, 0.3, 360),
      draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => {
        ctx.fillStyle = shade(accent, -0.25);
        ctx.fillRect(0, 0, w, h);
        titled(ctx, w, h, scene.reception?.label ?? "Reception", undefined, "#ffffff", false);
      },
    },
  ];

  // Shelf packing, tallest first.
  const placed = new Map<string, { x: number; y: number; w: number; h: number }>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  for (const p of [...panels].sort((a, b) => b.height - a.height)) {
    if (x + p.width > WIDTH) {
      x = 0;
      y += rowHeight + 2;
      rowHeight = 0;
    }
    placed.set(p.key, { x, y, w: p.width, h: p.height });
    x += p.width + 2;
    rowHeight = Math.max(rowHeight, p.height);
  }
  const height = 2 ** Math.ceil(Math.log2(Math.max(64, y + rowHeight)));
  const canvas = document.createElement("canvas");
  canvas.width = WIDTH;
  canvas.height = height;
  const ctx = canvas.getContext("2d")!;
  for (const p of panels) {
    const at = placed.get(p.key)!;
    ctx.save();
    ctx.translate(at.x, at.y);
    ctx.beginPath();
    ctx.rect(0, 0, at.w, at.h);
    ctx.clip();
    p.draw(ctx, at.w, at.h);
    ctx.restore();
  }
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.anisotropy = 4;
  return {
    texture,
    rect(key) {
      const at = placed.get(key);
      if (!at) throw new Error(`no sign panel "${key}"`);
      // Half a texel in, so neighbours never bleed into a panel's edge.
      return { u0: (at.x + 0.5) / WIDTH, u1: (at.x + at.w - 0.5) / WIDTH, v0: 1 - (at.y + at.h - 0.5) / height, v1: 1 - (at.y + 0.5) / height };
    },
  };
}

/** Pixel size of a panel `width` × `height` metres at `density` px/m, capped to the atlas width. */
function pixels(width: number, height: number, density: number): { width: number; height: number } {
  const scale = Math.min(density, (WIDTH - 4) / width);
  return { width: Math.round(width * scale), height: Math.max(8, Math.round(height * scale)) };
}

/** A title, and an optional smaller line under it, centred and shrunk to fit. */
function titled(ctx: CanvasRenderingContext2D, w: number, h: number, title: string, subtitle: string | undefined, color: string, vertical: boolean): void {
  ctx.fillStyle = color;
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  const pad = Math.min(w, h) * 0.12;
  if (vertical) {
    // A tall totem: the title near the top, the subtitle under it, wrapped.
    const size = fit(ctx, title, 700, w * 0.3, w - 2 * pad);
    ctx.fillText(title, w / 2, h * 0.2);
    if (subtitle) {
      ctx.globalAlpha = 0.85;
      wrap(ctx, subtitle, w / 2, h * 0.2 + size * 1.2, w - 2 * pad, Math.round(size * 0.42), 400, "center");
      ctx.globalAlpha = 1;
    }
    ctx.fillRect(w * 0.3, h * 0.2 + size * 0.75, w * 0.4, Math.max(2, size * 0.05));
    return;
  }
  if (!subtitle) {
    fit(ctx, title, 650, h * 0.56, w - 2 * pad);
    ctx.fillText(title, w / 2, h * 0.53);
    return;
  }
  fit(ctx, title, 650, h * 0.44, w - 2 * pad);
  ctx.fillText(title, w / 2, h * 0.38);
  ctx.globalAlpha = 0.85;
  fit(ctx, subtitle, 400, h * 0.2, w - 2 * pad);
  ctx.fillText(subtitle, w / 2, h * 0.74);
  ctx.globalAlpha = 1;
}

/** The card on a product's stand: its name, what it is, and where to ask. */
function productCard(ctx: CanvasRenderingContext2D, w: number, h: number, label: string, description: string, accent: string): void {
  ctx.fillStyle = "#fbfbfa";
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = accent;
  ctx.fillRect(0, 0, w * 0.025, h);
  const pad = w * 0.07;
  ctx.textAlign = "left";
  ctx.textBaseline = "alphabetic";
  ctx.fillStyle = "#16191d";
  const titleSize = fit(ctx, label, 700, h * 0.16, w - 2 * pad);
  ctx.fillText(label, pad, pad + titleSize * 0.8);
  ctx.fillStyle = "#454b52";
  const end = wrap(ctx, description, pad, pad + titleSize * 1.9, w - 2 * pad, Math.round(h * 0.085), 400, "left", 4);
  ctx.fillStyle = accent;
  ctx.font = `600 ${Math.round(h * 0.075)}px ${FONT}`;
  ctx.fillText("Ask the concierge for details  →", pad, Math.max(end + h * 0.06, h - pad * 0.9));
}

/** Sets the largest font up to `max` px at which `text` fits `width`; returns the size. */
function fit(ctx: CanvasRenderingContext2D, text: string, weight: number, max: number, width: number): number {
  let size = Math.round(max);
  for (;;) {
    ctx.font = `${weight} ${size}px ${FONT}`;
    if (ctx.measureText(text).width <= width || size <= 8) return size;
    size = Math.floor(size * 0.92);
  }
}

/** Wraps text into lines of at most `width`; returns the baseline y after the last line. */
function wrap(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, width: number, size: number, weight: number, align: CanvasTextAlign, maxLines = 6): number {
  ctx.font = `${weight} ${size}px ${FONT}`;
  ctx.textAlign = align;
  const words = text.split(/\s+/);
  const lines: string[] = [];
  let line = "";
  for (const word of words) {
    const next = line ? `${line} ${word}` : word;
    if (ctx.measureText(next).width > width && line) {
      lines.push(line);
      line = word;
    } else line = next;
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    lines.length = maxLines;
    lines[maxLines - 1] = `${lines[maxLines - 1]!.replace(/\W*\S*$/, "")}…`;
  }
  lines.forEach((l, i) => ctx.fillText(l, x, y + i * size * 1.3));
  return y + (lines.length - 1) * size * 1.3;
}
