/**
 * The GLB container (glTF 2.0 binary): a 12-byte header, a JSON chunk, an optional BIN chunk.
 * Reading checks the container only and explains a bad file in words a user understands;
 * writing is for tools and tests that edit a GLB's JSON.
 */
const GLB_MAGIC = 0x46546c67; // "glTF"
const CHUNK_JSON = 0x4e4f534a;
const CHUNK_BIN = 0x004e4942;

/** A file that is not a readable GLB; the message is meant for the user. */
export class GlbFormatError extends Error {}

/** Splits a GLB into its JSON description and binary chunk, checking the container. */
export function readGlb(input: ArrayBuffer | Uint8Array): { json: unknown; bin?: Uint8Array } {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 20 || view.getUint32(0, true) !== GLB_MAGIC) {
    const start = new TextDecoder().decode(bytes.subarray(0, 64)).trimStart();
    if (start.startsWith("{")) {
      throw new GlbFormatError("This is a .gltf text file, not a .glb. Export your avatar as binary glTF (.glb) with everything embedded.");
    }
    throw new GlbFormatError("This is not a GLB file. Export your avatar as binary glTF (.glb), e.g. the .glb download from Ready Player Me.");
  }
  const version = view.getUint32(4, true);
  if (version !== 2) throw new GlbFormatError(`This GLB is glTF version ${version}; only glTF 2.0 is supported.`);
  const declared = view.getUint32(8, true);
  if (declared > bytes.byteLength) throw new GlbFormatError("The file is incomplete (it ends before its declared length). Try uploading it again.");
  let json: unknown;
  let bin: Uint8Array | undefined;
  for (let offset = 12; offset + 8 <= declared; ) {
    const length = view.getUint32(offset, true);
    const type = view.getUint32(offset + 4, true);
    const start = offset + 8;
    if (start + length > declared) throw new GlbFormatError("The file is damaged: a chunk runs past the end of the file.");
    const chunk = bytes.subarray(start, start + length);
    if (offset === 12 && type !== CHUNK_JSON) throw new GlbFormatError("The file is damaged: it does not start with a glTF description.");
    if (type === CHUNK_JSON && json === undefined) {
      try {
        json = JSON.parse(new TextDecoder().decode(chunk));
      } catch {
        throw new GlbFormatError("The file is damaged: its glTF description is not valid JSON.");
      }
    } else if (type === CHUNK_BIN && bin === undefined) {
      bin = chunk;
    }
    offset = start + length + ((4 - (length % 4)) % 4);
  }
  if (json === undefined) throw new GlbFormatError("The file is damaged: it has no glTF description.");
  return { json, bin };
}

/** Packs `json` and `bin` into a GLB, padding chunks to 4 bytes as the format requires. */
export function writeGlb(json: unknown, bin?: Uint8Array): Uint8Array {
  const pad = (b: Uint8Array, fill: number): Uint8Array => {
    const out = new Uint8Array(Math.ceil(b.byteLength / 4) * 4).fill(fill);
    out.set(b);
    return out;
  };
  const jsonChunk = pad(new TextEncoder().encode(JSON.stringify(json)), 0x20);
  const binChunk = bin ? pad(bin, 0) : undefined;
  const total = 12 + 8 + jsonChunk.byteLength + (binChunk ? 8 + binChunk.byteLength : 0);
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  view.setUint32(0, GLB_MAGIC, true);
  view.setUint32(4, 2, true);
  view.setUint32(8, total, true);
  view.setUint32(12, jsonChunk.byteLength, true);
  view.setUint32(16, CHUNK_JSON, true);
  out.set(jsonChunk, 20);
  if (binChunk) {
    const at = 20 + jsonChunk.byteLength;
    view.setUint32(at, binChunk.byteLength, true);
    view.setUint32(at + 4, CHUNK_BIN, true);
    out.set(binChunk, at + 8);
  }
  return out;
}
