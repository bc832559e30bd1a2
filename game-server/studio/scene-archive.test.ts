import { inflateSync, strFromU8, strToU8, unzipSync, zipSync, type Zippable } from "fflate";
import { describe, expect, it } from "vitest";
import { novaElectronics } from "../../scenes/demo/nova-electronics.ts";
import { loadScene } from "../../scenes/migrations.ts";
import type { Booth, Scene } from "../../scenes/scene-format.ts";
import { assetIdsOf, assetModelUrl as assetUrl } from "./asset-files.ts";
import {
  ArchiveRefused,
  DEFAULT_ARCHIVE_LIMITS,
  exportSceneArchive,
  readSceneArchive,
  type ArchiveAsset,
  type ArchiveLimits,
} from "./scene-archive.ts";

const MB = 1024 * 1024;
const PHONE = "nova-phone-x1";
const SPEAKER = "nova-speaker-s2";

/** Bytes that pass for a GLB here: the magic, then anything (deeper checks are the caller's). */
function glb(seed: number, length = 4000): Uint8Array {
  const bytes = new Uint8Array(length);
  bytes.set(strToU8("glTF"));
  for (let i = 4, x = seed; i < length; i++) bytes[i] = x = (x * 1103515245 + 12345) & 0xff;
  return bytes;
}
const png = Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52);

const withModel = (booth: Booth, id: string): Booth => ({ ...booth, product: { kind: "glb", url: assetUrl(id), scale: 1.2 } });

/** Nova Electronics with its phone booth (and, for the round trip, its speaker booth) showing uploaded models. */
const novaWithPhone: Scene = { ...novaElectronics, booths: novaElectronics.booths.map((b, i) => (i === 0 ? withModel(b, PHONE) : b)) };
const novaWithTwo: Scene = { ...novaWithPhone, booths: novaWithPhone.booths.map((b, i) => (i === 6 ? withModel(b, SPEAKER) : b)) };

const phone: ArchiveAsset = {
  id: PHONE,
  meta: { name: "Nova X1", description: "6.1-inch phone", price: 4999, kbArticleIds: ["phone-x1", "trade-in"] },
  glb: glb(1),
  thumbnail: png,
};
const speaker: ArchiveAsset = { id: SPEAKER, meta: { name: "Nova Sound S2", description: "", price: null, kbArticleIds: [] }, glb: glb(2) };

/** The demo hall as stored in format 2 (as in scenes/migrations.test.ts). */
const v2Hall = {
  format: 2,
  id: "demo-hall",
  name: "Atrium demo hall",
  bounds: { minX: -12, minZ: -8, maxX: 12, maxZ: 8 },
  wallHeight: 4.5,
  spawn: { x: 0, z: 2.5, radius: 1.5 },
  palette: { floor: "#c9b79c", walls: "#f1ece4", accent: "#2f6f73", sky: "#dfe9ec" },
  blocks: [{ label: "Reception", at: { x: 0, z: -6 }, size: { x: 4, y: 1.1, z: 1 }, color: "#2f6f73" }],
  zones: [{ id: "booth-1", kind: "private", label: "Consultation booth", rect: { minX: 7, minZ: 4, maxX: 11.7, maxZ: 7.7 } }],
};

function manifest(scene: { id: string }, assets: string[] = []) {
  return { format: "atrium-scene-archive", version: 1, exportedAt: "2025-03-01T09:00:00.000Z", scene: { id: scene.id, name: "Spring showroom" }, assets };
}

/** The files of a good archive of `novaWithPhone`, by path, to spoil one at a time. */
function goodFiles(): Record<string, unknown> {
  return {
    "manifest.json": manifest(novaWithPhone, [PHONE]),
    "scene.json": novaWithPhone,
    [`assets/${PHONE}/model.glb`]: phone.glb,
    [`assets/${PHONE}/asset.json`]: phone.meta,
    [`assets/${PHONE}/thumbnail.png`]: png,
  };
}

