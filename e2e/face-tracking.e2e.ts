import { mkdirSync, readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaceBundleInfo } from "../app/_face/face-messages.ts";
import { launchChromium } from "./support/browser.ts";
import { startFacePageServer, type FacePageServer } from "./support/face-page-server.ts";

/**
 * Face tracking runs offline, in Chromium, on the model bundle the setup built from
 * @mediapipe/face_mesh (public/models/face, scripts/face-model/build-face-bundle.ts): the real
 * face-worker.ts finds 478 landmarks on a photograph where its eyes, irises, nose and mouth are,
 * and face-tracker.ts follows a face through a video and says "no face" to a camera without one —
 * and no request leaves the page's origin. Served by a tiny static server (no Next build needed).
 * Prints the worker's ms per frame.
 */

const PAGE = `<!doctype html><meta charset="utf-8"><title>face tracking test</title>
<body><canvas id="marks"></canvas>
<script type="module">
import { FaceTracker } from "/app/_face/face-tracker.ts";

// The worker on its own: load, then the same picture as video frames, one answer at a time.
window.trackPicture = async (src, frames) => {
  const worker = new Worker("/app/_face/face-worker.ts", { type: "module" });
  const replies = [];
  let wake = null;
  worker.onmessage = (e) => { replies.push(e.data); wake?.(); };
  worker.onerror = (e) => { replies.push({ type: "failed", message: e.message || "worker error" }); wake?.(); };
  const next = () => new Promise((done) => { if (replies.length) done(replies.shift()); else wake = () => { wake = null; done(replies.shift()); }; });
  const loading = performance.now();
  worker.postMessage({ type: "start", base: "/models/face" });
  const ready = await next();
  const loadMs = performance.now() - loading;
  if (ready.type !== "ready") return { ready };
  const image = new Image();
  image.src = src;
  await image.decode();
  const results = [];
  for (let i = 0; i < frames; i++) {
    const frame = await createImageBitmap(image);
    worker.postMessage({ type: "frame", frame, at: i * 33 }, [frame]);
    const r = await next();
    results.push({ ...r, landmarks: r.landmarks ? Array.from(r.landmarks) : undefined, matrix: r.matrix ? Array.from(r.matrix) : undefined });
  }
  worker.terminate();
  // Draw the last answer over the picture for the screenshot.
  const canvas = document.getElementById("marks");
  canvas.width = image.naturalWidth;
  canvas.height = image.naturalHeight;
  const g = canvas.getContext("2d");
  g.drawImage(image, 0, 0);
  const marks = results.at(-1).landmarks ?? [];
  for (let i = 0; i < marks.length / 3; i++) {
    g.fillStyle = i >= 468 ? "red" : "lime";
    g.fillRect(marks[i * 3] * canvas.width - 1, marks[i * 3 + 1] * canvas.height - 1, 2, 2);
  }
  return { ready, loadMs, results, width: image.naturalWidth, height: image.naturalHeight };
};

// The page side: a FaceTracker on a stream (a video's, or the camera when none is given).
window.startTracker = async (videoSrc) => {
  let stream;
  if (videoSrc) {
    const video = document.createElement("video");
    video.src = videoSrc;
    video.muted = true;
    video.loop = true;
    await video.play();
    stream = video.captureStream();
    window.sourceVideo = video;
  }
  const log = (window.trackerLog = { states: [], noses: [], sinceRunning: null });
  const tracker = (window.tracker = new FaceTracker({
    stream,
    onState: (s) => {
      log.states.push(s);
      if (s === "running" && !log.sinceRunning) log.sinceRunning = { answered: tracker.answered, found: tracker.found };
    },
    onFace: (f) => { log.noses.push([f.landmarks[3], f.landmarks[4]]); },
  }));
  await tracker.start();
};
window.trackerReport = () => {
  const t = window.tracker;
  return { ...window.trackerLog, state: t.state, fps: t.fps, msPerFrame: t.msPerFrame, answered: t.answered, found: t.found, bundle: t.bundle, error: t.error };
};
// Stops the tracker; says what became of the camera tracks it was using.
window.stopTracker = () => {
  const tracks = window.tracker.stream?.getTracks() ?? [];
  window.tracker.stop();
  return tracks.map((t) => t.readyState);
};
</script>`;

