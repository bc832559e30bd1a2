import { describe, expect, it } from "vitest";
import { AvatarParams, BRAND_BLAZER, paramsFromSeed, resolveAvatarParams, staffParamsFromSeed } from "./avatar-params.ts";
import { lookFor } from "./avatar-look.ts";
import { PRESETS, PRESET_NAMES } from "./presets.ts";

describe("avatar params", () => {
  it("derives the same params from the same seed, and agrees with lookFor", () => {
    expect(paramsFromSeed("visitor-7")).toEqual(paramsFromSeed("visitor-7"));
    const look = lookFor("visitor-7");
    const params = paramsFromSeed("visitor-7");
    expect(params.skinTone).toBe(look.skin);
    expect(params.topColor).toBe(look.top);
  });

  it("varies between seeds", () => {
    const distinct = new Set(Array.from({ length: 30 }, (_, i) => JSON.stringify(paramsFromSeed(`v${i}`))));
    expect(distinct.size).toBeGreaterThan(25);
  });

  it("rejects bad params", () => {
    const good = PRESETS.lena;
    expect(AvatarParams.safeParse(good).success).toBe(true);
    expect(AvatarParams.safeParse({ ...good, skinTone: "pink" }).success).toBe(false);
    expect(AvatarParams.safeParse({ ...good, hairStyle: "mohawk" }).success).toBe(false);
    expect(AvatarParams.safeParse({ ...good, height: 0.5 }).success).toBe(false);
    expect(AvatarParams.safeParse({ ...good, outfit: "pyjamas" }).success).toBe(false);
    expect(AvatarParams.safeParse({ ...good, badgeText: "x".repeat(40) }).success).toBe(false);
    expect(AvatarParams.safeParse({ ...good, extra: 1 }).success).toBe(false);
  });

  it("lets explicit choices override a seed", () => {
    const params = resolveAvatarParams({ seed: "visitor-7", outfit: "uniform", hairStyle: "bob" });
    expect(params.outfit).toBe("uniform");
    expect(params.hairStyle).toBe("bob");
    expect(params.skinTone).toBe(paramsFromSeed("visitor-7").skinTone);
  });

  it("has at least 8 presets, two of them agents in uniform", () => {
    expect(PRESET_NAMES.length).toBeGreaterThanOrEqual(8);
    expect(PRESET_NAMES.filter((n) => PRESETS[n].outfit === "uniform").length).toBeGreaterThanOrEqual(2);
  });
});

describe("staffParamsFromSeed", () => {
  it("dresses a staff member's seeded person in the brand uniform with their name on the badge", () => {
    const person = paramsFromSeed("staff-42");
    const staff = staffParamsFromSeed("staff-42", "Lin Wei");
    expect(staff).toMatchObject({ outfit: "uniform", topColor: BRAND_BLAZER, badgeText: "Lin Wei", skinTone: person.skinTone, hairStyle: person.hairStyle, height: person.height });
    expect(person.outfit).toBe("casual");
  });
});
