import { Vector3 } from "three";
import { gauss2, smoothstep } from "./shape-math.ts";

/**
 * The head as a radial function around the skull centre (head-local metres, +Z is the face,
 * origin at eye height). A radial function keeps every later step simple: the hair offsets
 * the bare skull, landmarks are found by ray marching, and the mesh is a warped UV sphere.
 */
const HALF_WIDTH = 0.079;
const TOP = 0.112;
const BOTTOM = 0.099;
const FRONT = 0.092;
const BACK = 0.1;

/** The mouth line and corners, shared by the sculpting, the slit and the morphs. */
export const MOUTH = { y: -0.05, cornerX: 0.0225 };

/** Height of the upper lip's red above the mouth line, over x: a cupid's bow over the philtrum. */
export function upperLipHeight(x: number): number {
  const xn = Math.abs(x) / (MOUTH.cornerX * 1.06);
  if (xn >= 1) return 0;
  return 0.0064 * (1 - xn * xn) ** 0.45 + 0.0011 * gauss2(Math.abs(x) - 0.0056, 0, 0.0032, 1) - 0.0009 * gauss2(x, 0, 0.0022, 1);
}

/** Height of the lower lip's red below the mouth line, over x: fuller than the upper. */
export function lowerLipHeight(x: number): number {
  const xn = Math.abs(x) / (MOUTH.cornerX * 1.02);
  if (xn >= 1) return 0;
  return 0.0094 * (1 - xn * xn) ** 0.6;
}

/**
 * The lips' volume (metres along the radial direction): each lip a rounded roll that meets the
 * other at the mouth line, ends in a definite border, and fades into the corners; with the
 * philtrum's two ridges above, the groove under the lower lip, and a pocket at each corner.
 */
function lipRelief(x: number, y: number): number {
  const ax = Math.abs(x);
  const dy = y - MOUTH.y;
  const fade = Math.max(0, 1 - (ax / (MOUTH.cornerX * 1.08)) ** 2) ** 0.7;
  let lips = 0;
  if (dy >= 0) {
    const h = Math.max(upperLipHeight(x), 0.0015);
    const t = dy / h;
    const roll = t < 1 ? 0.55 + 0.45 * Math.sin(Math.PI * t * 0.92) : 0.67 * (1 - smoothstep(1, 1.7, t));
    lips = 0.0036 * fade * roll;
  } else {
    const h = Math.max(lowerLipHeight(x), 0.0015);
    const t = -dy / h;
    const roll = t < 1 ? 0.5 + 0.5 * Math.sin(Math.PI * t * 0.95) : 0.54 * (1 - smoothstep(1, 1.5, t));
    lips = 0.0055 * fade * roll;
  }
  const philtrum = 0.0007 * gauss2(ax - 0.0048, 0, 0.0017, 1) * smoothstep(0.004, 0.008, dy) * (1 - smoothstep(0.011, 0.015, dy));
  const sulcus = -0.0014 * gauss2(x, dy + 0.0155, 0.014, 0.0032);
  const pockets = -0.0012 * gauss2(ax - MOUTH.cornerX, dy, 0.0032, 0.0035);
  return lips + philtrum + sulcus + pockets;
}

/** Skull without facial features: what hair sits on. */
export function skullRadius(d: Vector3): number {
  const lower = smoothstep(-0.1, -0.85, d.y);
  const ax = HALF_WIDTH * (1 - 0.17 * lower);
  const az = d.z >= 0 ? FRONT * (1 - 0.04 * lower) : BACK * (1 - 0.32 * lower);
  const ay = d.y >= 0 ? TOP : BOTTOM;
  const p = 2.6;
  const xz = ((Math.abs(d.x) / ax) ** p + (Math.abs(d.z) / az) ** p) ** (2 / p);
  return 1 / Math.sqrt(xz + (d.y / ay) ** 2);
}

