import { type Bone, Color, type SkinnedMesh, Vector3 } from "three";
import { describe, expect, it } from "vitest";
import { ARKIT_BLENDSHAPES, FACE_MORPH_NAMES, OCULUS_VISEMES } from "./blendshape-names.ts";
import { BODY_MESH, HEAD_MESH, buildAvatar } from "./build-avatar.ts";
import { bodyProportions } from "./body-proportions.ts";
import { MOUTH } from "./head-shape.ts";
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

  it("gives each eye an iris in the chosen colour, a dark pupil, a white sclera and a catch light", () => {
    const colours = (eyeColor: string) => {
      const model = buildAvatar({ ...PRESETS.kenji, eyeColor });
      const mesh = meshes(model).find((m) => m.name === HEAD_MESH)!;
      const { color, skinIndex, position } = { color: mesh.geometry.getAttribute("color"), skinIndex: mesh.geometry.getAttribute("skinIndex"), position: mesh.geometry.getAttribute("position") };
      const eye = BONE_NAMES.indexOf("LeftEye");
      const out: { rgb: [number, number, number]; z: number }[] = [];
      for (let i = 0; i < color.count; i++) if (skinIndex.getX(i) === eye) out.push({ rgb: [color.getX(i), color.getY(i), color.getZ(i)], z: position.getZ(i) });
      return out;
    };
    const blueIris = ({ rgb: [r, , b] }: { rgb: [number, number, number] }) => b > 2 * r && b > 0.1;
    const blue = colours("#2060c0");
    expect(blue.filter(blueIris).length).toBeGreaterThan(40);
    expect(colours("#5a3b22").filter(blueIris)).toEqual([]);
    const front = blue.reduce((a, b) => (b.z > a.z ? b : a));
    expect(Math.max(...front.rgb), "the pupil, straight ahead").toBeLessThan(0.02);
    expect(blue.some((v) => Math.min(...v.rgb) > 0.95), "a catch light").toBe(true);
    expect(blue.filter((v) => Math.min(...v.rgb) > 0.55 && Math.max(...v.rgb) < 0.9).length, "sclera").toBeGreaterThan(60);
  });

  it("carries the lashes down with the upper lid on a blink", () => {
    const model = buildAvatar(PRESETS.kenji);
    const mesh = meshes(model).find((m) => m.name === HEAD_MESH)!;
    const eye = model.getObjectByName("LeftEye")!.getWorldPosition(new Vector3());
    const { color, position, skinIndex } = { color: mesh.geometry.getAttribute("color"), position: mesh.geometry.getAttribute("position"), skinIndex: mesh.geometry.getAttribute("skinIndex") };
    const blink = mesh.geometry.morphAttributes.position![mesh.morphTargetDictionary!.eyeBlinkLeft!]!;
    const onHead = (i: number) => skinIndex.getX(i) === BONE_NAMES.indexOf("Head"); // not the eyeball
    // Lashes: the near-black blades in front of the eye, between the lid edge and the brow.
    const lashes: number[] = [];
    for (let i = 0; i < color.count; i++) {
      const dark = Math.max(color.getX(i), color.getY(i), color.getZ(i)) < 0.03;
      const y = position.getY(i) - eye.y;
      // Over the middle of the eye: at the corners, where the lids meet, lids and lashes hardly move.
      if (dark && onHead(i) && y > 0.004 && y < 0.018 && Math.abs(position.getX(i) - eye.x) < 0.008 && position.getZ(i) > eye.z + 0.01) lashes.push(i);
    }
    expect(lashes.length).toBeGreaterThan(20);
    for (const i of lashes) expect(blink.getY(i), `lash vertex ${i}`).toBeLessThan(-0.004);
  });

  it("parts the lips by more than a centimetre on jawOpen, the lower lip going down with the jaw", () => {
    const model = buildAvatar(PRESETS.amara);
    const mesh = meshes(model).find((m) => m.name === HEAD_MESH)!;
    const { color, position } = { color: mesh.geometry.getAttribute("color"), position: mesh.geometry.getAttribute("position") };
    const jaw = mesh.geometry.morphAttributes.position![mesh.morphTargetDictionary!.jawOpen!]!;
    const skin = new Color(PRESETS.amara.skinTone);
    const { headCenter, headScale } = bodyProportions(PRESETS.amara);
    const mouthY = headCenter.y + MOUTH.y * headScale;
    // The lips at the middle of the mouth: redder than the skin, and the front-most there.
    const middle: number[] = [];
    for (let i = 0; i < color.count; i++) {
      const near = Math.abs(position.getX(i)) < 0.004 && Math.abs(position.getY(i) - mouthY) < 0.012;
      if (near && color.getX(i) / color.getY(i) > (skin.r / skin.g) * 1.2) middle.push(i);
    }
    const frontZ = Math.max(...middle.map((i) => position.getZ(i)));
    const lips = middle.filter((i) => position.getZ(i) > frontZ - 0.008);
    // Either side of the mouth line (the line itself is where the two lips touch).
    const upper = lips.filter((i) => position.getY(i) > mouthY + 0.0005);
    const lower = lips.filter((i) => position.getY(i) < mouthY - 0.0005);
    const gap = (w: number) => Math.min(...upper.map((i) => position.getY(i) + w * jaw.getY(i))) - Math.max(...lower.map((i) => position.getY(i) + w * jaw.getY(i)));
    expect(upper.length).toBeGreaterThan(3);
    expect(lower.length).toBeGreaterThan(3);
    expect(gap(0)).toBeLessThan(0.005);
    expect(gap(1)).toBeGreaterThan(0.013);
    for (const i of upper) expect(Math.abs(jaw.getY(i))).toBeLessThan(0.0015);
  });

  it("joins the neck to the face in one mesh and material, and no face morph moves it", () => {
    const neckBone = BONE_NAMES.indexOf("Neck");
    const skinIndex = head.geometry.getAttribute("skinIndex");
    const neck: number[] = [];
    for (let i = 0; i < skinIndex.count; i++) if ([skinIndex.getX(i), skinIndex.getY(i)].includes(neckBone)) neck.push(i);
    expect(neck.length).toBeGreaterThan(50);
    for (const target of head.geometry.morphAttributes.position!) for (const i of neck) expect(Math.hypot(target.getX(i), target.getY(i), target.getZ(i))).toBe(0);
  });

  it("writes the name on a staff badge, as far as the font can draw it", () => {
    const vertices = (badgeText: string | undefined) => {
      const body = meshes(buildAvatar({ ...PRESETS.ava, badgeText })).find((m) => m.name === BODY_MESH)!;
      return body.geometry.getAttribute("position").count;
    };
    const plain = vertices("王芳");
    expect(vertices(undefined)).toBe(plain);
    expect(vertices("Ava")).toBeGreaterThan(plain);
    expect(vertices("Marcus")).toBeGreaterThan(vertices("Ava"));
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
