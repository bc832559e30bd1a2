/**
 * The MediaPipe FaceMesh landmarks the face solver reads, by index into the 478-point output of
 * the face landmarker with refined (attention) landmarks: 0–467 are the canonical face mesh,
 * 468–477 the two irises.
 *
 * Sources, all from MediaPipe (Apache-2.0):
 * - contours: `mediapipe/python/solutions/face_mesh_connections.py` — FACEMESH_LIPS,
 *   FACEMESH_LEFT_EYE / RIGHT_EYE, FACEMESH_LEFT_EYEBROW / RIGHT_EYEBROW, FACEMESH_FACE_OVAL,
 *   FACEMESH_LEFT_IRIS (474–477) / RIGHT_IRIS (469–472);
 * - iris centres 468 / 473: the iris landmark model (`iris_landmark.tflite`), merged into the
 *   attention mesh as its first point per eye;
 * - single points (nose bridge 168, subnasale 2, chin 152, cheeks 50 / 205 / 187 / 207, alae
 *   64 / 98 / 129): their place on `mediapipe/modules/face_geometry/data/canonical_face_model.obj`
 *   (and its `canonical_face_model_uv_visualization.png`).
 *
 * Sides are the person's own, as in ARKit (`eyeBlinkLeft` is the person's left eye) and as in
 * MediaPipe's LEFT_* sets: on an unmirrored camera image the left eye is on the right.
 */

/** FaceMesh without irises (468) and with them (478). */
export const MESH_LANDMARK_COUNT = 468;
export const LANDMARK_COUNT = 478;

export interface EyeIndices {
  /** The corner towards the ear. */
  outer: number;
  /** The corner towards the nose. */
  inner: number;
  /** Upper lid contour from the outer to the inner corner, corners excluded. */
  upper: readonly number[];
  /** Lower lid contour from the outer to the inner corner, corners excluded. */
  lower: readonly number[];
  /** Three upper-lid points over the pupil and three lower-lid points under them, paired. */
  upperMid: readonly [number, number, number];
  lowerMid: readonly [number, number, number];
  irisCenter: number;
  irisRing: readonly [number, number, number, number];
}

export const EYE: { left: EyeIndices; right: EyeIndices } = {
  left: {
    outer: 263,
    inner: 362,
    upper: [466, 388, 387, 386, 385, 384, 398],
    lower: [249, 390, 373, 374, 380, 381, 382],
    upperMid: [387, 386, 385],
    lowerMid: [373, 374, 380],
    irisCenter: 473,
    irisRing: [474, 475, 476, 477],
  },
  right: {
    outer: 33,
    inner: 133,
    upper: [246, 161, 160, 159, 158, 157, 173],
    lower: [7, 163, 144, 145, 153, 154, 155],
    upperMid: [160, 159, 158],
    lowerMid: [144, 145, 153],
    irisCenter: 468,
    irisRing: [469, 470, 471, 472],
  },
};

export interface BrowIndices {
  /** Upper edge of the brow from the inner end to the outer end. */
  upper: readonly number[];
  /** Lower edge of the brow from the inner end to the outer end. */
  lower: readonly number[];
  inner: readonly [number, number];
  outer: readonly [number, number];
}

export const BROW: { left: BrowIndices; right: BrowIndices } = {
  left: { upper: [336, 296, 334, 293, 300], lower: [285, 295, 282, 283, 276], inner: [336, 285], outer: [300, 276] },
  right: { upper: [107, 66, 105, 63, 70], lower: [55, 65, 52, 53, 46], inner: [107, 55], outer: [70, 46] },
};

/**
 * Lip contours run from the person's right corner to their left corner, so index k and
 * length-1-k are mirror images.
 */
export const LIPS = {
  outerUpper: [61, 185, 40, 39, 37, 0, 267, 269, 270, 409, 291],
  outerLower: [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291],
  innerUpper: [78, 191, 80, 81, 82, 13, 312, 311, 310, 415, 308],
  innerLower: [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308],
  cornerLeft: 291,
  cornerRight: 61,
  upperOuterCenter: 0,
  lowerOuterCenter: 17,
  upperInnerCenter: 13,
  lowerInnerCenter: 14,
  /** Inner-lip pairs across the mouth opening near the middle (upper, lower). */
  gapPairs: [[13, 14], [82, 87], [312, 317]] as ReadonlyArray<readonly [number, number]>,
  /** Half-way along each lip towards the corner: outer and inner contour points, for lip thickness there. */
  upperSide: { left: { outer: 269, inner: 311 }, right: { outer: 39, inner: 81 } },
  lowerSide: { left: { outer: 405, inner: 402 }, right: { outer: 181, inner: 178 } },
  /** The upper lip's outer edge beside the philtrum ridge, which mouthUpperUp lifts. */
  upperLateral: { left: 270, right: 40 },
} as const;

export const NOSE = {
  /** Between the eyes, on the bony bridge: with the subnasale, the face's rigid up line. */
  bridge: 168,
  tip: 1,
  /** Subnasale, where the nose meets the upper lip. */
  base: 2,
  /** The nostril wings, which noseSneer lifts. */
  alaLeft: [294, 327, 358],
  alaRight: [64, 98, 129],
} as const;

export const CHIN = 152;

/** Soft cheek over the cheekbone (cheekSquint lifts it) and the cheek's outer contour beside the mouth (cheekPuff pushes it out). */
export const CHEEK = {
  left: { raise: [280, 425], contour: [411, 427] },
  right: { raise: [50, 205], contour: [187, 207] },
} as const;

/** The face's outline from the forehead clockwise on the image (towards the person's left first). */
export const FACE_OVAL = [
  10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
  152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
] as const;
