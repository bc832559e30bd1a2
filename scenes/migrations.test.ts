import { describe, expect, it } from "vitest";
import { isWalkable } from "./collision.ts";
import { loadScene } from "./migrations.ts";
import { SCENE_FORMAT_VERSION } from "./scene-format.ts";
import { novaElectronics } from "./demo/nova-electronics.ts";

/** The demo hall as Atrium stored it in format 2, before v3 (the upgrade must keep it working). */
const v2Hall = {
  format: 2,
  id: "demo-hall",
  name: "Atrium demo hall",
  bounds: { minX: -12, minZ: -8, maxX: 12, maxZ: 8 },
  wallHeight: 4.5,
  spawn: { x: 0, z: 2.5, radius: 1.5 },
  palette: { floor: "#c9b79c", walls: "#f1ece4", accent: "#2f6f73", sky: "#dfe9ec" },
  blocks: [
    { label: "Reception", at: { x: 0, z: -6 }, size: { x: 4, y: 1.1, z: 1 }, color: "#2f6f73" },
    { label: "Product A", at: { x: -7, z: -1 }, size: { x: 1.2, y: 0.9, z: 1.2 }, color: "#c8b99a" },
  ],
  zones: [{ id: "booth-1", kind: "private", label: "Consultation booth", rect: { minX: 7, minZ: 4, maxX: 11.7, maxZ: 7.7 } }],
};

describe("loadScene", () => {
  it("upgrades a version 1 scene to the current format", () => {
    const { zones: _zones, ...rest } = v2Hall;
    const scene = loadScene({ ...rest, format: 1 });
    expect(scene.format).toBe(SCENE_FORMAT_VERSION);
    expect(scene.zones).toEqual([]);
    expect(scene.bounds).toEqual(v2Hall.bounds);
  });

  it("upgrades a version 2 hall so it looks and behaves as it did", () => {
    const scene = loadScene(v2Hall);
    expect(scene.format).toBe(3);
    // Same room, spawn, counters and audio zones.
    expect(scene.bounds).toEqual(v2Hall.bounds);
    expect(scene.spawn).toEqual(v2Hall.spawn);
    expect(scene.blocks).toEqual(v2Hall.blocks);
    expect(scene.zones).toEqual(v2Hall.zones);
    // The palette's colours become the finishes; the name stays on the back wall; sky light and sun as before.
    expect(scene.materials.floor.color).toBe(v2Hall.palette.floor);
    expect(scene.materials.walls.color).toBe(v2Hall.palette.walls);
    expect(scene.signage).toEqual([expect.objectContaining({ text: "Atrium demo hall", style: "wall", color: v2Hall.palette.accent })]);
    expect(scene.lighting.lights.map((l) => l.kind)).toEqual(["hemisphere", "sun"]);
    expect(scene.booths).toEqual([]);
    expect(scene.reception).toBeUndefined();
  });

  it("makes a v2 hall's counters solid, and leaves its floor and booth walkable", () => {
    const scene = loadScene(v2Hall);
    expect(isWalkable(scene, { x: 0, z: -6 })).toBe(false); // the reception block
    expect(isWalkable(scene, { x: 0, z: 2.5 })).toBe(true);
    expect(isWalkable(scene, { x: 9, z: 6 })).toBe(true); // no glass walls were invented round the booth
  });

  it("leaves a current scene as it is", () => {
    expect(loadScene(novaElectronics)).toEqual(novaElectronics);
  });

  it("refuses scenes from the future or without a version", () => {
    expect(() => loadScene({ ...novaElectronics, format: 99 })).toThrow(/newer/);
    expect(() => loadScene({ name: "x" })).toThrow(/format version/);
    expect(() => loadScene(null)).toThrow(/not an object/);
  });
});
