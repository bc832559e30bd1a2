import { z } from "zod";
import { ARKIT_BLENDSHAPES, OCULUS_VISEMES } from "./blendshape-names.ts";
import { GlbFormatError, readGlb } from "./glb-container.ts";

/**
 * Checks a user's own avatar file before anyone downloads it: is it a self-contained GLB, small
 * enough, rigged with the Mixamo bones `animateRig` drives, within the triangle budget, and
 * does its face carry the ARKit / viseme morph targets. Pure (no three, no DOM, no Node
 * APIs): the lobby runs it for instant feedback and `POST /api/avatars` runs it as the gate.
 *
 * Policy: anything that would break loading or animation is an error (the upload is refused);
 * missing face morphs are only warnings, because plain Ready Player Me downloads lack them
 * unless asked for, and such an avatar still walks and gestures — its face just stays still.
 */

export const AVATAR_GLB_LIMITS = {
  /** A Ready Player Me avatar with 1k textures is 2–5 MB. */
  maxBytes: 8 * 1024 * 1024,
  /** RPM's "high" LOD is ~20–30k; ours ~15k. A hall of 30 avatars at 60k would be 1.8M triangles. */
  maxTriangles: 60_000,
} as const;

export type AvatarGlbLimits = { maxBytes: number; maxTriangles: number };

/** The bones `animateRig` moves, by their Mixamo names without the `mixamorig:` prefix. */
export const REQUIRED_BONES = [
  "Hips", "Spine", "Spine1", "Spine2", "Neck", "Head",
  "LeftShoulder", "LeftArm", "LeftForeArm", "LeftHand",
  "RightShoulder", "RightArm", "RightForeArm", "RightHand",
  "LeftUpLeg", "LeftLeg", "LeftFoot",
  "RightUpLeg", "RightLeg", "RightFoot",
] as const;

export interface AvatarGlbReport {
  ok: boolean;
  /** Why the file is refused, one sentence each, written for the person who uploaded it. */
  errors: string[];
  /** What will not work as well as with a fully RPM-compatible file. */
  warnings: string[];
  stats: { bytes: number; triangles: number; bones: number; faceMorphs: number };
}

/** Extensions three's GLTFLoader reads without extra decoders (which Atrium does not ship). */
const SUPPORTED_REQUIRED_EXTENSIONS = new Set([
  "KHR_mesh_quantization", "KHR_texture_transform", "KHR_materials_unlit", "KHR_materials_emissive_strength",
  "KHR_materials_clearcoat", "KHR_materials_ior", "KHR_materials_specular", "KHR_materials_transmission",
  "KHR_materials_volume", "KHR_materials_sheen", "KHR_materials_iridescence", "KHR_materials_anisotropy",
  "KHR_materials_dispersion", "KHR_lights_punctual", "EXT_texture_webp", "EXT_texture_avif", "EXT_mesh_gpu_instancing",
]);
const EXTENSION_NAMES: Record<string, string> = {
  KHR_draco_mesh_compression: "Draco mesh compression",
  EXT_meshopt_compression: "meshopt compression",
  KHR_meshopt_compression: "meshopt compression",
  KHR_texture_basisu: "KTX2 (Basis) textures",
};

