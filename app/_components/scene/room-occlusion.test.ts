import { describe, expect, it } from "vitest";
import { novaElectronics } from "../../../scenes/demo/nova-electronics.ts";
import { floorOcclusion, wallOcclusion } from "./room-occlusion.ts";

describe("room occlusion", () => {
  const floor = floorOcclusion(novaElectronics);

  it("darkens the floor by the walls and next to a counter, not in the open", () => {
    const open = floor(0, 4.5);
    expect(open).toBeGreaterThan(0.97);
    expect(floor(0, 8.95)).toBeLessThan(open - 0.2); // foot of the front wall
    const reception = floor(-5.2, 1.7); // just in front of the reception counter
    expect(reception).toBeLessThan(open - 0.15);
  });

  it("darkens a wall's foot more than its middle", () => {
    const wall = wallOcclusion(6);
    expect(wall(0.05)).toBeLessThan(wall(3) - 0.2);
  });
});
