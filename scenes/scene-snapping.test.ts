import { describe, expect, it } from "vitest";
import { novaElectronics } from "./demo/nova-electronics.ts";
import type { Scene } from "./scene-format.ts";
import { snapAngle, snapPointToGrid, snapToGrid, snapToWall } from "./scene-snapping.ts";

const scene = novaElectronics; // bounds x −14…14, z −9…9; its partitions are glass
const { bounds } = scene;

/** Which way a yaw faces on the floor. */
const facing = (rotation: number) => ({ x: Math.sin(rotation), z: Math.cos(rotation) });

describe("snapToGrid", () => {
  it("rounds to the nearest step, without rounding noise or a negative zero", () => {
    expect(snapToGrid(0.26, 0.25)).toBe(0.25);
    expect(snapToGrid(0.38, 0.25)).toBe(0.5);
    expect(snapToGrid(0.29, 0.1)).toBe(0.3);
    expect(snapToGrid(-1.04, 0.1)).toBe(-1);
    expect(Object.is(snapToGrid(-0.1, 0.5), 0)).toBe(true);
  });

  it("leaves a value alone when snapping is off (step 0)", () => {
    expect(snapToGrid(1.234, 0)).toBe(1.234);
  });

  it("snaps both coordinates of a point", () => {
    expect(snapPointToGrid({ x: 3.62, z: -4.91 }, 0.5)).toEqual({ x: 3.5, z: -5 });
  });
});

describe("snapAngle", () => {
  it("turns to the nearest step", () => {
    expect(snapAngle(0.8, Math.PI / 4)).toBe(Math.PI / 4);
    expect(snapAngle(Math.PI / 2 - 0.2, Math.PI / 2)).toBe(Math.PI / 2);
    expect(snapAngle(-0.1, Math.PI / 2)).toBe(0);
  });

  it("keeps the result within one turn, facing the same way", () => {
    expect(snapAngle((3 * Math.PI) / 2 + 0.1, Math.PI / 2)).toBe(-Math.PI / 2);
    expect(snapAngle(-Math.PI, Math.PI / 2)).toBe(Math.PI);
    expect(snapAngle(2 * Math.PI + 0.05, Math.PI / 4)).toBe(0);
  });
});

describe("snapToWall", () => {
  const depth = 1;

  it("puts a booth 0.3 m from the back (north, −z) wall flush against it, facing into the room", () => {
    const snapped = snapToWall(scene, { x: 2, z: bounds.minZ + 0.3 + depth / 2 }, depth);
    expect(snapped?.wall).toBe("minZ");
    expect(snapped!.at.x).toBe(2);
    expect(snapped!.at.z).toBeCloseTo(bounds.minZ + depth / 2);
    expect(facing(snapped!.rotation).z).toBeCloseTo(1);
  });

  it("leaves a booth in the middle of the hall alone", () => {
    expect(snapToWall(scene, { x: 0, z: 0 }, depth)).toBeUndefined();
    expect(snapToWall(scene, { x: 2, z: bounds.minZ + 0.8 + depth / 2 }, depth)).toBeUndefined();
  });

  it.each([
    ["maxX", { x: bounds.maxX - 0.6, z: 1 }, { x: -1, z: 0 }, { x: bounds.maxX - 0.5, z: 1 }],
    ["minX", { x: bounds.minX + 0.7, z: 1 }, { x: 1, z: 0 }, { x: bounds.minX + 0.5, z: 1 }],
    ["maxZ", { x: 1, z: bounds.maxZ - 0.9 }, { x: 0, z: -1 }, { x: 1, z: bounds.maxZ - 0.5 }],
  ] as const)("turns a booth near the %s wall to face away from it", (wall, at, faces, flush) => {
    const snapped = snapToWall(scene, at, depth)!;
    expect(snapped.wall).toBe(wall);
    expect(snapped.at.x).toBeCloseTo(flush.x);
    expect(snapped.at.z).toBeCloseTo(flush.z);
    expect(facing(snapped.rotation).x).toBeCloseTo(faces.x);
    expect(facing(snapped.rotation).z).toBeCloseTo(faces.z);
  });

  it("pulls back something pushed partly through the wall", () => {
    const snapped = snapToWall(scene, { x: 0, z: bounds.maxZ - 0.2 }, depth)!;
    expect(snapped.wall).toBe("maxZ");
    expect(snapped.at.z).toBeCloseTo(bounds.maxZ - 0.5);
  });

  it("picks the nearer wall in a corner", () => {
    expect(snapToWall(scene, { x: bounds.minX + 0.6, z: bounds.minZ + 0.9 }, depth)?.wall).toBe("minX");
  });

  it("takes a reach", () => {
    const at = { x: 0, z: bounds.minZ + 1 + depth / 2 };
    expect(snapToWall(scene, at, depth)).toBeUndefined();
    expect(snapToWall(scene, at, depth, 1.2)?.wall).toBe("minZ");
  });

  describe("with a partition across the hall at z = 2, from x = −2 to 2", () => {
    const withPartition = (kind: "solid" | "glass"): Scene => ({ ...scene, partitions: [{ from: { x: -2, z: 2 }, to: { x: 2, z: 2 }, height: 2.6, kind }] });

    it("stands a booth against a solid partition on whichever side it is, facing away", () => {
      const south = snapToWall(withPartition("solid"), { x: 0, z: 2.7 }, 0.6)!;
      expect(south.wall).toBe("partition");
      expect(south.at.z).toBeCloseTo(2 + 0.05 + 0.3);
      expect(facing(south.rotation).z).toBeCloseTo(1);
      const north = snapToWall(withPartition("solid"), { x: 1, z: 1.4 }, 0.6)!;
      expect(north.at.z).toBeCloseTo(2 - 0.05 - 0.3);
      expect(facing(north.rotation).z).toBeCloseTo(-1);
    });

    it("does not snap to glass, nor past the partition's end", () => {
      expect(snapToWall(withPartition("glass"), { x: 0, z: 2.7 }, 0.6)).toBeUndefined();
      expect(snapToWall(withPartition("solid"), { x: 3, z: 2.7 }, 0.6)).toBeUndefined();
    });
  });
});
