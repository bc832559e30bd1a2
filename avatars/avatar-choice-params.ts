import { AvatarParams, type BODY_SHAPES, type CASUAL_TOPS, type HAIR_STYLES, SKIN_TONES } from "./avatar-params.ts";
import { PRESETS, type PresetName } from "./presets.ts";

/**
 * A look picked in the lobby: a preset plus slider overrides. Structurally the protocol's
 * `GeneratedAvatarChoice` (game-server/protocol/avatar-choice.ts), restated here so this pure
 * library does not depend on the server's protocol; the app passes one straight in.
 */
export interface LookChoice {
  preset: string;
  /** 0 lightest … 1 darkest, along `SKIN_TONES`. */
  skin?: number;
  height?: number;
  build?: (typeof BODY_SHAPES)[number];
  hair?: (typeof HAIR_STYLES)[number];
  hairColor?: string;
  top?: (typeof CASUAL_TOPS)[number];
  topColor?: string;
}

/** What the sliders show for a choice: the preset's values where the visitor changed nothing. */
export type LookSliders = Required<Omit<LookChoice, "preset">>;

export function isPresetName(name: string): name is PresetName {
  return Object.hasOwn(PRESETS, name);
}

/** The colour at `t` (0…1) on the skin ramp, linearly blended between neighbouring tones. */
export function skinToneAt(t: number): string {
  const ramp = SKIN_TONES;
  const x = Math.min(1, Math.max(0, t)) * (ramp.length - 1);
  const i = Math.min(ramp.length - 2, Math.floor(x));
  const f = x - i;
  const a = rgb(ramp[i]!);
  const b = rgb(ramp[i + 1]!);
  return hex(a.map((c, k) => c + (b[k]! - c) * f) as [number, number, number]);
}

/** Where on the skin ramp a colour sits (nearest sample, hundredths), for a preset's slider. */
export function skinPositionOf(color: string): number {
  const target = rgb(color);
  let best = 0;
  let bestDistance = Infinity;
  for (let step = 0; step <= 100; step++) {
    const c = rgb(skinToneAt(step / 100));
    const d = (c[0] - target[0]) ** 2 + (c[1] - target[1]) ** 2 + (c[2] - target[2]) ** 2;
    if (d < bestDistance) {
      bestDistance = d;
      best = step / 100;
    }
  }
  return best;
}

/** The sliders' values for a choice (preset values under the overrides). Throws on an unknown preset. */
export function slidersForChoice(choice: LookChoice): LookSliders {
  const base = presetOf(choice.preset);
  return {
    skin: choice.skin ?? skinPositionOf(base.skinTone),
    height: choice.height ?? base.height,
    build: choice.build ?? base.bodyShape,
    hair: choice.hair ?? base.hairStyle,
    hairColor: choice.hairColor ?? base.hairColor,
    top: choice.top ?? base.casualTop,
    topColor: choice.topColor ?? base.topColor,
  };
}

/**
 * Generator params for a lobby choice. Visitors always wear casual clothes and never carry a
 * badge, whatever preset the text names, so nobody can dress up as staff. Throws (ZodError or
 * unknown preset) on input that did not come through the protocol's validation.
 */
export function paramsForChoice(choice: LookChoice): AvatarParams {
  const base = presetOf(choice.preset);
  const { badgeText: _badge, ...rest } = base;
  return AvatarParams.parse({
    ...rest,
    outfit: "casual",
    skinTone: choice.skin === undefined ? base.skinTone : skinToneAt(choice.skin),
    height: choice.height ?? base.height,
    bodyShape: choice.build ?? base.bodyShape,
    hairStyle: choice.hair ?? base.hairStyle,
    hairColor: choice.hairColor ?? base.hairColor,
    casualTop: choice.top ?? base.casualTop,
    topColor: choice.topColor ?? base.topColor,
  });
}

function presetOf(name: string): AvatarParams {
  if (!isPresetName(name)) throw new Error(`unknown avatar preset "${name}"`);
  return PRESETS[name];
}

function rgb(color: string): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function hex(c: [number, number, number]): string {
  return `#${c.map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;
}
