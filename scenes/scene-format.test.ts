import { describe, expect, it } from "vitest";
import { clampToBounds, parseScene, zoneAt } from "./scene-format.ts";
import { novaElectronics } from "./demo/nova-electronics.ts";

describe("scene format", () => {
  it("accepts the demo store", () => {
    expect(parseScene(novaElectronics).id).toBe("nova-electronics");
  });

  it("rejects a scene with inverted bounds", () => {
    expect(() => parseScene({ ...novaElectronics, bounds: { minX: 5, minZ: 0, maxX: -5, maxZ: 3 } })).toThrow(/no area/);
  });

  it("rejects a scene that is not of the current format", () => {
    expect(() => parseScene({ ...novaElectronics, format: 99 })).toThrow();
  });

  it("rejects two booths with the same id, so a knowledge-base link cannot point at the wrong one", () => {
    const [first] = novaElectronics.booths;
    expect(() => parseScene({ ...novaElectronics, booths: [first, { ...first!, at: { x: 0, z: 0 } }] })).toThrow(/duplicate id .+nova-phone-12.+ in booths/);
  });

  it("refuses a product model from another site: nothing is fetched from the web", () => {
    const booth = { ...novaElectronics.booths[0]!, product: { kind: "glb", url: "https://cdn.example.com/phone.glb" } };
    expect(() => parseScene({ ...novaElectronics, booths: [booth] })).toThrow(/path on this site/);
    const local = { ...booth, product: { kind: "glb", url: "/models/phone.glb" } };
    expect(parseScene({ ...novaElectronics, booths: [local] }).booths[0]!.product).toEqual({ kind: "glb", url: "/models/phone.glb" });
  });

  it("refuses an unknown procedural product and a diagonal partition", () => {
    const booth = { ...novaElectronics.booths[0]!, product: { kind: "procedural", model: "toaster" } };
    expect(() => parseScene({ ...novaElectronics, booths: [booth] })).toThrow();
    const diagonal = { from: { x: 0, z: 0 }, to: { x: 2, z: 2 }, height: 2, kind: "glass" };
    expect(() => parseScene({ ...novaElectronics, partitions: [diagonal] })).toThrow(/along x or along z/);
  });

  it("finds the audio zone a visitor stands in", () => {
    expect(zoneAt(novaElectronics.zones, 11, 6)?.kind).toBe("private");
    expect(zoneAt(novaElectronics.zones, 0, -7)?.kind).toBe("stage");
    expect(zoneAt(novaElectronics.zones, 0, 0)).toBeUndefined();
  });

  it("clamps positions inside the walls with a margin", () => {
    expect(clampToBounds(novaElectronics.bounds, 100, -100)).toEqual({ x: 13.7, z: -8.7 });
    expect(clampToBounds(novaElectronics.bounds, 1, 2)).toEqual({ x: 1, z: 2 });
  });
});
