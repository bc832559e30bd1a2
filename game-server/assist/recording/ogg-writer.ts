import { close as closeFd, fdatasync, fsync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { randomInt } from "node:crypto";
import { syncDirectory } from "../../storage/sync-directory.ts";

/*
 * Ogg (RFC 3533) pages and an Ogg Opus stream (RFC 7845), only as much as a recorder writes:
 * one logical stream, one channel, packets appended in order.
 */

/** Header type flags of a page (RFC 3533 §6). */
export const PageFlag = { continued: 0x01, bos: 0x02, eos: 0x04 } as const;

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let r = i << 24;
    for (let bit = 0; bit < 8; bit++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
    table[i] = r >>> 0;
  }
  return table;
})();

/** Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial value 0, no final XOR. */
export function oggCrc32(bytes: Uint8Array, crc = 0): number {
  let r = crc >>> 0;
  for (const byte of bytes) r = ((r << 8) ^ CRC_TABLE[((r >>> 24) ^ byte) & 0xff]!) >>> 0;
  return r;
}

export interface PageFields {
  flags: number;
  /** -1 on a page where no packet ends (RFC 3533 §6). */
  granule: bigint;
  serial: number;
  sequence: number;
  /** At most 255 lacing values. */
  lacing: readonly number[];
  body: Uint8Array;
}

/** One page, CRC filled in. */
export function oggPage(page: PageFields): Uint8Array {
  if (page.lacing.length > 255) throw new Error(`an Ogg page holds at most 255 segments, not ${page.lacing.length}`);
  const header = 27 + page.lacing.length;
  const out = new Uint8Array(header + page.body.length);
  const view = new DataView(out.buffer);
  out.set([0x4f, 0x67, 0x67, 0x53]); // "OggS"
  view.setUint8(4, 0); // stream structure version
  view.setUint8(5, page.flags);
  view.setBigInt64(6, page.granule, true);
  view.setUint32(14, page.serial >>> 0, true);
  view.setUint32(18, page.sequence >>> 0, true);
  // 22..25: the CRC, computed with these four bytes zero
  view.setUint8(26, page.lacing.length);
  out.set(page.lacing, 27);
  out.set(page.body, header);
  view.setUint32(22, oggCrc32(out), true);
  return out;
}

/** Lacing values of one packet: 255 per whole 255 bytes, then the rest (0 when it is a multiple of 255). */
function lacingOf(length: number): number[] {
  return [...Array<number>(Math.floor(length / 255)).fill(255), length % 255];
}

interface Pending {
  data: Uint8Array;
  granule: bigint;
}

/**
 * Packs packets into pages of one logical stream: a packet may span pages (the next page is
 * then marked continued), a page's granule is that of the last packet that ends on it.
 */
export class OggPacker {
  readonly serial: number;
  #sequence = 0;
  #pending: Pending[] = [];
  #first = true;

  constructor(serial: number) {
    this.serial = serial;
  }

  get pendingPackets(): number {
    return this.#pending.length;
  }

  add(data: Uint8Array, granule: bigint): void {
    this.#pending.push({ data, granule });
  }

  /** Sets the granule of the newest pending packet (the end trim of a closing page). */
  retimeLast(granule: bigint): void {
    const last = this.#pending.at(-1);
    if (!last) throw new Error("no pending packet to retime");
    last.granule = granule;
  }

