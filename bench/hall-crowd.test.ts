import { describe, expect, it } from "vitest";
import { isWalkable } from "../scenes/collision.ts";
import { loadScene } from "../scenes/migrations.ts";
import { inRect, type Scene } from "../scenes/scene-format.ts";
import { placeCrowd } from "./hall-crowd.ts";

// A small fixture rather than a demo hall, which changes as the scenes are redesigned;
// written as v2 and upgraded, then given a booth and an agent desk.
const base = loadScene({
  format: 2,
  id: "fixture",
  name: "Fixture",
  bounds: { minX: -10, minZ: -6, maxX: 10, maxZ: 6 },
  wallHeight: 4,
  spawn: { x: 0, z: 3, radius: 1 },
  palette: { floor: "#000000", walls: "#000000", accent: "#000000", sky: "#000000" },
  blocks: [{ label: "Desk", at: { x: -5, z: 0 }, size: { x: 2, y: 1, z: 1 }, color: "#000000" }],
  zones: [
    { id: "booth", kind: "private", label: "Booth", rect: { minX: 6, minZ: 2, maxX: 9, maxZ: 5 } },
    { id: "stage", kind: "stage", label: "Stage", rect: { minX: -1, minZ: -5, maxX: 1, maxZ: -4 } },
  ],
});
const scene: Scene = {
  ...base,
  booths: [
    {
      id: "phone",
      label: "Phone",
      description: "",
      kbArticleId: "phone",
      at: { x: 4, z: -2 },
      rotation: 0,
      size: { x: 1, y: 1, z: 0.8 },
      stand: "plinth",
      product: { kind: "procedural", model: "phone" },
    },
  ],
  agentDesks: [{ id: "desk-1", at: { x: -8, z: -4 }, rotation: Math.PI / 2 }],
};

describe("placeCrowd", () => {
  const crowd = placeCrowd(scene, 30, 7);

  it("places the same crowd for the same seed", () => {
    expect(placeCrowd(scene, 30, 7)).toEqual(crowd);
    expect(placeCrowd(scene, 30, 8)).not.toEqual(crowd);
  });

  it("fills private rooms, stages and desks first, the rest on free floor", () => {
    expect(crowd).toHaveLength(30);
    const roles = crowd.map((v) => v.role);
    expect(roles.slice(0, 5)).toEqual(["consulting", "consulting", "presenting", "serving", "served"]);
    for (const v of crowd.filter((v) => v.role === "consulting")) expect(inRect(scene.zones[0]!.rect, v.x, v.z)).toBe(true);
    for (const v of crowd.filter((v) => v.role === "browsing" || v.role === "walking")) {
      expect(isWalkable(scene, v)).toBe(true);
      expect(scene.zones.some((z) => inRect(z.rect, v.x, v.z))).toBe(false);
    }
  });

  it("walks a quarter of the free crowd", () => {
    expect(crowd.filter((v) => v.role === "walking")).toHaveLength(Math.round(25 * 0.25));
  });
});
