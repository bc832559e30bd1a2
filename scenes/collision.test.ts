import { describe, expect, it } from "vitest";
import { isWalkable, moveWithinScene, nearestWalkable } from "./collision.ts";
import { parseScene, type Scene } from "./scene-format.ts";

/** A bare 20 × 20 m room with whatever the test puts in it. */
function room(extra: Partial<Scene> = {}): Scene {
  return parseScene({
    format: 3,
    id: "test-room",
    name: "Test room",
    bounds: { minX: -10, minZ: -10, maxX: 10, maxZ: 10 },
    wallHeight: 4,
    spawn: { x: 0, z: 0, radius: 0 },
    spawnPoints: [],
    palette: { floor: "#cccccc", walls: "#eeeeee", accent: "#336699", sky: "#ddeeff" },
    materials: {
      floor: { kind: "concrete", color: "#cccccc", accent: "#bbbbbb", tile: 2, roughness: 0.8 },
      walls: { kind: "plaster", color: "#eeeeee", accent: "#dddddd", tile: 2, roughness: 0.9 },
      areas: [],
    },
    lighting: { exposure: 1, environment: 0.5, lights: [] },
    blocks: [],
    zones: [],
    booths: [],
    screens: [],
    whiteboards: [],
    agentDesks: [],
    signage: [],
    partitions: [],
    obstacles: [],
    ...extra,
  });
}

const counter = { rect: { minX: -1, minZ: -3, maxX: 1, maxZ: -2 }, look: "none" as const };

describe("moveWithinScene", () => {
  it("lets a free step through unchanged", () => {
    expect(moveWithinScene(room(), { x: 0, z: 0 }, { x: 0.4, z: -0.2 })).toEqual({ x: 0.4, z: -0.2 });
  });

  it("stops a body at the wall, its radius away from it", () => {
    const end = moveWithinScene(room(), { x: 9, z: 0 }, { x: 12, z: 0 });
    expect(end.x).toBeCloseTo(9.7);
    expect(end.z).toBe(0);
  });

  it("stops a body walking straight at a counter just in front of it", () => {
    const end = moveWithinScene(room({ obstacles: [counter] }), { x: 0, z: 0 }, { x: 0, z: -2.5 });
    expect(end.x).toBeCloseTo(0);
    expect(end.z).toBeCloseTo(-1.7);
  });

  it("slides along a counter met at an angle instead of stopping dead", () => {
    const scene = room({ obstacles: [{ rect: { minX: -5, minZ: -3, maxX: 5, maxZ: -2 }, look: "none" }] });
    const end = moveWithinScene(scene, { x: 0, z: -1.5 }, { x: 1, z: -2.5 });
    expect(end.z).toBeCloseTo(-1.7); // held off the counter…
    expect(end.x).toBeGreaterThan(0.95); // …but still gets along it
  });

  it("walks round a corner it clips", () => {
    const end = moveWithinScene(room({ obstacles: [counter] }), { x: 1.2, z: -1.5 }, { x: 1.2, z: -3.5 });
    expect(end.z).toBeLessThan(-3.2); // past the counter
    expect(end.x).toBeGreaterThanOrEqual(1.3 - 1e-6); // pushed round its end, never into it
  });

  it("never goes through a thin glass wall, however long the step", () => {
    const glass = room({ partitions: [{ from: { x: -10, z: 0 }, to: { x: 10, z: 0 }, height: 2.5, kind: "glass" }] });
    const end = moveWithinScene(glass, { x: 0, z: 1 }, { x: 0, z: -8 });
    expect(end.z).toBeGreaterThan(0);
    expect(isWalkable(glass, end)).toBe(true);
  });

  it("passes a doorway wider than a body and not one narrower", () => {
    const wallWithGap = (gap: number) =>
      room({
        partitions: [
          { from: { x: -10, z: 0 }, to: { x: -gap / 2, z: 0 }, height: 2.5, kind: "solid" },
          { from: { x: gap / 2, z: 0 }, to: { x: 10, z: 0 }, height: 2.5, kind: "solid" },
        ],
      });
    const walk = (scene: Scene) => {
      let at = { x: 0, z: 2 };
      for (let i = 0; i < 20; i++) at = moveWithinScene(scene, at, { x: at.x, z: at.z - 0.3 });
      return at;
    };
    expect(walk(wallWithGap(1.2)).z).toBeLessThan(-3);
    expect(walk(wallWithGap(0.5)).z).toBeGreaterThan(0);
  });

  it("walks round booths, counters and reception, not only listed obstacles", () => {
    const scene = room({
      booths: [
        {
          id: "phone",
          label: "Phone",
          description: "",
          kbArticleId: "kb-phone",
          at: { x: 0, z: -3 },
          rotation: 0,
          size: { x: 2, y: 0.9, z: 1 },
          stand: "table",
          product: { kind: "procedural", model: "phone" },
        },
      ],
      reception: { at: { x: 5, z: 0 }, rotation: 0 },
    });
    expect(moveWithinScene(scene, { x: 0, z: -1 }, { x: 0, z: -3 }).z).toBeCloseTo(-2.2);
    // The reception counter stands in front of the concierge: a visitor walking up to them stops at it.
    expect(moveWithinScene(scene, { x: 5, z: 3 }, { x: 5, z: 0.5 }).z).toBeCloseTo(1.45);
  });

  it("frees a body that finds itself inside an obstacle, the shortest way out", () => {
    const end = moveWithinScene(room({ obstacles: [counter] }), { x: 0.9, z: -2.5 }, { x: 0.9, z: -2.5 });
    expect(end.x).toBeCloseTo(1.3);
    expect(isWalkable(room({ obstacles: [counter] }), end)).toBe(true);
  });
});

describe("isWalkable and nearestWalkable", () => {
  const scene = room({ obstacles: [counter] });

  it("tells open floor from a counter, its margin and the walls", () => {
    expect(isWalkable(scene, { x: 0, z: 0 })).toBe(true);
    expect(isWalkable(scene, { x: 0, z: -2.5 })).toBe(false);
    expect(isWalkable(scene, { x: 0, z: -1.8 })).toBe(false); // the body would touch it
    expect(isWalkable(scene, { x: 9.9, z: 0 })).toBe(false);
    expect(isWalkable(scene, { x: 0, z: -1.8 }, 0.1)).toBe(true);
  });

  it("finds the closest place to stand for a click on a counter", () => {
    const spot = nearestWalkable(scene, { x: 0, z: -2.1 });
    expect(spot).toEqual({ x: 0, z: expect.closeTo(-1.7) as number });
    expect(isWalkable(scene, spot)).toBe(true);
  });
});
