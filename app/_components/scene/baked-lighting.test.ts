import { describe, expect, it } from "vitest";
import { Color, PlaneGeometry, Vector3 } from "three";
import { bakeDiffuse, diffuseLight } from "./baked-lighting.ts";

const lighting = {
  exposure: 1,
  environment: 0.5,
  lights: [
    { kind: "hemisphere" as const, sky: "#ffffff", ground: "#000000", intensity: 1 },
    { kind: "sun" as const, color: "#ffffff", intensity: 2, from: { x: 0, y: 10, z: 0 }, shadows: true },
  ],
};

describe("baked diffuse lighting (low preset)", () => {
  const light = diffuseLight(lighting, 0.5);

  it("lights a floor more than a wall, and a wall facing away from the sun only by sky and ambient", () => {
    const at = new Vector3(0, 0, 0);
    const floor = light(new Vector3(0, 1, 0), at, new Color());
    const wall = light(new Vector3(1, 0, 0), at, new Color());
    // Lambert: (ambient + hemisphere + sun·cosθ) / π
    expect(floor.r).toBeCloseTo((0.5 + 1 + 2) / Math.PI);
    expect(wall.r).toBeCloseTo((0.5 + 0.5) / Math.PI);
    expect(floor.r).toBeGreaterThan(wall.r);
  });

  it("leaves a pool of light under a spot and none outside its cone", () => {
    const spot = diffuseLight({ ...lighting, lights: [{ kind: "spot", color: "#ffffff", intensity: 100, at: { x: 0, y: 5, z: 0 }, target: { x: 0, y: 0, z: 0 }, angle: 0.5, penumbra: 0.2 }] }, 0);
    const up = new Vector3(0, 1, 0);
    expect(spot(up, new Vector3(0, 0, 0), new Color()).r).toBeCloseTo(100 / 25 / Math.PI);
    expect(spot(up, new Vector3(6, 0, 0), new Color()).r).toBe(0);
  });

  it("darkens a surface's own colours by the light it gets", () => {
    const plane = new PlaneGeometry(1, 1);
    plane.rotateX(-Math.PI / 2);
    bakeDiffuse(plane, light);
    expect(plane.attributes.color!.getX(0)).toBeCloseTo(3.5 / Math.PI);
  });
});