/** `build-avatar.ts`'s HEAD_MESH, restated so this check does not load the generator (and three). */
const HEAD_MESH = "Wolf3D_Head";
const index = z.number().int().min(0);
const Primitive = z.looseObject({
  attributes: z.record(z.string(), index),
  indices: index.optional(),
  mode: z.number().int().min(0).max(6).optional(),
  targets: z.array(z.record(z.string(), index)).optional(),
});
/** Only the parts this check reads; everything else passes through to GLTFLoader untouched. */
const GltfJson = z.looseObject({
  asset: z.looseObject({ version: z.string() }),
  scene: index.optional(),
  scenes: z.array(z.looseObject({ nodes: z.array(index).optional() })).optional(),
  nodes: z.array(z.looseObject({ name: z.string().optional(), children: z.array(index).optional(), mesh: index.optional(), skin: index.optional() })).optional(),
  meshes: z.array(z.looseObject({ name: z.string().optional(), primitives: z.array(Primitive).min(1), extras: z.unknown().optional() })).optional(),
  skins: z.array(z.looseObject({ joints: z.array(index).min(1) })).optional(),
  accessors: z.array(z.looseObject({ count: z.number().int().min(0) })).optional(),
  buffers: z.array(z.looseObject({ uri: z.string().optional(), byteLength: z.number().int().min(0) })).optional(),
  images: z.array(z.looseObject({ uri: z.string().optional(), name: z.string().optional() })).optional(),
  extensionsRequired: z.array(z.string()).optional(),
});
type GltfJson = z.infer<typeof GltfJson>;

export function validateAvatarGlb(input: ArrayBuffer | Uint8Array, limits: AvatarGlbLimits = AVATAR_GLB_LIMITS): AvatarGlbReport {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const errors: string[] = [];
  const warnings: string[] = [];
  const stats = { bytes: bytes.byteLength, triangles: 0, bones: 0, faceMorphs: 0 };
  const done = (): AvatarGlbReport => ({ ok: errors.length === 0, errors, warnings, stats });

  if (bytes.byteLength > limits.maxBytes) {
    errors.push(`The file is ${megabytes(bytes.byteLength)}; avatars may be at most ${megabytes(limits.maxBytes)}. Export with smaller textures (e.g. 1024 px) or fewer details.`);
    return done();
  }
  let raw: { json: unknown; bin?: Uint8Array };
  try {
    raw = readGlb(bytes);
  } catch (error) {
    errors.push(error instanceof GlbFormatError ? error.message : "The file could not be read as a GLB.");
    return done();
  }
  const parsed = GltfJson.safeParse(raw.json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    errors.push(`The file's glTF description is malformed (${issue?.path.join(".") || "root"}: ${issue?.message ?? "invalid"}).`);
    return done();
  }
  const gltf = parsed.data;
  if (!gltf.asset.version.startsWith("2.")) {
    errors.push(`The file is glTF ${gltf.asset.version}; only glTF 2.0 is supported.`);
    return done();
  }
  const broken = brokenReference(gltf);
  if (broken) {
    errors.push(`The file is damaged: ${broken}.`);
    return done();
  }

  checkEmbedded(gltf, raw.bin, errors);
  checkExtensions(gltf, errors);
  const bones = checkSkeleton(gltf, errors, warnings);
  stats.bones = bones;
  stats.triangles = countTriangles(gltf);
  if (stats.triangles === 0) errors.push("The file has no visible triangles (no meshes in its scene).");
  if (stats.triangles > limits.maxTriangles) {
    errors.push(`The avatar has ${stats.triangles.toLocaleString("en-US")} triangles; the limit is ${limits.maxTriangles.toLocaleString("en-US")}. Export a lower level of detail or decimate the mesh.`);
  }
  stats.faceMorphs = checkFace(gltf, warnings);
  return done();
}

