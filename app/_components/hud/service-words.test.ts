import { describe, expect, it } from "vitest";
import { SERVICE_WORDS, waitText } from "./service-words.ts";

describe("the customer's wait, in words", () => {
  it("says 'any moment now' under half a minute and whole minutes after, in both languages", () => {
    expect(waitText(10_000, "en")).toBe("any moment now");
    expect(waitText(10_000, "zh-CN")).toBe("马上就好");
    expect(waitText(45_000, "en")).toBe("about 1 min");
    expect(waitText(185_000, "en")).toBe("about 3 min");
    expect(waitText(185_000, "zh-CN")).toBe("预计等待约 3 分钟");
  });

  it("has every word in both languages", () => {
    expect(Object.keys(SERVICE_WORDS["zh-CN"]).sort()).toEqual(Object.keys(SERVICE_WORDS.en).sort());
    for (const [key, text] of Object.entries(SERVICE_WORDS["zh-CN"])) expect(text, key).not.toBe("");
  });
});
