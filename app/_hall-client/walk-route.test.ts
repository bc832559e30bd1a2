import { describe, expect, it } from "vitest";
import { WalkRoute } from "./walk-route.ts";

describe("WalkRoute", () => {
  it("walks waypoints in order and stops after the last", () => {
    const route = new WalkRoute();
    expect(route.current).toBeUndefined();
    route.follow([
      { x: 0, z: 4 },
      { x: -3, z: 1 },
      { x: -6, z: -2.6 },
    ]);
    expect(route.current).toEqual({ x: 0, z: 4 });
    route.reached();
    expect(route.current).toEqual({ x: -3, z: 1 });
    route.reached();
    expect(route.remaining).toEqual([{ x: -6, z: -2.6 }]);
    route.reached();
    expect(route.current).toBeUndefined();
    route.reached(); // arriving twice is harmless
    expect(route.current).toBeUndefined();
  });

  it("is cancelled whole (a walking key), and a new walk replaces the old", () => {
    const route = new WalkRoute();
    route.follow([
      { x: 1, z: 1 },
      { x: 2, z: 2 },
    ]);
    route.cancel();
    expect(route.current).toBeUndefined();
    route.follow([{ x: 5, z: 5 }]);
    route.follow([{ x: 7, z: 7 }]);
    expect(route.remaining).toEqual([{ x: 7, z: 7 }]);
  });

  it("keeps its own copy of the path and drops spots that are not numbers", () => {
    const route = new WalkRoute();
    const path = [
      { x: 1, z: 1 },
      { x: Number.NaN, z: 0 },
      { x: 3, z: 3 },
    ];
    route.follow(path);
    route.reached();
    expect(path).toHaveLength(3);
    expect(route.current).toEqual({ x: 3, z: 3 });
  });
});
