import { describe, expect, it } from "vitest";
// The protocol owns the wire format; this test keeps its lists and the generator's in step.
import {
  AVATAR_CHOICE_BUILDS, AVATAR_CHOICE_HAIR, AVATAR_CHOICE_HEIGHT, AVATAR_CHOICE_PRESETS, AVATAR_CHOICE_TOPS, parseAvatarChoice,
} from "../game-server/protocol/avatar-choice.ts";
import { paramsForChoice, skinPositionOf, skinToneAt, slidersForChoice } from "./avatar-choice-params.ts";
import { AvatarParams, BODY_SHAPES, CASUAL_TOPS, HAIR_STYLES, SKIN_TONES } from "./avatar-params.ts";
import { PRESETS } from "./presets.ts";

describe("avatar choice → generator params", () => {
  it("a bare preset is exactly that preset", () => {
    expect(paramsForChoice({ preset: "lena" })).toEqual(PRESETS.lena);
    expect(paramsForChoice({ preset: "kenji" })).toEqual(PRESETS.kenji);
  });

  it("sliders override the preset and nothing else", () => {
    const params = paramsForChoice({ preset: "kenji", height: 1.9, build: "broad", hair: "bun", hairColor: "#a4482a", top: "tshirt", topColor: "#c2456e", skin: 1 });
    expect(params).toEqual({
      ...PRESETS.kenji, height: 1.9, bodyShape: "broad", hairStyle: "bun", hairColor: "#a4482a", casualTop: "tshirt", topColor: "#c2456e", skinTone: SKIN_TONES.at(-1),
    });
  });

  it("a choice that came through the protocol always yields valid params", () => {
    const choice = parseAvatarChoice('{"v":1,"preset":"walter","skin":0.5,"height":1.5,"build":"curvy","hair":"long","hairColor":"#123456","top":"hoodie","topColor":"#ABCDEF"}');
    expect(choice).toBeDefined();
    expect(AvatarParams.safeParse(paramsForChoice(choice as never)).success).toBe(true);
  });

  it("never dresses a visitor as staff", () => {
    const params = paramsForChoice({ preset: "marcus" });
    expect(params.outfit).toBe("casual");
    expect(params.badgeText).toBeUndefined();
  });

  it("refuses an unknown preset", () => {
    expect(() => paramsForChoice({ preset: "nobody" })).toThrow(/unknown avatar preset/);
  });

  it("the skin slider runs from the lightest to the darkest tone, and finds a preset's tone again", () => {
    expect(skinToneAt(0)).toBe(SKIN_TONES[0]);
    expect(skinToneAt(1)).toBe(SKIN_TONES.at(-1));
    for (const t of [0, 0.3, 0.62, 1]) expect(skinPositionOf(skinToneAt(t))).toBe(t);
    const channels = (c: string) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16));
    for (const tone of SKIN_TONES) {
      const back = channels(skinToneAt(skinPositionOf(tone)));
      channels(tone).forEach((c, i) => expect(Math.abs(c - back[i]!)).toBeLessThanOrEqual(4));
    }
    expect(slidersForChoice({ preset: "amara" }).skin).toBe(1);
  });

  it("shows a preset's own values on the sliders", () => {
    expect(slidersForChoice({ preset: "lena" })).toEqual({ skin: 0, height: 1.68, build: "slim", hair: "long", hairColor: "#c49a5a", top: "tshirt", topColor: "#2f8f83" });
    expect(slidersForChoice({ preset: "lena", height: 1.8 }).height).toBe(1.8);
  });

  it("agrees with the protocol on every name and range", () => {
    for (const name of AVATAR_CHOICE_PRESETS) {
      expect(PRESETS[name], name).toBeDefined();
      expect(PRESETS[name].outfit).toBe("casual");
      expect(PRESETS[name].height).toBeGreaterThanOrEqual(AVATAR_CHOICE_HEIGHT.min);
      expect(PRESETS[name].height).toBeLessThanOrEqual(AVATAR_CHOICE_HEIGHT.max);
    }
    expect([...AVATAR_CHOICE_BUILDS]).toEqual([...BODY_SHAPES]);
    expect([...AVATAR_CHOICE_HAIR]).toEqual([...HAIR_STYLES]);
    expect([...AVATAR_CHOICE_TOPS]).toEqual([...CASUAL_TOPS]);
    expect(() => AvatarParams.parse({ ...PRESETS.lena, height: AVATAR_CHOICE_HEIGHT.min })).not.toThrow();
    expect(() => AvatarParams.parse({ ...PRESETS.lena, height: AVATAR_CHOICE_HEIGHT.max })).not.toThrow();
  });
});
