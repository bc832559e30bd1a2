import { type Document, Logger, NodeIO, Primitive, getBounds } from "@gltf-transform/core";
import { ALL_EXTENSIONS } from "@gltf-transform/extensions";
import { compressTexture, dedup, getGLPrimitiveCount, meshopt, prune, weld } from "@gltf-transform/functions";
import validator from "gltf-validator";
import { MeshoptDecoder, MeshoptEncoder } from "meshoptimizer";
import sharp from "sharp";
import { renderGlbThumbnail, shownScene } from "./glb-thumbnail.ts";

/**
 * The server side of a marketer uploading a product model (GLB) in the scene studio: refuse what
 * the hall can't or shouldn't show — with a reason in both languages the studio speaks — and turn
 * what it can into a small GLB plus a thumbnail.
 *
 * Uploaded bytes are hostile until proven otherwise, so the checks run cheapest first and nothing
 * expensive sees a file the cheap checks could have refused: (1) the GLB container, by hand; (2)
 * the glTF JSON alone, for counts and byte ranges that would make later stages allocate or loop
 * without bound; (3) the Khronos validator; (4) loading with gltf-transform, exact triangle count
 * and texture sizes; (5) optimisation (dedup, prune, weld, textures down to 1024 px, meshopt) and
 * (6) the thumbnail. Every failure comes out as a `GlbRefused`, never as a library's own error.
 */

export interface GlbBudget {
  maxBytes: number;
  maxTriangles: number;
  /** Largest texture side accepted, in pixels; larger ones are refused (smaller ones are scaled to ≤ 1024 px anyway). */
  maxTextureSize: number;
  maxTextures: number;
  maxNodes: number;
  maxJsonBytes: number;
}

const MB = 1024 * 1024;

export const DEFAULT_GLB_BUDGET: GlbBudget = {
  maxBytes: 20 * MB,
  maxTriangles: 200_000,
  maxTextureSize: 4096,
  maxTextures: 16,
  maxNodes: 2000,
  maxJsonBytes: 4 * MB,
};

/** Textures the hall gets are at most this many pixels on a side. */
const HALL_TEXTURE_SIZE = 1024;
/** Validator messages quoted in a refusal. */
const QUOTED_ISSUES = 3;

export interface Bilingual {
  en: string;
  "zh-CN": string;
}

export class GlbRefused extends Error {
  readonly reasons: Bilingual[];
  constructor(reasons: Bilingual[]) {
    super(reasons.map((r) => r.en).join(" "));
    this.name = "GlbRefused";
    this.reasons = reasons;
  }
}

export interface GlbIntake {
  glb: Uint8Array;
  originalBytes: number;
  bytes: number;
  triangles: number;
  textures: number;
  /** model-space bounds after optimisation */
  min: [number, number, number];
  max: [number, number, number];
  thumbnailPng: Uint8Array;
  warnings: Bilingual[];
}

export async function intakeGlb(upload: Uint8Array, budget: Partial<GlbBudget> = {}): Promise<GlbIntake> {
  const limits: GlbBudget = { ...DEFAULT_GLB_BUDGET, ...budget };
  if (upload.byteLength > limits.maxBytes) throw new GlbRefused([say.tooBig(upload.byteLength, limits.maxBytes)]);
  // gltf-transform views the binary chunk as typed arrays, which need 4-byte alignment; an
  // upload arrives as a slice of some pooled Buffer, so it is copied when it isn't aligned.
  const input = upload.byteOffset % 4 === 0 ? upload : new Uint8Array(upload); // (a Buffer's slice() would be a view)
  const { json, binLength } = readContainer(input, limits);
  const declaredExtensions = checkJson(json, binLength, limits);
  const warnings: Bilingual[] = [];
  await validate(input, warnings);
  const io = await glbIo();
  const doc = await load(io, input);
  warnings.push(...droppedExtensions(doc, declaredExtensions));
  const shown = keepShownScene(doc);
  if (shown.dropped > 0) warnings.push(say.scenesDropped(shown.dropped));
  const triangles = countTriangles(doc);
  if (triangles === 0) throw new GlbRefused([say.noTriangles()]);
  if (triangles > limits.maxTriangles) throw new GlbRefused([say.tooManyTriangles(triangles, limits.maxTriangles)]);
  await checkTextures(doc, limits);
  return optimise(io, doc, input, triangles, warnings, shown.dropped === 0);
}

