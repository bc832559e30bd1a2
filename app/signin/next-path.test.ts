import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path.ts";

describe("safeNextPath", () => {
  it("keeps a path on this site, with its query", () => {
    expect(safeNextPath("/hall/demo")).toBe("/hall/demo");
    expect(safeNextPath("/hall/bank?x=1#top")).toBe("/hall/bank?x=1#top");
  });

  it("sends everything else home", () => {
    for (const bad of [null, "", "hall/demo", "https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", "/\tevil", "/ok\\..\\x", "x".repeat(600)]) {
      expect(safeNextPath(bad), String(bad)).toBe("/");
    }
  });
});
