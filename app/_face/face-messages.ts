/** What the page and the face worker say to each other (`face-tracker.ts` ↔ `face-worker.ts`). */

/** MediaPipe's face mesh with irises: 468 mesh points + 2 × 5 iris points, each x, y, z. */
export const FACE_POINTS = 478;

/** Where `scripts/face-model/build-face-bundle.ts` puts the model bundle and the WASM runtime. */
export const FACE_MODEL_BASE = "/models/face";

/** `bundle.json` beside the bundle: which one was installed (the test of which bundle runs reads it too). */
export interface FaceBundleInfo {
  /** "face_mesh": built from @mediapipe/face_mesh's models; "official": an operator's face_landmarker.task. */
  source: "face_mesh" | "official";
  /** Whether the bundle has the blendshape model (only the official one does). */
  blendshapes: boolean;
  bytes: number;
  sha256: string;
}

export type ToFaceWorker =
  | { type: "start"; base: string }
  /** One camera frame, transferred; `at` is the page's clock (ms), increasing. */
  | { type: "frame"; frame: ImageBitmap | VideoFrame; at: number };

export interface FaceFound {
  type: "result";
  face: true;
  at: number;
  /** 478 × (x, y, z): x and y in 0..1 of the frame, z on the scale of x. */
  landmarks: Float32Array;
  /** Face pose: a 4×4 column-major transform (cm), when the bundle has the geometry data. */
  matrix?: Float32Array;
  /** ARKit-named coefficients 0..1, only with the official bundle. */
  blendshapes?: Record<string, number>;
  /** How long the worker took on this frame. */
  ms: number;
  /** The least time between frames the worker asks for now (it slows down when frames run over budget). */
  interval: number;
}

export interface FaceMissing {
  type: "result";
  face: false;
  at: number;
  ms: number;
  interval: number;
}

export type FaceResult = FaceFound | FaceMissing;

export type FromFaceWorker = { type: "ready"; bundle: FaceBundleInfo } | FaceResult | { type: "failed"; message: string };
