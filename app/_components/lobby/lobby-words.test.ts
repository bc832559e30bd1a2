import { describe, expect, it } from "vitest";
import { AVATAR_CHOICE_BUILDS, AVATAR_CHOICE_HAIR, AVATAR_CHOICE_TOPS } from "../../../game-server/protocol/avatar-choice.ts";
import { LOBBY_WORDS, LOOK_WORDS } from "./lobby-words.ts";

const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the lobby's words", () => {
  it("has every word in both languages, filled with the same values", () => {
    for (const words of [LOBBY_WORDS, LOOK_WORDS] as const) {
      const en = words.en as Record<string, string>;
      const zh = words["zh-CN"] as Record<string, string>;
      expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(zh)) {
        expect(text, key).not.toBe("");
        expect(slots(text), key).toEqual(slots(en[key]!));
      }
    }
  });

  it("names every build, hair style and top the menus offer", () => {
    for (const option of [...AVATAR_CHOICE_BUILDS, ...AVATAR_CHOICE_HAIR, ...AVATAR_CHOICE_TOPS]) {
      expect(LOOK_WORDS.en[option], option).toBeTruthy();
      expect(LOOK_WORDS["zh-CN"][option], option).toMatch(/\p{Script=Han}/u);
    }
  });

  it("keeps the English the end-to-end tests fill and click", () => {
    expect([LOBBY_WORDS.en.displayName, LOBBY_WORDS.en.enter, LOBBY_WORDS.en.upload, LOBBY_WORDS.en.height, LOBBY_WORDS.en.build]).toEqual(["Display name", "Enter the hall", "Upload your own (.glb)", "Height", "Build"]);
    expect(LOBBY_WORDS.en.using.replace("{file}", "me.glb")).toBe("Using me.glb.");
  });
});