/** Every index the checks below follow must point at something; GLTFLoader would throw otherwise. */
function brokenReference(gltf: GltfJson): string | undefined {
  const nodes = gltf.nodes ?? [];
  const within = (i: number | undefined, list: unknown[] | undefined) => i === undefined || i < (list?.length ?? 0);
  if (!within(gltf.scene, gltf.scenes)) return "its default scene does not exist";
  for (const [s, scene] of (gltf.scenes ?? []).entries()) if (!(scene.nodes ?? []).every((n) => within(n, nodes))) return `scene ${s} names a missing node`;
  for (const [n, node] of nodes.entries()) {
    if (!(node.children ?? []).every((c) => within(c, nodes))) return `node ${n} has a missing child`;
    if (!within(node.mesh, gltf.meshes)) return `node ${n} names a missing mesh`;
    if (!within(node.skin, gltf.skins)) return `node ${n} names a missing skin`;
  }
  for (const skin of gltf.skins ?? []) if (!skin.joints.every((j) => within(j, nodes))) return "a skin names a missing bone";
  for (const mesh of gltf.meshes ?? []) {
    for (const p of mesh.primitives) {
      const refs = [...Object.values(p.attributes), p.indices, ...(p.targets ?? []).flatMap((t) => Object.values(t))];
      if (!refs.every((a) => within(a, gltf.accessors))) return `mesh "${mesh.name ?? "?"}" names a missing accessor`;
    }
  }
  return undefined;
}

function checkEmbedded(gltf: GltfJson, bin: Uint8Array | undefined, errors: string[]): void {
  const external = [...(gltf.buffers ?? []), ...(gltf.images ?? [])]
    .map((item) => item.uri)
    .filter((uri): uri is string => uri !== undefined && !uri.startsWith("data:"));
  if (external.length > 0) {
    const names = external.slice(0, 3).map((u) => `"${u.length > 40 ? `${u.slice(0, 37)}…` : u}"`).join(", ");
    errors.push(`The file refers to outside files (${names}${external.length > 3 ? ", …" : ""}); only self-contained GLBs are accepted. Export with textures and buffers embedded.`);
  }
  const glbBuffer = gltf.buffers?.[0];
  if (glbBuffer && glbBuffer.uri === undefined && glbBuffer.byteLength > (bin?.byteLength ?? 0)) {
    errors.push("The file is damaged: its binary data is shorter than its description says.");
  }
}

function checkExtensions(gltf: GltfJson, errors: string[]): void {
  const unsupported = (gltf.extensionsRequired ?? []).filter((e) => !SUPPORTED_REQUIRED_EXTENSIONS.has(e));
  if (unsupported.length > 0) {
    const names = [...new Set(unsupported.map((e) => EXTENSION_NAMES[e] ?? e))].join(", ");
    errors.push(`The file needs ${names}, which Atrium cannot read. Export it without compression.`);
  }
}

/** Errors for missing bones; returns how many joints the skins have. */
function checkSkeleton(gltf: GltfJson, errors: string[], warnings: string[]): number {
  const nodes = gltf.nodes ?? [];
  const joints = new Set((gltf.skins ?? []).flatMap((s) => s.joints));
  if (joints.size === 0) {
    errors.push("The avatar has no skeleton (no skinned mesh), so it could not walk or gesture. Use a rigged avatar, e.g. from Ready Player Me.");
    return 0;
  }
  const names = new Set([...joints].map((j) => nodes[j]?.name ?? ""));
  const missing = REQUIRED_BONES.filter((b) => !names.has(b));
  if (missing.length > 0) {
    const prefixed = [...names].find((n) => /^mixamorig\d*[:_]/i.test(n));
    errors.push(
      prefixed
        ? `The bones have a prefix (like "${prefixed}"); Atrium needs Mixamo names without it ("Hips", "Spine", …), as Ready Player Me exports them.`
        : `The skeleton is missing bones Atrium animates: ${missing.join(", ")}. Use a Ready Player Me or Mixamo skeleton (bones named Hips, Spine, Spine1, Spine2, Neck, Head, LeftArm, …).`,
    );
  }
  const parent = new Map<number, number>();
  nodes.forEach((node, i) => node.children?.forEach((c) => parent.set(c, i)));
  const hips = [...joints].find((j) => nodes[j]?.name === "Hips");
  let hasArmature = false;
  const seen = new Set<number>();
  for (let n = hips === undefined ? undefined : parent.get(hips); n !== undefined && !seen.has(n); n = parent.get(n)) {
    seen.add(n);
    if (nodes[n]?.name === "Armature") hasArmature = true;
  }
  if (hips !== undefined && !hasArmature) warnings.push('There is no "Armature" node above the Hips bone (the Ready Player Me layout); the avatar should still work.');
  return joints.size;
}

