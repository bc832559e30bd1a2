import { Box3, PlaneGeometry, Vector3 } from "three";
import { mergeGeometries } from "three/examples/jsm/utils/BufferGeometryUtils.js";
import { describe, expect, it } from "vitest";
import { buildAvatar } from "./build-avatar.ts";
import { addFarDetail, clusterVertices, FAR_MESH_SUFFIX } from "./far-detail.ts";
import { PRESET_NAMES, PRESETS } from "./presets.ts";

const triangles = (meshes: { geometry: { index: { count: number } | null } }[]) => meshes.reduce((n, m) => n + m.geometry.index!.count / 3, 0);

describe("addFarDetail", () => {
  it.each(PRESET_NAMES)("gives preset %s a hidden coarse twin per mesh, on the same skeleton, at under a third of the triangles", (name) => {
    const model = buildAvatar(PRESETS[name]);
    const { near, far } = addFarDetail(model);
    expect(far.map((m) => m.name)).toEqual(near.map((m) => m.name + FAR_MESH_SUFFIX));
    expect(triangles(far)).toBeLessThan(triangles(near) / 3);
    for (const [i, twin] of far.entries()) {
      expect(twin.visible, "hidden until the figure is far away").toBe(false);
      expect(twin.skeleton, "moved by the same rig").toBe(near[i]!.skeleton);
      expect(twin.bindMatrix.equals(near[i]!.bindMatrix)).toBe(true);
      expect(twin.parent).toBe(near[i]!.parent);
      expect(twin.geometry.morphAttributes.position, "no face morphs far away").toBeUndefined();
    }
  });

  it("keeps the figure's size and colours, and sound skin weights", () => {
    const model = buildAvatar(PRESETS[PRESET_NAMES[0]!]);
    const { near, far } = addFarDetail(model);
    for (const [i, twin] of far.entries()) {
      const source = near[i]!.geometry;
      const g = twin.geometry;
      const a = new Box3().setFromBufferAttribute(source.getAttribute("position") as never);
      const b = new Box3().setFromBufferAttribute(g.getAttribute("position") as never);
      // Means of cells 3.5 cm wide: the outline moves by less than a cell.
      expect(a.min.distanceTo(b.min)).toBeLessThan(0.035 * Math.sqrt(3));
      expect(a.max.distanceTo(b.max)).toBeLessThan(0.035 * Math.sqrt(3));
      const weights = g.getAttribute("skinWeight");
      for (let v = 0; v < weights.count; v++) {
        const sum = weights.getX(v) + weights.getY(v) + weights.getZ(v) + weights.getW(v);
        expect(sum).toBeCloseTo(1, 3);
      }
      const colours = g.getAttribute("color");
      for (const value of colours.array) expect(Number.isFinite(value)).toBe(true);
      // Mean colour per mesh stays put (skin stays skin, the jacket stays the jacket).
      const mean = (attribute: typeof colours) => {
        const m = new Vector3();
        for (let v = 0; v < attribute.count; v++) m.add(new Vector3(attribute.getX(v), attribute.getY(v), attribute.getZ(v)));
        return m.divideScalar(attribute.count);
      };
      expect(mean(colours).distanceTo(mean(source.getAttribute("color") as typeof colours))).toBeLessThan(0.1);
    }
  });

  it("does not fold a thin shell onto what it covers: surfaces facing opposite ways never merge", () => {
    // A sheet 5 mm above another, facing away from it (hair over a skull, a lid over an eye).
    const top = new PlaneGeometry(0.3, 0.3, 12, 12).rotateX(-Math.PI / 2);
    const under = new PlaneGeometry(0.3, 0.3, 12, 12).rotateX(Math.PI / 2).translate(0, -0.005, 0);
    const both = mergeGeometries([top, under])!;
    const coarse = clusterVertices(both, 0.035);
    const heights = new Set(Array.from({ length: coarse.getAttribute("position").count }, (_, v) => Math.round(coarse.getAttribute("position").getY(v) * 1e4) / 1e4 + 0));
    expect([...heights].sort((a, b) => a - b)).toEqual([-0.005, 0]);
    expect(coarse.getAttribute("position").count).toBeLessThan(both.getAttribute("position").count / 1.5);
    expect(coarse.index!.count).toBeGreaterThan(0);
  });
});
