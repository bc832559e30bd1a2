import { AvatarParams } from "./avatar-params.ts";
import { BRAND_BLAZER } from "./avatar-params.ts";

/** Named looks for demos, the studio and tests: mixed genders, ages and skin tones; two agents. */
export const PRESETS = {
  ava: AvatarParams.parse({
    skinTone: "#e0ac86", hairStyle: "bun", hairColor: "#3b2418", eyeColor: "#5f7f4a", bodyShape: "curvy", height: 1.66,
    outfit: "uniform", topColor: BRAND_BLAZER, bottomColor: "#1c2333", badgeText: "Ava",
  }),
  marcus: AvatarParams.parse({
    skinTone: "#7a4b32", hairStyle: "short", hairColor: "#141010", eyeColor: "#3b2616", bodyShape: "broad", height: 1.84,
    outfit: "uniform", topColor: BRAND_BLAZER, bottomColor: "#1c2333", badgeText: "Marcus",
  }),
  lena: AvatarParams.parse({
    skinTone: "#f6d5bd", hairStyle: "long", hairColor: "#c49a5a", eyeColor: "#4e7a9c", bodyShape: "slim", height: 1.68,
    outfit: "casual", casualTop: "tshirt", topColor: "#2f8f83", bottomColor: "#3d5a80",
  }),
  kenji: AvatarParams.parse({
    skinTone: "#f1c7a5", hairStyle: "short", hairColor: "#1a1a1a", eyeColor: "#3b2616", bodyShape: "average", height: 1.74,
    outfit: "casual", casualTop: "hoodie", topColor: "#8d99ae", bottomColor: "#2d3142",
  }),
  amara: AvatarParams.parse({
    skinTone: "#5c3a26", hairStyle: "bob", hairColor: "#120c0a", eyeColor: "#3b2616", bodyShape: "curvy", height: 1.65,
    outfit: "casual", casualTop: "tshirt", topColor: "#e0a030", bottomColor: "#3c3c3c",
  }),
  oliver: AvatarParams.parse({
    skinTone: "#f6d5bd", hairStyle: "buzz", hairColor: "#a4482a", eyeColor: "#5f7f4a", bodyShape: "broad", height: 1.8,
    outfit: "casual", casualTop: "hoodie", topColor: "#3f7d4f", bottomColor: "#4f5d75",
  }),
  sofia: AvatarParams.parse({
    skinTone: "#c68a62", hairStyle: "long", hairColor: "#2b1d14", eyeColor: "#5a3b22", bodyShape: "average", height: 1.63,
    outfit: "casual", casualTop: "tshirt", topColor: "#c2456e", bottomColor: "#34495e",
  }),
  walter: AvatarParams.parse({
    skinTone: "#e0ac86", hairStyle: "bald", hairColor: "#9a9a9a", eyeColor: "#4e7a9c", bodyShape: "average", height: 1.76,
    outfit: "casual", casualTop: "hoodie", topColor: "#2f4858", bottomColor: "#5b4636",
  }),
  priya: AvatarParams.parse({
    skinTone: "#a0694a", hairStyle: "bun", hairColor: "#1a1210", eyeColor: "#3b2616", bodyShape: "slim", height: 1.6,
    outfit: "casual", casualTop: "tshirt", topColor: "#8a4fb5", bottomColor: "#2d3142",
  }),
} satisfies Record<string, AvatarParams>;

export type PresetName = keyof typeof PRESETS;
export const PRESET_NAMES = Object.keys(PRESETS) as PresetName[];