// ——— 1. The container ———

const GLB_MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a; // "JSON"
const CHUNK_BIN = 0x004e4942; // "BIN\0"

type Json = Record<string, unknown>;

function readContainer(input: Uint8Array, budget: GlbBudget): { json: Json; binLength: number } {
  const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
  if (input.byteLength < 12 || view.getUint32(0, true) !== GLB_MAGIC) throw new GlbRefused([say.notGlb(looksLikeJson(input))]);
  const version = view.getUint32(4, true);
  if (version !== 2) throw new GlbRefused([say.wrongVersion(version)]);
  const declared = view.getUint32(8, true);
  if (declared !== input.byteLength) throw new GlbRefused([say.wrongLength(declared, input.byteLength)]);

  let json: Uint8Array | null = null;
  let binLength: number | null = null;
  let at = 12;
  while (at < input.byteLength) {
    if (at + 8 > input.byteLength) throw new GlbRefused([say.damaged(chunkDamage.header)]);
    const length = view.getUint32(at, true);
    const type = view.getUint32(at + 4, true);
    const start = at + 8;
    if (start + length > input.byteLength) throw new GlbRefused([say.damaged(chunkDamage.pastEnd)]);
    if (json === null) {
      if (type !== CHUNK_JSON) throw new GlbRefused([say.damaged(chunkDamage.jsonFirst)]);
      if (length > budget.maxJsonBytes) throw new GlbRefused([say.jsonTooBig(length, budget.maxJsonBytes)]);
      json = input.subarray(start, start + length);
    } else if (type === CHUNK_BIN) {
      if (binLength !== null || at !== 20 + json.byteLength) throw new GlbRefused([say.damaged(chunkDamage.binSecond)]);
      binLength = length;
    } else if (type === CHUNK_JSON) {
      throw new GlbRefused([say.damaged(chunkDamage.twoJson)]);
    } // other chunk types are ignored, as the spec asks
    at = start + length;
  }
  if (json === null) throw new GlbRefused([say.damaged(chunkDamage.jsonFirst)]);
  return { json: parseJson(json), binLength: binLength ?? 0 };
}

function looksLikeJson(input: Uint8Array): boolean {
  const head = new TextDecoder().decode(input.subarray(0, 64)).trimStart();
  return head.startsWith("{");
}

function parseJson(bytes: Uint8Array): Json {
  let value: unknown;
  try {
    // Spaces pad the chunk per the spec; some exporters pad with NULs instead, which is harmless.
    let end = bytes.byteLength;
    while (end > 0 && bytes[end - 1] === 0) end--;
    value = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, end)));
  } catch {
    throw new GlbRefused([say.badJson()]);
  }
  if (!isObject(value)) throw new GlbRefused([say.jsonNotObject()]);
  return value;
}

// ——— 2. The JSON alone ———

/** Extensions gltf-transform reads (and so can carry into the hall's GLB). */
const READABLE_EXTENSIONS = new Set(ALL_EXTENSIONS.map((e) => e.EXTENSION_NAME));
const MESHOPT = "EXT_meshopt_compression";

/** What each accessor component type takes, in bytes. */
const COMPONENT_BYTES: Record<number, number> = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 };
const TYPE_COMPONENTS: Record<string, number> = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT2: 4, MAT3: 9, MAT4: 16 };

/**
 * Refuses from the JSON what would make loading allocate or loop without bound, or read outside
 * the file; leaves everything else (types, references, alignment, accessor-within-view) to the
 * validator. Returns the extensions the file declares.
 */
