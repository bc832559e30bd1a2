"use client";
import { CanvasTexture, RepeatWrapping, SRGBColorSpace } from "three";
import { hashSeed } from "../../../avatars/seed-hash.ts";
import type { SurfaceMaterial } from "../../../scenes/scene-format.ts";
import { seededRandom } from "../../../avatars/seed-hash.ts";

type Rand = () => number;

/**
 * Floor and wall finishes painted in code with the 2D canvas: one seamless tile of the
 * pattern per texture, repeated over the surface. Nothing is downloaded. Deterministic (a
 * seeded random), so every visitor sees the same planks and veins.
 */
export function paintSurface(spec: SurfaceMaterial, maxSize = 1024): CanvasTexture {
  const size = Math.min(maxSize, spec.kind === "carpet" || spec.kind === "plaster" || spec.kind === "concrete" || spec.kind === "tiles" ? 512 : 1024);
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = size;
  const ctx = canvas.getContext("2d")!;
  const rand = seededRandom(hashSeed(JSON.stringify(spec)));
  painters[spec.kind](ctx, size, spec, rand);
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  texture.wrapS = texture.wrapT = RepeatWrapping;
  return texture;
}

/** Light grain multiplied with a part's own colour: tabletops, counters, benches. */
export function paintGrain(size: number): CanvasTexture {
  return paintSurface({ kind: "wood-planks", color: "#e6e6e6", accent: "#b4b4b4", tile: 1, roughness: 0.5 }, size);
}

/** A soft round shadow (black, alpha falling off to the rim) for contact shadows. */
export function paintBlob(): CanvasTexture {
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = 128;
  const ctx = canvas.getContext("2d")!;
  const g = ctx.createRadialGradient(64, 64, 0, 64, 64, 64);
  g.addColorStop(0, "rgba(0,0,0,0.55)");
  g.addColorStop(0.55, "rgba(0,0,0,0.32)");
  g.addColorStop(1, "rgba(0,0,0,0)");
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 128, 128);
  return new CanvasTexture(canvas);
}

type Painter = (ctx: CanvasRenderingContext2D, size: number, spec: SurfaceMaterial, rand: Rand) => void;

const painters: Record<SurfaceMaterial["kind"], Painter> = {
  plaster(ctx, size, spec, rand) {
    ctx.fillStyle = spec.color;
    ctx.fillRect(0, 0, size, size);
    clouds(ctx, size, spec.accent, 40, 0.12, rand);
    speckle(ctx, size, spec.accent, 3000, 0.15, rand);
  },
  concrete(ctx, size, spec, rand) {
    ctx.fillStyle = spec.color;
    ctx.fillRect(0, 0, size, size);
    clouds(ctx, size, shade(spec.accent, -0.15), 60, 0.16, rand);
    clouds(ctx, size, shade(spec.color, 0.12), 40, 0.12, rand);
    speckle(ctx, size, shade(spec.accent, -0.3), 6000, 0.25, rand);
  },
  carpet(ctx, size, spec, rand) {
    ctx.fillStyle = spec.color;
    ctx.fillRect(0, 0, size, size);
    speckle(ctx, size, spec.accent, 40000, 0.5, rand, 2);
    speckle(ctx, size, shade(spec.color, 0.25), 20000, 0.35, rand, 2);
    clouds(ctx, size, spec.accent, 20, 0.1, rand);
  },
  terrazzo(ctx, size, spec, rand) {
    ctx.fillStyle = spec.color;
    ctx.fillRect(0, 0, size, size);
    clouds(ctx, size, shade(spec.color, -0.06), 30, 0.15, rand);
    const tints = [spec.accent, shade(spec.accent, 0.3), shade(spec.accent, 0.55), shade(spec.color, 0.5), shade(spec.color, -0.12)];
    for (let i = 0, chips = Math.round(9000 * (size / 1024) ** 2); i < chips; i++) {
      const r = size * (0.0012 + rand() ** 3 * 0.006);
      const x = rand() * size;
      const y = rand() * size;
      ctx.fillStyle = tints[Math.floor(rand() * tints.length)]!;
      ctx.globalAlpha = 0.35 + rand() * 0.45;
      wrapped(size, x, y, r, (ox, oy) => chip(ctx, x + ox, y + oy, r, rand));
    }
    ctx.globalAlpha = 1;
    // Poured in 2 × 2 slabs per repeat; the joints give the floor its scale.
    ctx.fillStyle = shade(spec.color, -0.22);
    for (const at of [0, size / 2]) {
      ctx.fillRect(at - 1, 0, 2, size);
      ctx.fillRect(0, at - 1, size, 2);
    }
  },
  marble(ctx, size, spec, rand) {
    ctx.fillStyle = spec.color;
    ctx.fillRect(0, 0, size, size);
    clouds(ctx, size, shade(spec.accent, 0.3), 50, 0.1, rand);
    ctx.lineCap = "round";
    for (let v = 0; v < 10; v++) {
      const wide = v < 4;
      ctx.strokeStyle = spec.accent;
      ctx.globalAlpha = wide ? 0.07 : 0.12 + rand() * 0.2;
      ctx.lineWidth = wide ? size * 0.014 : size * (0.0008 + rand() * 0.0016);
      const points = vein(size, rand);
      for (const ox of [-size, 0, size]) for (const oy of [-size, 0, size]) {
        ctx.beginPath();
        points.forEach(([x, y], i) => (i ? ctx.lineTo(x + ox, y + oy) : ctx.moveTo(x + ox, y + oy)));
        ctx.stroke();
      }
    }
    ctx.globalAlpha = 1;
    // Slab joints: one tile of the pattern is one slab.
    ctx.strokeStyle = shade(spec.color, -0.18);
    ctx.lineWidth = 3;
    ctx.strokeRect(0, 0, size, size);
  },
  tiles(ctx, size, spec, rand) {
    const n = 4;
    const cell = size / n;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        ctx.fillStyle = shade(spec.color, (rand() - 0.5) * 0.06);
        ctx.fillRect(i * cell, j * cell, cell, cell);
      }
    speckle(ctx, size, spec.accent, 2000, 0.15, rand);
    ctx.fillStyle = spec.accent;
    for (let i = 0; i < n; i++) {
      ctx.fillRect(i * cell - 1.5, 0, 3, size);
      ctx.fillRect(0, i * cell - 1.5, size, 3);
    }
  },
  "wood-planks"(ctx, size, spec, rand) {
    const rows = 6;
    const h = size / rows;
    for (let r = 0; r < rows; r++) {
      // Staggered butt joints, as planks are laid.
      const offset = rand() * size;
      for (const segment of [0, 1]) {
        const x0 = offset + segment * (size / 2);
        plank(ctx, x0, r * h, size / 2, h, spec, rand, size);
      }
    }
  },
  "wood-panels"(ctx, size, spec, rand) {
    const cols = 3;
    const w = size / cols;
    for (let c = 0; c < cols; c++) {
      ctx.save();
      ctx.translate(c * w + w, 0);
      ctx.rotate(Math.PI / 2);
      plank(ctx, 0, 0, size, w, spec, rand, size);
      ctx.restore();
      // A routed groove and a lit edge give each panel depth.
      ctx.fillStyle = shade(spec.accent, -0.35);
      ctx.fillRect(c * w, 0, 5, size);
      ctx.fillStyle = shade(spec.color, 0.18);
      ctx.fillRect(c * w + 5, 0, 2, size);
    }
  },
};

