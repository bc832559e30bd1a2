import { describe, expect, it } from "vitest";
import { getBuiltInScene } from "../../scenes/catalog.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import { FOLLOW_DISTANCE, followCameraSpot } from "./follow-camera.ts";

const nova = getBuiltInScene("nova-electronics")!;

/** The demo hall with one solid wall across the aisle, 3 m behind a visitor facing +z. */
const walled: Scene = { ...nova, partitions: [...nova.partitions, { from: { x: -3, z: -1 }, to: { x: 3, z: -1 }, height: 2.6, kind: "solid" }] };

describe("the follow camera", () => {
  it("stands the full distance behind a visitor in the open", () => {
    const spot = followCameraSpot(nova, { x: 0, z: 3, ry: 0 });
    expect(spot.distance).toBeCloseTo(FOLLOW_DISTANCE, 5);
    expect(spot.x).toBeCloseTo(0, 5);
    expect(spot.z).toBeCloseTo(3 - FOLLOW_DISTANCE, 5);
  });

  it("comes in front of a solid wall between it and the visitor", () => {
    const spot = followCameraSpot(walled, { x: 0, z: 2, ry: 0 });
    expect(spot.z, "in front of the wall at z = -1").toBeGreaterThan(-1);
    expect(spot.distance).toBeGreaterThanOrEqual(1.2);
    expect(spot.distance).toBeLessThan(3);
  });

  it("looks through glass, and past a wall that is not in the way", () => {
    const glass: Scene = { ...nova, partitions: [{ from: { x: -3, z: -1 }, to: { x: 3, z: -1 }, height: 2.6, kind: "glass" }] };
    expect(followCameraSpot(glass, { x: 0, z: 2, ry: 0 }).distance).toBeCloseTo(FOLLOW_DISTANCE, 5);
    expect(followCameraSpot(walled, { x: 5, z: 2, ry: 0 }).distance, "the wall ends at x = 3").toBeCloseTo(FOLLOW_DISTANCE, 5);
    expect(followCameraSpot(walled, { x: 0, z: -3, ry: 0 }).distance, "facing the wall, it is ahead, not behind").toBeCloseTo(FOLLOW_DISTANCE, 5);
  });

  it("stays off the shelving along the demo hall's left wall", () => {
    // Facing the middle of the hall, with the shelves (x -14 … -13.45) behind.
    const spot = followCameraSpot(nova, { x: -11, z: 4, ry: Math.PI / 2 });
    expect(spot.x).toBeGreaterThan(-13.45);
  });
});
