/**
 * The face tracker's Web Worker: MediaPipe Tasks' FaceLandmarker (WASM, CPU) off the render
 * thread, on frames the page transfers to it. Everything it loads is on the page's own origin
 * under `/models/face/` (scripts/face-model/build-face-bundle.ts puts it there): `bundle.json`
 * (which bundle this is), `face_landmarker.task` and the WASM runtime in `wasm/`.
 *
 * Started as `new Worker(new URL("./face-worker.ts", import.meta.url), { type: "module" })`.
 */
import { FaceLandmarker, FilesetResolver, type FaceLandmarkerResult } from "@mediapipe/tasks-vision";
import { FACE_POINTS, type FaceBundleInfo, type FaceResult, type FromFaceWorker, type ToFaceWorker } from "./face-messages.ts";
import { FrameRate } from "./frame-rate.ts";

interface WorkerScope {
  onmessage: ((event: MessageEvent<ToFaceWorker>) => void) | null;
  postMessage(message: FromFaceWorker): void;
  importScripts(...urls: string[]): void;
}
const scope = globalThis as unknown as WorkerScope;

let landmarker: FaceLandmarker | null = null;
let lastTimestamp = -Infinity;
const rate = new FrameRate();
const queue: ToFaceWorker[] = [];
let busy = false;

scope.onmessage = (event) => {
  queue.push(event.data);
  void drain();
};

// Messages are handled one at a time, in order: a frame that arrives while the model loads waits.
async function drain(): Promise<void> {
  if (busy) return;
  busy = true;
  try {
    for (let message = queue.shift(); message; message = queue.shift()) {
      if (message.type === "start") await start(message.base);
      else await track(message.frame, message.at);
    }
  } finally {
    busy = false;
  }
}

async function start(base: string): Promise<void> {
  try {
    allowClassicScriptsInModuleWorker();
    const response = await fetch(`${base}/bundle.json`);
    if (!response.ok) throw new Error(`no face model at ${base} (HTTP ${response.status}): run 'npm run setup'`);
    const bundle = (await response.json()) as FaceBundleInfo;
    const fileset = await FilesetResolver.forVisionTasks(`${base}/wasm`);
    landmarker = await FaceLandmarker.createFromOptions(fileset, {
      baseOptions: { modelAssetPath: `${base}/face_landmarker.task`, delegate: "CPU" },
      runningMode: "VIDEO",
      numFaces: 1,
      // The bundle built from face_mesh has no blendshape model; asking for it would fail the graph.
      outputFaceBlendshapes: bundle.blendshapes,
      outputFacialTransformationMatrixes: true,
    });
    scope.postMessage({ type: "ready", bundle });
  } catch (error) {
    scope.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
  }
}

async function track(frame: ImageBitmap | VideoFrame, at: number): Promise<void> {
  if (!landmarker) {
    frame.close();
    return;
  }
  const started = performance.now();
  // tasks-vision sizes its input by width/height, which a VideoFrame does not have.
  const image = "codedWidth" in frame ? await createImageBitmap(frame) : frame;
  if (image !== frame) frame.close();
  let result: FaceLandmarkerResult;
  try {
    // Video mode wants strictly increasing timestamps.
    lastTimestamp = Math.max(at, lastTimestamp + 1);
    result = landmarker.detectForVideo(image, lastTimestamp);
  } catch (error) {
    scope.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
    return;
  } finally {
    image.close();
  }
  const ms = performance.now() - started;
  scope.postMessage(toResult(result, at, ms, rate.record(ms)));
}

function toResult(result: FaceLandmarkerResult, at: number, ms: number, interval: number): FaceResult {
  const points = result.faceLandmarks[0];
  if (!points || points.length < FACE_POINTS) return { type: "result", face: false, at, ms, interval };
  const landmarks = new Float32Array(FACE_POINTS * 3);
  for (let i = 0; i < FACE_POINTS; i++) {
    const p = points[i]!;
    landmarks[i * 3] = p.x;
    landmarks[i * 3 + 1] = p.y;
    landmarks[i * 3 + 2] = p.z;
  }
  const matrix = result.facialTransformationMatrixes?.[0]?.data;
  const categories = result.faceBlendshapes?.[0]?.categories;
  return {
    type: "result",
    face: true,
    at,
    landmarks,
    ...(matrix ? { matrix: Float32Array.from(matrix) } : {}),
    ...(categories ? { blendshapes: Object.fromEntries(categories.filter((c) => c.categoryName !== "_neutral").map((c) => [c.categoryName, c.score])) } : {}),
    ms,
    interval,
  };
}

/**
 * tasks-vision loads its WASM glue with `importScripts`, which a module worker has but refuses
 * (TypeError). Next's bundler currently starts this worker classic, where it works; a module
 * worker (the test's, or a bundler that keeps `type: "module"`) gets a stand-in that does the
 * same — a synchronous fetch, then the script run in the global scope.
 */
function allowClassicScriptsInModuleWorker(): void {
  try {
    scope.importScripts();
    return; // classic: the real one works
  } catch {
    // a module worker
  }
  scope.importScripts = (...urls: string[]) => {
    for (const url of urls) {
      const request = new XMLHttpRequest();
      request.open("GET", url, false);
      request.send();
      if (request.status !== 200) throw new Error(`could not load ${url} (HTTP ${request.status})`);
      (0, eval)(`${request.responseText}\n//# sourceURL=${url}`);
    }
  };
}
