import { z } from "zod";
import { lookFor } from "./avatar-look.ts";
import { hashSeed } from "./seed-hash.ts";

/**
 * What a generated avatar is made of. Every field is an explicit choice so a saved avatar
 * regenerates identically; `paramsFromSeed` fills them all from a visitor id.
 */
const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "expected a colour like #a1b2c3");

export const HAIR_STYLES = ["short", "bob", "long", "bun", "buzz", "bald"] as const;
export const BODY_SHAPES = ["slim", "average", "broad", "curvy"] as const;
export const OUTFITS = ["casual", "uniform"] as const;
export const CASUAL_TOPS = ["tshirt", "hoodie"] as const;

export const AvatarParams = z
  .object({
    skinTone: hexColor,
    hairStyle: z.enum(HAIR_STYLES),
    hairColor: hexColor,
    eyeColor: hexColor.default("#5a3b22"),
    bodyShape: z.enum(BODY_SHAPES),
    /** Standing height in metres (top of the head). */
    height: z.number().min(1.45).max(2.05),
    outfit: z.enum(OUTFITS),
    /** Casual wear only: the agent uniform is always a blazer. */
    casualTop: z.enum(CASUAL_TOPS).default("tshirt"),
    topColor: hexColor,
    bottomColor: hexColor,
    /** Agents only; stored as `extras.badgeText` on the badge so the hall can draw the name. */
    badgeText: z.string().trim().min(1).max(32).optional(),
  })
  .strict();

export type AvatarParams = z.output<typeof AvatarParams>;
export type AvatarParamsInput = z.input<typeof AvatarParams>;

export const SKIN_TONES = ["#f6d5bd", "#f1c7a5", "#e0ac86", "#c68a62", "#a0694a", "#7a4b32", "#5c3a26"] as const;
export const HAIR_COLORS = ["#2b1d14", "#4a3020", "#7b5230", "#c49a5a", "#1a1a1a", "#8c8c8c", "#a4482a"] as const;
export const EYE_COLORS = ["#5a3b22", "#3b2616", "#4e7a9c", "#5f7f4a", "#7a6a45"] as const;
/** The brand colour of agent uniforms. */
export const BRAND_BLAZER = "#1f3a68";

/**
 * Deterministic params for a visitor. Colours and height come from `lookFor` so the hall's
 * simple figures and the generated avatar of the same visitor agree.
 */
export function paramsFromSeed(seed: string): AvatarParams {
  const look = lookFor(seed);
  const h = hashSeed(`avatar:${seed}`);
  const pick = <T>(list: readonly T[], shift: number): T => list[(h >>> shift) % list.length]!;
  return AvatarParams.parse({
    skinTone: look.skin,
    hairStyle: pick(HAIR_STYLES, 0),
    hairColor: look.hair,
    eyeColor: pick(EYE_COLORS, 4),
    bodyShape: pick(BODY_SHAPES, 8),
    height: Math.round(look.height * 100) / 100,
    outfit: "casual",
    casualTop: pick(CASUAL_TOPS, 12),
    topColor: look.top,
    bottomColor: look.bottom,
  });
}

/**
 * A staff member's digital human when they chose no look: their seeded person in the brand's
 * uniform with their name on the badge, so customers can tell staff from visitors at a glance.
 */
export function staffParamsFromSeed(seed: string, name: string): AvatarParams {
  return AvatarParams.parse({ ...paramsFromSeed(seed), outfit: "uniform", topColor: BRAND_BLAZER, bottomColor: "#1c2333", badgeText: name.slice(0, 32) });
}

/** Seeded defaults overridden by explicit choices, validated; throws a ZodError on bad input. */
export function resolveAvatarParams(input: { seed?: string } & Partial<AvatarParamsInput>): AvatarParams {
  const { seed, ...choices } = input;
  const base = paramsFromSeed(seed ?? "atrium");
  return AvatarParams.parse({ ...base, ...choices });
}
