import { crc32 } from "node:zlib";

/**
 * Zip archives with every entry STORED (uncompressed), the only kind MediaPipe Tasks opens as a
 * model bundle ("Expected uncompressed zip archive"). Each entry's data starts on a 16-byte
 * boundary (padding in the local header's extra field, as zipalign does) so the models inside
 * can be read in place.
 */

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const ALIGN = 16;
const PADDING_ID = 0xd935; // the id Android's zipalign uses for its padding field
// 1980-01-01 00:00, the earliest DOS date: fixed so the same input makes the same bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

export interface ZipEntry {
  name: string;
  data: Uint8Array;
}

export function writeStoredZip(entries: ZipEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = new TextEncoder().encode(entry.name);
    const crc = crc32(entry.data) >>> 0;
    const headerEnd = offset + 30 + name.length;
    let pad = (ALIGN - (headerEnd % ALIGN)) % ALIGN;
    if (pad > 0 && pad < 4) pad += ALIGN; // an extra field needs 4 bytes of header
    const local = new Uint8Array(30 + name.length + pad);
    const l = new DataView(local.buffer);
    l.setUint32(0, LOCAL, true);
    l.setUint16(4, 10, true); // version needed: 1.0
    l.setUint16(6, 0, true); // flags
    l.setUint16(8, 0, true); // method: stored
    l.setUint16(10, DOS_TIME, true);
    l.setUint16(12, DOS_DATE, true);
    l.setUint32(14, crc, true);
    l.setUint32(18, entry.data.length, true);
    l.setUint32(22, entry.data.length, true);
    l.setUint16(26, name.length, true);
    l.setUint16(28, pad, true);
    local.set(name, 30);
    if (pad) {
      l.setUint16(30 + name.length, PADDING_ID, true);
      l.setUint16(32 + name.length, pad - 4, true);
    }
    const central = new Uint8Array(46 + name.length);
    const c = new DataView(central.buffer);
    c.setUint32(0, CENTRAL, true);
    c.setUint16(4, 20, true); // made by
    c.setUint16(6, 10, true);
    c.setUint16(10, 0, true);
    c.setUint16(12, DOS_TIME, true);
    c.setUint16(14, DOS_DATE, true);
    c.setUint32(16, crc, true);
    c.setUint32(20, entry.data.length, true);
    c.setUint32(24, entry.data.length, true);
    c.setUint16(28, name.length, true);
    c.setUint32(42, offset, true);
    central.set(name, 46);
    locals.push(local, entry.data);
    centrals.push(central);
    offset += local.length + entry.data.length;
  }
  const centralSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const e = new DataView(end.buffer);
  e.setUint32(0, END, true);
  e.setUint16(8, entries.length, true);
  e.setUint16(10, entries.length, true);
  e.setUint32(12, centralSize, true);
  e.setUint32(16, offset, true);
  return concat([...locals, ...centrals, end]);
}

export interface StoredEntry {
  name: string;
  /** 0 = stored. */
  method: number;
  /** Where the entry's data starts in the archive. */
  dataOffset: number;
  data: Uint8Array;
}

/** Lists a zip's entries from its central directory (stored entries' data as views). */
export function readZip(zip: Uint8Array): StoredEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== END) end--;
  if (end < 0) throw new Error("not a zip archive");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: StoredEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== CENTRAL) throw new Error("bad central directory");
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength));
    const dataOffset = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    entries.push({ name, method, dataOffset, data: zip.subarray(dataOffset, dataOffset + size) });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
