/**
 * Rewrites a GLB so every morph target accessor is sparse: only the vertices a target moves
 * are stored. GLTFExporter writes targets densely (67 targets × every head vertex would blow
 * the 1.5 MB budget several times over); most targets touch a few hundred vertices. Deltas
 * under `epsilon` (0.02 mm: the far tails of the smooth weight fields) are dropped.
 */
interface Accessor {
  bufferView?: number;
  byteOffset?: number;
  componentType: number;
  count: number;
  type: string;
  sparse?: unknown;
  [key: string]: unknown;
}

interface BufferView {
  buffer: number;
  byteOffset?: number;
  byteLength: number;
  byteStride?: number;
  target?: number;
}

interface GltfJson {
  accessors?: Accessor[];
  bufferViews?: BufferView[];
  buffers?: { byteLength: number; uri?: string }[];
  meshes?: { primitives: { targets?: Record<string, number>[] }[] }[];
  images?: { bufferView?: number }[];
  [key: string]: unknown;
}

const FLOAT = 5126;
const UNSIGNED_SHORT = 5123;
const UNSIGNED_INT = 5125;
const JSON_CHUNK = 0x4e4f534a;
const BIN_CHUNK = 0x004e4942;

export function sparsifyMorphTargets(glb: Uint8Array, epsilon = 2e-5): Uint8Array {
  const { json, bin } = readGlb(glb);
  const accessors = json.accessors ?? [];
  const views = json.bufferViews ?? [];
  const chunks: Uint8Array[] = [];
  const newViews: BufferView[] = [];
  const addView = (bytes: Uint8Array, extra: Partial<BufferView> = {}): number => {
    newViews.push({ buffer: 0, byteLength: bytes.byteLength, ...extra });
    chunks.push(bytes);
    return newViews.length - 1;
  };
  const viewBytes = (index: number): Uint8Array => {
    const view = views[index]!;
    return bin.subarray(view.byteOffset ?? 0, (view.byteOffset ?? 0) + view.byteLength);
  };

  const targetAccessors = new Set<number>();
  for (const mesh of json.meshes ?? []) {
    for (const primitive of mesh.primitives) for (const target of primitive.targets ?? []) for (const a of Object.values(target)) targetAccessors.add(a);
  }

  // Copy every still-referenced view once, remapping indices; target accessors become sparse.
  const viewRemap = new Map<number, number>();
  const keepView = (index: number): number => {
    let mapped = viewRemap.get(index);
    if (mapped === undefined) {
      const { byteOffset: _offset, byteLength: _length, ...rest } = views[index]!;
      mapped = addView(viewBytes(index).slice(), rest);
      viewRemap.set(index, mapped);
    }
    return mapped;
  };
  accessors.forEach((accessor, index) => {
    if (accessor.bufferView === undefined) return;
    if (!targetAccessors.has(index) || accessor.componentType !== FLOAT || accessor.type !== "VEC3") {
      accessor.bufferView = keepView(accessor.bufferView);
      return;
    }
    const view = views[accessor.bufferView]!;
    const stride = view.byteStride ?? 12;
    const source = new DataView(bin.buffer, bin.byteOffset + (view.byteOffset ?? 0) + (accessor.byteOffset ?? 0));
    const moved: number[] = [];
    const values: number[] = [];
    for (let i = 0; i < accessor.count; i++) {
      const x = source.getFloat32(i * stride, true);
      const y = source.getFloat32(i * stride + 4, true);
      const z = source.getFloat32(i * stride + 8, true);
      if (Math.abs(x) > epsilon || Math.abs(y) > epsilon || Math.abs(z) > epsilon) {
        moved.push(i);
        values.push(x, y, z);
      }
    }
    // A sparse accessor needs at least one entry; a zero delta at vertex 0 is harmless.
    if (moved.length === 0) {
      moved.push(0);
      values.push(0, 0, 0);
    }
    // Dropped near-zero deltas become exact zeros, so the declared bounds must be recomputed.
    const untouched = moved.length < accessor.count;
    const min = [0, 0, 0].map(() => (untouched ? 0 : Infinity));
    const max = [0, 0, 0].map(() => (untouched ? 0 : -Infinity));
    for (let i = 0; i < values.length; i++) {
      const value = Math.fround(values[i]!);
      min[i % 3] = Math.min(min[i % 3]!, value);
      max[i % 3] = Math.max(max[i % 3]!, value);
    }
    accessor.min = min;
    accessor.max = max;
    const wide = accessor.count > 0xffff;
    const indices = wide ? new Uint32Array(moved) : new Uint16Array(moved);
    delete accessor.bufferView;
    delete accessor.byteOffset;
    accessor.sparse = {
      count: moved.length,
      indices: { bufferView: addView(new Uint8Array(indices.buffer)), componentType: wide ? UNSIGNED_INT : UNSIGNED_SHORT },
      values: { bufferView: addView(new Uint8Array(new Float32Array(values).buffer)) },
    };
  });
  for (const image of json.images ?? []) if (image.bufferView !== undefined) image.bufferView = keepView(image.bufferView);

  let offset = 0;
  const placed = newViews.map((view, i) => {
    const aligned = (offset + 3) & ~3;
    offset = aligned + chunks[i]!.byteLength;
    return { ...view, byteOffset: aligned };
  });
  const newBin = new Uint8Array((offset + 3) & ~3);
  placed.forEach((view, i) => newBin.set(chunks[i]!, view.byteOffset));
  json.bufferViews = placed;
  json.buffers = [{ byteLength: newBin.byteLength }];
  return writeGlb(json, newBin);
}

export function readGlb(glb: Uint8Array): { json: GltfJson; bin: Uint8Array } {
  const view = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
  let offset = 12;
  let json: GltfJson | undefined;
  let bin: Uint8Array = new Uint8Array(0);
  while (offset < glb.byteLength) {
    const length = view.getUint32(offset, true);
    const type = view.getUint32(offset + 4, true);
    const data = glb.subarray(offset + 8, offset + 8 + length);
    if (type === JSON_CHUNK) json = JSON.parse(new TextDecoder().decode(data)) as GltfJson;
    if (type === BIN_CHUNK) bin = data;
    offset += 8 + length;
  }
  if (!json) throw new Error("GLB without a JSON chunk");
  return { json, bin };
}

function writeGlb(json: GltfJson, bin: Uint8Array): Uint8Array {
  const encoded = new TextEncoder().encode(JSON.stringify(json));
  const jsonLength = (encoded.byteLength + 3) & ~3;
  const text = new Uint8Array(jsonLength).fill(0x20);
  text.set(encoded);
  const total = 12 + 8 + jsonLength + 8 + bin.byteLength;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, 0x46546c67, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonLength, true);
  view.setUint32(16, JSON_CHUNK, true);
  out.set(text, 20);
  view.setUint32(20 + jsonLength, bin.byteLength, true);
  view.setUint32(24 + jsonLength, BIN_CHUNK, true);
  out.set(bin, 28 + jsonLength);
  return out;
}