function plank(ctx: CanvasRenderingContext2D, x0: number, y0: number, length: number, width: number, spec: SurfaceMaterial, rand: Rand, size: number): void {
  const base = shade(spec.color, (rand() - 0.5) * 0.16);
  for (const ox of [0, -size]) {
    ctx.fillStyle = base;
    ctx.fillRect(x0 + ox, y0, length, width);
    ctx.strokeStyle = spec.accent;
    for (let g = 0; g < 14; g++) {
      ctx.globalAlpha = 0.08 + rand() * 0.14;
      ctx.lineWidth = 0.6 + rand() * 1.6;
      const y = y0 + rand() * width;
      const amp = rand() * width * 0.08;
      const freq = (1 + rand() * 3) / length;
      ctx.beginPath();
      for (let s = 0; s <= 24; s++) {
        const x = x0 + ox + (s / 24) * length;
        const yy = y + Math.sin((x - x0) * freq * Math.PI * 2) * amp;
        if (s) ctx.lineTo(x, yy);
        else ctx.moveTo(x, yy);
      }
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.fillStyle = shade(spec.accent, -0.3);
    ctx.fillRect(x0 + ox, y0, length, 2);
    ctx.fillRect(x0 + ox, y0, 2, width);
  }
}

function vein(size: number, rand: Rand): [number, number][] {
  let x = rand() * size;
  let y = rand() * size;
  let angle = rand() * Math.PI * 2;
  const points: [number, number][] = [[x, y]];
  for (let i = 0; i < 40; i++) {
    angle += (rand() - 0.5) * 0.7;
    x += Math.cos(angle) * size * 0.025;
    y += Math.sin(angle) * size * 0.025;
    points.push([x, y]);
  }
  return points;
}

function chip(ctx: CanvasRenderingContext2D, x: number, y: number, r: number, rand: Rand): void {
  const sides = 5 + Math.floor(rand() * 3);
  ctx.beginPath();
  for (let i = 0; i < sides; i++) {
    const a = (i / sides) * Math.PI * 2;
    const rr = r * (0.6 + rand() * 0.5);
    if (i) ctx.lineTo(x + Math.cos(a) * rr, y + Math.sin(a) * rr);
    else ctx.moveTo(x + Math.cos(a) * rr, y + Math.sin(a) * rr);
  }
  ctx.fill();
}

/** Soft blotches, wrapped at the edges so the tile repeats without a seam. */
function clouds(ctx: CanvasRenderingContext2D, size: number, color: string, count: number, alpha: number, rand: Rand): void {
  for (let i = 0; i < count; i++) {
    const x = rand() * size;
    const y = rand() * size;
    const r = size * (0.05 + rand() * 0.2);
    wrapped(size, x, y, r, (ox, oy) => {
      const g = ctx.createRadialGradient(x + ox, y + oy, 0, x + ox, y + oy, r);
      g.addColorStop(0, withAlpha(color, alpha * rand()));
      g.addColorStop(1, withAlpha(color, 0));
      ctx.fillStyle = g;
      ctx.fillRect(x + ox - r, y + oy - r, 2 * r, 2 * r);
    });
  }
}

/**
 * Scattered dots of `color`, `count` of `dot` px per 512² (scaled to the tile's size). Blended straight
 * into the pixels: tens of thousands of canvas calls would take the page a second.
 */
function speckle(ctx: CanvasRenderingContext2D, size: number, color: string, count: number, alpha: number, rand: Rand, dot = 1.5): void {
  const image = ctx.getImageData(0, 0, size, size);
  const px = image.data;
  const n = parseInt(color.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  const side = Math.max(1, Math.round(dot * (size / 512)));
  const dots = Math.round(count * (size / 512) ** 2);
  for (let i = 0; i < dots; i++) {
    const a = alpha * rand();
    const x0 = Math.floor(rand() * size);
    const y0 = Math.floor(rand() * size);
    for (let dy = 0; dy < side; dy++)
      for (let dx = 0; dx < side; dx++) {
        const o = (((y0 + dy) % size) * size + ((x0 + dx) % size)) * 4;
        px[o] = px[o]! + (r - px[o]!) * a;
        px[o + 1] = px[o + 1]! + (g - px[o + 1]!) * a;
        px[o + 2] = px[o + 2]! + (b - px[o + 2]!) * a;
      }
  }
  ctx.putImageData(image, 0, 0);
}

/** Draws at the wrapped copies too when a shape crosses an edge of the tile. */
function wrapped(size: number, x: number, y: number, r: number, draw: (ox: number, oy: number) => void): void {
  const xs = [0, ...(x - r < 0 ? [size] : []), ...(x + r > size ? [-size] : [])];
  const ys = [0, ...(y - r < 0 ? [size] : []), ...(y + r > size ? [-size] : [])];
  for (const ox of xs) for (const oy of ys) draw(ox, oy);
}

/** Lighter (amount > 0) or darker (< 0) version of a #rrggbb colour. */
export function shade(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const f = (c: number) => Math.round(Math.min(255, Math.max(0, amount >= 0 ? c + (255 - c) * amount : c * (1 + amount))));
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(f);
  return `#${((r! << 16) | (g! << 8) | b!).toString(16).padStart(6, "0")}`;
}

function withAlpha(hex: string, alpha: number): string {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha.toFixed(3)})`;
}

/**
 * A matcap: how a sphere of the finish looks under the hall's lights, looked up by normal.
 * On the low preset metal and gloss are drawn with it instead of a PBR material with an
 * environment map: one texture read per pixel instead of dozens, and still shiny.
 */
export function paintMatcap(kind: "metal" | "gloss"): CanvasTexture {
  const s = 256;
  const canvas = document.createElement("canvas");
  canvas.width = canvas.height = s;
  const ctx = canvas.getContext("2d")!;
  ctx.fillStyle = kind === "metal" ? "#6b6f75" : "#b9bbbe";
  ctx.fillRect(0, 0, s, s);
  if (kind === "metal") {
    // A chrome sphere: bright sky above, a dark horizon band, a paler floor below.
    const sky = ctx.createLinearGradient(0, 0, 0, s);
    sky.addColorStop(0, "#f4f6f8");
    sky.addColorStop(0.42, "#b7bcc3");
    sky.addColorStop(0.5, "#4a4e55");
    sky.addColorStop(0.62, "#8d9198");
    sky.addColorStop(1, "#c9ccd0");
    ctx.fillStyle = sky;
    ctx.fillRect(0, 0, s, s);
  } else {
    const body = ctx.createRadialGradient(s * 0.42, s * 0.38, s * 0.05, s * 0.5, s * 0.5, s * 0.56);
    body.addColorStop(0, "#f2f2f2");
    body.addColorStop(0.7, "#c9cacc");
    body.addColorStop(1, "#8e9094");
    ctx.fillStyle = body;
    ctx.fillRect(0, 0, s, s);
  }
  const highlight = ctx.createRadialGradient(s * 0.35, s * 0.3, 0, s * 0.35, s * 0.3, s * (kind === "metal" ? 0.22 : 0.14));
  highlight.addColorStop(0, "rgba(255,255,255,1)");
  highlight.addColorStop(1, "rgba(255,255,255,0)");
  ctx.fillStyle = highlight;
  ctx.fillRect(0, 0, s, s);
  // Rim light from behind, as from the ceiling panels.
  const rim = ctx.createRadialGradient(s / 2, s / 2, s * 0.42, s / 2, s / 2, s * 0.5);
  rim.addColorStop(0, "rgba(255,255,255,0)");
  rim.addColorStop(1, "rgba(255,255,255,0.35)");
  ctx.fillStyle = rim;
  ctx.fillRect(0, 0, s, s);
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  return texture;
}
