import { ARKIT_BLENDSHAPES, type ArkitBlendshape } from "../blendshape-names.ts";
import {
  cameraPoint, headFrame, length, mid, relativePose, sub, toHead, type HeadFrame, type HeadPose, type Landmark, type Vec3,
} from "./head-pose.ts";
import { BROW, CHEEK, CHIN, EYE, LIPS, NOSE, type EyeIndices } from "./landmark-indices.ts";

/**
 * From MediaPipe face landmarks to the ARKit coefficients the avatar's face morphs take.
 *
 * Two steps. `measureFace` turns a frame into a few dozen measurements taken in the head frame
 * (head rotation, position and size removed) in units of the inter-ocular distance, or as ratios
 * of the person's own eye size: how far a brow sits above its eye, how open the lids are, where
 * the iris is, how wide the mouth is… `solveCoefficients` compares each with the person's
 * neutral value (`NeutralCalibration`, or a typical face until then) and maps the difference over
 * a per-shape range to 0…1. Shapes it cannot see (dimples, shrugs, tongue) stay 0.
 */

export const MEASURE_NAMES = [
  "eyeUpperLeft", "eyeUpperRight", "eyeLowerLeft", "eyeLowerRight",
  "irisXLeft", "irisXRight", "irisYLeft", "irisYRight",
  "browInnerLeft", "browInnerRight", "browInnerXLeft", "browInnerXRight", "browOuterLeft", "browOuterRight",
  "jawDrop", "jawX", "jawZ",
  "lipGap", "mouthWidth", "mouthX",
  "cornerUpLeft", "cornerUpRight", "cornerOutLeft", "cornerOutRight",
  "upperLipThickness", "lowerLipThickness", "lipSideThicknessLeft", "lipSideThicknessRight",
  "upperLipLeft", "upperLipRight", "lowerLipToChinLeft", "lowerLipToChinRight",
  "cheekLeft", "cheekRight", "cheekWidth", "noseLeft", "noseRight",
] as const;
export type MeasureName = (typeof MEASURE_NAMES)[number];
export type FaceMeasures = Record<MeasureName, number>;

/** A person's neutral face: each measurement at rest, and the head pose they look at the camera with. */
export interface Neutral {
  measures: FaceMeasures;
  pose?: HeadPose;
}

export interface FaceFrame {
  /** 468 or 478 MediaPipe landmarks (without the irises, the gaze stays centred). */
  landmarks: ArrayLike<Landmark>;
  /** MediaPipe's facial transformation matrix (4×4, column-major), when the landmarker gives one. */
  matrix?: ArrayLike<number> | null;
  /** Image width / height: landmarks are normalised to each separately. Default 1. */
  aspect?: number;
  /** The camera's focal length in image heights, to undo perspective (`DEFAULT_FOCAL_LENGTH` if not given). */
  focalLength?: number;
}

export interface FaceMeasurement {
  measures: FaceMeasures;
  /** Absolute head pose (before any calibrated straight-ahead is taken off). */
  pose: HeadPose;
  frame: HeadFrame;
}

export type BlendshapeCoefficients = Record<ArkitBlendshape, number>;

export interface SolvedFace {
  coefficients: BlendshapeCoefficients;
  /** Relative to the calibrated straight-ahead pose when there is one. */
  pose: HeadPose;
  measures: FaceMeasures;
}

/**
 * A typical neutral face, used until the person is calibrated: the measurements of MediaPipe's
 * canonical face model, whose lips are parted about 5 mm, with the lips closed (gap and jaw
 * drop less 0.08 IOD). Eye values are in eye widths, the rest in inter-ocular distances.
 * Heights are from the nose bridge, placed 0.065 IOD above the eye line as the tracker places it
 * on real faces (the median over the labelled videos' calibrated neutrals, 0.04–0.07;
 * fixtures/labelled-frames.json) rather than the canonical face's 0.103, which would read every
 * real face's outer brows as raised until calibrated.
 */
