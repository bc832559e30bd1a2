import validator from "gltf-validator";
import type { Mesh } from "three";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { describe, expect, it } from "vitest";
import { FACE_MORPH_NAMES } from "./blendshape-names.ts";
import { HEAD_MESH, buildAvatar } from "./build-avatar.ts";
import { exportAvatarGlb } from "./export-glb.ts";
import { PRESETS, PRESET_NAMES } from "./presets.ts";

const MAX_BYTES = 1.5 * 1024 * 1024;
const glbs = new Map<string, Uint8Array>();
const glbOf = async (name: keyof typeof PRESETS): Promise<Uint8Array> => {
  if (!glbs.has(name)) glbs.set(name, await exportAvatarGlb(buildAvatar(PRESETS[name])));
  return glbs.get(name)!;
};

describe("exportAvatarGlb", () => {
  it.each(PRESET_NAMES)("exports preset %s as a valid GLB within 1.5 MB", async (name) => {
    const glb = await glbOf(name);
    expect(glb.byteLength).toBeLessThanOrEqual(MAX_BYTES);
    const report = await validator.validateBytes(glb);
    const errors = report.issues.messages.filter((m) => m.severity === 0);
    expect(errors).toEqual([]);
    // Warnings are reported, not fatal (e.g. skinned meshes under the Armature node, as in RPM files).
    console.warn(`${name}: ${glb.byteLength} bytes, ${report.issues.numWarnings} validator warnings`);
  });

  it("loads back with GLTFLoader with the RPM names and all face morphs", async () => {
    const glb = await glbOf("marcus");
    const buffer = glb.buffer.slice(glb.byteOffset, glb.byteOffset + glb.byteLength) as ArrayBuffer;
    const gltf = await new GLTFLoader().parseAsync(buffer, "");
    const root = gltf.scene.getObjectByName("Armature")!;
    expect(root).toBeDefined();
    expect(root.getObjectByName("Hips")).toBeDefined();
    const head = gltf.scene.getObjectByName(HEAD_MESH) as Mesh;
    expect(Object.keys(head.morphTargetDictionary!).sort()).toEqual([...FACE_MORPH_NAMES].sort());
    const jaw = head.geometry.morphAttributes.position![head.morphTargetDictionary!.jawOpen!]!;
    let moved = 0;
    for (let i = 0; i < jaw.count; i++) if (Math.abs(jaw.getY(i)) > 0.001) moved++;
    expect(moved).toBeGreaterThan(50);
    const body = gltf.scene.getObjectByName("Wolf3D_Body") as Mesh;
    expect(body.userData.badgeText).toBe("Marcus");
  });
});
