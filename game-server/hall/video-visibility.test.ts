import { describe, expect, it } from "vitest";
import type { Surface, Zone } from "../../scenes/scene-format.ts";
import { cameraWish, pickShareScreen, shareWish, spatialLayerForDistance } from "./video-visibility.ts";

const booth: Zone = { id: "booth", kind: "private", label: "Booth", rect: { minX: 5, minZ: 5, maxX: 8, maxZ: 8 } };
const stage: Zone = { id: "stage", kind: "stage", label: "Stage", rect: { minX: -1, minZ: -10, maxX: 1, maxZ: -9 } };
const zones = [booth, stage];
const screen = (id: string, x: number, z: number): Surface => ({ id, at: { x, z }, y: 2, width: 3, aspect: 16 / 9, rotation: 0, mount: "wall" });
const wall = screen("wall", 0, -9.9);
const side = screen("side", 10, 0);
const inBooth = screen("booth", 6.5, 7.9);

describe("webcam visibility", () => {
  it("asks for the sharpest layer up close, less with distance, the smallest far away", () => {
    expect([0, 3.9, 4, 8.9, 9, 14].map(spatialLayerForDistance)).toEqual([2, 2, 1, 1, 0, 0]);
    expect(cameraWish({ x: 0, z: 0 }, { x: 2, z: 0 }, [], 15)).toEqual({ spatialLayer: 2, rank: 2 });
    expect(cameraWish({ x: 0, z: 0 }, { x: 0, z: 6 }, [], 15)?.spatialLayer).toBe(1);
    expect(cameraWish({ x: 0, z: 0 }, { x: 12, z: 0 }, [], 15)?.spatialLayer).toBe(0);
  });

  it("stops beyond the video radius and at a booth's walls", () => {
    expect(cameraWish({ x: 0, z: 0 }, { x: 15.1, z: 0 }, [], 15)).toBeUndefined();
    expect(cameraWish({ x: 4.5, z: 6 }, { x: 5.5, z: 6 }, zones, 15)).toBeUndefined();
    expect(cameraWish({ x: 5.5, z: 6 }, { x: 7.5, z: 7 }, zones, 15)).toBeDefined();
  });

  it("shows someone on the stage to the whole hall, at a small layer", () => {
    expect(cameraWish({ x: 0, z: 12 }, { x: 0, z: -9.5 }, zones, 15)).toEqual({ spatialLayer: 0, rank: 21.5 });
  });
});

describe("screen shares", () => {
  it("go on the nearest free screen on the sharer's side of the booth walls", () => {
    const screens = [wall, side, inBooth];
    expect(pickShareScreen(screens, zones, { x: 1, z: -6 }, new Set())?.id).toBe("wall");
    expect(pickShareScreen(screens, zones, { x: 1, z: -6 }, new Set(["wall"]))?.id).toBe("side");
    // Right outside the booth, its screen is nearest, but it is behind the glass.
    expect(pickShareScreen(screens, zones, { x: 4.5, z: 7.5 }, new Set())?.id).toBe("side");
    expect(pickShareScreen(screens, zones, { x: 6, z: 6 }, new Set())?.id).toBe("booth");
    expect(pickShareScreen(screens, zones, { x: 6, z: 6 }, new Set(["booth"]))).toBeUndefined();
  });

  it("are seen from anywhere in the open hall, at the top layer, before any camera", () => {
    expect(shareWish({ x: -13, z: 8 }, { x: 1, z: -6 }, wall, zones)).toEqual({ spatialLayer: 2, rank: -1 });
  });

  it("stay inside a private booth, and a hall share does not reach into one", () => {
    expect(shareWish({ x: 0, z: 0 }, { x: 6, z: 6 }, inBooth, zones)).toBeUndefined();
    expect(shareWish({ x: 7, z: 7 }, { x: 6, z: 6 }, inBooth, zones)).toBeDefined();
    expect(shareWish({ x: 6, z: 6 }, { x: 1, z: -6 }, wall, zones)).toBeUndefined();
    // No screen free in the booth: still only for the people inside.
    expect(shareWish({ x: 0, z: 0 }, { x: 6, z: 6 }, undefined, zones)).toBeUndefined();
    expect(shareWish({ x: 7.5, z: 5.5 }, { x: 6, z: 6 }, undefined, zones)).toBeDefined();
  });
});
