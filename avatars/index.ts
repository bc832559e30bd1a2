/** Public API of the avatar library (browser and Node). Node-only: `glb-disk-store.ts`. */
export { lookFor, type AvatarLook } from "./avatar-look.ts";
export { hashSeed, seededRandom } from "./seed-hash.ts";
export {
  AvatarParams, type AvatarParamsInput, BODY_SHAPES, BRAND_BLAZER, CASUAL_TOPS, EYE_COLORS, HAIR_COLORS, HAIR_STYLES,
  OUTFITS, SKIN_TONES, paramsFromSeed, staffParamsFromSeed, resolveAvatarParams,
} from "./avatar-params.ts";
export { ARKIT_BLENDSHAPES, FACE_MORPH_NAMES, OCULUS_VISEMES, type ArkitBlendshape, type FaceMorphName, type OculusViseme } from "./blendshape-names.ts";
export { BODY_MESH, HEAD_MESH, buildAvatar } from "./build-avatar.ts";
export { exportAvatarGlb } from "./export-glb.ts";
export { avatarGlbCache, avatarParamsKey, createAvatarGlbCache, GENERATOR_VERSION, type AvatarGlbCache, type GlbStore } from "./glb-cache.ts";
export { PRESETS, PRESET_NAMES, type PresetName } from "./presets.ts";
export { animateRig, rigBones, type RigBones, type RigState } from "./procedural-animation.ts";
export { BlinkSaccadeDriver, type EyeMorphWeights } from "./blink-saccade.ts";
export { BONE_NAMES, BONE_PARENTS, type BoneName } from "./skeleton-names.ts";
export { paramsForChoice, skinPositionOf, skinToneAt, slidersForChoice, type LookChoice, type LookSliders } from "./avatar-choice-params.ts";
export { AVATAR_GLB_LIMITS, REQUIRED_BONES, validateAvatarGlb, type AvatarGlbLimits, type AvatarGlbReport } from "./avatar-glb-validator.ts";
export { GlbFormatError, readGlb, writeGlb } from "./glb-container.ts";
