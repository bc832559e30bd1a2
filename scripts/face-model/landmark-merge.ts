import { Builtin, type NewOperator, type NewTensor } from "./tflite-model.ts";
import { scalar } from "./flatbuffer-writer.ts";

/**
 * Turns the attention face-mesh model's separate outputs (468-point mesh, lips, eyes, irises)
 * into the one 478×3 landmark tensor MediaPipe Tasks' FaceLandmarker reads — the refinement the
 * legacy FaceMesh graph did outside the model (LandmarksRefinementCalculator), done inside it
 * with standard ops so the tasks graph needs no change:
 *   1. CONCATENATION of every output into one row of values;
 *   2. GATHER + MEAN: each iris's depth, the mean depth of the 16 eye-contour points around it;
 *   3. CONCATENATION of the row and the two depths, then one GATHER that picks, per output
 *      value, where it comes from: a lip/eye point's x,y from its refined output, z from the mesh.
 * Index tables: MediaPipe's tensors_to_face_landmarks_graph.cc (Apache-2.0).
 */

export const MESH_POINTS = 468;
export const FACE_POINTS = 478;

export const LIPS = [
  // Lower outer.
  61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291,
  // Upper outer (excluding corners).
  185, 40, 39, 37, 0, 267, 269, 270, 409,
  // Lower inner.
  78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308,
  // Upper inner (excluding corners).
  191, 80, 81, 82, 13, 312, 311, 310, 415,
  // Lower semi-outer.
  76, 77, 90, 180, 85, 16, 315, 404, 320, 307, 306,
  // Upper semi-outer (excluding corners).
  184, 74, 73, 72, 11, 302, 303, 304, 408,
  // Lower semi-inner.
  62, 96, 89, 179, 86, 15, 316, 403, 319, 325, 292,
  // Upper semi-inner (excluding corners).
  183, 42, 41, 38, 12, 268, 271, 272, 407,
];

export const LEFT_EYE = [
  // Lower contour.
  33, 7, 163, 144, 145, 153, 154, 155, 133,
  // Upper contour (excluding corners).
  246, 161, 160, 159, 158, 157, 173,
  // Halo x2 lower contour.
  130, 25, 110, 24, 23, 22, 26, 112, 243,
  // Halo x2 upper contour (excluding corners).
  247, 30, 29, 27, 28, 56, 190,
  // Halo x3 lower contour.
  226, 31, 228, 229, 230, 231, 232, 233, 244,
  // Halo x3 upper contour (excluding corners).
  113, 225, 224, 223, 222, 221, 189,
  // Halo x4 upper contour (no lower because of mesh structure) or eyebrow inner contour.
  35, 124, 46, 53, 52, 65,
  // Halo x5 lower contour.
  143, 111, 117, 118, 119, 120, 121, 128, 245,
  // Halo x5 upper contour (excluding corners) or eyebrow outer contour.
  156, 70, 63, 105, 66, 107, 55, 193,
];

export const RIGHT_EYE = [
  // Lower contour.
  263, 249, 390, 373, 374, 380, 381, 382, 362,
  // Upper contour (excluding corners).
  466, 388, 387, 386, 385, 384, 398,
  // Halo x2 lower contour.
  359, 255, 339, 254, 253, 252, 256, 341, 463,
  // Halo x2 upper contour (excluding corners).
  467, 260, 259, 257, 258, 286, 414,
  // Halo x3 lower contour.
  446, 261, 448, 449, 450, 451, 452, 453, 464,
  // Halo x3 upper contour (excluding corners).
  342, 445, 444, 443, 442, 441, 413,
  // Halo x4 upper contour (no lower because of mesh structure) or eyebrow inner contour.
  265, 353, 276, 283, 282, 295,
  // Halo x5 lower contour.
  372, 340, 346, 347, 348, 349, 350, 357, 465,
  // Halo x5 upper contour (excluding corners) or eyebrow outer contour.
  383, 300, 293, 334, 296, 336, 285, 417,
];

/** Iris points (centre, right, top, left, bottom edge) land after the mesh: 468–472 and 473–477. */
export const LEFT_IRIS_FIRST = 468;
export const RIGHT_IRIS_FIRST = 473;
export const IRIS_POINTS = 5;
/** Whose mean depth an iris gets: the eye's contour (its first 16 refined points). */
export const LEFT_IRIS_DEPTH_FROM = LEFT_EYE.slice(0, 16);
export const RIGHT_IRIS_DEPTH_FROM = RIGHT_EYE.slice(0, 16);

