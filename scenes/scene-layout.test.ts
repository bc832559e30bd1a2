import { describe, expect, it } from "vitest";
import { counterOf, customerSpot, footprint, surfaceTransform, toWorld } from "./scene-layout.ts";

describe("scene layout", () => {
  it("puts the counter between the person serving and the customer, whichever way they face", () => {
    for (const rotation of [0, Math.PI / 2, Math.PI, -Math.PI / 2]) {
      const post = { at: { x: 3, z: -2 }, rotation };
      const counter = counterOf(post, "desk").at;
      const customer = customerSpot(post, "desk");
      const facing = { x: Math.sin(rotation), z: Math.cos(rotation) };
      const along = (p: { x: number; z: number }) => (p.x - post.at.x) * facing.x + (p.z - post.at.z) * facing.z;
      expect(along(counter)).toBeGreaterThan(0);
      expect(along(customer)).toBeGreaterThan(along(counter));
    }
  });

  it("turns a footprint the way avatars turn (a yaw of π/2 faces +x)", () => {
    const p = toWorld({ x: 0, z: 0 }, Math.PI / 2, { x: 0, z: 1 });
    expect(p.x).toBeCloseTo(1);
    expect(p.z).toBeCloseTo(0);
    // A 2 × 1 table turned a quarter covers 1 along x and 2 along z.
    const r = footprint({ x: 0, z: 0 }, Math.PI / 2, 2, 1);
    expect(r.maxX - r.minX).toBeCloseTo(1);
    expect(r.maxZ - r.minZ).toBeCloseTo(2);
  });

  it("gives a screen a world transform: centre, facing and size from width and aspect", () => {
    const t = surfaceTransform({ id: "wall", at: { x: 1, z: -9 }, y: 2.5, width: 3.2, aspect: 16 / 9, rotation: 0, mount: "wall" });
    expect(t.position).toEqual({ x: 1, y: 2.5, z: -9 });
    expect(t.height).toBeCloseTo(1.8);
    expect(t.normal).toEqual({ x: 0, z: 1 });
  });
});
