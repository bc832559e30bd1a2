import { describe, expect, it } from "vitest";
import { constrainMove, normalizeAngle } from "./movement.ts";
import { Limits } from "../protocol/limits.ts";

const bounds = { minX: -10, minZ: -10, maxX: 10, maxZ: 10 };

describe("constrainMove", () => {
  it("accepts a step within walking speed", () => {
    const next = constrainMove({ x: 0, z: 0, ry: 0 }, { x: 0.2, z: 0, ry: 1 }, 0.1, bounds);
    expect(next).toEqual({ x: 0.2, z: 0, ry: 1 });
  });

  it("shortens a step that is too long for the elapsed time", () => {
    const next = constrainMove({ x: 0, z: 0, ry: 0 }, { x: 5, z: 0, ry: 0 }, 0.1, bounds);
    expect(next.x).toBeCloseTo(Limits.walkSpeed * 0.1 * 1.2);
    expect(next.z).toBe(0);
  });

  it("does not let a long pause bank a teleport", () => {
    const next = constrainMove({ x: 0, z: 0, ry: 0 }, { x: 9, z: 0, ry: 0 }, 60, bounds);
    expect(next.x).toBeCloseTo(Limits.walkSpeed * Limits.maxMoveGapSeconds * 1.2);
  });

  it("keeps the visitor inside the walls", () => {
    let pose = { x: 9.5, z: 0, ry: 0 };
    for (let i = 0; i < 20; i++) pose = constrainMove(pose, { x: pose.x + 0.3, z: 0, ry: 0 }, 0.1, bounds);
    expect(pose.x).toBeLessThanOrEqual(10);
    expect(pose.x).toBeCloseTo(9.7);
  });

  it("wraps angles", () => {
    expect(normalizeAngle(3 * Math.PI)).toBeCloseTo(Math.PI);
    expect(normalizeAngle(-Math.PI / 2)).toBeCloseTo(-Math.PI / 2);
    expect(normalizeAngle(1e9)).toBeGreaterThan(-Math.PI);
  });
});
