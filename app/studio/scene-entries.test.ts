import { describe, expect, it } from "vitest";
import { novaElectronics } from "../../scenes/demo/nova-electronics.ts";
import { parseScene } from "../../scenes/scene-format.ts";
import { addEntry, allRefs, deleteEntries, duplicateEntries, entryName, moveEntry, placeOf, setField } from "./scene-entries.ts";

const scene = parseScene(novaElectronics);

describe("the studio's scene edits", () => {
  it("moves a booth and turns it, leaving the original document untouched (undo is the old one)", () => {
    const ref = { list: "booths", index: 0 } as const;
    const moved = moveEntry(scene, ref, 1.23456, -2, Math.PI / 2);
    expect(placeOf(moved, ref)).toEqual({ x: 1.235, z: -2, rotation: 1.571 });
    expect(placeOf(scene, ref)).not.toEqual(placeOf(moved, ref));
    expect(() => parseScene(moved)).not.toThrow();
  });

  it("moves an obstacle by its centre and keeps its size", () => {
    const ref = { list: "obstacles", index: 0 } as const;
    const before = scene.obstacles[0]!.rect;
    const moved = moveEntry(scene, ref, 0, 0).obstacles[0]!.rect;
    expect(moved.maxX - moved.minX).toBeCloseTo(before.maxX - before.minX);
    expect((moved.minX + moved.maxX) / 2).toBeCloseTo(0);
  });

  it("duplicates with fresh ids beside the original, and deletes several at once", () => {
    const { scene: doubled, refs } = duplicateEntries(scene, [{ list: "booths", index: 0 }, { list: "signage", index: 0 }]);
    expect(doubled.booths).toHaveLength(scene.booths.length + 1);
    expect(doubled.booths.at(-1)!.id).not.toBe(scene.booths[0]!.id);
    expect(new Set(doubled.booths.map((b) => b.id)).size).toBe(doubled.booths.length);
    expect(doubled.booths.at(-1)!.at.x).toBeCloseTo(scene.booths[0]!.at.x + 1);
    expect(() => parseScene(doubled)).not.toThrow();
    const back = deleteEntries(doubled, refs);
    expect(back.booths.map((b) => b.id)).toEqual(scene.booths.map((b) => b.id));
    expect(back.signage).toHaveLength(scene.signage.length);
  });

  it("adds every kind of thing as a valid entry the outline lists by name", () => {
    let next = scene;
    for (const kind of ["booth", "sign", "screen", "whiteboard", "agentDesk", "obstacle", "zone", "spawnPoint"] as const) next = addEntry(next, kind, 2, 2).scene;
    expect(() => parseScene(next)).not.toThrow();
    expect(allRefs(next).length).toBe(allRefs(scene).length + 8);
    expect(allRefs(next).map((r) => entryName(next, r))).toContain("New sign");
  });

  it("sets a nested field (a sign's text, a booth's product)", () => {
    const next = setField(setField(scene, { list: "signage", index: 0 }, "text", "Grand opening"), { list: "booths", index: 0 }, "product", { kind: "glb", url: "/api/studio/assets/m-abcdef/model.glb" });
    expect(next.signage[0]!.text).toBe("Grand opening");
    expect(next.booths[0]!.product).toEqual({ kind: "glb", url: "/api/studio/assets/m-abcdef/model.glb" });
    expect(() => parseScene(next)).not.toThrow();
  });
});