/** Triangles drawn: every mesh counted once per node that shows it in the scene. */
function countTriangles(gltf: GltfJson): number {
  const nodes = gltf.nodes ?? [];
  const scene = gltf.scenes?.[gltf.scene ?? 0];
  const roots = scene?.nodes ?? nodes.map((_, i) => i);
  const seen = new Set<number>();
  const stack = [...roots];
  let triangles = 0;
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (seen.has(n)) continue; // a malformed file may loop
    seen.add(n);
    const node = nodes[n];
    if (!node) continue;
    stack.push(...(node.children ?? []));
    const mesh = node.mesh === undefined ? undefined : gltf.meshes?.[node.mesh];
    for (const p of mesh?.primitives ?? []) {
      const vertices = gltf.accessors?.[p.indices ?? p.attributes.POSITION ?? -1]?.count ?? 0;
      const mode = p.mode ?? 4;
      triangles += mode === 4 ? Math.floor(vertices / 3) : mode === 5 || mode === 6 ? Math.max(0, vertices - 2) : 0;
    }
  }
  return triangles;
}

/** Warnings for face morphs that are missing; returns how many of the 67 names were found. */
function checkFace(gltf: GltfJson, warnings: string[]): number {
  const nodes = gltf.nodes ?? [];
  const meshes = gltf.meshes ?? [];
  const found = new Set<string>();
  for (const mesh of meshes) for (const name of targetNames(mesh)) found.add(name);
  const hasHead = nodes.some((n) => n.name === HEAD_MESH && n.mesh !== undefined) || meshes.some((m) => m.name === HEAD_MESH);
  if (!hasHead) warnings.push(`There is no "${HEAD_MESH}" mesh (the Ready Player Me head); face animation looks for its morph targets on any mesh instead.`);

  const rpmHint = 'In Ready Player Me, download the avatar with morph targets "ARKit" and "Oculus Visemes".';
  const arkitMissing = ARKIT_BLENDSHAPES.filter((n) => !found.has(n));
  const visemesMissing = OCULUS_VISEMES.filter((n) => !found.has(n));
  if (arkitMissing.length === ARKIT_BLENDSHAPES.length) {
    warnings.push(`The face has none of the 52 ARKit blendshapes, so it will not blink, look around or move its mouth. ${rpmHint}`);
  } else if (arkitMissing.length > 0) {
    warnings.push(`The face lacks ${arkitMissing.length} of the 52 ARKit blendshapes (${listSome(arkitMissing)}); those expressions will not show.`);
  }
  if (visemesMissing.length === OCULUS_VISEMES.length) {
    warnings.push(`The face has none of the 15 Oculus visemes, so lip-sync will not move its mouth. ${arkitMissing.length === ARKIT_BLENDSHAPES.length ? "" : rpmHint}`.trim());
  } else if (visemesMissing.length > 0) {
    warnings.push(`The face lacks ${visemesMissing.length} of the 15 Oculus visemes (${listSome(visemesMissing)}); lip-sync will be less precise.`);
  }
  return ARKIT_BLENDSHAPES.length + OCULUS_VISEMES.length - arkitMissing.length - visemesMissing.length;
}

/** Morph target names the way GLTFLoader reads them: `mesh.extras.targetNames`. */
function targetNames(mesh: { extras?: unknown }): string[] {
  const names = (mesh.extras as { targetNames?: unknown } | undefined)?.targetNames;
  return Array.isArray(names) ? names.filter((n): n is string => typeof n === "string") : [];
}

function listSome(names: readonly string[]): string {
  return names.length <= 4 ? names.join(", ") : `${names.slice(0, 4).join(", ")} and ${names.length - 4} more`;
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