function checkJson(json: Json, binLength: number, budget: GlbBudget): string[] {
  const reasons: Bilingual[] = [];
  const used = strings(json.extensionsUsed);
  const required = strings(json.extensionsRequired);
  const declared = [...new Set([...used, ...required])];

  if (declared.includes("KHR_draco_mesh_compression")) reasons.push(say.draco());
  if (declared.includes("KHR_texture_basisu")) reasons.push(say.ktx2());
  if (declared.includes("EXT_mesh_gpu_instancing")) reasons.push(say.gpuInstancing());
  const unreadable = required.filter((name) => !READABLE_EXTENSIONS.has(name) && !["KHR_draco_mesh_compression", "KHR_texture_basisu", "EXT_mesh_gpu_instancing"].includes(name));
  if (unreadable.length > 0) reasons.push(say.unknownExtensions(unreadable));

  const nodes = list(json.nodes);
  if (nodes.length > budget.maxNodes) reasons.push(say.tooManyNodes(nodes.length, budget.maxNodes));
  const images = list(json.images);
  if (images.length > budget.maxTextures) reasons.push(say.tooManyTextures(images.length, budget.maxTextures));

  // Buffers: the GLB's own BIN chunk, or (for meshopt) a fallback that holds no data. Anything that
  // points elsewhere — another file, a URL, a data: URI — is refused: a product upload is one file.
  const buffers = list(json.buffers);
  const bufferSize: number[] = [];
  const fallback = new Set<number>();
  for (const [i, buffer] of buffers.entries()) {
    const uri = isObject(buffer) ? buffer.uri : undefined;
    const byteLength = isObject(buffer) ? count(buffer.byteLength) : 0;
    if (typeof uri === "string") {
      reasons.push(say.externalBuffer(i, uri));
      break;
    }
    if (isObject(buffer) && isObject(buffer.extensions) && isObject(buffer.extensions[MESHOPT]) && buffer.extensions[MESHOPT].fallback === true) {
      fallback.add(i);
      bufferSize[i] = byteLength;
    } else if (i === 0 && byteLength <= binLength) {
      bufferSize[i] = byteLength;
    } else {
      reasons.push(say.outsideBin(`buffer ${i}`, `缓冲区 ${i}`));
      break;
    }
  }

  // Buffer views within their buffers; meshopt-compressed ones read from the BIN chunk and unpack to their own length.
  const decodedCap = Math.max(64 * MB, 8 * budget.maxBytes);
  let unpacked = 0;
  for (const [i, bufferView] of list(json.bufferViews).entries()) {
    if (!isObject(bufferView)) continue;
    const inside = (buffer: unknown, offset: unknown, length: unknown) => {
      const size = typeof buffer === "number" && Number.isInteger(buffer) ? bufferSize[buffer] : undefined;
      return size !== undefined && count(offset) + count(length) <= size;
    };
    if (!inside(bufferView.buffer, bufferView.byteOffset, bufferView.byteLength)) {
      reasons.push(say.outsideBin(`buffer view ${i}`, `缓冲视图 ${i}`));
      break;
    }
    const packed = isObject(bufferView.extensions) ? bufferView.extensions[MESHOPT] : undefined;
    if (isObject(packed)) {
      // The decoder writes count × byteStride bytes, which must be exactly the view it fills.
      const fills = Number.isInteger(packed.count) && Number.isInteger(packed.byteStride) && (packed.count as number) * (packed.byteStride as number) === bufferView.byteLength;
      if (!fills || !inside(packed.buffer, packed.byteOffset, packed.byteLength) || fallback.has(packed.buffer as number)) {
        reasons.push(say.outsideBin(`buffer view ${i}`, `缓冲视图 ${i}`));
        break;
      }
      unpacked += bufferView.byteLength as number;
    }
  }

  for (const [i, image] of images.entries()) {
    if (!isObject(image)) continue;
    // Embedded data: URIs are inside the file (and bounded by the JSON budget); anything else is not.
    if (typeof image.uri === "string" && !/^data:image\/(png|jpeg|webp|avif);base64,/.test(image.uri)) {
      reasons.push(say.externalImage(i, image.uri));
      break;
    }
    if (image.mimeType === "image/ktx2" && !declared.includes("KHR_texture_basisu")) {
      reasons.push(say.ktx2());
      break;
    }
  }

  // Accessors: gltf-transform allocates count × element size for each (zero-filled when there is no
  // buffer view, a copy per accessor when many share one), so absurd counts are refused here.
  // (Never below 64 Ki, so a tight triangle budget reads as that, not as a hostile file.)
  const maxElements = Math.max(budget.maxTriangles * 3, 65_536);
  const accessors = list(json.accessors);
  const accessorCount: number[] = [];
  for (const [i, accessor] of accessors.entries()) {
    if (!isObject(accessor)) continue;
    const n = typeof accessor.count === "number" && accessor.count > 0 ? accessor.count : 0;
    accessorCount[i] = n;
    if (n > maxElements) {
      reasons.push(say.absurdAccessor(i, n, maxElements));
      break;
    }
    const componentBytes = COMPONENT_BYTES[accessor.componentType as number] ?? 4;
    const components = TYPE_COMPONENTS[accessor.type as string] ?? 16;
    unpacked += n * componentBytes * components;
  }
  if (unpacked > decodedCap) reasons.push(say.unpackedTooBig(unpacked, decodedCap));

  // Triangles each mesh declares (counted once per mesh: instancing is counted exactly after loading).
  let triangles = 0;
  for (const mesh of list(json.meshes)) {
    for (const primitive of isObject(mesh) ? list(mesh.primitives) : []) {
      if (!isObject(primitive)) continue;
      const mode = primitive.mode ?? 4;
      const source = primitive.indices ?? (isObject(primitive.attributes) ? primitive.attributes.POSITION : undefined);
      const n = typeof source === "number" ? (accessorCount[source] ?? 0) : 0;
      if (mode === 4) triangles += Math.floor(n / 3);
      else if (mode === 5 || mode === 6) triangles += Math.max(0, n - 2);
    }
  }
  if (triangles > budget.maxTriangles) reasons.push(say.tooManyTrianglesDeclared(triangles, budget.maxTriangles));

  if (reasons.length > 0) throw new GlbRefused(reasons);
  return declared;
}

