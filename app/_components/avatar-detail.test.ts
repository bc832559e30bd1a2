import { describe, expect, it } from "vitest";
import { FAR_BEYOND_M, NEAR_WITHIN_M, nextDetail } from "./avatar-detail.ts";

describe("nextDetail", () => {
  it("draws the full model up close and the coarse one far away", () => {
    expect(nextDetail("near", 3)).toBe("near");
    expect(nextDetail("near", FAR_BEYOND_M + 0.5)).toBe("far");
    expect(nextDetail("far", 4)).toBe("near");
  });

  it("holds its choice between the two thresholds, so a person at the boundary does not flicker", () => {
    const between = (FAR_BEYOND_M + NEAR_WITHIN_M) / 2;
    expect(nextDetail("near", between)).toBe("near");
    expect(nextDetail("far", between)).toBe("far");
    // Walking away and back across the band switches once each way.
    let detail: "near" | "far" = "near";
    const switches: string[] = [];
    for (const d of [8, 9.5, 10.2, 9.5, 9.2, 8.9, 9.5, 10.5]) {
      const next = nextDetail(detail, d);
      if (next !== detail) switches.push(`${detail}→${next}@${d}`);
      detail = next;
    }
    expect(switches).toEqual(["near→far@10.2", "far→near@8.9", "near→far@10.5"]);
  });
});