/** A zip of these files, written by fflate as given: bytes as they are, strings as text, anything else as JSON. */
function zip(files: Record<string, unknown>): Uint8Array {
  const entries: Zippable = {};
  for (const [name, value] of Object.entries(files)) {
    if (value === undefined) continue;
    entries[name] = value instanceof Uint8Array ? value : strToU8(typeof value === "string" ? value : JSON.stringify(value));
  }
  return zipSync(entries);
}

/** Reads the archive, expecting a refusal; returns its English reason after checking it is bilingual and quick. */
function refusal(bytes: Uint8Array, limits?: Partial<ArchiveLimits>): string {
  const started = performance.now();
  let caught: unknown;
  try {
    readSceneArchive(bytes, limits);
  } catch (error) {
    caught = error;
  }
  const ms = performance.now() - started;
  expect(caught, "the archive was read, not refused").toBeInstanceOf(ArchiveRefused);
  const { reason, message } = caught as ArchiveRefused;
  expect(message).toBe(reason.en);
  expect(reason["zh-CN"]).toMatch(/[\u4e00-\u9fff]/u);
  expect(ms).toBeLessThan(1000);
  return reason.en;
}

/** Rewrites what the zip says about one entry, in its central directory record and its local header. */
function patchEntry(archive: Uint8Array, name: string, change: { size?: number; crc?: number; method?: number; flags?: number; rename?: string }): Uint8Array {
  const out = archive.slice();
  const view = new DataView(out.buffer);
  let end = out.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  let at = view.getUint32(end + 16, true);
  let found = false;
  for (let i = 0; i < view.getUint16(end + 10, true); i++) {
    const nameLength = view.getUint16(at + 28, true);
    const local = view.getUint32(at + 42, true);
    if (strFromU8(out.subarray(at + 46, at + 46 + nameLength)) === name) {
      found = true;
      const both = (directoryField: number, localField: number, value: number | undefined, bytes: 2 | 4) => {
        if (value === undefined) return;
        for (const field of [at + directoryField, local + localField]) (bytes === 2 ? view.setUint16 : view.setUint32).call(view, field, value, true);
      };
      both(8, 6, change.flags, 2);
      both(10, 8, change.method, 2);
      both(16, 14, change.crc, 4);
      both(24, 22, change.size, 4);
      if (change.rename !== undefined) {
        expect(change.rename.length).toBe(name.length);
        out.set(strToU8(change.rename), at + 46);
        out.set(strToU8(change.rename), local + 30);
      }
    }
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  expect(found, `no entry ${name} to patch`).toBe(true);
  return out;
}

/**
 * A raw deflate stream of 1 + 258 × (1 + 8 × groups) zero bytes, written by hand: one
 * fixed-Huffman block, a literal 0, then "copy 258 bytes from 1 back" again and again. Each copy
 * is 13 bits, so after the first (which ends on a byte boundary) every 8 copies are the same 13
 * bytes, repeated here: about 160 bytes out per byte in.
 */
function zeroBomb(groups: number): Uint8Array {
  const bits: number[] = [];
  const field = (value: number, count: number) => { for (let i = 0; i < count; i++) bits.push((value >> i) & 1); }; // LSB first
  const code = (value: number, count: number) => { for (let i = count - 1; i >= 0; i--) bits.push((value >> i) & 1); }; // Huffman codes MSB first
  const copy258 = () => (code(0b11000101, 8), code(0, 5)); // length symbol 285 (258), distance code 0 (1)
  field(1, 1); // BFINAL
  field(1, 2); // fixed Huffman
  code(0b00110000, 8); // literal 0
  copy258();
  for (let i = 0; i < 8; i++) copy258();
  code(0, 7); // end of block
  const sample = new Uint8Array(Math.ceil(bits.length / 8));
  bits.forEach((bit, i) => (sample[i >> 3]! |= bit << (i & 7)));
  const out = new Uint8Array(3 + 13 * groups + 1);
  out.set(sample.subarray(0, 3));
  out.set(sample.subarray(3, 16), 3);
  for (let filled = 13; filled < 13 * groups; filled *= 2) out.copyWithin(3 + filled, 3, 3 + Math.min(filled, 13 * groups - filled));
  out[out.length - 1] = sample[16]!;
  return out;
}

let sixtyMegabyteBomb: Uint8Array | undefined;
/** The good archive with a phone model of 60 MB of zeros, which deflates to about 60 KB. */
function bomb60(): Uint8Array {
  sixtyMegabyteBomb ??= zip({ ...goodFiles(), [`assets/${PHONE}/model.glb`]: new Uint8Array(60 * MB) });
  return sixtyMegabyteBomb;
}

describe("exporting and importing a scene archive", () => {
  it("round-trips the Nova Electronics hall with its uploaded product models", () => {
    const bytes = exportSceneArchive({ scene: novaWithTwo, name: "Spring showroom", assets: [phone, speaker], exportedAt: new Date("2025-03-01T09:00:00Z") });
    const read = readSceneArchive(bytes);
    expect(read.scene).toEqual(loadScene(novaWithTwo));
    expect(read.name).toBe("Spring showroom");
    expect(read.assets).toEqual([phone, speaker]);
    expect(read.assets[1]).not.toHaveProperty("thumbnail");
  });

  it("writes the documented layout and manifest", () => {
    const bytes = exportSceneArchive({ scene: novaWithTwo, name: "Spring showroom", assets: [speaker, phone], exportedAt: new Date("2025-03-01T09:00:00Z") });
    const files = unzipSync(bytes);
    expect(Object.keys(files).sort()).toEqual(
      [
        "manifest.json",
        "scene.json",
        `assets/${PHONE}/model.glb`,
        `assets/${PHONE}/asset.json`,
        `assets/${PHONE}/thumbnail.png`,
        `assets/${SPEAKER}/model.glb`,
        `assets/${SPEAKER}/asset.json`,
      ].sort(),
    );
    expect(JSON.parse(strFromU8(files["manifest.json"]!))).toEqual({
      format: "atrium-scene-archive",
      version: 1,
      exportedAt: "2025-03-01T09:00:00.000Z",
      scene: { id: "nova-electronics", name: "Spring showroom" },
      assets: [PHONE, SPEAKER],
    });
    expect(JSON.parse(strFromU8(files["scene.json"]!))).toEqual(novaWithTwo);
    expect(JSON.parse(strFromU8(files[`assets/${PHONE}/asset.json`]!))).toEqual(phone.meta);
  });

  it("packs only the models the booths show", () => {
    const unused = { ...speaker, id: "old-display-model" };
    const files = unzipSync(exportSceneArchive({ scene: novaWithPhone, name: "Nova", assets: [unused, phone] }));
    expect(Object.keys(files).filter((name) => name.startsWith("assets/"))).toEqual([
      `assets/${PHONE}/model.glb`,
      `assets/${PHONE}/asset.json`,
      `assets/${PHONE}/thumbnail.png`,
    ]);
  });

  it("exports an older-format scene upgraded", () => {
    const files = unzipSync(exportSceneArchive({ scene: v2Hall, name: "Old hall", assets: [] }));
    expect(JSON.parse(strFromU8(files["scene.json"]!))).toEqual(loadScene(v2Hall));
  });

  it("imports an archive holding an older-format scene, upgraded to the current format", () => {
    const read = readSceneArchive(zip({ "manifest.json": manifest(v2Hall), "scene.json": v2Hall }));
    expect(read.scene.format).toBe(3);
    expect(read.scene).toEqual(loadScene(v2Hall));
    expect(read.assets).toEqual([]);

    const { zones: _zones, ...v1Hall } = { ...v2Hall, format: 1 };
    expect(readSceneArchive(zip({ "manifest.json": manifest(v1Hall), "scene.json": v1Hall })).scene).toEqual(loadScene(v1Hall));
  });

  it("imports an archive re-packed by a desktop zip tool, folder entries and all", () => {
    const files = goodFiles();
    const nested: Zippable = {
      "manifest.json": strToU8(JSON.stringify(files["manifest.json"])),
      "scene.json": strToU8(JSON.stringify(files["scene.json"])),
      assets: { [PHONE]: { "model.glb": phone.glb, "asset.json": strToU8(JSON.stringify(phone.meta)), "thumbnail.png": png } },
    };
    const bytes = zipSync(nested);
    expect(Object.keys(unzipSync(bytes))).toContain("assets/"); // fflate writes the folders, as desktop tools do
    expect(readSceneArchive(bytes).assets).toEqual([phone]);
  });

  it("ignores asset folders no booth uses: they are neither checked nor returned", () => {
    const bytes = zip({ ...goodFiles(), "assets/old-display-model/model.glb": strToU8("not a model"), "assets/old-display-model/asset.json": "[]" });
    expect(readSceneArchive(bytes).assets.map((asset) => asset.id)).toEqual([PHONE]);
  });

  it("finds uploaded models in booths once each, leaving static model files alone", () => {
    const booths = novaElectronics.booths.map((b, i): Booth =>
      i === 2 ? { ...b, product: { kind: "glb", url: "/models/tablet.glb" } } : i === 0 || i === 4 ? withModel(b, PHONE) : b,
    );
    expect(assetIdsOf({ ...novaElectronics, booths })).toEqual([PHONE]);
    expect(assetIdsOf(novaElectronics)).toEqual([]);
    expect(assetUrl(PHONE)).toBe(`/api/studio/assets/${PHONE}/model.glb`);
    expect(() => assetUrl("../x")).toThrow(/not an asset id/);
  });

  it("refuses to export what it could not import", () => {
    const attempt = (input: Parameters<typeof exportSceneArchive>[0]) => {
      try {
        exportSceneArchive(input);
      } catch (error) {
        expect(error).toBeInstanceOf(ArchiveRefused);
        return (error as ArchiveRefused).reason.en;
      }
      throw new Error("exported");
    };
    expect(attempt({ scene: { ...novaElectronics, wallHeight: -1 }, name: "Nova", assets: [] })).toMatch(/scene is not valid: wallHeight/);
    expect(attempt({ scene: novaWithTwo, name: "Nova", assets: [phone] })).toMatch(/"nova-speaker-s2", which is not among the assets/);
    expect(attempt({ scene: novaWithPhone, name: "Nova", assets: [{ ...phone, glb: strToU8("hello") }] })).toMatch(/model\.glb is not a GLB model/);
    expect(attempt({ scene: novaWithPhone, name: " ", assets: [phone] })).toMatch(/name/);
  });
});

describe("reading an uploaded archive refuses", () => {
  it("what is not a zip", () => {
    expect(refusal(new Uint8Array(0))).toMatch(/not a zip archive/);
    expect(refusal(png)).toMatch(/not a zip archive/);
    expect(refusal(strToU8(JSON.stringify(novaElectronics)))).toMatch(/not a zip archive/);
    const good = zip(goodFiles());
    expect(refusal(good.subarray(0, good.length - 30))).toMatch(/not a zip archive/);
  });

  it("an archive over the size limit, before reading it", () => {
    const bytes = zip(goodFiles());
    expect(refusal(bytes, { maxArchiveBytes: bytes.length - 1 })).toMatch(/archive is larger than/);
    expect(readSceneArchive(bytes, { maxArchiveBytes: bytes.length }).assets).toHaveLength(1);
  });

  it("more files than allowed", () => {
    const files = goodFiles();
    for (let i = 0; Object.keys(files).length <= DEFAULT_ARCHIVE_LIMITS.maxEntries; i++) files[`assets/unused-model-${i}/asset.json`] = {};
    expect(refusal(zip(files))).toMatch(/more than 200 files/);
    expect(refusal(zip(goodFiles()), { maxEntries: 4 })).toMatch(/more than 4 files/);
  });

  it.each([
    ["absolute", "/etc/passwd"],
    ["climbing out", "../scene.json"],
    ["climbing out of a folder", `assets/${PHONE}/../../../../etc/cron.d/job`],
    ["with backslashes", `assets\\${PHONE}\\model.glb`],
    ["on a drive", "C:/Windows/model.glb"],
    ["on a drive, relative", "c:scene.json"],
    ["with a NUL", "scene.json\0.png"],
  ])("a path %s", (_, name) => {
    expect(refusal(zip({ ...goodFiles(), [name]: glb(3) }))).toMatch(/unsafe path/);
  });

  it.each([
    "notes.txt",
    "__MACOSX/._scene.json",
    `assets/${PHONE}/model.gltf`,
    `assets/${PHONE}/textures/wood.png`,
    "assets/Nova-Phone-X1/model.glb",
    "assets/short/model.glb",
    "nova/scene.json",
  ])("a path outside the layout: %s", (name) => {
    expect(refusal(zip({ ...goodFiles(), [name]: glb(3) }))).toMatch(/does not belong in a scene archive/);
  });

  it("the same path twice", () => {
    const bytes = patchEntry(zip({ ...goodFiles(), "scene.jsoX": "{}" }), "scene.jsoX", { rename: "scene.json" });
    expect(refusal(bytes)).toMatch(/contains "scene.json" twice/);
  });

  it("a zip bomb that admits its size, before unpacking it", () => {
    expect(refusal(bomb60())).toMatch(/"assets\/nova-phone-x1\/model.glb" is larger than 25 MB unpacked/);
    expect(refusal(bomb60(), { maxEntryBytes: 100 * MB, maxTotalBytes: 8 * MB })).toMatch(/unpacks to more than 8.0 MB/);
  });

  it("a zip bomb that lies about its size, as soon as it passes a limit", () => {
    const liar = patchEntry(bomb60(), `assets/${PHONE}/model.glb`, { size: 4000 });
    expect(refusal(liar)).toMatch(/model.glb" is larger than 25 MB unpacked/);
    expect(refusal(liar, { maxEntryBytes: 100 * MB, maxTotalBytes: 8 * MB })).toMatch(/unpacks to more than 8.0 MB/);
  });

  it("a 2 GB bomb in 13 MB, without unpacking more than the limit", () => {
    const stream = zeroBomb(3);
    expect(inflateSync(stream)).toEqual(new Uint8Array(1 + 258 * 25)); // the hand-made stream is real deflate
    const groups = Math.ceil(2 ** 31 / (258 * 8));
    // Stored as it is, then relabelled as deflated data that unpacks to 4000 bytes.
    const stored = zipSync({
      "manifest.json": strToU8(JSON.stringify(manifest(novaWithPhone, [PHONE]))),
      "scene.json": strToU8(JSON.stringify(novaWithPhone)),
      [`assets/${PHONE}/model.glb`]: [zeroBomb(groups), { level: 0 }],
      [`assets/${PHONE}/asset.json`]: strToU8("{}"),
    });
    const bomb = patchEntry(stored, `assets/${PHONE}/model.glb`, { method: 8, size: 4000 });
    expect(bomb.length).toBeLessThan(14 * MB);
    expect(refusal(bomb)).toMatch(/model.glb" is larger than 25 MB unpacked/);
  });

  it("files that together unpack to more than the total, whatever they declare", () => {
    const big = new Uint8Array(600 * 1024);
    big.set(strToU8("glTF"));
    const files = { ...goodFiles(), [`assets/${PHONE}/model.glb`]: big, [`assets/${PHONE}/thumbnail.png`]: Uint8Array.from({ length: 600 * 1024 }, (_, i) => (i < 8 ? png[i]! : 0)) };
    // The model says what it is; the thumbnail claims 10 bytes, so the sum declared passes.
    const bytes = patchEntry(zip(files), `assets/${PHONE}/thumbnail.png`, { size: 10 });
    expect(refusal(bytes, { maxEntryBytes: 1 * MB, maxTotalBytes: 1 * MB })).toMatch(/unpacks to more than 1.0 MB/);
  });

  it("a damaged archive: wrong checksum, a size that does not match, an unknown compression, encryption", () => {
    const good = zip(goodFiles());
    const model = `assets/${PHONE}/model.glb`;
    expect(refusal(patchEntry(good, model, { crc: 1234 }))).toMatch(/damaged: "assets\/nova-phone-x1\/model.glb" cannot be read/);
    expect(refusal(patchEntry(good, model, { size: phone.glb.length - 1 }))).toMatch(/damaged/);
    expect(refusal(patchEntry(good, model, { method: 12 }))).toMatch(/compression method 12/);
    expect(refusal(patchEntry(good, model, { flags: 1 }))).toMatch(/encryption/);
  });

  it("an archive without its manifest or scene", () => {
    expect(refusal(zip({ ...goodFiles(), "manifest.json": undefined }))).toMatch(/has no manifest.json/);
    expect(refusal(zip({ ...goodFiles(), "scene.json": undefined }))).toMatch(/has no scene.json/);
  });

  it("a manifest of another format or version", () => {
    const good = manifest(novaWithPhone, [PHONE]);
    expect(refusal(zip({ ...goodFiles(), "manifest.json": "{not json" }))).toMatch(/not an Atrium scene archive/);
    expect(refusal(zip({ ...goodFiles(), "manifest.json": { ...good, format: "other-archive" } }))).toMatch(/not an Atrium scene archive/);
    expect(refusal(zip({ ...goodFiles(), "manifest.json": { ...good, version: 2 } }))).toMatch(/archive version "2" is not supported/);
    expect(refusal(zip({ ...goodFiles(), "manifest.json": { ...good, scene: { id: "nova-electronics" } } }))).toMatch(/manifest.json is not valid: scene.name/);
    expect(refusal(zip({ ...goodFiles(), "manifest.json": manifest({ id: "meridian-bank" }) }))).toMatch(/describes scene "meridian-bank" but scene.json holds scene "nova-electronics"/);
  });

  it("a scene.json that is not JSON or not a scene, saying what is wrong", () => {
    expect(refusal(zip({ ...goodFiles(), "scene.json": "{ format: 3" }))).toMatch(/scene.json is not valid JSON/);
    expect(refusal(zip({ ...goodFiles(), "scene.json": { ...novaWithPhone, wallHeight: -1 } }))).toMatch(/scene is not valid: wallHeight/);
    const badBooth = { ...novaWithPhone, booths: [{ ...novaWithPhone.booths[0]!, id: "Phone Booth" }] };
    expect(refusal(zip({ ...goodFiles(), "scene.json": badBooth }))).toMatch(/booths\.0\.id/);
    expect(refusal(zip({ ...goodFiles(), "scene.json": { ...novaWithPhone, format: 99 } }))).toMatch(/newer than this server/);
  });

  it("a scene showing a model the archive does not hold", () => {
    expect(refusal(zip({ ...goodFiles(), [`assets/${PHONE}/model.glb`]: undefined }))).toMatch(/shows model "nova-phone-x1" but the archive has no assets\/nova-phone-x1\/model.glb/);
    expect(refusal(zip({ ...goodFiles(), [`assets/${PHONE}/asset.json`]: undefined }))).toMatch(/has no assets\/nova-phone-x1\/asset.json/);
  });

  it.each([["[]"], ["null"], ['"Nova X1"'], ["{ name: 1"]])("asset.json that is not an object: %s", (text) => {
    expect(refusal(zip({ ...goodFiles(), [`assets/${PHONE}/asset.json`]: text }))).toMatch(/asset.json is not a JSON object/);
  });

  it("a model that is not a GLB, or a thumbnail that is not a PNG", () => {
    expect(refusal(zip({ ...goodFiles(), [`assets/${PHONE}/model.glb`]: strToU8('{"asset":{"version":"2.0"}}') }))).toMatch(/model.glb is not a GLB model/);
    expect(refusal(zip({ ...goodFiles(), [`assets/${PHONE}/thumbnail.png`]: glb(4) }))).toMatch(/thumbnail.png is not a PNG image/);
  });
});
