import { describe, expect, it } from "vitest";
import { parseBenchArgs } from "./cli-args.ts";

describe("parseBenchArgs", () => {
  it("takes --quick and benchmark names in order", () => {
    expect(parseBenchArgs(["b", "--quick", "a"])).toEqual({ quick: true, help: false, names: ["b", "a"] });
    expect(parseBenchArgs([])).toEqual({ quick: false, help: false, names: [] });
  });

  it("refuses unknown options", () => {
    expect(() => parseBenchArgs(["--fast"])).toThrow(/--fast/);
  });
});
