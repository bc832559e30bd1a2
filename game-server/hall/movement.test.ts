import { describe, expect, it } from "vitest";
import { constrainMove, normalizeAngle } from "./movement.ts";
import { Limits } from "../protocol/limits.ts";
import { loadScene } from "../../scenes/migrations.ts";

/** A 20 × 20 m hall (format 2, upgraded) with one counter north of the middle. */
const scene = loadScene({
  format: 2,
  id: "movement-test",
  name: "Movement test",
  bounds: { minX: -10, minZ: -10, maxX: 10, maxZ: 10 },
  wallHeight: 4,
  spawn: { x: 0, z: 0, radius: 0 },
  palette: { floor: "#cccccc", walls: "#eeeeee", accent: "#336699", sky: "#ddeeff" },
  blocks: [{ label: "Counter", at: { x: 0, z: -3 }, size: { x: 4, y: 1, z: 1 }, color: "#336699" }],
  zones: [],
});

describe("constrainMove", () => {
  it("accepts a step within walking speed", () => {
    const next = constrainMove({ x: 0, z: 0, ry: 0 }, { x: 0.2, z: 0, ry: 1 }, 0.1, scene);
    expect(next).toEqual({ x: 0.2, z: 0, ry: 1 });
  });

  it("shortens a step that is too long for the elapsed time", () => {
    const next = constrainMove({ x: 0, z: 0, ry: 0 }, { x: 5, z: 0, ry: 0 }, 0.1, scene);
    expect(next.x).toBeCloseTo(Limits.walkSpeed * 0.1 * 1.2);
    expect(next.z).toBe(0);
  });

  it("does not let a long pause bank a teleport", () => {
    const next = constrainMove({ x: 0, z: 0, ry: 0 }, { x: 9, z: 0, ry: 0 }, 60, scene);
    expect(next.x).toBeCloseTo(Limits.walkSpeed * Limits.maxMoveGapSeconds * 1.2);
  });

  it("keeps the visitor inside the walls", () => {
    let pose = { x: 9.5, z: 0, ry: 0 };
    for (let i = 0; i < 20; i++) pose = constrainMove(pose, { x: pose.x + 0.3, z: 0, ry: 0 }, 0.1, scene);
    expect(pose.x).toBeLessThanOrEqual(10);
    expect(pose.x).toBeCloseTo(9.7);
  });

  it("stops a visitor at a counter, and lets one walking past it at an angle slide along", () => {
    let pose = { x: 0, z: 0, ry: Math.PI };
    for (let i = 0; i < 20; i++) pose = constrainMove(pose, { x: pose.x, z: pose.z - 0.3, ry: Math.PI }, 0.1, scene);
    expect(pose.z).toBeCloseTo(-2.2);
    // Pushing diagonally into it still walks along its face.
    for (let i = 0; i < 5; i++) pose = constrainMove(pose, { x: pose.x + 0.2, z: pose.z - 0.2, ry: Math.PI }, 0.1, scene);
    expect(pose.z).toBeCloseTo(-2.2);
    expect(pose.x).toBeCloseTo(1);
  });

  it("wraps angles", () => {
    expect(normalizeAngle(3 * Math.PI)).toBeCloseTo(Math.PI);
    expect(normalizeAngle(-Math.PI / 2)).toBeCloseTo(-Math.PI / 2);
    expect(normalizeAngle(1e9)).toBeGreaterThan(-Math.PI);
  });
});
