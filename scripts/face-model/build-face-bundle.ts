/**
 * Installs the face tracker's model and runtime under public/models/face/ (git-ignored), served
 * from the site's own origin so tracking makes no outside request:
 *   face_landmarker.task  — built from @mediapipe/face_mesh's TFLite models (face-bundle.ts), or
 *                           the operator's own Google bundle when one is at ATRIUM_FACE_MODEL
 *                           (default data/models/face_landmarker.task), which adds blendshapes;
 *   bundle.json           — which of the two it is (app/_face/face-messages.ts FaceBundleInfo);
 *   wasm/                 — @mediapipe/tasks-vision's WASM runtime.
 * Run by `npm run setup`, before `next build` (npm's prebuild, scripts/test.sh) and before
 * `npm run dev`. Does nothing when everything is already in place. `--force` rebuilds.
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildFaceMeshBundle, checkOfficialBundle, unpackAssets } from "./face-bundle.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const faceMesh = join(root, "node_modules/@mediapipe/face_mesh");
const tasksVision = join(root, "node_modules/@mediapipe/tasks-vision");
const out = join(root, "public/models/face");
const official = resolve(root, process.env.ATRIUM_FACE_MODEL ?? "data/models/face_landmarker.task");
const force = process.argv.includes("--force");
const say = (line: string) => console.log(`[face-model] ${line}`);

const started = performance.now();
try {
  mkdirSync(join(out, "wasm"), { recursive: true });
  const copied = copyWasm();
  const task = installBundle();
  say(`${task}; WASM runtime ${copied ? `copied (${copied} files)` : "up to date"} (${Math.round(performance.now() - started)} ms)`);
} catch (error) {
  console.error(`[face-model] ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}

function installBundle(): string {
  const useOfficial = existsSync(official);
  const sources = useOfficial ? [official] : [join(faceMesh, "face_mesh_solution_packed_assets.data"), join(faceMesh, "face_mesh_solution_packed_assets_loader.js")];
  // What the bundle is made from, this builder's own code included: when none of it changed, nothing is done.
  const builderFiles = readdirSync(dirname(fileURLToPath(import.meta.url))).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
  const key = hash([...sources, ...builderFiles.map((f) => join(dirname(fileURLToPath(import.meta.url)), f))].map((file) => readFileSync(file)));
  const infoPath = join(out, "bundle.json");
  const taskPath = join(out, "face_landmarker.task");
  const current = existsSync(infoPath) ? (JSON.parse(readFileSync(infoPath, "utf8")) as { key?: string; sha256?: string }) : null;
  if (!force && current?.key === key && existsSync(taskPath) && statSync(taskPath).size > 0) {
    return `${relative(root, taskPath)} up to date`;
  }

  let bundle: Uint8Array;
  let blendshapes = false;
  if (useOfficial) {
    bundle = readFileSync(official);
    try {
      blendshapes = checkOfficialBundle(bundle).blendshapes;
    } catch (error) {
      throw new Error(`${official} is not a usable face_landmarker.task: ${error instanceof Error ? error.message : String(error)}`);
    }
  } else {
    if (!existsSync(sources[0]!)) throw new Error("@mediapipe/face_mesh is not installed: run 'npm install' first");
    bundle = buildFaceMeshBundle(unpackAssets(readFileSync(sources[1]!, "utf8"), readFileSync(sources[0]!)));
  }
  writeAtomically(taskPath, bundle);
  const info = { source: useOfficial ? "official" : "face_mesh", blendshapes, bytes: bundle.length, sha256: hash([bundle]), key };
  writeAtomically(infoPath, new TextEncoder().encode(`${JSON.stringify(info, null, 2)}\n`));
  const from = useOfficial ? relative(root, official) : `@mediapipe/face_mesh ${packageVersion(faceMesh)}`;
  return `${relative(root, taskPath)} from ${from} (${(bundle.length / 1e6).toFixed(1)} MB${blendshapes ? ", with blendshapes" : ""})`;
}

/** Copies tasks-vision's wasm/ files that are missing or differ (by size and time). */
function copyWasm(): number {
  const from = join(tasksVision, "wasm");
  if (!existsSync(from)) throw new Error("@mediapipe/tasks-vision is not installed: run 'npm install' first");
  let count = 0;
  for (const name of readdirSync(from)) {
    const source = statSync(join(from, name));
    const target = join(out, "wasm", name);
    const existing = existsSync(target) ? statSync(target) : null;
    if (!force && existing && existing.size === source.size && Math.abs(existing.mtimeMs - source.mtimeMs) < 1) continue;
    copyFileSync(join(from, name), `${target}.tmp`);
    renameSync(`${target}.tmp`, target);
    utimesSync(target, source.atime, source.mtime);
    count++;
  }
  return count;
}

function writeAtomically(path: string, data: Uint8Array): void {
  writeFileSync(`${path}.tmp`, data);
  renameSync(`${path}.tmp`, path);
}

function hash(parts: Uint8Array[]): string {
  const h = createHash("sha256");
  for (const part of parts) h.update(part);
  return h.digest("hex");
}

function packageVersion(dir: string): string {
  return (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;
}