const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);
/** An array property, or none: a property of the wrong type is the validator's to report. */
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const strings = (value: unknown): string[] => list(value).filter((v): v is string => typeof v === "string");
/** A non-negative byte count or offset, 0 when absent; anything else counts as infinitely large, so range checks fail. */
const count = (value: unknown): number => (value === undefined ? 0 : typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : Infinity);

// ——— 3. The validator ———

async function validate(input: Uint8Array, warnings: Bilingual[]): Promise<void> {
  // Built as a variable: the shared declaration (avatars/gltf-validator.d.ts) lists fewer options than the validator takes.
  const options = {
    format: "glb",
    maxIssues: 64,
    writeTimestamp: false,
    // The container checks refused every external URI already; this makes sure nothing is ever fetched.
    externalResourceFunction: (uri: string) => Promise.reject(new Error(`external resource refused: ${uri}`)),
  };
  let report;
  try {
    report = await validator.validateBytes(input, options);
  } catch (error) {
    throw new GlbRefused([say.invalid([errorText(error)])]);
  }
  const quote = (m: { message: string; pointer?: string }) => (m.pointer ? `${m.message} (${m.pointer})` : m.message);
  const errors = report.issues.messages.filter((m) => m.severity === 0);
  if (errors.length > 0 || report.issues.numErrors > 0) {
    const quoted = errors.length > 0 ? errors.slice(0, QUOTED_ISSUES).map(quote) : [`${report.issues.numErrors} error(s)`];
    throw new GlbRefused([say.invalid(quoted)]);
  }
  const warned = report.issues.messages.filter((m) => m.severity === 1);
  if (warned.length > 0) warnings.push(say.validatorWarnings(report.issues.numWarnings, warned.slice(0, QUOTED_ISSUES).map(quote)));
}

// ——— 4. Loading ———

let io: Promise<NodeIO> | null = null;

