import { describe, expect, it } from "vitest";
import { loadScene } from "./migrations.ts";
import { demoHall } from "./demo/demo-hall.ts";

describe("loadScene", () => {
  it("upgrades a version 1 scene to the current format", () => {
    const { zones: _zones, ...rest } = demoHall;
    const v1 = { ...rest, format: 1 };
    const scene = loadScene(v1);
    expect(scene.format).toBe(2);
    expect(scene.zones).toEqual([]);
    expect(scene.bounds).toEqual(demoHall.bounds);
  });

  it("leaves a current scene as it is", () => {
    expect(loadScene(demoHall)).toEqual(demoHall);
  });

  it("refuses scenes from the future or without a version", () => {
    expect(() => loadScene({ ...demoHall, format: 99 })).toThrow(/newer/);
    expect(() => loadScene({ name: "x" })).toThrow(/format version/);
    expect(() => loadScene(null)).toThrow(/not an object/);
  });
});
