import { expect, it } from "vitest";
import { detectLang } from "./language.ts";

it("tells Chinese from English by the question's own script, whatever the page's language", () => {
  expect(detectLang("保修几年", "en")).toBe("zh-CN");
  expect(detectLang("Nova Phone 12 有哪些颜色", "en")).toBe("zh-CN");
  expect(detectLang("how long is the warranty", "zh-CN")).toBe("en");
  expect(detectLang("what does 人工 mean in English", "zh-CN")).toBe("en");
});

it("falls back to the page's language when the text cannot tell (numbers, emoji)", () => {
  expect(detectLang("12345", "zh-CN")).toBe("zh-CN");
  expect(detectLang("👍", "en")).toBe("en");
  expect(detectLang("???")).toBe("en");
});
