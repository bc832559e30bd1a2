import { Inflate, zipSync, type Zippable } from "fflate";
import { z } from "zod";
import { loadScene } from "../../scenes/migrations.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import { formatFileSize } from "../protocol/files.ts";
import { ASSET_ID, assetIdsOf } from "./asset-files.ts";

/**
 * A scene and the product models it uses, as one zip that a studio user downloads, keeps and
 * imports into another Atrium:
 *
 *   manifest.json                 { format: "atrium-scene-archive", version: 1, exportedAt, scene: { id, name }, assets: [ids] }
 *   scene.json                    the scene document (any format version `loadScene` upgrades)
 *   assets/<assetId>/model.glb    one per product model the scene's booths show
 *   assets/<assetId>/asset.json   the asset's metadata (name, description, price, kbArticleIds), passed through
 *   assets/<assetId>/thumbnail.png   optional
 *
 * An uploaded archive is hostile until read: nothing in it is trusted, least of all the sizes
 * the zip declares. It is read from its central directory by this file (every name checked
 * before a byte is unpacked) and each entry is inflated in small pushes with a running count
 * against the limits, so a zip bomb costs a few megabytes and milliseconds, not the server.
 */

export interface ArchiveAsset {
  id: string;
  meta: Record<string, unknown>;
  glb: Uint8Array;
  thumbnail?: Uint8Array;
}

export interface ArchiveLimits {
  /** The zip file itself. */
  maxArchiveBytes: number;
  maxEntries: number;
  /** One file once unpacked. */
  maxEntryBytes: number;
  /** Everything unpacked together. */
  maxTotalBytes: number;
}

const MB = 1024 * 1024;
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = Object.freeze({
  maxArchiveBytes: 100 * MB,
  maxEntries: 200,
  maxEntryBytes: 25 * MB,
  maxTotalBytes: 200 * MB,
});

type Reason = { en: string; "zh-CN": string };

/** Why an archive cannot be exported or imported, in words for the person who tried. */
export class ArchiveRefused extends Error {
  readonly reason: Reason;

  constructor(reason: Reason) {
    super(reason.en);
    this.name = "ArchiveRefused";
    this.reason = reason;
  }
}

const FORMAT = "atrium-scene-archive";
const VERSION = 1;
/** An asset id inside a path: `ASSET_ID` without its anchors. */
const ID = ASSET_ID.source.slice(1, -1);
const MANIFEST = "manifest.json";
const SCENE = "scene.json";
const modelPath = (id: string) => `assets/${id}/model.glb`;
const metaPath = (id: string) => `assets/${id}/asset.json`;
const thumbnailPath = (id: string) => `assets/${id}/thumbnail.png`;
const LAYOUT_FILE = new RegExp(`^(manifest\\.json|scene\\.json|assets/${ID}/(model\\.glb|asset\\.json|thumbnail\\.png))$`);
/** Folder entries, as desktop zip tools write them when a user re-packs an unpacked archive. */
const LAYOUT_FOLDER = new RegExp(`^assets/(${ID}/)?$`);

const GLB_MAGIC = [0x67, 0x6c, 0x54, 0x46]; // "glTF"
const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const Manifest = z.object({
  exportedAt: z.string().max(40),
  scene: z.object({ id: z.string(), name: z.string().trim().min(1).max(200) }),
  assets: z.array(z.string().regex(ASSET_ID)).max(1000),
});

// ---------------------------------------------------------------- export

/**
 * Packs a scene (upgraded to the current format) with the uploaded models its booths use. Only
 * those are written: assets given that no booth shows are left out. Refuses a scene that does
 * not load, a used asset that is not given, or one the import would refuse.
 */
