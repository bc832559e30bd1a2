import { FlatTable } from "./flatbuffer-reader.ts";
import { mergeEdit, FACE_POINTS } from "./landmark-merge.ts";
import { readZip, writeStoredZip } from "./stored-zip.ts";
import { imageInputMetadata, TFLITE_METADATA } from "./tflite-metadata.ts";
import { describeModel, editModel } from "./tflite-model.ts";

/**
 * The FaceLandmarker model bundle (`face_landmarker.task`) built from the TFLite models inside
 * the `@mediapipe/face_mesh` npm package, which is what can be had offline: no reachable
 * package ships Google's own bundle. See ../../../shared/OFFLINE.md for what was measured.
 */

/** Paths of the packed assets inside face_mesh's `face_mesh_solution_packed_assets.data`. */
export const PACKED = {
  detector: "/third_party/mediapipe/modules/face_detection/face_detection_short_range.tflite",
  landmarks: "/third_party/mediapipe/modules/face_landmark/face_landmark_with_attention.tflite",
  geometry: "/third_party/mediapipe/modules/face_geometry/data/geometry_pipeline_metadata_landmarks.binarypb",
} as const;

/** The entries FaceLandmarker's graph opens inside a bundle. */
export const BUNDLE = {
  detector: "face_detector.tflite",
  landmarks: "face_landmarks_detector.tflite",
  geometry: "geometry_pipeline_metadata_landmarks.binarypb",
  blendshapes: "face_blendshapes.tflite",
} as const;

/**
 * The files of an Emscripten file packager bundle: its loader script names each file's byte
 * range in the `.data` file (`loadPackage({"files": [{filename, start, end}, …]})`).
 */
export function unpackAssets(loaderJs: string, data: Uint8Array): Map<string, Uint8Array> {
  const match = /loadPackage\((\{"files".*?\})\);/s.exec(loaderJs);
  if (!match?.[1]) throw new Error("no loadPackage({files}) in the packed assets loader");
  const manifest = JSON.parse(match[1]) as { files: { filename: string; start: number; end: number }[] };
  const files = new Map<string, Uint8Array>();
  for (const file of manifest.files) {
    if (file.end > data.length) throw new Error(`${file.filename} runs past the end of the packed data`);
    files.set(file.filename, data.slice(file.start, file.end)); // a copy: flatbuffer reads want it aligned
  }
  return files;
}

/** The bundle from face_mesh's packed assets: two edited models and the geometry pipeline data. */
export function buildFaceMeshBundle(assets: Map<string, Uint8Array>): Uint8Array {
  const need = (path: string): Uint8Array => {
    const file = assets.get(path);
    if (!file) throw new Error(`face_mesh's packed assets have no ${path}`);
    return file;
  };
  const detector = editModel(need(PACKED.detector), {
    // The short-range detector takes RGB scaled to [-1, 1].
    metadata: [{ name: TFLITE_METADATA, data: imageInputMetadata({ name: "face_detector", mean: 127.5, std: 127.5 }) }],
  });
  const landmarks = editModel(need(PACKED.landmarks), {
    ...mergeEdit(),
    // The landmark model takes RGB scaled to [0, 1].
    metadata: [{ name: TFLITE_METADATA, data: imageInputMetadata({ name: "face_landmarks_detector", mean: 0, std: 255 }) }],
  });
  const outputs = describeModel(landmarks).outputs;
  if (outputs[0]?.shape.at(-1) !== FACE_POINTS * 3 || outputs[1]?.shape.at(-1) !== 1) {
    throw new Error(`the merged landmark model's outputs are ${JSON.stringify(outputs.map((o) => o.shape))}`);
  }
  return writeStoredZip([
    { name: BUNDLE.detector, data: detector },
    { name: BUNDLE.landmarks, data: landmarks },
    { name: BUNDLE.geometry, data: need(PACKED.geometry) },
  ]);
}

export interface BundleCheck {
  blendshapes: boolean;
}

/**
 * Checks an operator's bundle (Google's `face_landmarker.task`) before it replaces ours: a
 * stored zip with both models, each a TFLite flatbuffer.
 */
export function checkOfficialBundle(zip: Uint8Array): BundleCheck {
  const entries = readZip(zip);
  const byName = new Map(entries.map((e) => [e.name, e]));
  for (const name of [BUNDLE.detector, BUNDLE.landmarks]) {
    const entry = byName.get(name);
    if (!entry) throw new Error(`it has no ${name}`);
    if (entry.method !== 0) throw new Error(`${name} is compressed; MediaPipe needs a stored (uncompressed) zip`);
    FlatTable.root(entry.data.slice()); // throws on garbage
  }
  return { blendshapes: byName.has(BUNDLE.blendshapes) };
}
