import { Matrix4, Vector3 } from "three";
import { ARKIT_BLENDSHAPES, type ArkitBlendshape, type FaceMorphName, OCULUS_VISEMES, type OculusViseme } from "./blendshape-names.ts";
import { LID_BOTTOM, LID_TOP, type LidCoordinates, lidPoint, lowerLidEdge, upperLidEdge } from "./eye-geometry.ts";
import type { FaceVertex, HeadGeometry } from "./head-geometry.ts";
import { JAW_PIVOT, MOUTH } from "./head-shape.ts";
import { gauss2, smoothstep } from "./shape-math.ts";

/**
 * Authors every face morph target geometrically on the head mesh (head-local metres, relative
 * displacements). Lids slide along their shell, eyes and the jaw rotate rigidly, and the soft
 * parts (lips, cheeks, brows) move under smooth weight fields placed around landmarks of the
 * procedural head. Visemes are blends of the ARKit shapes, like a rigger would key them.
 */
export type MorphDeltas = Map<FaceMorphName, Float32Array>;

const JAW_OPEN_ANGLE = 0.3;

type Displacement = (i: number) => Vector3 | null;

export function computeFaceMorphs(head: HeadGeometry): MorphDeltas {
  const count = head.part.vertexCount;
  const positions = head.part.positions;
  const at = (i: number): Vector3 => new Vector3(positions[i * 3], positions[i * 3 + 1], positions[i * 3 + 2]);
  const rest = Array.from({ length: count }, (_, i) => at(i));
  const info = head.vertices;

  const build = (...parts: Displacement[]): Float32Array => {
    const out = new Float32Array(count * 3);
    for (let i = 0; i < count; i++) {
      for (const part of parts) {
        const d = part(i);
        if (!d) continue;
        out[i * 3]! += d.x;
        out[i * 3 + 1]! += d.y;
        out[i * 3 + 2]! += d.z;
      }
    }
    return out;
  };

  // --- weight fields for soft tissue, read at the vertex's lip anchor ---
  const soft = (v: FaceVertex): boolean => v.region === "skin" || v.region === "bag";
  const front = (q: Vector3): number => smoothstep(0.03, 0.07, q.z);
  const isLower = (q: Vector3, v: FaceVertex): boolean => v.lowerJaw || q.y < MOUTH.y - 1e-6;
  const upperLip = (q: Vector3, v: FaceVertex): number =>
    isLower(q, v) ? 0 : gauss2(q.x, q.y - MOUTH.y - 0.003, 0.02, 0.0075) * front(q);
  const lowerLip = (q: Vector3, v: FaceVertex): number =>
    isLower(q, v) ? gauss2(q.x, q.y - MOUTH.y + 0.004, 0.019, 0.0085) * front(q) : 0;
  const corner = (q: Vector3, side: number): number => gauss2(q.x - side * MOUTH.cornerX, q.y - MOUTH.y, 0.011, 0.011) * front(q);
  const sideOf = (q: Vector3, side: number): number => smoothstep(-0.4 * MOUTH.cornerX, MOUTH.cornerX, side * q.x);

  /** A soft displacement: weight × vector, applied to skin and (following its lip) mouth bag. */
  const softMove = (weight: (q: Vector3, v: FaceVertex) => number, vector: (q: Vector3) => Vector3): Displacement => (i) => {
    const v = info[i]!;
    if (!soft(v)) return null;
    const q = rest[v.anchor]!;
    const w = weight(q, info[v.anchor]!) * v.follow;
    return w > 1e-5 ? vector(q).multiplyScalar(w) : null;
  };
  const constant = (x: number, y: number, z: number) => (): Vector3 => new Vector3(x, y, z);

  // --- the jaw: a rigid rotation/translation with a weight that is 1 on the lower jaw ---
  const jawWeight = (i: number): number => {
    const v = info[i]!;
    if (v.region === "teeth" || v.region === "tongue") return v.lowerJaw ? 1 : 0;
    if (!soft(v)) return 0;
    const q = rest[v.anchor]!;
    const lower = isLower(q, info[v.anchor]!);
    if (!lower) return 0;
    const below = info[v.anchor]!.lowerJaw ? 0.001 : MOUTH.y - q.y;
    const ramp = 0.0006 + 0.022 * smoothstep(0.3 * MOUTH.cornerX, 1.4 * MOUTH.cornerX, Math.abs(q.x));
    const fromSlit = smoothstep(0, ramp, below);
    const sides = 1 - smoothstep(0.05, 0.074, Math.abs(q.x));
    const depth = smoothstep(-0.035, 0.02, q.z);
    return fromSlit * sides * depth;
  };
  const jawRotate = (angle: number): Displacement => {
    const m = new Matrix4().makeTranslation(JAW_PIVOT.x, JAW_PIVOT.y, JAW_PIVOT.z)
      .multiply(new Matrix4().makeRotationX(angle))
      .multiply(new Matrix4().makeTranslation(-JAW_PIVOT.x, -JAW_PIVOT.y, -JAW_PIVOT.z));
    return (i) => {
      const w = jawWeight(i);
      if (w === 0) return null;
      return rest[i]!.clone().applyMatrix4(m).sub(rest[i]!).multiplyScalar(w);
    };
  };
  const jawShift = (x: number, y: number, z: number): Displacement => (i) => {
    const w = jawWeight(i);
    return w === 0 ? null : new Vector3(x, y, z).multiplyScalar(w);
  };

  // --- eyes and lids ---
  const eyeOf = (side: number) => head.eyes[side === 1 ? 0 : 1];
  const eyeRotate = (side: number, axis: Vector3, angle: number): Displacement => {
    const eye = eyeOf(side);
    const m = new Matrix4().makeTranslation(eye.center.x, eye.center.y, eye.center.z)
      .multiply(new Matrix4().makeRotationAxis(axis, angle))
      .multiply(new Matrix4().makeTranslation(-eye.center.x, -eye.center.y, -eye.center.z));
    return (i) => {
      const v = info[i]!;
      if (v.region !== "eye" || v.side !== side) return null;
      return rest[i]!.clone().applyMatrix4(m).sub(rest[i]!);
    };
  };
  /** Moves lid vertices along the shell; `shift` gives the new elevation of the lid's edge. */
  const lidMove = (side: number, which: "upper" | "lower", shift: (k: LidCoordinates) => number): Displacement => (i) => {
    const v = info[i]!;
    if (v.region !== "lid" || v.side !== side || !v.lid || v.lid.upper !== (which === "upper")) return null;
    const k = v.lid;
    const s = side as 1 | -1;
    const edge = k.upper ? upperLidEdge(k.azimuth, s) : lowerLidEdge(k.azimuth, s);
    const far = k.upper ? LID_TOP : LID_BOTTOM;
    const reach = k.rigid ? 1 : Math.min(1, Math.max(0, (far - k.elevation) / (far - edge)));
    const eye = eyeOf(side);
    const moved = lidPoint(eye, k.azimuth, k.elevation + shift(k) * reach, k.radius);
    return moved.sub(lidPoint(eye, k.azimuth, k.elevation, k.radius));
  };
  const closeLine = (k: LidCoordinates, s: 1 | -1): number => {
    const up = upperLidEdge(k.azimuth, s);
    const low = lowerLidEdge(k.azimuth, s);
    return low + 0.3 * (up - low);
  };
  const blink = (side: 1 | -1): Displacement[] => [
    lidMove(side, "upper", (k) => closeLine(k, side) - upperLidEdge(k.azimuth, side)),
    lidMove(side, "lower", (k) => closeLine(k, side) - lowerLidEdge(k.azimuth, side)),
  ];
  const opening = (k: LidCoordinates, s: 1 | -1): number => upperLidEdge(k.azimuth, s) - lowerLidEdge(k.azimuth, s);

  // --- brows ---
  const browMove = (side: number, centerX: number, spread: number, vector: Vector3, skinShare = 0.7): Displacement => (i) => {
    const v = info[i]!;
    const q = rest[i]!;
    if (v.region === "brow" && v.side === side) return vector.clone().multiplyScalar(gauss2(q.x - side * centerX, 0, spread, 1));
    if (v.region !== "skin") return null;
    const w = gauss2(q.x - side * centerX, q.y - 0.03, spread, 0.012) * front(q) * skinShare;
    return w > 1e-5 ? vector.clone().multiplyScalar(w) : null;
  };

  const tongueOut: Displacement = (i) => {
    const v = info[i]!;
    if (v.region !== "tongue") return null;
    const reach = smoothstep(-0.03, 0.015, rest[i]!.z - head.mouthFrontZ + 0.02);
    return new Vector3(0, -0.002, 0.02).multiplyScalar(0.35 + 0.65 * reach);
  };

  const L = 1 as const;
  const R = -1 as const;
  const sides = { Left: L, Right: R } as const;
  const arkit = new Map<ArkitBlendshape, Float32Array>();
  for (const [suffix, s] of Object.entries(sides) as ["Left" | "Right", 1 | -1][]) {
    arkit.set(`eyeBlink${suffix}`, build(...blink(s)));
    arkit.set(`eyeLookDown${suffix}`, build(
      eyeRotate(s, new Vector3(1, 0, 0), 0.32),
      lidMove(s, "upper", (k) => -0.28 * opening(k, s)),
      lidMove(s, "lower", () => -0.05),
    ));
    arkit.set(`eyeLookUp${suffix}`, build(
      eyeRotate(s, new Vector3(1, 0, 0), -0.3),
      lidMove(s, "upper", () => 0.12),
      lidMove(s, "lower", () => 0.04),
    ));
    arkit.set(`eyeLookIn${suffix}`, build(eyeRotate(s, new Vector3(0, 1, 0), -s * 0.38)));
    arkit.set(`eyeLookOut${suffix}`, build(eyeRotate(s, new Vector3(0, 1, 0), s * 0.38)));
    arkit.set(`eyeSquint${suffix}`, build(
      lidMove(s, "lower", (k) => 0.42 * opening(k, s)),
      lidMove(s, "upper", (k) => -0.12 * opening(k, s)),
      softMove((q) => gauss2(q.x - s * 0.033, q.y + 0.02, 0.014, 0.009), constant(0, 0.0018, 0.001)),
    ));
    arkit.set(`eyeWide${suffix}`, build(lidMove(s, "upper", () => 0.2), lidMove(s, "lower", () => -0.06)));
    arkit.set(`mouthSmile${suffix}`, build(
      softMove((q) => corner(q, s), constant(s * 0.003, 0.0058, -0.0018)),
      softMove((q) => gauss2(q.x - s * 0.04, q.y + 0.03, 0.014, 0.013) * front(q), constant(0, 0.0026, 0.0016)),
    ));
    arkit.set(`mouthFrown${suffix}`, build(softMove((q) => corner(q, s), constant(s * 0.001, -0.0052, 0))));
    arkit.set(`mouthDimple${suffix}`, build(softMove((q) => corner(q, s), constant(s * 0.002, 0.001, -0.0032))));
    arkit.set(`mouthStretch${suffix}`, build(
      softMove((q) => corner(q, s), constant(s * 0.0052, -0.002, -0.001)),
      softMove((q, v) => lowerLip(q, v) * sideOf(q, s), constant(0, -0.0018, 0)),
    ));
    arkit.set(`mouthPress${suffix}`, build(
      softMove((q, v) => upperLip(q, v) * sideOf(q, s), constant(0, -0.0012, -0.0016)),
      softMove((q, v) => lowerLip(q, v) * sideOf(q, s), constant(0, 0.0014, -0.0016)),
    ));
    arkit.set(`mouthLowerDown${suffix}`, build(softMove((q, v) => lowerLip(q, v) * sideOf(q, s), constant(0, -0.0058, 0.0006))));
    arkit.set(`mouthUpperUp${suffix}`, build(softMove((q, v) => upperLip(q, v) * sideOf(q, s), constant(0, 0.0052, 0.0006))));
    arkit.set(`browDown${suffix}`, build(browMove(s, 0.026, 0.02, new Vector3(-s * 0.0018, -0.0045, 0.0008))));
    arkit.set(`browOuterUp${suffix}`, build(browMove(s, 0.05, 0.013, new Vector3(0, 0.0058, -0.0004))));
    arkit.set(`cheekSquint${suffix}`, build(
      softMove((q) => gauss2(q.x - s * 0.04, q.y + 0.018, 0.014, 0.011), constant(0, 0.0032, 0.0015)),
      lidMove(s, "lower", (k) => 0.15 * opening(k, s)),
    ));
    arkit.set(`noseSneer${suffix}`, build(
      softMove((q) => gauss2(q.x - s * 0.011, q.y + 0.028, 0.008, 0.011) * front(q), constant(0, 0.0032, 0.0004)),
      softMove((q, v) => upperLip(q, v) * sideOf(q, s) * 0.6, constant(0, 0.002, 0)),
    ));
  }
  arkit.set("browInnerUp", build(
    browMove(1, 0.016, 0.012, new Vector3(0, 0.0062, -0.0004)),
    browMove(-1, 0.016, 0.012, new Vector3(0, 0.0062, -0.0004)),
  ));
  arkit.set("jawOpen", build(jawRotate(JAW_OPEN_ANGLE)));
  arkit.set("jawForward", build(jawShift(0, 0, 0.0045)));
  arkit.set("jawLeft", build(jawShift(0.005, 0, 0)));
  arkit.set("jawRight", build(jawShift(-0.005, 0, 0)));
  const lips = (q: Vector3, v: FaceVertex): number => upperLip(q, v) + lowerLip(q, v);
  arkit.set("mouthClose", build(
    softMove(lowerLip, constant(0, 0.0062, 0.0008)),
    softMove(upperLip, constant(0, -0.0018, 0)),
  ));
  arkit.set("mouthFunnel", build(
    softMove(lips, (q) => new Vector3(-0.3 * q.x, 0, 0.0042)),
    softMove(upperLip, constant(0, 0.0026, 0)),
    softMove(lowerLip, constant(0, -0.0032, 0)),
  ));
  arkit.set("mouthPucker", build(softMove(lips, (q) => new Vector3(-0.42 * q.x, 0, 0.0062))));
  arkit.set("mouthLeft", build(softMove((q) => gauss2(q.x, q.y - MOUTH.y, 0.03, 0.02) * front(q), constant(0.006, 0, 0))));
  arkit.set("mouthRight", build(softMove((q) => gauss2(q.x, q.y - MOUTH.y, 0.03, 0.02) * front(q), constant(-0.006, 0, 0))));
  arkit.set("mouthRollLower", build(softMove(lowerLip, constant(0, 0.0016, -0.0036))));
  arkit.set("mouthRollUpper", build(softMove(upperLip, constant(0, -0.0016, -0.0036))));
  arkit.set("mouthShrugLower", build(
    softMove(lowerLip, constant(0, 0.003, 0.0016)),
    softMove((q) => gauss2(q.x, q.y + 0.092, 0.018, 0.014) * front(q), constant(0, 0.002, 0.0012)),
  ));
  arkit.set("mouthShrugUpper", build(softMove(upperLip, constant(0, 0.003, 0.001))));
  arkit.set("cheekPuff", build(softMove(
    (q) => gauss2(Math.abs(q.x) - 0.046, q.y + 0.046, 0.018, 0.018) * front(q),
    (q) => new Vector3(Math.sign(q.x) * 0.0045, 0, 0.0055),
  )));
  arkit.set("tongueOut", build(tongueOut, jawRotate(0.07), softMove(lowerLip, constant(0, -0.002, 0))));

  const morphs: MorphDeltas = new Map();
  for (const name of ARKIT_BLENDSHAPES) morphs.set(name, arkit.get(name)!);
  for (const name of OCULUS_VISEMES) morphs.set(name, blend(count, VISEME_RECIPES[name], arkit));
  return morphs;
}

