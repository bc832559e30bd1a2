import { describe, expect, it } from "vitest";
import { nearestSurface } from "./nearest-surface.ts";

// A board 2 m wide facing +z (rotation 0) at the origin, and one facing -x further along.
const front = { id: "front", at: { x: 0, z: 0 }, width: 2, rotation: 0 };
const side = { id: "side", at: { x: 10, z: 0 }, width: 2, rotation: -Math.PI / 2 };

describe("the whiteboard a visitor stands near", () => {
  it("is measured to the nearest point along the board's width", () => {
    expect(nearestSurface([front], { x: 0.9, z: 3.9 }, 4)?.id).toBe("front");
    expect(nearestSurface([front], { x: 3, z: 3.8 }, 4)).toBeUndefined(); // 2 m past its edge, 3.8 m out: 4.3 m
    expect(nearestSurface([front], { x: 4.5, z: 0.5 }, 4)?.id).toBe("front"); // beside its edge, 3.5 m away
  });

  it("is not offered through the wall behind it", () => {
    expect(nearestSurface([front], { x: 0, z: -1 }, 4)).toBeUndefined();
  });

  it("is the nearer of two", () => {
    expect(nearestSurface([front, side], { x: 7, z: 0.5 }, 4)?.id).toBe("side");
    expect(nearestSurface([front, side], { x: 2, z: 1 }, 4)?.id).toBe("front");
  });
});
