import { describe, expect, it } from "vitest";
import { phraseMatcher } from "./phrase-matcher.ts";

describe("phraseMatcher", () => {
  const find = phraseMatcher({ en: ["calm down", "that's your fault", "hi", "not my problem"], "zh-CN": ["不归我管", "你自己看"] });

  it("finds English phrases whatever the case, spacing or apostrophes", () => {
    expect(find("Sir, please CALM   down.")).toBe("calm down");
    expect(find("well thats your fault really")).toBe("that's your fault");
    expect(find("That’s your fault")).toBe("that's your fault");
    expect(find("this is not-my-problem")).toBe("not my problem");
  });

  it("matches whole words only", () => {
    expect(find("this is the thing")).toBeUndefined();
    expect(find("Hi there")).toBe("hi");
    expect(find("calm downstairs")).toBeUndefined();
  });

  it("finds Chinese phrases, spaces from the recognizer or not", () => {
    expect(find("这个不归我管。")).toBe("不归我管");
    expect(find("你 自己 看 吧")).toBe("你自己看");
    expect(find("我帮您看一下")).toBeUndefined();
  });
});
