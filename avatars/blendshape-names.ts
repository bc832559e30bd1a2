/**
 * The morph target names Ready Player Me avatars carry, in RPM's order. Face trackers (ARKit,
 * MediaPipe) speak the 52 ARKit names; lip-sync engines speak the 15 Oculus visemes. Everything
 * that drives a face looks targets up by these exact strings.
 */
export const ARKIT_BLENDSHAPES = [
  "eyeBlinkLeft", "eyeLookDownLeft", "eyeLookInLeft", "eyeLookOutLeft", "eyeLookUpLeft", "eyeSquintLeft", "eyeWideLeft",
  "eyeBlinkRight", "eyeLookDownRight", "eyeLookInRight", "eyeLookOutRight", "eyeLookUpRight", "eyeSquintRight", "eyeWideRight",
  "jawForward", "jawLeft", "jawRight", "jawOpen",
  "mouthClose", "mouthFunnel", "mouthPucker", "mouthLeft", "mouthRight",
  "mouthSmileLeft", "mouthSmileRight", "mouthFrownLeft", "mouthFrownRight",
  "mouthDimpleLeft", "mouthDimpleRight", "mouthStretchLeft", "mouthStretchRight",
  "mouthRollLower", "mouthRollUpper", "mouthShrugLower", "mouthShrugUpper",
  "mouthPressLeft", "mouthPressRight", "mouthLowerDownLeft", "mouthLowerDownRight",
  "mouthUpperUpLeft", "mouthUpperUpRight",
  "browDownLeft", "browDownRight", "browInnerUp", "browOuterUpLeft", "browOuterUpRight",
  "cheekPuff", "cheekSquintLeft", "cheekSquintRight", "noseSneerLeft", "noseSneerRight", "tongueOut",
] as const;

export const OCULUS_VISEMES = [
  "viseme_sil", "viseme_PP", "viseme_FF", "viseme_TH", "viseme_DD", "viseme_kk", "viseme_CH", "viseme_SS",
  "viseme_nn", "viseme_RR", "viseme_aa", "viseme_E", "viseme_I", "viseme_O", "viseme_U",
] as const;

export type ArkitBlendshape = (typeof ARKIT_BLENDSHAPES)[number];
export type OculusViseme = (typeof OCULUS_VISEMES)[number];
export type FaceMorphName = ArkitBlendshape | OculusViseme;

/** Every target on `Wolf3D_Head`, in the order of its morphTargetInfluences. */
export const FACE_MORPH_NAMES: readonly FaceMorphName[] = [...ARKIT_BLENDSHAPES, ...OCULUS_VISEMES];
