import { z } from "zod";

/**
 * How a visitor wants to look, chosen in the lobby and carried in the join options. Stored on
 * the visitor's state as canonical JSON text so that every client builds the same avatar:
 *
 *   {"v":1,"preset":"lena","skin":0.42,"height":1.71,"build":"slim","hair":"bob",
 *    "hairColor":"#4a3020","top":"hoodie","topColor":"#2f8f83"}   a generated look
 *   {"v":1,"upload":"<sha256 of the GLB, 64 lowercase hex>"}       the visitor's own GLB
 *   ""                                                             a look derived from visitorId
 *
 * A generated look is a preset plus optional overrides; a field left out keeps the preset's
 * value. The names here are the protocol's own (the app maps them to generator parameters in
 * `avatars/avatar-choice-params.ts`), so the server never needs the generator.
 */

export const AVATAR_CHOICE_VERSION = 1;

/** Visitor looks offered in the lobby: the casual presets (agent uniforms are not for visitors). */
export const AVATAR_CHOICE_PRESETS = ["lena", "kenji", "amara", "oliver", "sofia", "walter", "priya"] as const;
export const AVATAR_CHOICE_BUILDS = ["slim", "average", "broad", "curvy"] as const;
export const AVATAR_CHOICE_HAIR = ["short", "bob", "long", "bun", "buzz", "bald"] as const;
export const AVATAR_CHOICE_TOPS = ["tshirt", "hoodie"] as const;
/** Standing height range offered by the slider, metres. */
export const AVATAR_CHOICE_HEIGHT = { min: 1.5, max: 1.95 } as const;

const hexColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/)
  .transform((c) => c.toLowerCase());
/** Sliders are quantised to hundredths so the same look always encodes to the same text. */
const hundredths = (n: number): number => Math.round(n * 100) / 100;

export const GeneratedAvatarChoice = z
  .object({
    v: z.literal(AVATAR_CHOICE_VERSION),
    preset: z.enum(AVATAR_CHOICE_PRESETS),
    /** Position on the skin-tone ramp: 0 lightest, 1 darkest. */
    skin: z.number().finite().min(0).max(1).transform(hundredths).optional(),
    height: z.number().finite().min(AVATAR_CHOICE_HEIGHT.min).max(AVATAR_CHOICE_HEIGHT.max).transform(hundredths).optional(),
    build: z.enum(AVATAR_CHOICE_BUILDS).optional(),
    hair: z.enum(AVATAR_CHOICE_HAIR).optional(),
    hairColor: hexColor.optional(),
    top: z.enum(AVATAR_CHOICE_TOPS).optional(),
    topColor: hexColor.optional(),
  })
  .strict();

export const UploadedAvatarChoice = z
  .object({
    v: z.literal(AVATAR_CHOICE_VERSION),
    /** SHA-256 of the GLB stored by `POST /api/avatars`, served at `/api/avatars/<id>.glb`. */
    upload: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export const AvatarChoice = z.union([UploadedAvatarChoice, GeneratedAvatarChoice]);
export type AvatarChoice = z.output<typeof AvatarChoice>;
export type GeneratedAvatarChoice = z.output<typeof GeneratedAvatarChoice>;
export type UploadedAvatarChoice = z.output<typeof UploadedAvatarChoice>;
export type AvatarChoiceInput = z.input<typeof AvatarChoice>;

/** The wire form: bounded text, parsed only after the length check. */
export const AvatarChoiceText = z.string().max(512);

const GENERATED_KEYS = ["v", "preset", "skin", "height", "build", "hair", "hairColor", "top", "topColor"] as const;

export function isUploadedChoice(choice: AvatarChoice): choice is UploadedAvatarChoice {
  return "upload" in choice;
}

/** Canonical text: fixed key order, no absent fields, quantised numbers, lowercase colours. */
export function encodeAvatarChoice(input: AvatarChoiceInput): string {
  const choice = AvatarChoice.parse(input);
  if (isUploadedChoice(choice)) return JSON.stringify({ v: choice.v, upload: choice.upload });
  const ordered: Record<string, unknown> = {};
  for (const key of GENERATED_KEYS) if (choice[key] !== undefined) ordered[key] = choice[key];
  return JSON.stringify(ordered);
}

/** The choice in `text`, or undefined for "" and for anything malformed or unknown. */
export function parseAvatarChoice(text: unknown): AvatarChoice | undefined {
  const bounded = AvatarChoiceText.safeParse(text);
  if (!bounded.success || bounded.data === "") return undefined;
  let json: unknown;
  try {
    json = JSON.parse(bounded.data);
  } catch {
    return undefined;
  }
  const parsed = AvatarChoice.safeParse(json);
  return parsed.success ? parsed.data : undefined;
}

/** Never trust the client: anything that does not parse becomes "" (the default look). */
export function normalizeAvatarChoice(raw: unknown): string {
  const choice = parseAvatarChoice(raw);
  return choice ? encodeAvatarChoice(choice) : "";
}