/** One IO for every upload: all extensions gltf-transform knows, meshopt both ways (the hall decodes it with three's MeshoptDecoder). */
function glbIo(): Promise<NodeIO> {
  io ??= Promise.all([MeshoptEncoder.ready, MeshoptDecoder.ready]).then(() =>
    new NodeIO()
      .setLogger(new Logger(Logger.Verbosity.SILENT))
      .registerExtensions(ALL_EXTENSIONS)
      .registerDependencies({ "meshopt.encoder": MeshoptEncoder, "meshopt.decoder": MeshoptDecoder }),
  );
  return io;
}

async function load(io: NodeIO, input: Uint8Array): Promise<Document> {
  try {
    const doc = await io.readBinary(input);
    return doc.setLogger(new Logger(Logger.Verbosity.SILENT));
  } catch (error) {
    throw new GlbRefused([say.unreadable(errorText(error))]);
  }
}

function droppedExtensions(doc: Document, declared: readonly string[]): Bilingual[] {
  const kept = new Set(doc.getRoot().listExtensionsUsed().map((e) => e.extensionName));
  const dropped = declared.filter((name) => !kept.has(name));
  return dropped.length > 0 ? [say.extensionsDropped(dropped)] : [];
}

/** The hall shows one scene; the others would only be bytes, so they go (and prune takes what only they used). */
function keepShownScene(doc: Document): { dropped: number } {
  const shown = shownScene(doc);
  let dropped = 0;
  for (const scene of doc.getRoot().listScenes()) {
    if (scene === shown) continue;
    scene.dispose();
    dropped++;
  }
  if (shown) doc.getRoot().setDefaultScene(shown);
  return { dropped };
}

const TRIANGLE_MODES = new Set<number>([Primitive.Mode.TRIANGLES, Primitive.Mode.TRIANGLE_STRIP, Primitive.Mode.TRIANGLE_FAN].map(Number));

/** Triangles the hall draws: every mesh as often as nodes of the shown scene place it. */
function countTriangles(doc: Document): number {
  let triangles = 0;
  shownScene(doc)?.traverse((node) => {
    for (const primitive of node.getMesh()?.listPrimitives() ?? []) {
      if (TRIANGLE_MODES.has(primitive.getMode())) triangles += getGLPrimitiveCount(primitive);
    }
  });
  return triangles;
}

/**
 * Textures over the budget's side are refused rather than scaled: the size comes from the image
 * header alone, and refusing keeps a decompression bomb away from the decoder. Those within it
 * are decoded once, because the validator only looks at headers and a broken image would
 * otherwise reach the hall untouched.
 */
async function checkTextures(doc: Document, budget: GlbBudget): Promise<void> {
  const textures = doc.getRoot().listTextures();
  if (textures.length > budget.maxTextures) throw new GlbRefused([say.tooManyTextures(textures.length, budget.maxTextures)]);
  for (const [i, texture] of textures.entries()) {
    const name = texture.getName() || `#${i}`;
    const image = texture.getImage();
    if (!image || !/^image\/(png|jpeg|webp|avif)$/.test(texture.getMimeType())) throw new GlbRefused([say.textureUnreadable(name)]);
    const size = texture.getSize();
    if (!size) throw new GlbRefused([say.textureUnreadable(name)]);
    if (Math.max(...size) > budget.maxTextureSize) throw new GlbRefused([say.textureTooBig(name, size, budget.maxTextureSize)]);
    try {
      await sharp(image, { limitInputPixels: budget.maxTextureSize ** 2, failOn: "error" }).stats();
    } catch {
      throw new GlbRefused([say.textureUnreadable(name)]);
    }
  }
}

// ——— 5. Optimisation and 6. thumbnail ———

