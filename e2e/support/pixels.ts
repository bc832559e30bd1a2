import { PNG } from "pngjs";

export interface PixelSummary {
  width: number;
  height: number;
  /** Standard deviation of luminance: near 0 for a blank or single-colour image. */
  spread: number;
}

export function summarize(png: Buffer): PixelSummary {
  const image = PNG.sync.read(png);
  let sum = 0;
  let sumSq = 0;
  const n = image.width * image.height;
  for (let i = 0; i < image.data.length; i += 4) {
    const y = 0.2126 * image.data[i]! + 0.7152 * image.data[i + 1]! + 0.0722 * image.data[i + 2]!;
    sum += y;
    sumSq += y * y;
  }
  const mean = sum / n;
  return { width: image.width, height: image.height, spread: Math.sqrt(Math.max(0, sumSq / n - mean * mean)) };
}

/** Fraction of pixels whose colour differs noticeably between two same-sized screenshots. */
export function changedFraction(a: Buffer, b: Buffer): number {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) return 1;
  let changed = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    const d = Math.abs(pa.data[i]! - pb.data[i]!) + Math.abs(pa.data[i + 1]! - pb.data[i + 1]!) + Math.abs(pa.data[i + 2]! - pb.data[i + 2]!);
    if (d > 24) changed++;
  }
  return changed / (pa.width * pa.height);
}
