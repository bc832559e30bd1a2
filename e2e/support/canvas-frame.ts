import { writeFileSync } from "node:fs";
import { PNG } from "pngjs";
import type { Page } from "playwright-core";

/** One frame of the hall's WebGL canvas. */
export interface Frame {
  png: PNG;
  /** Canvas pixels per CSS pixel. */
  scale: number;
}

/** A screen rectangle in CSS pixels from the canvas' top-left. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The canvas' own pixels (no HTML overlays), read back through preserveDrawingBuffer; also saved to `path`. */
export async function grabCanvas(page: Page, path: string): Promise<Frame> {
  const { url, scale } = await page.evaluate(() => {
    const canvas = document.querySelector("canvas")!;
    return { url: canvas.toDataURL("image/png"), scale: canvas.width / canvas.clientWidth };
  });
  const buffer = Buffer.from(url.split(",")[1]!, "base64");
  writeFileSync(path, buffer);
  return { png: PNG.sync.read(buffer), scale };
}

function differs(a: Frame, b: Frame, i: number): boolean {
  const p = a.png.data;
  const q = b.png.data;
  return Math.abs(p[i]! - q[i]!) + Math.abs(p[i + 1]! - q[i + 1]!) + Math.abs(p[i + 2]! - q[i + 2]!) > 30;
}

/** Fraction of pixels inside the box whose colour changed noticeably between two frames. */
export function changedIn(a: Frame, b: Frame, box: Box): number {
  let count = 0;
  let total = 0;
  const { width, height } = a.png;
  for (let y = Math.max(0, Math.floor(box.y0 * a.scale)); y < Math.min(height, box.y1 * a.scale); y++) {
    for (let x = Math.max(0, Math.floor(box.x0 * a.scale)); x < Math.min(width, box.x1 * a.scale); x++) {
      total++;
      if (differs(a, b, (y * width + x) * 4)) count++;
    }
  }
  return count / Math.max(1, total);
}

/** The same, for every pixel outside the box. */
export function changedOutside(a: Frame, b: Frame, box: Box): number {
  let count = 0;
  let total = 0;
  const { width, height } = a.png;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x >= box.x0 * a.scale && x < box.x1 * a.scale && y >= box.y0 * a.scale && y < box.y1 * a.scale) continue;
      total++;
      if (differs(a, b, (y * width + x) * 4)) count++;
    }
  }
  return count / Math.max(1, total);
}