let server: FacePageServer;
let browser: Browser;
const shots = "test-results/e2e";

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  server = await startFacePageServer(PAGE);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Every URL the page and its worker ask for (Chromium reports a dedicated worker's requests on its page). */
async function openPage(): Promise<{ page: Page; urls: string[] }> {
  const page = await browser.newPage({ viewport: { width: 800, height: 800 } });
  const urls: string[] = [];
  page.on("request", (r) => urls.push(r.url()));
  page.on("pageerror", (e) => console.error("[face] page error:", e.message));
  await page.goto(server.url);
  return { page, urls };
}

function expectSameOrigin(urls: string[]): void {
  const origin = new URL(server.url).origin;
  const elsewhere = urls.filter((u) => !u.startsWith("data:") && !u.startsWith("blob:") && new URL(u).origin !== origin);
  expect(elsewhere, "requests outside the page's origin").toEqual([]);
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

interface PictureRun {
  ready: { type: string; bundle?: FaceBundleInfo; message?: string };
  loadMs: number;
  width: number;
  height: number;
  results: { type: string; face: boolean; ms: number; interval: number; landmarks?: number[]; matrix?: number[]; blendshapes?: unknown; message?: string }[];
}

describe("face tracking offline", () => {
  it("finds 478 landmarks on a face with the bundle built from face_mesh, on its own origin", async () => {
    const installed = JSON.parse(readFileSync("public/models/face/bundle.json", "utf8")) as FaceBundleInfo;
    expect(installed.source, "the setup installed the bundle built from @mediapipe/face_mesh").toBe("face_mesh");

    const { page, urls } = await openPage();
    const frames = 20;
    const run = (await page.evaluate(([src, n]) => (window as unknown as { trackPicture(s: string, n: number): Promise<unknown> }).trackPicture(src as string, n as number), ["/media/audrey.jpg", frames] as const)) as PictureRun;
    await page.locator("#marks").screenshot({ path: `${shots}/face-tracking-landmarks.png` });

    // The worker says which bundle it loaded: ours, without blendshapes.
    expect(run.ready.type, run.ready.message).toBe("ready");
    expect(run.ready.bundle).toMatchObject({ source: "face_mesh", blendshapes: false, sha256: installed.sha256 });

    expect(run.results.every((r) => r.type === "result" && r.face)).toBe(true);
    const last = run.results.at(-1)!;
    const marks = last.landmarks!;
    expect(marks).toHaveLength(478 * 3);
    const px = (i: number) => ({ x: marks[i * 3]! * run.width, y: marks[i * 3 + 1]! * run.height });
    const xs = Array.from({ length: 478 }, (_, i) => px(i).x);
    const ys = Array.from({ length: 478 }, (_, i) => px(i).y);
    // audrey.jpg (540×720): the face spans about x 150–415, y 185–475 (read off the picture).
    expect(Math.min(...xs)).toBeGreaterThan(130);
    expect(Math.max(...xs)).toBeLessThan(435);
    expect(Math.min(...ys)).toBeGreaterThan(165);
    expect(Math.max(...ys)).toBeLessThan(495);
    expect(Math.max(...xs) - Math.min(...xs), "the mesh covers the face, not a corner of it").toBeGreaterThan(200);
    // Pupils at about (228, 278) and (347, 285): the iris centres the merged model puts at 468 and 473.
    const near = (p: { x: number; y: number }, x: number, y: number) => Math.hypot(p.x - x, p.y - y);
    expect(near(px(468), 228, 278), "left iris centre on the pupil").toBeLessThan(10);
    expect(near(px(473), 347, 285), "right iris centre on the pupil").toBeLessThan(10);
    // Nose tip (1) above the lips (13, 14), above the chin (152); the upper lip's middle at about (288, 405).
    expect(px(1).y).toBeLessThan(px(13).y);
    expect(px(14).y).toBeLessThan(px(152).y);
    expect(near(px(13), 288, 408)).toBeLessThan(15);
    // Each iris's depth is its eye's mean depth: close to the eye corners', not a stray value.
    expect(Math.abs(marks[468 * 3 + 2]! - (marks[33 * 3 + 2]! + marks[133 * 3 + 2]!) / 2)).toBeLessThan(0.03);

    // The face's pose comes with it (the geometry pipeline data is in the bundle): in front of the camera.
    expect(last.matrix).toHaveLength(16);
    expect(last.matrix![14]!, "the face is some tens of cm in front of the camera").toBeLessThan(-10);
    expect(last.blendshapes).toBeUndefined();

    const ms = run.results.slice(5).map((r) => r.ms);
    console.log(`[face] bundle loaded in ${Math.round(run.loadMs)} ms; first frame ${run.results[0]!.ms.toFixed(1)} ms; then median ${median(ms).toFixed(1)} ms per ${run.width}×${run.height} frame (min ${Math.min(...ms).toFixed(1)}, max ${Math.max(...ms).toFixed(1)}); worker asks for ${Math.round(1000 / last.interval)} fps`);

    expectSameOrigin(urls);
    expect(urls.some((u) => u.endsWith("/models/face/face_landmarker.task")), "the worker's own requests are seen").toBe(true);
    expect(server.requests).toEqual(expect.arrayContaining(["/models/face/bundle.json", "/models/face/face_landmarker.task", "/models/face/wasm/vision_wasm_internal.wasm"]));
    await page.close();
  });

  it("follows a face through a video with FaceTracker, finding it in nearly every frame", async () => {
    const { page, urls } = await openPage();
    await page.evaluate(() => (window as unknown as { startTracker(src?: string): Promise<void> }).startTracker("/media/franck.webm"));
    const report = () => page.evaluate(() => (window as unknown as { trackerReport(): TrackerReport }).trackerReport());
    await page.waitForFunction(() => (window as unknown as { trackerLog: { states: string[] } }).trackerLog.states.includes("running"), undefined, { timeout: 60_000 });
    await page.waitForTimeout(6_000);
    const seen = await report();
    expect(await page.evaluate(() => (window as unknown as { stopTracker(): string[] }).stopTracker()), "a stream it was given is left running").toEqual(["live"]);

    expect(seen.error).toBeNull();
    expect(seen.states.slice(0, 2), "ready (no face yet), then the face").toEqual(["no-face", "running"]);
    expect(seen.bundle?.source).toBe("face_mesh");
    const answered = seen.answered - seen.sinceRunning!.answered;
    const found = seen.found - seen.sinceRunning!.found;
    expect(answered).toBeGreaterThan(10);
    expect(found / answered, `face found in ${found} of ${answered} frames`).toBeGreaterThanOrEqual(0.9);
    // The video's face moves: the nose tip is not one point repeated.
    const noseXs = seen.noses.map((n) => n[0]);
    expect(Math.max(...noseXs) - Math.min(...noseXs)).toBeGreaterThan(0.01);
    expect(seen.fps, "frames answered in the last second").toBeGreaterThan(2);
    console.log(`[face] FaceTracker on franck.webm: ${seen.fps} frames/s answered, worker ${seen.msPerFrame.toFixed(1)} ms per frame, face in ${found}/${answered} frames, states ${seen.states.join(" → ")}`);
    expectSameOrigin(urls);
    await page.close();
  });

  it("says 'no face' while the camera shows none, and lets the camera go when stopped", async () => {
    const { page, urls } = await openPage();
    await page.evaluate(() => (window as unknown as { startTracker(src?: string): Promise<void> }).startTracker());
    await page.waitForFunction(() => (window as unknown as { trackerLog: { states: string[] } }).trackerLog.states.includes("no-face"), undefined, { timeout: 60_000 });
    await page.waitForTimeout(1_500);
    const seen = await page.evaluate(() => (window as unknown as { trackerReport(): TrackerReport }).trackerReport());
    expect(seen.state).toBe("no-face");
    expect(seen.fps, "it keeps looking").toBeGreaterThan(0);
    expect(await page.evaluate(() => (window as unknown as { stopTracker(): string[] }).stopTracker()), "the camera it opened is released").toEqual(["ended"]);
    expectSameOrigin(urls);
    await page.close();
  });
});

interface TrackerReport {
  states: string[];
  noses: [number, number][];
  sinceRunning: { answered: number; found: number } | null;
  answered: number;
  found: number;
  state: string;
  fps: number;
  msPerFrame: number;
  bundle: FaceBundleInfo | null;
  error: string | null;
}