async function optimise(io: NodeIO, doc: Document, input: Uint8Array, triangles: number, warnings: Bilingual[], mayKeepOriginal: boolean): Promise<GlbIntake> {
  let resized = 0;
  try {
    // weld() in gltf-transform 4 merges only bitwise-identical vertices, so it cannot change the shape.
    await doc.transform(dedup(), prune(), weld());
  } catch (error) {
    throw new GlbRefused([say.notOptimised(errorText(error))]);
  }
  for (const [i, texture] of doc.getRoot().listTextures().entries()) {
    const size = texture.getSize();
    // Only oversized textures are re-encoded: re-encoding a JPEG that already fits would only lose quality.
    if (!size || Math.max(...size) <= HALL_TEXTURE_SIZE) continue;
    try {
      await compressTexture(texture, { encoder: sharp, resize: [HALL_TEXTURE_SIZE, HALL_TEXTURE_SIZE] });
      resized++;
    } catch {
      throw new GlbRefused([say.textureUnreadable(texture.getName() || `#${i}`)]);
    }
  }
  if (resized > 0) warnings.push(say.texturesResized(resized));

  const scene = shownScene(doc)!;
  const { min, max } = getBounds(scene);
  const thumbnailPng = await renderGlbThumbnail(doc);
  const textures = doc.getRoot().listTextures().length;

  // Meshopt usually wins by a lot, but on tiny models its headers can cost more than it saves.
  let glb: Uint8Array;
  try {
    const plain = await io.writeBinary(doc);
    await doc.transform(meshopt({ encoder: MeshoptEncoder, level: "medium" }));
    const packed = await io.writeBinary(doc);
    glb = packed.byteLength < plain.byteLength ? packed : plain;
  } catch (error) {
    throw new GlbRefused([say.notOptimised(errorText(error))]);
  }
  // The upload itself passed every check; when rewriting it saved nothing (and no texture or scene had to go), it is the better file.
  if (mayKeepOriginal && resized === 0 && input.byteLength <= glb.byteLength) glb = new Uint8Array(input);

  return {
    glb,
    originalBytes: input.byteLength,
    bytes: glb.byteLength,
    triangles,
    textures,
    min: [min[0], min[1], min[2]],
    max: [max[0], max[1], max[2]],
    thumbnailPng,
    warnings,
  };
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

// ——— What the studio tells the marketer ———

const mb = (bytes: number) => `${(bytes / MB).toFixed(1)} MB`;
const quoted = (uri: string) => (uri.length > 60 ? `${uri.slice(0, 60)}…` : uri);

const chunkDamage = {
  header: { en: "a chunk header is cut off", zh: "数据块头部不完整" },
  pastEnd: { en: "a chunk runs past the end of the file", zh: "数据块超出了文件末尾" },
  jsonFirst: { en: "the JSON chunk is missing or not first", zh: "缺少 JSON 数据块或它不在首位" },
  binSecond: { en: "the BIN chunk is not right after the JSON chunk, or appears twice", zh: "BIN 数据块不在 JSON 数据块之后或出现了两次" },
  twoJson: { en: "there are two JSON chunks", zh: "存在两个 JSON 数据块" },
} as const;

const say = {
  tooBig: (bytes: number, max: number): Bilingual => ({
    en: `The file is ${mb(bytes)}; the limit is ${mb(max)}. Use smaller textures or fewer polygons and export again.`,
    "zh-CN": `文件大小为 ${mb(bytes)}，上限为 ${mb(max)}。请缩小贴图或减少面数后重新导出。`,
  }),
  notGlb: (isGltfJson: boolean): Bilingual =>
    isGltfJson
      ? { en: "This is a .gltf text file, not a GLB. Export the model as a single binary .glb with its textures embedded.", "zh-CN": "这是 .gltf 文本文件，不是 GLB。请将模型导出为内嵌贴图的单个二进制 .glb 文件。" }
      : { en: "This is not a GLB file (binary glTF 2.0). Export the model as .glb.", "zh-CN": "这不是 GLB 文件（二进制 glTF 2.0）。请将模型导出为 .glb 格式。" },
  wrongVersion: (version: number): Bilingual => ({
    en: `This GLB is glTF version ${version}; only glTF 2.0 is supported. Export it again from a current tool.`,
    "zh-CN": `该 GLB 的 glTF 版本为 ${version}，仅支持 glTF 2.0。请用较新的工具重新导出。`,
  }),
  wrongLength: (declared: number, actual: number): Bilingual => ({
    en: `The file is damaged: its header says ${declared} bytes but it has ${actual} (cut off or with bytes added). Upload it again.`,
    "zh-CN": `文件已损坏：文件头声明 ${declared} 字节，实际为 ${actual} 字节（被截断或附加了数据）。请重新上传。`,
  }),
  damaged: (what: { en: string; zh: string }): Bilingual => ({
    en: `The file is damaged: ${what.en}. Export it again.`,
    "zh-CN": `文件已损坏：${what.zh}。请重新导出。`,
  }),
  jsonTooBig: (bytes: number, max: number): Bilingual => ({
    en: `The model's JSON part is ${mb(bytes)}; the limit is ${mb(max)}.`,
    "zh-CN": `模型的 JSON 部分为 ${mb(bytes)}，上限为 ${mb(max)}。`,
  }),
  badJson: (): Bilingual => ({
    en: "The file is damaged: its JSON part is not valid JSON.",
    "zh-CN": "文件已损坏：其 JSON 部分不是有效的 JSON。",
  }),
  jsonNotObject: (): Bilingual => ({
    en: "The file is damaged: its JSON part is not a glTF object.",
    "zh-CN": "文件已损坏：其 JSON 部分不是 glTF 对象。",
  }),
  draco: (): Bilingual => ({
    en: "The model uses Draco mesh compression, which Atrium can't read. Export it without Draco — Atrium compresses meshes itself.",
    "zh-CN": "模型使用了 Draco 网格压缩，Atrium 无法读取。请在导出时关闭 Draco——Atrium 会自行压缩网格。",
  }),
  ktx2: (): Bilingual => ({
    en: "The model uses KTX2/Basis textures, which aren't supported. Export it with PNG or JPEG textures.",
    "zh-CN": "模型使用了 KTX2/Basis 贴图，暂不支持。请以 PNG 或 JPEG 贴图导出。",
  }),
  gpuInstancing: (): Bilingual => ({
    en: "The model uses GPU instancing (EXT_mesh_gpu_instancing), which isn't supported. Export it without instancing.",
    "zh-CN": "模型使用了 GPU 实例化（EXT_mesh_gpu_instancing），暂不支持。请在导出时关闭实例化。",
  }),
  unknownExtensions: (names: readonly string[]): Bilingual => ({
    en: `The model requires glTF extensions Atrium can't read: ${names.slice(0, 5).join(", ")}.`,
    "zh-CN": `模型依赖 Atrium 无法读取的 glTF 扩展：${names.slice(0, 5).join("、")}。`,
  }),
  tooManyNodes: (n: number, max: number): Bilingual => ({
    en: `The model has ${n} nodes; the limit is ${max}. Join objects before exporting.`,
    "zh-CN": `模型有 ${n} 个节点，上限为 ${max}。请在导出前合并对象。`,
  }),
  tooManyTextures: (n: number, max: number): Bilingual => ({
    en: `The model has ${n} textures; the limit is ${max}.`,
    "zh-CN": `模型有 ${n} 张贴图，上限为 ${max}。`,
  }),
  externalBuffer: (i: number, uri: string): Bilingual => ({
    en: `The model's geometry (buffer ${i}) is not inside the file but at "${quoted(uri)}". Upload a single .glb with everything embedded (data: URIs in buffers are refused too).`,
    "zh-CN": `模型的几何数据（缓冲区 ${i}）不在文件内，而是位于“${quoted(uri)}”。请上传所有内容均已内嵌的单个 .glb 文件（缓冲区中的 data: URI 同样不被接受）。`,
  }),
  externalImage: (i: number, uri: string): Bilingual => ({
    en: `Texture image ${i} is not inside the file but at "${quoted(uri)}". Export the .glb with its textures embedded.`,
    "zh-CN": `贴图图像 ${i} 不在文件内，而是位于“${quoted(uri)}”。请导出内嵌贴图的 .glb 文件。`,
  }),
  outsideBin: (en: string, zh: string): Bilingual => ({
    en: `The file is damaged: ${en} points outside the file's binary data.`,
    "zh-CN": `文件已损坏：${zh}指向文件二进制数据之外。`,
  }),
  absurdAccessor: (i: number, n: number, max: number): Bilingual => ({
    en: `The file is damaged or hostile: accessor ${i} declares ${n} elements, more than any model within the budget needs (${max}).`,
    "zh-CN": `文件已损坏或不可信：访问器 ${i} 声明了 ${n} 个元素，超过预算内任何模型所需（${max}）。`,
  }),
  unpackedTooBig: (bytes: number, max: number): Bilingual => ({
    en: `The model's data would take ${mb(bytes)} once unpacked; the limit is ${mb(max)}.`,
    "zh-CN": `模型数据解包后将占用 ${mb(bytes)}，上限为 ${mb(max)}。`,
  }),
  tooManyTrianglesDeclared: (n: number, max: number): Bilingual => ({
    en: `The model declares at least ${n} triangles; the limit is ${max}. Simplify (decimate) it before exporting.`,
    "zh-CN": `模型声明了至少 ${n} 个三角形，上限为 ${max}。请先减面再导出。`,
  }),
  tooManyTriangles: (n: number, max: number): Bilingual => ({
    en: `The model has ${n} triangles; the limit is ${max}. Simplify (decimate) it before exporting.`,
    "zh-CN": `模型有 ${n} 个三角形，上限为 ${max}。请先减面再导出。`,
  }),
  noTriangles: (): Bilingual => ({
    en: "The model has no triangles to show.",
    "zh-CN": "模型中没有可显示的三角形。",
  }),
  invalid: (messages: readonly string[]): Bilingual => ({
    en: `The model failed glTF validation: ${messages.join("; ")}.`,
    "zh-CN": `模型未通过 glTF 校验：${messages.join("；")}。`,
  }),
  unreadable: (detail: string): Bilingual => ({
    en: `The model could not be read: ${detail}.`,
    "zh-CN": `无法读取模型：${detail}。`,
  }),
  textureTooBig: (name: string, [w, h]: [number, number], max: number): Bilingual => ({
    en: `Texture "${name}" is ${w}×${h} px; the limit is ${max} px per side. Scale it down before exporting.`,
    "zh-CN": `贴图“${name}”为 ${w}×${h} 像素，每边上限为 ${max} 像素。请先缩小再导出。`,
  }),
  textureUnreadable: (name: string): Bilingual => ({
    en: `Texture "${name}" is not a readable PNG, JPEG, WebP or AVIF image.`,
    "zh-CN": `贴图“${name}”不是可读取的 PNG、JPEG、WebP 或 AVIF 图像。`,
  }),
  notOptimised: (detail: string): Bilingual => ({
    en: `The model could not be optimised: ${detail}.`,
    "zh-CN": `模型优化失败：${detail}。`,
  }),
  validatorWarnings: (n: number, messages: readonly string[]): Bilingual => ({
    en: `glTF validation reported ${n} warning${n === 1 ? "" : "s"}, e.g. ${messages.join("; ")}.`,
    "zh-CN": `glTF 校验报告了 ${n} 条警告，例如：${messages.join("；")}。`,
  }),
  extensionsDropped: (names: readonly string[]): Bilingual => ({
    en: `Extensions Atrium doesn't use were left out: ${names.join(", ")}.`,
    "zh-CN": `已移除 Atrium 不使用的扩展：${names.join("、")}。`,
  }),
  scenesDropped: (n: number): Bilingual => ({
    en: `Only the model's main scene is kept; ${n} other scene${n === 1 ? " was" : "s were"} left out.`,
    "zh-CN": `仅保留模型的主场景，另有 ${n} 个场景已移除。`,
  }),
  texturesResized: (n: number): Bilingual => ({
    en: `${n} texture${n === 1 ? " was" : "s were"} scaled down to at most ${HALL_TEXTURE_SIZE} px for the hall.`,
    "zh-CN": `已将 ${n} 张贴图缩小至最长边不超过 ${HALL_TEXTURE_SIZE} 像素，以便在展厅中显示。`,
  }),
};
