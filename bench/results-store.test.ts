import { describe, expect, it } from "vitest";
import { resultFileName } from "./results-store.ts";

describe("resultFileName", () => {
  it("is the benchmark's name and a sortable UTC time without colons", () => {
    expect(resultFileName("sfu-capacity", new Date("2026-05-04T10:31:07.123Z"))).toBe("sfu-capacity-2026-05-04T10-31-07Z.json");
  });
});
