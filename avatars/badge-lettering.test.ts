import { describe, expect, it } from "vitest";
import { MAX_BADGE_LETTERS, badgeLettering, badgeLine } from "./badge-lettering.ts";

const area = (rects: ReturnType<typeof badgeLettering>): number => rects.reduce((sum, r) => sum + (r.u1 - r.u0) * (r.v1 - r.v0), 0);

describe("badge lettering", () => {
  it("draws a name as the font's lit pixels, centred on the plate and inside its margin", () => {
    // "I" is 11 pixels in 7 rows (a serif top and bottom, a stem between): one run per row.
    const aspect = 3;
    const rects = badgeLettering("I", aspect, 0.2);
    expect(rects).toHaveLength(7);
    const pixel = (1 - 2 * 0.2) / 7;
    expect(area(rects) * aspect).toBeCloseTo(11 * pixel * pixel, 6);
    const left = Math.min(...rects.map((r) => r.u0));
    const right = Math.max(...rects.map((r) => r.u1));
    expect(left).toBeCloseTo(1 - right, 6);
    for (const r of rects) {
      expect(r.v0).toBeGreaterThanOrEqual(0.2 - 1e-9);
      expect(r.v1).toBeLessThanOrEqual(0.8 + 1e-9);
      expect(r.u1).toBeGreaterThan(r.u0);
    }
  });

  it("keeps long names inside the plate and different names look different", () => {
    for (const name of ["Ava", "Marcus", "Wolfgang Amadeus"]) {
      for (const r of badgeLettering(name, 2.2)) {
        expect(r.u0).toBeGreaterThanOrEqual(0);
        expect(r.u1).toBeLessThanOrEqual(1);
      }
    }
    expect(badgeLettering("Ava", 2.2)).not.toEqual(badgeLettering("Eva", 2.2));
  });

  it("shows what the font can draw: accents dropped, the first name when the whole is too long, nothing for CJK", () => {
    expect(badgeLine("José")).toBe("Jose");
    expect(badgeLine("  Ana   Lucía ")).toBe("Ana Lucia");
    expect(badgeLine("Maximilian Alexander")).toBe("Maximilian");
    expect(badgeLine("Bartholomew-Christopherson").length).toBe(MAX_BADGE_LETTERS);
    expect(badgeLine("Li 王")).toBe("Li");
    expect(badgeLine("王芳")).toBe("");
    expect(badgeLettering("王芳", 2.2)).toEqual([]);
  });
});
