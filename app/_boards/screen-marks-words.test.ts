import { describe, expect, it } from "vitest";
import { fillWords as fill } from "../_components/hud/service-words.ts";
import { SCREEN_MARK_WORDS } from "./screen-marks-words.ts";

const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the guidance marks' words", () => {
  it("has every word in both languages, filled with the same values", () => {
    expect(Object.keys(SCREEN_MARK_WORDS["zh-CN"]).sort()).toEqual(Object.keys(SCREEN_MARK_WORDS.en).sort());
    for (const [key, text] of Object.entries(SCREEN_MARK_WORDS["zh-CN"])) {
      expect(text, key).not.toBe("");
      expect(slots(text), key).toEqual(slots(SCREEN_MARK_WORDS.en[key as keyof typeof SCREEN_MARK_WORDS.en]));
    }
  });

  it("names the tools and the people in both languages", () => {
    expect([SCREEN_MARK_WORDS.en["tool.arrow"], SCREEN_MARK_WORDS.en["tool.circle"], SCREEN_MARK_WORDS.en["tool.highlight"], SCREEN_MARK_WORDS.en["tool.pointer"]]).toEqual(["Arrow", "Circle", "Highlight", "Pointer"]);
    expect([SCREEN_MARK_WORDS["zh-CN"]["tool.arrow"], SCREEN_MARK_WORDS["zh-CN"]["tool.circle"], SCREEN_MARK_WORDS["zh-CN"]["tool.highlight"], SCREEN_MARK_WORDS["zh-CN"]["tool.pointer"]]).toEqual(["箭头", "圈选", "高亮", "指示点"]);
    expect(fill(SCREEN_MARK_WORDS.en.screenOf, { name: "Ada" })).toBe("Ada's screen");
    expect(fill(SCREEN_MARK_WORDS["zh-CN"].marked, { name: "林伟" })).toBe("林伟 在你的屏幕上做了标记");
  });
});
