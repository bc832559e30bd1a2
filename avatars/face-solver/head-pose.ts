import { EYE, NOSE } from "./landmark-indices.ts";

/**
 * Where the head is and how it is turned, from one frame of face landmarks. The solver measures
 * the face in a head-aligned frame (turning and scaling the head must not read as an
 * expression), and the avatar's head and neck bones take the same rotation.
 *
 * Frames: a landmark is MediaPipe's normalised image point (x right over the image width, y down
 * over its height, z depth on x's scale, smaller = nearer the camera). It is first put in camera
 * space in units of the image height, from the image centre: X right, Y up, Z towards the camera
 * (OpenGL's camera frame, as MediaPipe's facial transformation matrix uses). The head frame is the canonical face
 * model's: X to the person's left, Y up, Z out of the face — the avatar's own frame (faces +Z,
 * its left is +X), so a rotation read here is the one to give the avatar's head.
 */
export interface Landmark {
  x: number;
  y: number;
  z: number;
}

/** Radians, as a three.js Euler in 'YXZ' order on a head that faces +Z. */
export interface HeadPose {
  /** > 0: the person turns towards their own left. */
  yaw: number;
  /** > 0: the person nods down. */
  pitch: number;
  /** > 0: the person tilts their head towards their right shoulder. */
  roll: number;
}

export type Vec3 = readonly [number, number, number];
/** Row-major 3×3; its columns are the head's axes in camera space. */
export type Mat3 = readonly [number, number, number, number, number, number, number, number, number];

export interface HeadFrame {
  /** Head rotation, head → camera. */
  rotation: Mat3;
  /** Midpoint between the eye centres, camera space. */
  origin: Vec3;
  /** Distance between the eye centres (inter-ocular distance), camera units: the face's size. */
  scale: number;
  pose: HeadPose;
  /** Where the rotation came from. */
  source: "matrix" | "landmarks";
}

/**
 * The nose line from the subnasale to the bridge (2 → 168) leans back from the face's vertical by
 * atan(0.822 / 5.360) on MediaPipe's canonical face model; the landmark frame is built on it, so
 * this much is turned back to match the matrix's frame.
 */
const NOSE_LINE_LEAN = Math.atan2(0.822252, 5.360051);

/**
 * A typical laptop camera's focal length in image heights (about 45° of vertical field of view).
 * Used to undo perspective; `Infinity` turns that off.
 */
export const DEFAULT_FOCAL_LENGTH = 1.2;

export interface CameraOptions {
  /** Image width / height: landmarks are normalised to each separately. Default 1. */
  aspect?: number;
  /** The camera's focal length in image heights (0.5 / tan(vertical FOV / 2)). Default `DEFAULT_FOCAL_LENGTH`. */
  focalLength?: number;
}

/**
 * A landmark in camera space, in units of the image height at the face's depth. Perspective is
 * undone: at 50 cm the nose tip is ~10 % nearer than the cheeks and looks that much bigger, and a
 * turned head would otherwise read as a changed face. A point `Z` nearer than the face's reference
 * depth `D` shows `D / (D − Z)` times too far from the image centre, and `Z / D` is the landmark's
 * own depth over the focal length (MediaPipe's z is in image units at the face's scale).
 */
export function cameraPoint(l: Landmark, options: CameraOptions = {}): Vec3 {
  const aspect = options.aspect ?? 1;
  const focal = options.focalLength ?? DEFAULT_FOCAL_LENGTH;
  const z = -l.z * aspect;
  const k = Number.isFinite(focal) && focal > 0 ? 1 - z / focal : 1;
  return [(l.x - 0.5) * aspect * k, (0.5 - l.y) * k, z];
}

/**
 * The head frame of one landmark frame. With MediaPipe's facial transformation matrix (4×4,
 * column-major, as `FaceLandmarkerResult.facialTransformationMatrixes[i].data`) the rotation is
 * the matrix's; without it, it is built from rigid landmarks: the line between the eyes and the
 * nose from its bridge to its base.
 */
export function headFrame(landmarks: ArrayLike<Landmark>, options: CameraOptions & { matrix?: ArrayLike<number> | null } = {}): HeadFrame {
  const at = (i: number): Vec3 => {
    const l = landmarks[i];
    if (!l) throw new Error(`face landmarks: point ${i} is missing (got ${landmarks.length})`);
    return cameraPoint(l, options);
  };
  const eyeRight = mid(at(EYE.right.outer), at(EYE.right.inner));
  const eyeLeft = mid(at(EYE.left.outer), at(EYE.left.inner));
  const origin = mid(eyeLeft, eyeRight);
  const scale = length(sub(eyeLeft, eyeRight));
  const fromMatrix = options.matrix && options.matrix.length >= 16 ? rotationFromMatrix(options.matrix) : null;
  const rotation = fromMatrix ?? rotationFromLandmarks(eyeLeft, eyeRight, at(NOSE.bridge), at(NOSE.base));
  return { rotation, origin, scale, pose: poseFromRotation(rotation), source: fromMatrix ? "matrix" : "landmarks" };
}

