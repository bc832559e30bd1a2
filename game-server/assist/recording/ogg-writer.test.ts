import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { OggOpusFile, OggPacker, oggCrc32, oggPage, opusHead, opusTags, PageFlag } from "./ogg-writer.ts";

const hex = (s: string) => Uint8Array.from(s.match(/../g)!.map((b) => parseInt(b, 16)));

/** The first page of an Ogg Opus file made by FFmpeg 5.1 (libopus, mono, 48 kHz): OpusHead, BOS. */
const FFMPEG_HEAD_PAGE = hex("4f67675300020000000000000000564768ef000000000579586401134f707573486561640101380180bb0000000000");

interface ParsedPage {
  flags: number;
  granule: bigint;
  serial: number;
  sequence: number;
  lacing: number[];
  crcOk: boolean;
  body: Uint8Array;
}

/** Reads pages back (as a player would), checking each one's CRC. */
function parsePages(bytes: Uint8Array): ParsedPage[] {
  const pages: ParsedPage[] = [];
  for (let at = 0; at < bytes.length; ) {
    const view = new DataView(bytes.buffer, bytes.byteOffset + at);
    const count = view.getUint8(26);
    const lacing = [...bytes.subarray(at + 27, at + 27 + count)];
    const length = 27 + count + lacing.reduce((a, b) => a + b, 0);
    const page = Uint8Array.from(bytes.subarray(at, at + length)); // a copy (a Buffer's slice is a view)
    const stored = new DataView(page.buffer).getUint32(22, true);
    page.fill(0, 22, 26);
    pages.push({
      flags: view.getUint8(5),
      granule: view.getBigInt64(6, true),
      serial: view.getUint32(14, true),
      sequence: view.getUint32(18, true),
      lacing,
      crcOk: oggCrc32(page) === stored,
      body: page.subarray(27 + count),
    });
    at += length;
  }
  return pages;
}

describe("Ogg pages", () => {
  it("computes Ogg's CRC-32 (polynomial 0x04C11DB7, initial 0, no reflection, no final XOR)", () => {
    // CRC-32/POSIX's check value is 0x765E7680 with its final XOR; Ogg's is the same without it.
    expect(oggCrc32(new TextEncoder().encode("123456789"))).toBe(0x89a1897f);
    const zeroed = FFMPEG_HEAD_PAGE.slice();
    zeroed.fill(0, 22, 26);
    expect(oggCrc32(zeroed), "FFmpeg's own page checksum").toBe(0x64587905);
  });

  it("writes an OpusHead page byte for byte as FFmpeg does", () => {
    const page = oggPage({ flags: PageFlag.bos, granule: 0n, serial: 0xef684756, sequence: 0, lacing: [19], body: opusHead(48_000, 312) });
    expect(Buffer.from(page).toString("hex")).toBe(Buffer.from(FFMPEG_HEAD_PAGE).toString("hex"));
  });

  it("refuses a page of more than 255 segments", () => {
    expect(() => oggPage({ flags: 0, granule: 0n, serial: 1, sequence: 0, lacing: Array<number>(256).fill(0), body: new Uint8Array() })).toThrow(/255/);
  });

  it("spreads a packet over pages: 255 segments a page, the next page marked continued, granule -1 where no packet ends", () => {
    const packer = new OggPacker(7);
    const big = new Uint8Array(255 * 300).map((_, i) => i % 251); // 300 lacing values of 255 and a closing 0
    packer.add(new Uint8Array([1, 2, 3]), 100n);
    packer.add(big, 200n);
    packer.add(new Uint8Array(10), 300n);
    const pages = parsePages(Uint8Array.from(packer.pages(true).flatMap((p) => [...p])));
    expect(pages.map((p) => p.lacing.length)).toEqual([255, 48]); // 1 + 301 + 1 lacing values
    expect(pages.every((p) => p.crcOk && p.serial === 7)).toBe(true);
    expect(pages.map((p) => p.sequence)).toEqual([0, 1]);
    expect(pages[0]!.flags).toBe(PageFlag.bos);
    expect(pages[0]!.granule, "only the small packet ends on the first page").toBe(100n);
    expect(pages[1]!.flags).toBe(PageFlag.continued | PageFlag.eos);
    expect(pages[1]!.granule).toBe(300n);
    const body = Buffer.concat(pages.map((p) => p.body));
    expect(body.length).toBe(3 + big.length + 10);
    expect(body.subarray(3, 3 + big.length).equals(Buffer.from(big)), "the packet's bytes, in order, across the pages").toBe(true);

    const one = new OggPacker(7);
    one.add(new Uint8Array(255 * 254 + 5), 9n); // 254 × 255 + 5: fills a page exactly
    one.add(new Uint8Array(4), 10n);
    const [first, second] = parsePages(Uint8Array.from(one.pages().flatMap((p) => [...p])));
    expect(first!.granule).toBe(9n);
    expect(second!.flags & PageFlag.continued, "a packet starting a page is not a continuation").toBe(0);
  });
});

describe("Ogg Opus file", () => {
  it("starts with OpusHead (BOS, pre-skip, input rate, one channel, family 0) and OpusTags pages, and ends with an EOS page whose granule trims the end", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ogg-opus-"));
    const path = join(dir, "a.opus");
    const file = new OggOpusFile(path, { inputSampleRate: 16_000, tags: { TITLE: "Ticket 1001", ENCODER: "test" }, pageMs: 100, serial: 42 });
    expect(() => new OggOpusFile(path, { inputSampleRate: 16_000 }), "an existing recording is never overwritten").toThrow(/EEXIST/);
    for (let i = 0; i < 12; i++) file.writePacket(new Uint8Array([0xf8, i]), 960);
    const before = readFileSync(path);
    const { bytes } = await file.close(312n + 11_000n);
    const written = readFileSync(path);
    expect(bytes).toBe(written.length);

    const pages = parsePages(written);
    expect(pages.every((p) => p.crcOk && p.serial === 42)).toBe(true);
    expect(pages.map((p) => p.sequence)).toEqual(pages.map((_, i) => i));
    const [head, tags, ...audio] = pages;
    expect(head!.flags).toBe(PageFlag.bos);
    expect(Buffer.from(head!.body).toString("hex")).toBe(Buffer.from(opusHead(16_000, 312)).toString("hex"));
    expect(new DataView(head!.body.buffer, head!.body.byteOffset).getUint32(12, true)).toBe(16_000);
    expect(Buffer.from(tags!.body).equals(Buffer.from(opusTags("Atrium", { TITLE: "Ticket 1001", ENCODER: "test" })))).toBe(true);
    expect(Buffer.from(tags!.body).toString("latin1")).toContain("TITLE=Ticket 1001");
    expect(audio.map((p) => p.lacing.length), "100 ms pages (5 packets); the last packet waits for the closing page").toEqual([5, 5, 2]);
    expect(audio.map((p) => p.granule)).toEqual([4800n, 9600n, 11_312n]);
    expect(audio.at(-1)!.flags).toBe(PageFlag.eos);
    expect(audio.slice(0, -1).every((p) => p.flags === 0)).toBe(true);
    expect(parsePages(before).length, "pages are in the file as soon as they are full, before close").toBe(4);
    rmSync(dir, { recursive: true });
  });
});
