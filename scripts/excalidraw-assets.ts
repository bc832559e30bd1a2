/**
 * Copies the whiteboard editor's fonts (`@excalidraw/excalidraw/dist/prod/fonts`: Excalifont,
 * Virgil, Nunito, Xiaolai for Chinese…) to public/excalidraw/fonts (git-ignored), served from the
 * site's own origin: the editor sets `window.EXCALIDRAW_ASSET_PATH = "/excalidraw/"` and so
 * never asks its CDN (app/_boards/excalidraw-canvas.tsx).
 *
 * Run by npm's `prebuild` and `predev` (next to the face bundle): Next serves only the public/
 * files that were there at build time. Copies only files that are missing or differ (size and
 * time), removes files the package no longer has. `--force` copies everything again.
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const from = join(root, "node_modules/@excalidraw/excalidraw/dist/prod/fonts");
const to = join(root, "public/excalidraw/fonts");
const force = process.argv.includes("--force");

const started = performance.now();
if (!existsSync(from)) {
  console.error("[excalidraw] @excalidraw/excalidraw is not installed: run 'npm install' first");
  process.exit(1);
}
let copied = 0;
let removed = 0;
let files = 0;

function sync(source: string, target: string): void {
  mkdirSync(target, { recursive: true });
  const names = new Set(readdirSync(source));
  for (const name of names) {
    const s = join(source, name);
    const t = join(target, name);
    const stat = statSync(s);
    if (stat.isDirectory()) {
      sync(s, t);
      continue;
    }
    files++;
    const existing = existsSync(t) ? statSync(t) : null;
    if (!force && existing && existing.size === stat.size && Math.abs(existing.mtimeMs - stat.mtimeMs) < 1) continue;
    copyFileSync(s, `${t}.tmp`);
    renameSync(`${t}.tmp`, t);
    utimesSync(t, stat.atime, stat.mtime);
    copied++;
  }
  for (const name of readdirSync(target)) {
    if (names.has(name)) continue;
    rmSync(join(target, name), { recursive: true, force: true });
    removed++;
  }
}

sync(from, to);
console.log(
  `[excalidraw] ${relative(root, to)}: ${files} font files, ${copied ? `${copied} copied` : "up to date"}${removed ? `, ${removed} removed` : ""} (${Math.round(performance.now() - started)} ms)`,
);