/** A camera-space point in the head frame, in inter-ocular distances. */
export function toHead(frame: HeadFrame, p: Vec3): Vec3 {
  const d = sub(p, frame.origin);
  const r = frame.rotation;
  // Rᵀ·d: the rotation is orthonormal, so its transpose undoes it.
  return [
    (r[0] * d[0] + r[3] * d[1] + r[6] * d[2]) / frame.scale,
    (r[1] * d[0] + r[4] * d[1] + r[7] * d[2]) / frame.scale,
    (r[2] * d[0] + r[5] * d[1] + r[8] * d[2]) / frame.scale,
  ];
}

/** The rotation part of a 4×4 column-major transform, scale removed (MediaPipe's matrix may carry the face's size). */
export function rotationFromMatrix(m: ArrayLike<number>): Mat3 | null {
  const col = (c: number): Vec3 => [m[c * 4]!, m[c * 4 + 1]!, m[c * 4 + 2]!];
  const x = normalize(col(0));
  const yRaw = col(1);
  if (!x || !finite(yRaw)) return null;
  // Gram-Schmidt, so a slightly sheared matrix still gives a rotation.
  const y = normalize(sub(yRaw, scaleVec(x, dot(yRaw, x))));
  if (!y) return null;
  return fromColumns(x, y, cross(x, y));
}

function rotationFromLandmarks(eyeLeft: Vec3, eyeRight: Vec3, bridge: Vec3, base: Vec3): Mat3 {
  const x = normalize(sub(eyeLeft, eyeRight)) ?? ([1, 0, 0] as Vec3);
  const up = sub(bridge, base);
  const z = normalize(cross(x, up)) ?? ([0, 0, 1] as Vec3);
  const y = cross(z, x);
  // The nose frame is the head frame turned back by the nose's lean: undo it (F · Rx(lean)).
  const c = Math.cos(NOSE_LINE_LEAN);
  const s = Math.sin(NOSE_LINE_LEAN);
  const y2: Vec3 = [y[0] * c + z[0] * s, y[1] * c + z[1] * s, y[2] * c + z[2] * s];
  const z2: Vec3 = [z[0] * c - y[0] * s, z[1] * c - y[1] * s, z[2] * c - y[2] * s];
  return fromColumns(x, y2, z2);
}

/** Euler 'YXZ' of a rotation (the decomposition three.js uses for that order). */
export function poseFromRotation(r: Mat3): HeadPose {
  const m23 = Math.max(-1, Math.min(1, r[5]));
  const pitch = Math.asin(-m23);
  if (Math.abs(m23) < 0.9999999) return { yaw: Math.atan2(r[2], r[8]), pitch, roll: Math.atan2(r[3], r[4]) };
  return { yaw: Math.atan2(-r[6], r[0]), pitch, roll: 0 };
}

/** The rotation of a pose (Ry(yaw)·Rx(pitch)·Rz(roll)); the inverse of `poseFromRotation`. */
export function rotationFromPose({ yaw, pitch, roll }: HeadPose): Mat3 {
  const [a, b] = [Math.cos(pitch), Math.sin(pitch)];
  const [c, d] = [Math.cos(yaw), Math.sin(yaw)];
  const [e, f] = [Math.cos(roll), Math.sin(roll)];
  const ce = c * e, cf = c * f, de = d * e, df = d * f;
  return [
    ce + df * b, de * b - cf, a * d,
    a * f, a * e, -b,
    cf * b - de, df + ce * b, a * c,
  ];
}

/**
 * Shares one head rotation between the neck and head bones, so the turn bends the neck as well
 * rather than pivoting the skull alone. Both are local rotations: the neck's, then the head's
 * under it.
 */
export function splitHeadNeck(pose: HeadPose, neckShare = 0.4): { neck: HeadPose; head: HeadPose } {
  const part = (k: number): HeadPose => ({ yaw: pose.yaw * k, pitch: pose.pitch * k, roll: pose.roll * k });
  return { neck: part(neckShare), head: part(1 - neckShare) };
}

/** `pose` relative to a calibrated straight-ahead pose (where the person looked at the camera). */
export function relativePose(pose: HeadPose, neutral: HeadPose): HeadPose {
  return { yaw: wrap(pose.yaw - neutral.yaw), pitch: wrap(pose.pitch - neutral.pitch), roll: wrap(pose.roll - neutral.roll) };
}

function wrap(a: number): number {
  return Math.atan2(Math.sin(a), Math.cos(a));
}

function fromColumns(x: Vec3, y: Vec3, z: Vec3): Mat3 {
  return [x[0], y[0], z[0], x[1], y[1], z[1], x[2], y[2], z[2]];
}

export function sub(a: Vec3, b: Vec3): Vec3 {
  return [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
}

export function mid(a: Vec3, b: Vec3): Vec3 {
  return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2, (a[2] + b[2]) / 2];
}

export function length(a: Vec3): number {
  return Math.hypot(a[0], a[1], a[2]);
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function scaleVec(a: Vec3, k: number): Vec3 {
  return [a[0] * k, a[1] * k, a[2] * k];
}

function finite(a: Vec3): boolean {
  return Number.isFinite(a[0]) && Number.isFinite(a[1]) && Number.isFinite(a[2]);
}

function normalize(a: Vec3): Vec3 | null {
  const n = length(a);
  return n > 1e-12 && Number.isFinite(n) ? scaleVec(a, 1 / n) : null;
}