/** Sculpted face relief (metres, along the radial direction) at a point of the bare skull. */
function faceRelief(p: Vector3): number {
  const front = smoothstep(0.03, 0.075, p.z);
  if (front === 0) return 0;
  const { x, y } = p;
  const ridgeT = smoothstep(0.004, -0.026, y);
  const ridge = (0.0018 + 0.008 * ridgeT) * gauss2(x, 0, 0.006 + 0.002 * ridgeT, 1) * smoothstep(0.012, 0.0, y) * smoothstep(-0.034, -0.024, y);
  const tip = 0.0105 * gauss2(x, y + 0.025, 0.009, 0.0072) + 0.0025 * gauss2(x, y + 0.0265, 0.0045, 0.004);
  const wings = 0.0046 * (gauss2(x - 0.0112, y + 0.0295, 0.005, 0.0042) + gauss2(x + 0.0112, y + 0.0295, 0.005, 0.0042));
  // The nostrils: hollows under the tip, either side of the columella.
  const nostrils = -0.0018 * (gauss2(x - 0.0068, y + 0.0335, 0.0024, 0.0018) + gauss2(x + 0.0068, y + 0.0335, 0.0024, 0.0018));
  const cheeks = 0.006 * (gauss2(x - 0.044, y + 0.027, 0.019, 0.017) + gauss2(x + 0.044, y + 0.027, 0.019, 0.017));
  // A chin that comes forward under the lips (a receding one reads as a beak in profile).
  const chin = 0.0095 * gauss2(x, y + 0.081, 0.019, 0.013);
  const muzzle = 0.0045 * gauss2(x, y - MOUTH.y + 0.005, 0.026, 0.022);
  // Brow ridge and upper cheeks come forward round the eyes, which sit in the face, not on it.
  const browRidge = 0.0038 * gauss2(Math.abs(x) - 0.03, y - 0.024, 0.022, 0.009);
  const underEyes = 0.0022 * gauss2(Math.abs(x) - 0.036, y + 0.017, 0.014, 0.007);
  return front * (ridge + tip + wings + nostrils + cheeks + chin + muzzle + lipRelief(x, y) + browRidge + underEyes);
}

export function headRadius(d: Vector3): number {
  const r = skullRadius(d);
  return r + faceRelief(d.clone().multiplyScalar(r));
}

export function directionAt(theta: number, phi: number): Vector3 {
  return new Vector3(Math.sin(phi) * Math.sin(theta), Math.cos(phi), Math.sin(phi) * Math.cos(theta));
}

export function headPoint(theta: number, phi: number): Vector3 {
  const d = directionAt(theta, phi);
  return d.multiplyScalar(headRadius(d));
}

/** Depth of the face surface in front of (x, y): bisection along +Z from the skull's mid-plane. */
export function faceSurfaceZ(x: number, y: number, radius: (d: Vector3) => number = headRadius): number {
  const inside = (z: number): boolean => {
    const q = new Vector3(x, y, z);
    const length = q.length();
    return length < radius(q.clone().divideScalar(length));
  };
  let lo = 0.001;
  let hi = 0.2;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (inside(mid)) lo = mid;
    else hi = mid;
  }
  return lo;
}

/** Polar angle of the row whose front vertex lies at height y (the mouth line). */
export function phiAtFrontHeight(y: number): number {
  let lo = 0.5;
  let hi = 2.8;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (headPoint(0, mid).y > y) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** Azimuth at which the row `phi` reaches x (the mouth corners). */
export function thetaAtX(phi: number, x: number): number {
  let lo = 0;
  let hi = 1.5;
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (headPoint(mid, phi).x < x) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface EyeLandmark {
  /** +1 for the avatar's left eye (+X), -1 for the right. */
  side: 1 | -1;
  center: Vector3;
  eyeRadius: number;
  lidRadius: number;
}

export const EYE_RADIUS = 0.0141;
export const LID_RADIUS = 0.0155;
export const EYE_X = 0.0325;
export const EYE_Y = 0.001;
/** How far the closed lid bulges in front of the sculpted face. */
const EYE_PROTRUSION = 0.0028;

export function eyeLandmark(side: 1 | -1): EyeLandmark {
  const z = faceSurfaceZ(side * EYE_X, EYE_Y) + EYE_PROTRUSION - LID_RADIUS;
  return { side, center: new Vector3(side * EYE_X, EYE_Y, z), eyeRadius: EYE_RADIUS, lidRadius: LID_RADIUS };
}

/** The point the jaw hinges around: just in front of the ears, a little above the mouth. */
export const JAW_PIVOT = new Vector3(0, -0.01, -0.012);