export function exportSceneArchive(input: { scene: unknown; name: string; assets: ArchiveAsset[]; exportedAt?: Date }): Uint8Array {
  const scene = sceneFrom(input.scene);
  const name = input.name.trim();
  if (!name || name.length > 200) throw new ArchiveRefused(say.badName());
  const given = new Map<string, ArchiveAsset>();
  for (const asset of input.assets) {
    if (given.has(asset.id)) throw new ArchiveRefused(say.assetTwice(asset.id));
    given.set(asset.id, asset);
  }
  const ids = assetIdsOf(scene);
  const exportedAt = input.exportedAt ?? new Date();
  const files: Zippable = {
    [MANIFEST]: json({ format: FORMAT, version: VERSION, exportedAt: exportedAt.toISOString(), scene: { id: scene.id, name }, assets: ids }),
    [SCENE]: json(scene),
  };
  for (const id of ids) {
    const asset = given.get(id);
    if (!asset) throw new ArchiveRefused(say.assetNotGiven(id));
    checkAsset(asset);
    files[modelPath(id)] = asset.glb;
    files[metaPath(id)] = json(asset.meta);
    // PNGs are compressed already: store them as they are.
    if (asset.thumbnail) files[thumbnailPath(id)] = [asset.thumbnail, { level: 0 }];
  }
  return zipSync(files, { level: 6, ...(zipDateFits(exportedAt) ? { mtime: exportedAt } : {}) });
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(value, null, 2)}\n`);
}

/** A zip's DOS timestamps cover 1980–2099 only; outside them the writer's default stands. */
function zipDateFits(date: Date): boolean {
  const year = date.getFullYear();
  return year >= 1980 && year <= 2099;
}

// ---------------------------------------------------------------- import

/**
 * Reads an uploaded archive: the scene (upgraded and validated), the name it was exported
 * under, and the uploaded models its booths use. Asset folders no booth uses are ignored (not
 * unpacked, not returned). Anything wrong refuses the whole archive with an `ArchiveRefused`.
 */
export function readSceneArchive(bytes: Uint8Array, limits: Partial<ArchiveLimits> = {}): { scene: Scene; name: string; assets: ArchiveAsset[] } {
  const given = Object.entries(limits).filter(([, value]) => value !== undefined); // `{ maxEntries: undefined }` keeps the default
  const bounds: ArchiveLimits = { ...DEFAULT_ARCHIVE_LIMITS, ...Object.fromEntries(given) };
  if (bytes.length > bounds.maxArchiveBytes) throw new ArchiveRefused(say.archiveTooBig(bounds.maxArchiveBytes));
  const entries = centralDirectory(bytes, bounds);
  const budget = { left: bounds.maxTotalBytes, max: bounds.maxTotalBytes };
  const read = (name: string): Uint8Array | undefined => {
    const entry = entries.get(name);
    return entry && unpack(bytes, entry, bounds.maxEntryBytes, budget);
  };
  const need = (name: string): Uint8Array => {
    const data = read(name);
    if (!data) throw new ArchiveRefused(say.missing(name));
    return data;
  };

  const manifest = manifestFrom(need(MANIFEST));
  const sceneJson = jsonFrom(need(SCENE));
  if (sceneJson === undefined) throw new ArchiveRefused(say.sceneNotJson());
  const scene = sceneFrom(sceneJson);
  if (manifest.scene.id !== scene.id) throw new ArchiveRefused(say.otherScene(manifest.scene.id, scene.id));

  const assets = assetIdsOf(scene).map((id): ArchiveAsset => {
    const glb = read(modelPath(id));
    if (!glb) throw new ArchiveRefused(say.assetMissing(id, modelPath(id)));
    const meta = jsonFrom(need(metaPath(id)));
    if (typeof meta !== "object" || meta === null || Array.isArray(meta)) throw new ArchiveRefused(say.metaNotObject(metaPath(id)));
    const thumbnail = read(thumbnailPath(id));
    const asset: ArchiveAsset = { id, meta: meta as Record<string, unknown>, glb, ...(thumbnail ? { thumbnail } : {}) };
    checkAsset(asset);
    return asset;
  });
  return { scene, name: manifest.scene.name, assets };
}

function manifestFrom(data: Uint8Array): z.infer<typeof Manifest> {
  const value = jsonFrom(data);
  if (typeof value !== "object" || value === null) throw new ArchiveRefused(say.notAtrium());
  const { format, version } = value as Record<string, unknown>;
  if (format !== FORMAT) throw new ArchiveRefused(say.notAtrium());
  if (version !== VERSION) throw new ArchiveRefused(say.archiveVersion(version));
  const parsed = Manifest.safeParse(value);
  if (!parsed.success) throw new ArchiveRefused(say.badManifest(describe(parsed.error)));
  return parsed.data;
}

/** The parsed JSON, or undefined for bytes that are not UTF-8 JSON. */
function jsonFrom(data: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(data)) as unknown;
  } catch {
    return undefined;
  }
}

function sceneFrom(value: unknown): Scene {
  try {
    return loadScene(value);
  } catch (error) {
    throw new ArchiveRefused(say.badScene(describe(error)));
  }
}

/** What is wrong, short enough to show: zod's first few issues with where they are. */
function describe(error: unknown): string {
  if (error instanceof z.ZodError) {
    return error.issues
      .slice(0, 3)
      .map((issue) => (issue.path.length ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message))
      .join("; ");
  }
  return error instanceof Error ? error.message : String(error);
}

/** The checks both directions share, so that an export always imports. Deeper GLB checks are the caller's. */
function checkAsset(asset: ArchiveAsset): void {
  if (!ASSET_ID.test(asset.id)) throw new ArchiveRefused(say.badAssetId(asset.id));
  if (!startsWith(asset.glb, GLB_MAGIC)) throw new ArchiveRefused(say.notGlb(modelPath(asset.id)));
  if (asset.thumbnail && !startsWith(asset.thumbnail, PNG_MAGIC)) throw new ArchiveRefused(say.notPng(thumbnailPath(asset.id)));
  if (typeof asset.meta !== "object" || asset.meta === null || Array.isArray(asset.meta)) throw new ArchiveRefused(say.metaNotObject(metaPath(asset.id)));
}

function startsWith(data: Uint8Array, magic: readonly number[]): boolean {
  return data.length >= magic.length && magic.every((byte, i) => data[i] === byte);
}

// ---------------------------------------------------------------- the zip

interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc: number;
  compressedSize: number;
  /** As declared: checked after unpacking, never used to decide how much to unpack. */
  size: number;
  dataStart: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * The archive's files by name, from the central directory (what zip tools list), each name
 * checked and each local header matched to it before anything is unpacked.
 */
function centralDirectory(bytes: Uint8Array, limits: ArchiveLimits): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const end = endOfDirectory(view);
  if (end < 0) throw new ArchiveRefused(say.notZip());
  const count = u16(end + 10);
  const directorySize = u32(end + 12);
  const directoryStart = u32(end + 16);
  if (count === 0xffff || directorySize === 0xffffffff || directoryStart === 0xffffffff) throw new ArchiveRefused(say.unsupported("ZIP64", "ZIP64"));
  if (u16(end + 4) !== 0 || u16(end + 6) !== 0 || u16(end + 8) !== count) throw new ArchiveRefused(say.unsupported("a multi-part zip", "分卷 zip"));
  if (count > limits.maxEntries) throw new ArchiveRefused(say.tooManyEntries(limits.maxEntries));
  const directoryEnd = directoryStart + directorySize;
  if (directoryEnd > end) throw new ArchiveRefused(say.damaged());

  const entries = new Map<string, ZipEntry>();
  let declaredTotal = 0;
  let at = directoryStart;
  for (let i = 0; i < count; i++) {
    if (at + 46 > directoryEnd || u32(at) !== DIRECTORY_ENTRY) throw new ArchiveRefused(say.damaged());
    const flags = u16(at + 8);
    const method = u16(at + 10);
    const crc = u32(at + 16);
    const compressedSize = u32(at + 20);
    const size = u32(at + 24);
    const nameBytes = bytes.subarray(at + 46, at + 46 + u16(at + 28));
    const localAt = u32(at + 42);
    at += 46 + u16(at + 28) + u16(at + 30) + u16(at + 32);
    if (at > directoryEnd) throw new ArchiveRefused(say.damaged());

    // Names that are not UTF-8 decode with replacement characters, which no layout path has.
    const name = new TextDecoder().decode(nameBytes);
    if (unsafePath(name)) throw new ArchiveRefused(say.unsafePath(name));
    if (LAYOUT_FOLDER.test(name)) continue; // holds nothing; never read
    if (!LAYOUT_FILE.test(name)) throw new ArchiveRefused(say.unknownPath(name));
    if (entries.has(name)) throw new ArchiveRefused(say.twice(name));
    if (flags & 1) throw new ArchiveRefused(say.unsupported(`encryption (${name})`, `加密（${name}）`));
    if (method !== 0 && method !== 8) throw new ArchiveRefused(say.unsupported(`compression method ${method} (${name})`, `压缩方式 ${method}（${name}）`));

    // The data starts after the local header, whose own name must agree with the directory's:
    // tools that read local headers must not see another file than we checked.
    if (localAt + 30 > directoryStart || u32(localAt) !== LOCAL_HEADER) throw new ArchiveRefused(say.damaged(name));
    const localNameLength = u16(localAt + 26);
    if (!sameBytes(bytes.subarray(localAt + 30, localAt + 30 + localNameLength), nameBytes)) throw new ArchiveRefused(say.damaged(name));
    const dataStart = localAt + 30 + localNameLength + u16(localAt + 28);
    if (dataStart + compressedSize > directoryStart) throw new ArchiveRefused(say.damaged(name));
    if (method === 0 && compressedSize !== size) throw new ArchiveRefused(say.damaged(name));

    // An honest archive that says it is too big is refused before any work; a lying one is
    // caught while unpacking.
    if (size > limits.maxEntryBytes) throw new ArchiveRefused(say.entryTooBig(name, limits.maxEntryBytes));
    declaredTotal += size;
    if (declaredTotal > limits.maxTotalBytes) throw new ArchiveRefused(say.totalTooBig(limits.maxTotalBytes));
    entries.set(name, { name, method, crc, compressedSize, size, dataStart });
  }
  return entries;
}

/** The end-of-central-directory record, searched from the end past a comment of at most 64 KB; -1 if none. */
function endOfDirectory(view: DataView): number {
  for (let at = view.byteLength - 22; at >= 0 && at >= view.byteLength - 22 - 0xffff; at--) {
    if (view.getUint32(at, true) === END_OF_DIRECTORY && at + 22 + view.getUint16(at + 20, true) <= view.byteLength) return at;
  }
  return -1;
}

function unsafePath(name: string): boolean {
  return name.startsWith("/") || name.includes("..") || name.includes("\\") || /^[a-z]:/i.test(name) || name.includes("\0");
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Deflate expands at most about 1032:1, so pushing 4 KB at a time lets at most ~4 MB out
 * before the count below sees it and stops.
 */
const INFLATE_PUSH = 4096;

/** One entry's bytes, counted against the per-entry limit and the archive's shared budget as they come out. */
function unpack(bytes: Uint8Array, entry: ZipEntry, maxEntryBytes: number, budget: { left: number; max: number }): Uint8Array {
  const compressed = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressedSize);
  const parts: Uint8Array[] = [];
  let size = 0;
  let crc = 0;
  const take = (part: Uint8Array) => {
    size += part.length;
    budget.left -= part.length;
    if (size > maxEntryBytes) throw new ArchiveRefused(say.entryTooBig(entry.name, maxEntryBytes));
    if (budget.left < 0) throw new ArchiveRefused(say.totalTooBig(budget.max));
    crc = crc32(part, crc);
    parts.push(part);
  };
  if (entry.method === 0) {
    take(compressed.slice());
  } else {
    const inflate = new Inflate((part) => take(part));
    try {
      let at = 0;
      do {
        const next = Math.min(at + INFLATE_PUSH, compressed.length);
        inflate.push(compressed.subarray(at, next), next === compressed.length);
        at = next;
      } while (at < compressed.length);
    } catch (error) {
      if (error instanceof ArchiveRefused) throw error;
      throw new ArchiveRefused(say.damaged(entry.name));
    }
  }
  // A stream cut at a block boundary inflates without complaint; the declared size and
  // checksum catch it (and any other corruption).
  if (size !== entry.size || crc !== entry.crc) throw new ArchiveRefused(say.damaged(entry.name));
  return concat(parts, size);
}

function concat(parts: Uint8Array[], size: number): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

/** The zip checksum (CRC-32), continued from `crc` over `data`. */
function crc32(data: Uint8Array, crc: number): number {
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]!) & 0xff]! ^ (c >>> 8);
  return ~c >>> 0;
}

// ---------------------------------------------------------------- what the user reads

/** A name from the archive as shown: quoted, control characters escaped, cut short. */
function shown(name: string): string {
  return JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);
}

const sizes = (bytes: number) => ({ en: formatFileSize(bytes, "en"), zh: formatFileSize(bytes, "zh-CN") });

const say = {
  notZip: (): Reason => ({ en: "The file is not a zip archive.", "zh-CN": "该文件不是 zip 压缩包。" }),
  archiveTooBig: (max: number): Reason => ({ en: `The archive is larger than ${sizes(max).en}.`, "zh-CN": `压缩包超过 ${sizes(max).zh}。` }),
  tooManyEntries: (max: number): Reason => ({ en: `The archive holds more than ${max} files.`, "zh-CN": `压缩包内的文件超过 ${max} 个。` }),
  unsafePath: (name: string): Reason => ({
    en: `The archive contains an unsafe path: ${shown(name)}.`,
    "zh-CN": `压缩包包含不安全的路径：${shown(name)}。`,
  }),
  unknownPath: (name: string): Reason => ({
    en: `${shown(name)} does not belong in a scene archive.`,
    "zh-CN": `${shown(name)} 不属于场景压缩包的内容。`,
  }),
  twice: (name: string): Reason => ({ en: `The archive contains ${shown(name)} twice.`, "zh-CN": `压缩包中 ${shown(name)} 出现了两次。` }),
  unsupported: (en: string, zh: string): Reason => ({ en: `The archive uses ${en}, which is not supported.`, "zh-CN": `压缩包使用了不支持的${zh}。` }),
  damaged: (name?: string): Reason =>
    name
      ? { en: `The archive is damaged: ${shown(name)} cannot be read.`, "zh-CN": `压缩包已损坏：无法读取 ${shown(name)}。` }
      : { en: "The archive is damaged.", "zh-CN": "压缩包已损坏。" },
  entryTooBig: (name: string, max: number): Reason => ({
    en: `${shown(name)} is larger than ${sizes(max).en} unpacked.`,
    "zh-CN": `${shown(name)} 解压后超过 ${sizes(max).zh}。`,
  }),
  totalTooBig: (max: number): Reason => ({ en: `The archive unpacks to more than ${sizes(max).en}.`, "zh-CN": `压缩包解压后超过 ${sizes(max).zh}。` }),
  missing: (name: string): Reason => ({ en: `The archive has no ${name}.`, "zh-CN": `压缩包中缺少 ${name}。` }),
  notAtrium: (): Reason => ({
    en: "This is not an Atrium scene archive (manifest.json does not say so).",
    "zh-CN": "这不是 Atrium 场景压缩包（manifest.json 未标明）。",
  }),
  archiveVersion: (version: unknown): Reason => ({
    en: `Scene archive version ${shown(String(version))} is not supported; this server reads version ${VERSION}.`,
    "zh-CN": `不支持场景压缩包版本 ${shown(String(version))}；本服务器只能读取版本 ${VERSION}。`,
  }),
  badManifest: (detail: string): Reason => ({ en: `manifest.json is not valid: ${detail}`, "zh-CN": `manifest.json 无效：${detail}` }),
  sceneNotJson: (): Reason => ({ en: "scene.json is not valid JSON.", "zh-CN": "scene.json 不是有效的 JSON。" }),
  badScene: (detail: string): Reason => ({ en: `The scene is not valid: ${detail}`, "zh-CN": `场景无效：${detail}` }),
  otherScene: (manifestId: string, sceneId: string): Reason => ({
    en: `manifest.json describes scene ${shown(manifestId)} but scene.json holds scene ${shown(sceneId)}.`,
    "zh-CN": `manifest.json 描述的是场景 ${shown(manifestId)}，但 scene.json 中是场景 ${shown(sceneId)}。`,
  }),
  assetMissing: (id: string, path: string): Reason => ({
    en: `The scene shows model ${shown(id)} but the archive has no ${path}.`,
    "zh-CN": `场景使用了模型 ${shown(id)}，但压缩包中没有 ${path}。`,
  }),
  metaNotObject: (path: string): Reason => ({ en: `${path} is not a JSON object.`, "zh-CN": `${path} 不是 JSON 对象。` }),
  notGlb: (path: string): Reason => ({ en: `${path} is not a GLB model.`, "zh-CN": `${path} 不是 GLB 模型。` }),
  notPng: (path: string): Reason => ({ en: `${path} is not a PNG image.`, "zh-CN": `${path} 不是 PNG 图片。` }),
  badAssetId: (id: string): Reason => ({ en: `${shown(id)} is not a valid asset id.`, "zh-CN": `${shown(id)} 不是有效的素材 ID。` }),
  assetTwice: (id: string): Reason => ({ en: `Asset ${shown(id)} was given twice.`, "zh-CN": `素材 ${shown(id)} 重复提供。` }),
  assetNotGiven: (id: string): Reason => ({
    en: `The scene shows model ${shown(id)}, which is not among the assets to export.`,
    "zh-CN": `场景使用了模型 ${shown(id)}，但它不在要导出的素材中。`,
  }),
  badName: (): Reason => ({ en: "The scene's name must be 1 to 200 characters.", "zh-CN": "场景名称须为 1 到 200 个字符。" }),
};
