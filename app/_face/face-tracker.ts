import { mediaProblem, type MediaProblem } from "../_devices/media-problem.ts";
import { FACE_MODEL_BASE, type FaceBundleInfo, type FaceFound, type FromFaceWorker, type ToFaceWorker } from "./face-messages.ts";
import { FacePresence } from "./face-presence.ts";

/**
 * The page side of face tracking: the camera → frames at up to `maxFps` (never more than one
 * waiting on the worker, and never faster than the worker asks) → `face-worker.ts` → the latest
 * face. Its state says what the visitor should be told.
 */
export type FaceTrackerState =
  | "starting" // opening the camera, loading the model
  | "running" // a face is being tracked
  | "no-camera" // no camera (or none the browser will name)
  | "denied" // the visitor or a policy refused the camera
  | "no-face" // tracking, but no face found yet
  | "lost-face" // the face was found, then went out of view
  | "failed"; // the camera or the model would not start (see `problem` / `error`)

export interface FaceTrackerOptions {
  /** Where the model bundle and WASM are served (default `/models/face`). */
  base?: string;
  /** A camera stream to use instead of opening one; the tracker leaves it running when it stops. */
  stream?: MediaStream;
  /** Constraints for the camera it opens. */
  video?: MediaTrackConstraints;
  maxFps?: number;
  onState?: (state: FaceTrackerState) => void;
  onFace?: (face: FaceFound) => void;
  /** For tests: how the worker is made. */
  createWorker?: () => Worker;
}

const DEFAULT_VIDEO: MediaTrackConstraints = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30 }, facingMode: "user" };

/** One use: `start()`, later `stop()`; make a new one to track again. */
export class FaceTracker {
  state: FaceTrackerState = "starting";
  /** The newest face found (kept while the face is lost, so an avatar can hold its last pose). */
  latest: FaceFound | null = null;
  bundle: FaceBundleInfo | null = null;
  /** Why the camera did not open, when the state is "denied", "no-camera" or "failed" because of it. */
  problem: MediaProblem | null = null;
  error: string | null = null;
  /** The worker's time per frame (ms, running average) and the frames it answered per second. */
  msPerFrame = 0;
  fps = 0;
  /** Frames the worker answered, and those it found a face in. */
  answered = 0;
  found = 0;

  private readonly options: FaceTrackerOptions;
  private readonly presence = new FacePresence();
  private worker: Worker | null = null;
  private video: HTMLVideoElement | null = null;
  private ownStream: MediaStream | null = null;
  private inFlight = false;
  private lastSent = -Infinity;
  private interval: number;
  private answers: number[] = [];
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: FaceTrackerOptions = {}) {
    this.options = options;
    this.interval = 1000 / (options.maxFps ?? 30);
  }

  async start(): Promise<void> {
    this.setState("starting");
    let stream = this.options.stream;
    if (!stream) {
      try {
        if (!navigator.mediaDevices?.getUserMedia) throw Object.assign(new Error("this browser offers no camera here"), { name: "NotFoundError" });
        stream = this.ownStream = await navigator.mediaDevices.getUserMedia({ video: this.options.video ?? DEFAULT_VIDEO, audio: false });
      } catch (error) {
        this.problem = mediaProblem(error);
        this.error = error instanceof Error ? error.message : String(error);
        this.setState(this.problem === "denied" ? "denied" : this.problem === "missing" ? "no-camera" : "failed");
        return;
      }
    }
    if (this.stopped) return this.releaseCamera();

    const video = (this.video = document.createElement("video"));
    video.muted = true;
    video.playsInline = true;
    video.srcObject = stream;

    const worker = (this.worker = this.options.createWorker?.() ?? new Worker(new URL("./face-worker.ts", import.meta.url), { type: "module" }));
    worker.onmessage = (event: MessageEvent<FromFaceWorker>) => this.onMessage(event.data);
    worker.onerror = (event) => this.fail(event.message || "the face worker stopped");
    this.post({ type: "start", base: this.options.base ?? FACE_MODEL_BASE });
    try {
      await video.play();
    } catch (error) {
      if (!this.stopped) this.fail(error instanceof Error ? error.message : String(error));
    }
  }

  /** The camera stream being tracked (its own or the one it was given), until it stops. */
  get stream(): MediaStream | null {
    return (this.video?.srcObject as MediaStream | null | undefined) ?? null;
  }

  stop(): void {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    this.worker?.terminate();
    this.worker = null;
    this.releaseCamera();
  }

  private releaseCamera(): void {
    if (this.video) this.video.srcObject = null;
    this.video = null;
    for (const track of this.ownStream?.getTracks() ?? []) track.stop();
    this.ownStream = null;
  }

  private onMessage(message: FromFaceWorker): void {
    if (this.stopped) return;
    if (message.type === "failed") return this.fail(message.message);
    if (message.type === "ready") {
      this.bundle = message.bundle;
      this.setState("no-face");
      return this.schedule();
    }
    this.inFlight = false;
    this.interval = Math.max(1000 / (this.options.maxFps ?? 30), message.interval);
    this.msPerFrame = this.msPerFrame === 0 ? message.ms : this.msPerFrame * 0.9 + message.ms * 0.1;
    const now = performance.now();
    this.answers.push(now);
    while (this.answers.length && this.answers[0]! < now - 1000) this.answers.shift();
    this.fps = this.answers.length;
    this.answered++;
    if (message.face) {
      this.found++;
      this.latest = message;
      this.options.onFace?.(message);
    }
    this.setState(this.presence.update(message.face, now));
    this.schedule();
  }

  /** Sends the next frame once the worker is free and its interval has passed. */
  private schedule(): void {
    if (this.stopped || this.inFlight || this.timer !== null) return;
    const wait = Math.max(0, this.lastSent + this.interval - performance.now());
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.sendFrame();
    }, wait);
  }

  private async sendFrame(): Promise<void> {
    const video = this.video;
    if (this.stopped || !video || !this.worker) return;
    if (video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.videoWidth === 0) {
      this.timer = setTimeout(() => {
        this.timer = null;
        void this.sendFrame();
      }, 50);
      return;
    }
    this.inFlight = true;
    this.lastSent = performance.now();
    let frame: ImageBitmap;
    try {
      frame = await createImageBitmap(video);
    } catch {
      this.inFlight = false;
      return this.schedule();
    }
    if (this.stopped || !this.worker) return frame.close();
    this.post({ type: "frame", frame, at: this.lastSent }, [frame]);
  }

  private post(message: ToFaceWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(message, transfer);
  }

  private fail(message: string): void {
    this.error = message;
    this.setState("failed");
    this.stop();
  }

  private setState(state: FaceTrackerState): void {
    if (this.state === state) return;
    this.state = state;
    this.options.onState?.(state);
  }
}