/** The attention model's outputs, by tensor name, in the order they are concatenated. */
export const ATTENTION_OUTPUTS = [
  { name: "output_mesh_identity", values: MESH_POINTS * 3 },
  { name: "output_lips", values: LIPS.length * 2 },
  { name: "output_left_eye", values: LEFT_EYE.length * 2 },
  { name: "output_right_eye", values: RIGHT_EYE.length * 2 },
  { name: "output_left_iris", values: IRIS_POINTS * 2 },
  { name: "output_right_iris", values: IRIS_POINTS * 2 },
] as const;
export const FACE_FLAG_OUTPUT = "conv_faceflag";
export const LANDMARKS_OUTPUT = "landmarks_478";

const start = (name: string): number => {
  let at = 0;
  for (const output of ATTENTION_OUTPUTS) {
    if (output.name === name) return at;
    at += output.values;
  }
  throw new Error(name);
};
const ROW = ATTENTION_OUTPUTS.reduce((n, o) => n + o.values, 0);

export interface MergeIndices {
  /** Positions in the concatenated row of the mesh z of each iris's 16 contour points: [2][16]. */
  depth: Int32Array;
  /** Per output value (478 × x,y,z): its position in the row followed by the 2 iris depths. */
  landmarks: Int32Array;
}

export function mergeIndices(): MergeIndices {
  const depth = Int32Array.from([...LEFT_IRIS_DEPTH_FROM, ...RIGHT_IRIS_DEPTH_FROM], (point) => point * 3 + 2);
  const source = new Int32Array(FACE_POINTS * 3);
  for (let point = 0; point < MESH_POINTS; point++) for (let c = 0; c < 3; c++) source[point * 3 + c] = point * 3 + c;
  // Later refinements win, as in the legacy graph (lips, then left eye, then right eye).
  const refine = (points: number[], output: string) => {
    const at = start(output);
    points.forEach((point, i) => {
      source[point * 3] = at + i * 2;
      source[point * 3 + 1] = at + i * 2 + 1;
    });
  };
  refine(LIPS, "output_lips");
  refine(LEFT_EYE, "output_left_eye");
  refine(RIGHT_EYE, "output_right_eye");
  const iris = (first: number, output: string, depthAt: number) => {
    const at = start(output);
    for (let i = 0; i < IRIS_POINTS; i++) {
      source[(first + i) * 3] = at + i * 2;
      source[(first + i) * 3 + 1] = at + i * 2 + 1;
      source[(first + i) * 3 + 2] = depthAt;
    }
  };
  iris(LEFT_IRIS_FIRST, "output_left_iris", ROW);
  iris(RIGHT_IRIS_FIRST, "output_right_iris", ROW + 1);
  return { depth, landmarks: source };
}

/** The tensors and operators that append the merge to the attention model's subgraph. */
export function mergeEdit(): { tensors: NewTensor[]; operators: NewOperator[]; outputs: string[] } {
  const { depth, landmarks } = mergeIndices();
  const axis3 = { 0: scalar("i32", 3) };
  return {
    tensors: [
      { name: "merge/row", shape: [1, 1, 1, ROW], type: "float32" },
      { name: "merge/iris_depth_indices", shape: [2, 16], type: "int32", data: depth },
      { name: "merge/iris_depth_points", shape: [1, 1, 1, 2, 16], type: "float32" },
      { name: "merge/mean_axis", shape: [1], type: "int32", data: Int32Array.of(4) },
      { name: "merge/iris_depth", shape: [1, 1, 1, 2], type: "float32" },
      { name: "merge/row_with_depth", shape: [1, 1, 1, ROW + 2], type: "float32" },
      { name: "merge/landmark_indices", shape: [FACE_POINTS * 3], type: "int32", data: landmarks },
      { name: LANDMARKS_OUTPUT, shape: [1, 1, 1, FACE_POINTS * 3], type: "float32" },
    ],
    operators: [
      { builtin: Builtin.CONCATENATION, inputs: ATTENTION_OUTPUTS.map((o) => o.name), outputs: ["merge/row"], options: axis3 },
      { builtin: Builtin.GATHER, inputs: ["merge/row", "merge/iris_depth_indices"], outputs: ["merge/iris_depth_points"], options: axis3 },
      { builtin: Builtin.MEAN, inputs: ["merge/iris_depth_points", "merge/mean_axis"], outputs: ["merge/iris_depth"], options: { 0: scalar("bool", 0) } },
      { builtin: Builtin.CONCATENATION, inputs: ["merge/row", "merge/iris_depth"], outputs: ["merge/row_with_depth"], options: axis3 },
      { builtin: Builtin.GATHER, inputs: ["merge/row_with_depth", "merge/landmark_indices"], outputs: [LANDMARKS_OUTPUT], options: axis3 },
    ],
    // What FaceLandmarker reads: landmarks first, the face-presence logit second.
    outputs: [LANDMARKS_OUTPUT, FACE_FLAG_OUTPUT],
  };
}
