import { type Bone, type SkinnedMesh, Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { ARKIT_BLENDSHAPES, FACE_MORPH_NAMES, OCULUS_VISEMES } from "./blendshape-names.ts";
import { BODY_MESH, HEAD_MESH, buildAvatar } from "./build-avatar.ts";
import { PRESETS, PRESET_NAMES } from "./presets.ts";
import { BONE_NAMES } from "./skeleton-names.ts";

const avatar = buildAvatar(PRESETS.ava);
const meshes = (root = avatar): SkinnedMesh[] => {
  const out: SkinnedMesh[] = [];
  root.traverse((o) => {
    if ((o as SkinnedMesh).isSkinnedMesh) out.push(o as SkinnedMesh);
  });
  return out;
};
const head = meshes().find((m) => m.name === HEAD_MESH)!;

/** Largest displacement (metres) a morph target applies to any vertex. */
function maxDisplacement(mesh: SkinnedMesh, name: string): number {
  const index = mesh.morphTargetDictionary![name]!;
  const deltas = mesh.geometry.morphAttributes.position![index]!;
  let max = 0;
  for (let i = 0; i < deltas.count; i++) max = Math.max(max, Math.hypot(deltas.getX(i), deltas.getY(i), deltas.getZ(i)));
  return max;
}

describe("buildAvatar", () => {
  it("is rooted at Armature with the full Mixamo skeleton under Hips", () => {
    expect(avatar.name).toBe("Armature");
    const hips = avatar.children.find((c) => c.name === "Hips") as Bone;
    expect(hips?.type).toBe("Bone");
    const names: string[] = [];
    hips.traverse((o) => names.push(o.name));
    expect(names.sort()).toEqual([...BONE_NAMES].sort());
    expect(avatar.getObjectByName("LeftHand")!.parent!.name).toBe("LeftForeArm");
    expect(avatar.getObjectByName("HeadTop_End")!.parent!.name).toBe("Head");
  });

  it("carries every ARKit blendshape and viseme on Wolf3D_Head, each moving vertices by more than 1 mm", () => {
    expect(ARKIT_BLENDSHAPES).toHaveLength(52);
    expect(OCULUS_VISEMES).toHaveLength(15);
    expect(Object.keys(head.morphTargetDictionary!).sort()).toEqual([...FACE_MORPH_NAMES].sort());
    const weak = FACE_MORPH_NAMES.filter((name) => maxDisplacement(head, name) < 0.001);
    expect(weak).toEqual([]);
  });

  it("closes the lids over the eyes on a blink and drops the jaw on jawOpen", () => {
    const eye = avatar.getObjectByName("LeftEye")!.getWorldPosition(new Vector3());
    const blink = head.morphTargetDictionary!.eyeBlinkLeft!;
    const deltas = head.geometry.morphAttributes.position![blink]!;
    const positions = head.geometry.getAttribute("position");
    let lidsMovedDown = 0;
    for (let i = 0; i < deltas.count; i++) {
      const above = positions.getY(i) > eye.y && Math.abs(positions.getX(i) - eye.x) < 0.01;
      if (above && deltas.getY(i) < -0.004) lidsMovedDown++;
    }
    expect(lidsMovedDown).toBeGreaterThan(5);
    expect(maxDisplacement(head, "jawOpen")).toBeGreaterThan(0.01);
  });

  it("uses two skinned meshes with one material each (2 draw calls) and stays within 20k triangles", () => {
    for (const name of PRESET_NAMES) {
      const list = meshes(buildAvatar(PRESETS[name]));
      expect(list.map((m) => m.name).sort()).toEqual([BODY_MESH, HEAD_MESH].sort());
      const drawCalls = list.reduce((n, m) => n + (Array.isArray(m.material) ? m.material.length : 1), 0);
      expect(drawCalls).toBeLessThanOrEqual(3);
      const triangles = list.reduce((n, m) => n + m.geometry.index!.count / 3, 0);
      expect(triangles).toBeLessThanOrEqual(20_000);
      for (const mesh of list) {
        expect(mesh.geometry.getAttribute("skinIndex")).toBeDefined();
        expect(mesh.skeleton.bones.map((b) => b.name)).toEqual([...BONE_NAMES]);
      }
    }
  });

  it("moves the skin with the bones", () => {
    const body = meshes().find((m) => m.name === BODY_MESH)!;
    const forearm = avatar.getObjectByName("LeftForeArm")!;
    const position = body.geometry.getAttribute("position");
    const hand = avatar.getObjectByName("LeftHand")!.getWorldPosition(new Vector3());
    let index = 0;
    for (let i = 0; i < position.count; i++) {
      if (new Vector3().fromBufferAttribute(position, i).distanceTo(hand) < new Vector3().fromBufferAttribute(position, index).distanceTo(hand)) index = i;
    }
    const before = body.getVertexPosition(index, new Vector3());
    forearm.rotation.z = -1;
    avatar.updateMatrixWorld(true);
    body.skeleton.update();
    const after = body.getVertexPosition(index, new Vector3());
    forearm.rotation.z = 0;
    expect(after.y).toBeLessThan(before.y - 0.1);
  });

  it("rejects invalid params", () => {
    expect(() => buildAvatar({ ...PRESETS.ava, height: 3 })).toThrow();
  });
});