export const TYPICAL_NEUTRAL: FaceMeasures = {
  eyeUpperLeft: 0.123, eyeUpperRight: 0.123, eyeLowerLeft: 0.113, eyeLowerRight: 0.113,
  irisXLeft: 0, irisXRight: 0, irisYLeft: 0, irisYRight: 0,
  browInnerLeft: 0.245, browInnerRight: 0.245, browInnerXLeft: 0.208, browInnerXRight: 0.208, browOuterLeft: 0.164, browOuterRight: 0.164,
  jawDrop: 1.895, jawX: 0, jawZ: 0.13,
  lipGap: 0.005, mouthWidth: 0.779, mouthX: 0,
  cornerUpLeft: -0.012, cornerUpRight: -0.012, cornerOutLeft: 0.39, cornerOutRight: 0.39,
  upperLipThickness: 0.093, lowerLipThickness: 0.131, lipSideThicknessLeft: 0.18, lipSideThicknessRight: 0.18,
  upperLipLeft: -1.085, upperLipRight: -1.085, lowerLipToChinLeft: 0.698, lowerLipToChinRight: 0.698,
  cheekLeft: -0.659, cheekRight: -0.659, cheekWidth: 0.767, noseLeft: -0.69, noseRight: -0.69,
};

/**
 * How much each measurement must change for its shape to reach 1 (same units as the measure;
 * fractions where the shape reads a ratio to the neutral value). Chosen from the size of the
 * movement on a real face, e.g. a full smile lifts the mouth corners about 4 mm ≈ 0.06 IOD.
 */
export const SHAPE_RANGES = {
  blink: 0.85, // upper lid drop, as a fraction of the neutral lid opening (both lids)
  wide: 0.4, // upper lid rise, fraction of its neutral height
  squint: 0.5, // lower lid rise, fraction of its neutral depth
  lookHorizontal: 0.18, // iris shift, eye widths
  lookVertical: 0.1,
  browUp: 0.09,
  browDown: 0.06,
  jawOpen: 0.4,
  jawSide: 0.12,
  jawForward: 0.1,
  lipOpen: 0.12,
  narrow: 0.3, // mouth width loss, fraction
  mouthSide: 0.1,
  smile: 0.06,
  frown: 0.045,
  stretch: 0.07,
  roll: 0.6, // lip thickness loss, fraction
  press: 0.45,
  upperUp: 0.05,
  lowerDown: 0.05,
  cheekPuff: 0.12, // cheek width gain, fraction
  cheekSquint: 0.04,
  sneer: 0.03,
};
export type ShapeRanges = typeof SHAPE_RANGES;

/**
 * How far the chin drops per unit of the lips' gap on a wide-open mouth: 0.58–0.69 on the wide
 * "oh"s of the labelled frames (fixtures/labelled-frames.json, tuning set): the lips part further
 * than the chin drops.
 */
export const JAW_PER_LIP_GAP = 0.6;

