import { Document, NodeIO } from "@gltf-transform/core";
import sharp from "sharp";

/**
 * Product models built in code, for tests and e2e runs of the studio's model upload: a box with
 * one material, optionally textured, written as a GLB exactly as an exporter would (gltf-transform),
 * plus the two small tools the tests need to take a GLB apart and put it back together with a
 * hostile edit in its JSON.
 */

export interface TestGlbOptions {
  /** Linear RGBA baseColorFactor (default an orange). */
  color?: [number, number, number, number];
  /** Box extent along x, y, z in metres, centred on the origin (default 0.4 × 0.3 × 0.2). */
  size?: [number, number, number];
  /** Give the material a baseColorTexture (a two-tone PNG checker made by sharp). */
  texture?: boolean;
  /** Width and height of that texture in pixels (default 256). */
  textureSize?: number;
  /** How many nodes share the box mesh, side by side along x (default 1): instancing multiplies triangles. */
  instances?: number;
}

/** Each face: outward normal, then the two in-face axes (u, v) with u × v = normal so winding is CCW from outside. */
const FACES: ReadonlyArray<readonly [readonly number[], readonly number[], readonly number[]]> = [
  [[1, 0, 0], [0, 0, -1], [0, 1, 0]],
  [[-1, 0, 0], [0, 0, 1], [0, 1, 0]],
  [[0, 1, 0], [1, 0, 0], [0, 0, -1]],
  [[0, -1, 0], [1, 0, 0], [0, 0, 1]],
  [[0, 0, 1], [1, 0, 0], [0, 1, 0]],
  [[0, 0, -1], [-1, 0, 0], [0, 1, 0]],
];

export async function buildTestGlb(options: TestGlbOptions = {}): Promise<Uint8Array> {
  const color = options.color ?? [0.9, 0.35, 0.05, 1];
  const [sx, sy, sz] = options.size ?? [0.4, 0.3, 0.2];
  const half = [sx / 2, sy / 2, sz / 2];
  const positions: number[] = [];
  const normals: number[] = [];
  const uvs: number[] = [];
  const indices: number[] = [];
  for (const [n, u, v] of FACES) {
    const base = positions.length / 3;
    for (const [a, b] of [[-1, -1], [1, -1], [1, 1], [-1, 1]] as const) {
      for (let k = 0; k < 3; k++) positions.push((n[k]! + a * u[k]! + b * v[k]!) * half[k]!);
      normals.push(...n);
      uvs.push((a + 1) / 2, (1 - b) / 2);
    }
    indices.push(base, base + 1, base + 2, base, base + 2, base + 3);
  }

  const doc = new Document();
  const buffer = doc.createBuffer();
  const material = doc.createMaterial("product").setBaseColorFactor(color);
  if (options.texture) {
    const png = await checkerPng(options.textureSize ?? 256);
    material.setBaseColorTexture(doc.createTexture("checker").setImage(png).setMimeType("image/png"));
  }
  const primitive = doc
    .createPrimitive()
    .setMaterial(material)
    .setIndices(doc.createAccessor().setType("SCALAR").setArray(new Uint16Array(indices)).setBuffer(buffer))
    .setAttribute("POSITION", doc.createAccessor().setType("VEC3").setArray(new Float32Array(positions)).setBuffer(buffer))
    .setAttribute("NORMAL", doc.createAccessor().setType("VEC3").setArray(new Float32Array(normals)).setBuffer(buffer));
  if (options.texture) primitive.setAttribute("TEXCOORD_0", doc.createAccessor().setType("VEC2").setArray(new Float32Array(uvs)).setBuffer(buffer));
  const mesh = doc.createMesh("box").addPrimitive(primitive);
  const scene = doc.createScene("product");
  const instances = Math.max(1, options.instances ?? 1);
  for (let i = 0; i < instances; i++) scene.addChild(doc.createNode(`box-${i}`).setMesh(mesh).setTranslation([i * sx * 1.5, 0, 0]));
  doc.getRoot().setDefaultScene(scene);
  return new NodeIO().writeBinary(doc);
}

/** A checker of white and mid-grey squares, 8 across, as PNG. */
async function checkerPng(size: number): Promise<Uint8Array> {
  const pixels = Buffer.alloc(size * size * 3);
  const cell = Math.max(1, Math.floor(size / 8));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const value = (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0 ? 255 : 128;
      pixels.fill(value, (y * size + x) * 3, (y * size + x) * 3 + 3);
    }
  }
  return new Uint8Array(await sharp(pixels, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer());
}

/** A GLB's JSON and BIN chunk, for tests that edit the JSON and repack it. Assumes a well-formed GLB. */
export function splitGlb(glb: Uint8Array): { json: Record<string, unknown>; bin: Uint8Array | null } {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  const jsonLength = view.getUint32(12, true);
  const json = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLength))) as Record<string, unknown>;
  const binAt = 20 + jsonLength;
  const bin = binAt + 8 <= glb.byteLength ? glb.slice(binAt + 8, binAt + 8 + view.getUint32(binAt, true)) : null;
  return { json, bin };
}

/** A GLB from a JSON value (anything, so tests can write hostile JSON) and an optional BIN chunk, padded as the spec asks. */
export function packGlb(json: unknown, bin: Uint8Array | null = null): Uint8Array {
  const text = typeof json === "string" ? json : JSON.stringify(json);
  const jsonBytes = padded(new TextEncoder().encode(text), 0x20);
  const binBytes = bin ? padded(bin, 0) : null;
  const total = 12 + 8 + jsonBytes.byteLength + (binBytes ? 8 + binBytes.byteLength : 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x46546c67, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonBytes.byteLength, true);
  view.setUint32(16, 0x4e4f534a, true);
  out.set(jsonBytes, 20);
  if (binBytes) {
    const at = 20 + jsonBytes.byteLength;
    view.setUint32(at, binBytes.byteLength, true);
    view.setUint32(at + 4, 0x004e4942, true);
    out.set(binBytes, at + 8);
  }
  return out;
}

function padded(bytes: Uint8Array, fill: number): Uint8Array {
  const length = Math.ceil(bytes.byteLength / 4) * 4;
  if (length === bytes.byteLength) return bytes;
  const out = new Uint8Array(length).fill(fill);
  out.set(bytes);
  return out;
}
