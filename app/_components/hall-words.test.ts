import { describe, expect, it } from "vitest";
import { HALL_WORDS } from "./hall-words.ts";

describe("the hall page's own words", () => {
  it("has every word in both languages", () => {
    expect(Object.keys(HALL_WORDS["zh-CN"]).sort()).toEqual(Object.keys(HALL_WORDS.en).sort());
    for (const [key, text] of Object.entries(HALL_WORDS["zh-CN"])) expect(text, key).toMatch(/\p{Script=Han}/u);
  });
});
