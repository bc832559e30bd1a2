import { describe, expect, it } from "vitest";
import { clampToBounds, parseScene } from "./scene-format.ts";
import { demoHall } from "./demo/demo-hall.ts";

describe("scene format", () => {
  it("accepts the demo hall", () => {
    expect(parseScene(demoHall).id).toBe("demo-hall");
  });

  it("rejects a scene with inverted bounds", () => {
    expect(() => parseScene({ ...demoHall, bounds: { minX: 5, minZ: 0, maxX: -5, maxZ: 3 } })).toThrow(/no area/);
  });

  it("rejects a scene that is not of the current format", () => {
    expect(() => parseScene({ ...demoHall, format: 99 })).toThrow();
  });

  it("clamps positions inside the walls with a margin", () => {
    expect(clampToBounds(demoHall.bounds, 100, -100)).toEqual({ x: 11.7, z: -7.7 });
    expect(clampToBounds(demoHall.bounds, 1, 2)).toEqual({ x: 1, z: 2 });
  });
});
