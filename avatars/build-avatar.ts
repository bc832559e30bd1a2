import { BufferAttribute, Group, MeshStandardMaterial, Skeleton, SkinnedMesh, Vector3 } from "three";
import { AvatarParams, type AvatarParamsInput } from "./avatar-params.ts";
import { FACE_MORPH_NAMES } from "./blendshape-names.ts";
import { addBody } from "./body-geometry.ts";
import { bodyProportions } from "./body-proportions.ts";
import { computeFaceMorphs } from "./face-morphs.ts";
import { facePalette } from "./face-paint.ts";
import { addHair, hairCoversEars } from "./hair.ts";
import { buildHeadGeometry } from "./head-geometry.ts";
import { MeshPart, linearRgb } from "./mesh-part.ts";
import { addNeck } from "./neck-geometry.ts";
import { outfitLook } from "./outfit.ts";
import { buildSkeleton } from "./skeleton.ts";
import { BONE_NAMES, type BoneName } from "./skeleton-names.ts";

/**
 * Layout (see README): two skinned meshes, one material each, so an avatar costs 2 draw calls.
 * `Wolf3D_Head` holds everything the face morphs move (face, lids, eyes, brows, mouth, teeth,
 * tongue, ears) and carries all 67 targets; `Wolf3D_Body` holds body, clothes, shoes and hair
 * and has no morphs, so the GPU only blends morphs over the head's few thousand vertices.
 */
export const HEAD_MESH = "Wolf3D_Head";
export const BODY_MESH = "Wolf3D_Body";

export function buildAvatar(input: AvatarParamsInput): Group {
  const params = AvatarParams.parse(input);
  const body = bodyProportions(params);
  const { headCenter, headScale } = body;
  const toWorld = (x: number, y: number, z: number): Vector3 => new Vector3(x, y, z).multiplyScalar(headScale).add(headCenter);

  const head = buildHeadGeometry(params, { ears: !hairCoversEars(params.hairStyle) });
  const morphs = computeFaceMorphs(head);
  for (let i = 0; i < head.part.vertexCount; i++) {
    const p = toWorld(head.part.positions[i * 3]!, head.part.positions[i * 3 + 1]!, head.part.positions[i * 3 + 2]!);
    head.part.setPosition(i, p.x, p.y, p.z);
  }
  const eyes = {
    LeftEye: toWorld(head.eyes[0].center.x, head.eyes[0].center.y, head.eyes[0].center.z),
    RightEye: toWorld(head.eyes[1].center.x, head.eyes[1].center.y, head.eyes[1].center.z),
  };
  const { root, bones } = buildSkeleton({ ...body.joints, ...eyes });

  const bodyPart = new MeshPart();
  addBody(bodyPart, body, outfitLook(params), linearRgb(params.skinTone));
  addHair(bodyPart, params, headCenter, headScale);

  // The neck is skin: in the head's mesh and material, so it meets the face with no seam. No
  // morph moves it (its deltas are zero).
  const neck = new MeshPart();
  addNeck(neck, body, facePalette(params).skin);
  const faceVertices = head.part.vertexCount;
  head.part.append(neck);

  const headGeometry = head.part.toGeometry();
  headGeometry.morphTargetsRelative = true;
  headGeometry.morphAttributes.position = FACE_MORPH_NAMES.map((name) => {
    const deltas = new Float32Array(head.part.vertexCount * 3);
    deltas.set(morphs.get(name)!.subarray(0, faceVertices * 3));
    for (let i = 0; i < deltas.length; i++) deltas[i]! *= headScale;
    const attribute = new BufferAttribute(deltas, 3);
    attribute.name = name;
    return attribute;
  });

  const armature = new Group();
  armature.name = "Armature";
  armature.add(root);
  armature.updateMatrixWorld(true);
  const skeleton = new Skeleton(BONE_NAMES.map((name: BoneName) => bones[name]));

  // Skin: fairly rough; its warmth (where light scatters back out reddened) is painted in the
  // vertex colours (face-paint.ts), which survive any renderer and the GLB.
  const headMesh = new SkinnedMesh(headGeometry, new MeshStandardMaterial({ name: "Wolf3D_Skin", vertexColors: true, roughness: 0.6, metalness: 0 }));
  headMesh.name = HEAD_MESH;
  headMesh.updateMorphTargets();
  const bodyMesh = new SkinnedMesh(bodyPart.toGeometry(), new MeshStandardMaterial({ name: "Wolf3D_Body", vertexColors: true, roughness: 0.85, metalness: 0 }));
  bodyMesh.name = BODY_MESH;
  if (params.badgeText && params.outfit === "uniform") bodyMesh.userData.badgeText = params.badgeText;
  for (const mesh of [headMesh, bodyMesh]) {
    armature.add(mesh);
    mesh.bind(skeleton);
  }
  armature.userData.avatarParams = params;
  return armature;
}