  /** Every pending packet as pages; the last of them marked end of stream when `eos`. */
  pages(eos = false): Uint8Array[] {
    const pages: Uint8Array[] = [];
    let lacing: number[] = [];
    let chunks: Uint8Array[] = [];
    let granule = -1n;
    let continued = false;
    const emit = (last: boolean) => {
      const flags = (this.#first ? PageFlag.bos : 0) | (continued ? PageFlag.continued : 0) | (last && eos ? PageFlag.eos : 0);
      pages.push(oggPage({ flags, granule, serial: this.serial, sequence: this.#sequence++, lacing, body: concat(chunks) }));
      this.#first = false;
      lacing = [];
      chunks = [];
      granule = -1n;
    };
    const packets = this.#pending;
    this.#pending = [];
    for (const [index, packet] of packets.entries()) {
      const values = lacingOf(packet.data.length);
      let offset = 0;
      for (const [i, value] of values.entries()) {
        if (lacing.length === 255) {
          emit(false);
          continued = i > 0; // the packet goes on from the page before
        }
        lacing.push(value);
        chunks.push(packet.data.subarray(offset, offset + value));
        offset += value;
        if (i === values.length - 1) granule = packet.granule;
      }
      if (index === packets.length - 1) emit(true);
    }
    if (packets.length === 0 && eos) emit(true); // an empty closing page
    return pages;
  }
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

/** Opus's sample clock in Ogg: granule positions count 48 kHz samples whatever the input rate (RFC 7845 §4). */
export const OPUS_GRANULE_RATE = 48_000;
/** libopus's encoder delay (its lookahead) at 48 kHz, for every input rate and the VOIP / AUDIO applications. */
export const OPUS_PRE_SKIP = 312;

export interface OggOpusOptions {
  /** The input's sample rate, for players that resample back (informational, RFC 7845 §5.1). */
  inputSampleRate: number;
  preSkip?: number;
  /** Vendor string of the OpusTags header. */
  vendor?: string;
  /** User comments ("TITLE", "ENCODER", …) in the OpusTags header. */
  tags?: Readonly<Record<string, string>>;
  /** A page is written once it holds this much audio (a crash loses at most this much that was encoded). */
  pageMs?: number;
  serial?: number;
}

export function opusHead(inputSampleRate: number, preSkip: number): Uint8Array {
  const out = new Uint8Array(19);
  const view = new DataView(out.buffer);
  out.set(new TextEncoder().encode("OpusHead"));
  view.setUint8(8, 1); // version
  view.setUint8(9, 1); // channels
  view.setUint16(10, preSkip, true);
  view.setUint32(12, inputSampleRate, true);
  view.setInt16(16, 0, true); // output gain
  view.setUint8(18, 0); // mapping family 0: mono or stereo, no table
  return out;
}

export function opusTags(vendor: string, tags: Readonly<Record<string, string>>): Uint8Array {
  const text = new TextEncoder();
  const lengthPrefixed = (s: string) => {
    const bytes = text.encode(s);
    const out = new Uint8Array(4 + bytes.length);
    new DataView(out.buffer).setUint32(0, bytes.length, true);
    out.set(bytes, 4);
    return out;
  };
  const entries = Object.entries(tags);
  const count = new Uint8Array(4);
  new DataView(count.buffer).setUint32(0, entries.length, true);
  return concat([text.encode("OpusTags"), lengthPrefixed(vendor), count, ...entries.map(([key, value]) => lengthPrefixed(`${key}=${value}`))]);
}

/**
 * An Ogg Opus file being written: the two header pages at once, then Opus packets, a page
 * whenever `pageMs` of audio is waiting. Pages go to the file with `writeSync` as they are made
 * (a crashed process loses nothing written), and each is then synced to the disk in the
 * background, one sync at a time, so a crashed machine loses at most about a page; `close`
 * writes the last page (end of stream) and waits for everything to be on the disk.
 *
 * The newest packet always stays pending, so the closing page carries at least one packet and
 * its granule can trim the end (RFC 7845 §4.5).
 */
export class OggOpusFile {
  readonly path: string;
  readonly preSkip: number;
  readonly #packer: OggPacker;
  readonly #pageSamples: number;
  #fd: number | undefined;
  #bytes = 0;
  #granule = 0n;
  #pendingSamples = 0;
  #syncing: Promise<void> | undefined;
  #syncAgain = false;
  #syncError: Error | undefined;
  readonly #directorySynced: Promise<void>;

  /** Creates `path` (refused if it exists: a recording is never overwritten) and writes the headers. */
  constructor(path: string, options: OggOpusOptions) {
    this.path = path;
    this.preSkip = options.preSkip ?? OPUS_PRE_SKIP;
    this.#pageSamples = ((options.pageMs ?? 500) * OPUS_GRANULE_RATE) / 1000;
    this.#packer = new OggPacker(options.serial ?? randomInt(0, 2 ** 32));
    this.#fd = openSync(path, "wx", 0o600);
    this.#packer.add(opusHead(options.inputSampleRate, this.preSkip), 0n);
    this.#write(this.#packer.pages());
    this.#packer.add(opusTags(options.vendor ?? "Atrium", options.tags ?? {}), 0n);
    this.#write(this.#packer.pages());
    this.#sync();
    // The file's name must survive a crash too, not only its bytes.
    this.#directorySynced = syncDirectory(dirname(path)).catch((error: Error) => {
      this.#syncError ??= error;
    });
  }

  /** Bytes written so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Appends one Opus packet of `samples` (at 48 kHz) of audio. */
  writePacket(packet: Uint8Array, samples: number): void {
    if (this.#fd === undefined) throw new Error("the recording is closed");
    if (this.#pendingSamples >= this.#pageSamples) this.#flush();
    this.#granule += BigInt(samples);
    this.#pendingSamples += samples;
    this.#packer.add(packet, this.#granule);
  }

  /** Writes the pending packets as pages; called before a packet is added, so the newest one always waits for the next page. */
  #flush(): void {
    if (this.#fd === undefined || this.#packer.pendingPackets === 0) return;
    this.#write(this.#packer.pages());
    this.#pendingSamples = 0;
    this.#sync();
  }

  /**
   * The closing page, with `finalGranule` (48 kHz samples including pre-skip; less than what
   * was written trims the end); then synced and closed. Resolves with the file's size.
   */
  async close(finalGranule?: bigint): Promise<{ bytes: number }> {
    const fd = this.#fd;
    if (fd === undefined) return { bytes: this.#bytes };
    if (finalGranule !== undefined && this.#packer.pendingPackets > 0) this.#packer.retimeLast(finalGranule);
    try {
      this.#write(this.#packer.pages(true));
      this.#fd = undefined;
      await this.#syncing;
      await new Promise<void>((resolve, reject) => fsync(fd, (error) => (error ? reject(error) : resolve())));
      await this.#directorySynced;
      if (this.#syncError) throw this.#syncError;
    } finally {
      this.#fd = undefined; // closed whatever happened (a full disk, say)
      await new Promise<void>((resolve) => closeFd(fd, () => resolve()));
    }
    return { bytes: this.#bytes };
  }

  #write(pages: readonly Uint8Array[]): void {
    const fd = this.#fd;
    if (fd === undefined) throw new Error("the recording is closed");
    for (const page of pages) {
      for (let at = 0; at < page.length; ) at += writeSync(fd, page, at);
      this.#bytes += page.length;
    }
  }

  /** Syncs the file in the background; a sync asked for while one runs runs after it. */
  #sync(): void {
    if (this.#syncing) {
      this.#syncAgain = true;
      return;
    }
    const fd = this.#fd;
    if (fd === undefined) return;
    this.#syncing = new Promise<void>((resolve) =>
      fdatasync(fd, (error) => {
        if (error) this.#syncError ??= error;
        resolve();
      }),
    ).then(() => {
      this.#syncing = undefined;
      if (this.#syncAgain) {
        this.#syncAgain = false;
        this.#sync();
      }
    });
  }
}