export function measureFace(face: FaceFrame): FaceMeasurement {
  const camera = { aspect: face.aspect, focalLength: face.focalLength };
  const frame = headFrame(face.landmarks, { ...camera, matrix: face.matrix });
  const count = face.landmarks.length;
  const inHead = (i: number): Vec3 => toHead(frame, cameraPoint(face.landmarks[i]!, camera));
  // Heights are read from the nose bridge, not from the eye corners the head frame starts at: the
  // tracker draws the eye corners lower as the lids close (by up to 0.06 IOD on the labelled
  // frames), which read a blink as raised brows, cheeks and nostrils.
  const bridgeY = inHead(NOSE.bridge)[1];
  const p = (i: number): Vec3 => {
    const q = inHead(i);
    return [q[0], q[1] - bridgeY, q[2]];
  };
  const avg = (indices: readonly number[]): Vec3 => {
    let x = 0, y = 0, z = 0;
    for (const i of indices) {
      const q = p(i);
      x += q[0];
      y += q[1];
      z += q[2];
    }
    return [x / indices.length, y / indices.length, z / indices.length];
  };

  const eye = (e: EyeIndices) => {
    const outer = p(e.outer);
    const inner = p(e.inner);
    const center = mid(outer, inner);
    const width = length(sub(outer, inner));
    const upper = avg(e.upperMid);
    const lower = avg(e.lowerMid);
    // Without the iris points (a 468-point mesh) the gaze reads as straight ahead.
    const iris = count > e.irisCenter ? avg([e.irisCenter, ...e.irisRing]) : center;
    return {
      upper: (upper[1] - center[1]) / width,
      lower: (center[1] - lower[1]) / width,
      irisX: (iris[0] - center[0]) / width,
      irisY: (iris[1] - center[1]) / width,
    };
  };
  const left = eye(EYE.left);
  const right = eye(EYE.right);

  // Brow heights above the nose bridge (see bridgeY).
  const brow = (b: typeof BROW.left) => {
    const inner = avg(b.inner);
    return { inner: inner[1], innerX: Math.abs(inner[0]), outer: avg(b.outer)[1] };
  };
  const browL = brow(BROW.left);
  const browR = brow(BROW.right);

  const chin = p(CHIN);
  const cornerL = p(LIPS.cornerLeft);
  const cornerR = p(LIPS.cornerRight);
  const upperInner = p(LIPS.upperInnerCenter);
  const lowerInner = p(LIPS.lowerInnerCenter);
  const upperOuter = p(LIPS.upperOuterCenter);
  const lowerOuter = p(LIPS.lowerOuterCenter);
  // Corners are read against the middle of the mouth opening, which the jaw moves as much as it
  // moves the corners, so opening the mouth is not read as a frown.
  const mouthMidY = (upperInner[1] + lowerInner[1]) / 2;
  let gap = 0;
  for (const [u, l] of LIPS.gapPairs) gap += p(u)[1] - p(l)[1];
  gap /= LIPS.gapPairs.length;
  const sideThickness = (side: "left" | "right"): number => {
    const up = LIPS.upperSide[side];
    const low = LIPS.lowerSide[side];
    return p(up.outer)[1] - p(up.inner)[1] + (p(low.inner)[1] - p(low.outer)[1]);
  };
  // The lips' midline: corners are read from it, so moving the whole mouth sideways is not a stretch.
  const midlineX = (upperInner[0] + lowerInner[0] + upperOuter[0] + lowerOuter[0]) / 4;
  const cheekContour = [...CHEEK.left.contour, ...CHEEK.right.contour];

  const measures: FaceMeasures = {
    eyeUpperLeft: left.upper,
    eyeUpperRight: right.upper,
    eyeLowerLeft: left.lower,
    eyeLowerRight: right.lower,
    irisXLeft: left.irisX,
    irisXRight: right.irisX,
    irisYLeft: left.irisY,
    irisYRight: right.irisY,
    browInnerLeft: browL.inner,
    browInnerRight: browR.inner,
    browInnerXLeft: browL.innerX,
    browInnerXRight: browR.innerX,
    browOuterLeft: browL.outer,
    browOuterRight: browR.outer,
    jawDrop: -chin[1],
    jawX: chin[0],
    jawZ: chin[2],
    lipGap: gap,
    mouthWidth: length(sub(cornerL, cornerR)),
    // The jaw carries the lower lip: a sideways jaw is jawLeft/Right, not the mouth moving.
    mouthX: midlineX - chin[0] / 2,
    cornerUpLeft: cornerL[1] - mouthMidY,
    cornerUpRight: cornerR[1] - mouthMidY,
    cornerOutLeft: cornerL[0] - midlineX,
    cornerOutRight: midlineX - cornerR[0],
    upperLipThickness: upperOuter[1] - upperInner[1],
    lowerLipThickness: lowerInner[1] - lowerOuter[1],
    lipSideThicknessLeft: sideThickness("left"),
    lipSideThicknessRight: sideThickness("right"),
    upperLipLeft: p(LIPS.upperLateral.left)[1],
    upperLipRight: p(LIPS.upperLateral.right)[1],
    lowerLipToChinLeft: sagittalDistance(p(LIPS.lowerSide.left.outer), chin),
    lowerLipToChinRight: sagittalDistance(p(LIPS.lowerSide.right.outer), chin),
    cheekLeft: avg(CHEEK.left.raise)[1],
    cheekRight: avg(CHEEK.right.raise)[1],
    cheekWidth: cheekContour.reduce((sum, i) => sum + Math.abs(p(i)[0]), 0) / cheekContour.length,
    noseLeft: avg(NOSE.alaLeft)[1],
    noseRight: avg(NOSE.alaRight)[1],
  };
  return { measures, pose: frame.pose, frame };
}

