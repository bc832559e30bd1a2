import { describe, expect, it } from "vitest";
import { initialLang } from "./lang.ts";

describe("initialLang", () => {
  it("keeps a visitor's earlier choice over the browser's languages", () => {
    expect(initialLang("zh-CN", ["en-US"])).toBe("zh-CN");
    expect(initialLang("en", ["zh-CN"])).toBe("en");
  });

  it("speaks Chinese to a browser that prefers any Chinese, English otherwise", () => {
    expect(initialLang(null, ["zh-TW", "en"])).toBe("zh-CN");
    expect(initialLang(null, ["fr-FR", "en-GB"])).toBe("en");
    expect(initialLang("klingon", [])).toBe("en");
  });
});