/** Each viseme as a mix of ARKit shapes (jaw, lip rounding, lip stretch, tongue). */
const VISEME_RECIPES: Record<OculusViseme, Partial<Record<ArkitBlendshape, number>>> = {
  viseme_sil: { mouthClose: 0.25, mouthRollLower: 0.15, mouthRollUpper: 0.15 },
  viseme_PP: { mouthPressLeft: 1, mouthPressRight: 1, mouthRollLower: 0.35, mouthRollUpper: 0.35 },
  viseme_FF: { mouthRollLower: 0.8, mouthUpperUpLeft: 0.3, mouthUpperUpRight: 0.3, jawOpen: 0.1 },
  viseme_TH: { jawOpen: 0.22, tongueOut: 0.45, mouthUpperUpLeft: 0.2, mouthUpperUpRight: 0.2 },
  viseme_DD: { jawOpen: 0.25, mouthStretchLeft: 0.3, mouthStretchRight: 0.3 },
  viseme_kk: { jawOpen: 0.32, mouthStretchLeft: 0.4, mouthStretchRight: 0.4 },
  viseme_CH: { mouthFunnel: 0.6, jawOpen: 0.15, mouthUpperUpLeft: 0.3, mouthUpperUpRight: 0.3 },
  viseme_SS: { mouthStretchLeft: 0.5, mouthStretchRight: 0.5, jawOpen: 0.1, mouthSmileLeft: 0.2, mouthSmileRight: 0.2 },
  viseme_nn: { jawOpen: 0.18, mouthStretchLeft: 0.25, mouthStretchRight: 0.25, mouthUpperUpLeft: 0.15, mouthUpperUpRight: 0.15 },
  viseme_RR: { mouthFunnel: 0.45, mouthPucker: 0.2, jawOpen: 0.2 },
  viseme_aa: { jawOpen: 0.7, mouthLowerDownLeft: 0.3, mouthLowerDownRight: 0.3 },
  viseme_E: { jawOpen: 0.35, mouthStretchLeft: 0.6, mouthStretchRight: 0.6, mouthSmileLeft: 0.2, mouthSmileRight: 0.2 },
  viseme_I: { jawOpen: 0.2, mouthStretchLeft: 0.5, mouthStretchRight: 0.5, mouthSmileLeft: 0.4, mouthSmileRight: 0.4 },
  viseme_O: { jawOpen: 0.45, mouthFunnel: 0.85 },
  viseme_U: { mouthPucker: 1, jawOpen: 0.15 },
};

function blend(count: number, recipe: Partial<Record<ArkitBlendshape, number>>, shapes: Map<ArkitBlendshape, Float32Array>): Float32Array {
  const out = new Float32Array(count * 3);
  for (const [name, weight] of Object.entries(recipe) as [ArkitBlendshape, number][]) {
    const shape = shapes.get(name)!;
    for (let i = 0; i < out.length; i++) out[i]! += shape[i]! * weight;
  }
  return out;
}
