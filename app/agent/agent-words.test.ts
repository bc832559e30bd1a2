import { describe, expect, it } from "vitest";
import { AGENT_WORDS, fill } from "./agent-words.ts";

describe("the agent console's words", () => {
  it("has every word in both languages, each filled in where it takes values", () => {
    expect(Object.keys(AGENT_WORDS["zh-CN"]).sort()).toEqual(Object.keys(AGENT_WORDS.en).sort());
    for (const lang of ["en", "zh-CN"] as const) {
      for (const [key, text] of Object.entries(AGENT_WORDS[lang])) expect(text, `${lang} ${key}`).not.toBe("");
    }
    expect(fill(AGENT_WORDS["zh-CN"].offerFrom, { name: "Ada", hall: "Nova" })).toBe("Nova 的 Ada");
    expect(fill(AGENT_WORDS.en.expiresIn, { s: 12 })).toBe("12 s to answer");
  });
});
