import { describe, expect, it } from "vitest";
import { lookFor } from "./avatar-look.ts";

describe("lookFor", () => {
  it("gives the same visitor the same look everywhere", () => {
    expect(lookFor("visitor-1")).toEqual(lookFor("visitor-1"));
  });

  it("varies between visitors", () => {
    const looks = new Set(Array.from({ length: 20 }, (_, i) => JSON.stringify(lookFor(`v${i}`))));
    expect(looks.size).toBeGreaterThan(10);
  });

  it("keeps heights human", () => {
    for (let i = 0; i < 50; i++) {
      const { height } = lookFor(`v${i}`);
      expect(height).toBeGreaterThanOrEqual(1.6);
      expect(height).toBeLessThanOrEqual(1.9);
    }
  });
});