/**
 * Distance seen from the side (y and z only): the jaw turns the lower lip and chin together about
 * a sideways axis, which keeps it, and the mouth sliding sideways does not change it.
 */
function sagittalDistance(a: Vec3, b: Vec3): number {
  return Math.hypot(a[1] - b[1], a[2] - b[2]);
}

const clamp01 = (v: number): number => (Number.isFinite(v) ? Math.max(0, Math.min(1, v)) : 0);
const finite = (v: number): number => (Number.isFinite(v) ? v : -Infinity);

/** The 52 ARKit coefficients from measurements and a neutral face (all 0 at the neutral face). */
export function solveCoefficients(m: FaceMeasures, neutral: FaceMeasures = TYPICAL_NEUTRAL, ranges: ShapeRanges = SHAPE_RANGES): BlendshapeCoefficients {
  const out = Object.fromEntries(ARKIT_BLENDSHAPES.map((name) => [name, 0])) as BlendshapeCoefficients;
  const d = (name: MeasureName): number => m[name] - neutral[name];
  const ratio = (name: MeasureName): number => (neutral[name] !== 0 ? m[name] / neutral[name] : 1);

  for (const side of ["Left", "Right"] as const) {
    const upper = `eyeUpper${side}` as const;
    const lower = `eyeLower${side}` as const;
    const opening = Math.max(1e-6, neutral[upper] + neutral[lower]);
    out[`eyeBlink${side}`] = clamp01(-d(upper) / (ranges.blink * opening));
    out[`eyeWide${side}`] = clamp01((ratio(upper) - 1) / ranges.wide);
    out[`eyeSquint${side}`] = clamp01((1 - ratio(lower)) / ranges.squint);

    // +x is the person's left: for the left eye that is outwards, for the right eye inwards.
    const gazeX = d(`irisX${side}`) / ranges.lookHorizontal;
    const gazeY = d(`irisY${side}`) / ranges.lookVertical;
    out[`eyeLookOut${side}`] = clamp01(side === "Left" ? gazeX : -gazeX);
    out[`eyeLookIn${side}`] = clamp01(side === "Left" ? -gazeX : gazeX);
    out[`eyeLookUp${side}`] = clamp01(gazeY);
    out[`eyeLookDown${side}`] = clamp01(-gazeY);

    out[`browOuterUp${side}`] = clamp01(d(`browOuter${side}`) / ranges.browUp);
    // Lowered brows also draw together (corrugator): both count.
    out[`browDown${side}`] = clamp01((-d(`browInner${side}`) - 0.5 * d(`browInnerX${side}`)) / ranges.browDown);

    const up = d(`cornerUp${side}`);
    // A smile (AU12) pulls the corner up and out, on real faces at least as far out as up. A corner
    // that only rises is the mouth opening under it (talking, a gasp): the middle of the opening
    // drops faster than the corners do, which reads as a rise (up to half a full smile while talking
    // on the labelled frames).
    out[`mouthSmile${side}`] = clamp01(Math.min(up, d(`cornerOut${side}`)) / ranges.smile);
    out[`mouthFrown${side}`] = clamp01(-up / ranges.frown);
    out[`mouthStretch${side}`] = clamp01((d(`cornerOut${side}`) - Math.max(0, up)) / ranges.stretch);
    out[`mouthUpperUp${side}`] = clamp01(d(`upperLip${side}`) / ranges.upperUp);
    out[`mouthLowerDown${side}`] = clamp01(-d(`lowerLipToChin${side}`) / ranges.lowerDown);
    out[`cheekSquint${side}`] = clamp01(d(`cheek${side}`) / ranges.cheekSquint);
    out[`noseSneer${side}`] = clamp01(d(`nose${side}`) / ranges.sneer);
  }
  out.browInnerUp = clamp01((d("browInnerLeft") + d("browInnerRight")) / 2 / ranges.browUp);

  // The chin is the mesh's least steady point (a hand on it, or a nod, moves it by up to 0.07 IOD
  // at rest, and talking lips part with it barely moving); the lips' gap is its steadiest. The
  // jaw reads the larger of the chin's drop and the gap on the chin's scale (`JAW_PER_LIP_GAP`), so
  // a speaking or laughing mouth opens the avatar's too.
  const jaw = Math.max(d("jawDrop"), JAW_PER_LIP_GAP * finite(d("lipGap")));
  out.jawOpen = clamp01(jaw / ranges.jawOpen);
  out.jawLeft = clamp01(d("jawX") / ranges.jawSide);
  out.jawRight = clamp01(-d("jawX") / ranges.jawSide);
  out.jawForward = clamp01(d("jawZ") / ranges.jawForward);

  const lipOpen = clamp01(d("lipGap") / ranges.lipOpen);
  // Lips that stay together while the jaw drops: ARKit's mouthClose rides on jawOpen.
  out.mouthClose = clamp01((jaw - Math.max(0, d("lipGap"))) / ranges.jawOpen);
  const narrow = clamp01((1 - ratio("mouthWidth")) / ranges.narrow);
  out.mouthPucker = narrow * (1 - lipOpen);
  out.mouthFunnel = narrow * lipOpen;
  out.mouthLeft = clamp01(d("mouthX") / ranges.mouthSide);
  out.mouthRight = clamp01(-d("mouthX") / ranges.mouthSide);
  out.mouthRollUpper = clamp01((1 - ratio("upperLipThickness")) / ranges.roll);
  out.mouthRollLower = clamp01((1 - ratio("lowerLipThickness")) / ranges.roll);
  const closed = 1 - lipOpen;
  out.mouthPressLeft = clamp01((1 - ratio("lipSideThicknessLeft")) / ranges.press) * closed;
  out.mouthPressRight = clamp01((1 - ratio("lipSideThicknessRight")) / ranges.press) * closed;
  out.cheekPuff = clamp01((ratio("cheekWidth") - 1) / ranges.cheekPuff) * closed;
  return out;
}

/**
 * Measures and solves frames for one person: holds their neutral face (a typical one until
 * `setNeutral`) and reports the head pose relative to where they looked during calibration.
 */
export class FaceSolver {
  private neutral: Neutral;
  private readonly ranges: ShapeRanges;

  constructor(options: { neutral?: Neutral | null; ranges?: Partial<ShapeRanges> } = {}) {
    this.neutral = options.neutral ?? { measures: TYPICAL_NEUTRAL };
    this.ranges = { ...SHAPE_RANGES, ...options.ranges };
  }

  /** A calibrated neutral (from `NeutralCalibration.neutral()`), or null for the typical face. */
  setNeutral(neutral: Neutral | null): void {
    this.neutral = neutral ?? { measures: TYPICAL_NEUTRAL };
  }

  get calibrated(): boolean {
    return this.neutral.measures !== TYPICAL_NEUTRAL;
  }

  solve(face: FaceFrame): SolvedFace {
    const { measures, pose } = measureFace(face);
    return {
      coefficients: solveCoefficients(measures, this.neutral.measures, this.ranges),
      pose: this.neutral.pose ? relativePose(pose, this.neutral.pose) : pose,
      measures,
    };
  }
}
