/**
 * Just enough of a FlatBuffers reader to walk a TFLite model without its generated code:
 * tables by vtable slot, scalars, strings and vectors. Positions are byte offsets into `bytes`.
 */
export class FlatTable {
  readonly bytes: Uint8Array;
  readonly pos: number;
  private readonly view: DataView;
  private readonly vtable: number;
  private readonly vtableSize: number;

  constructor(bytes: Uint8Array, pos: number) {
    this.bytes = bytes;
    this.pos = pos;
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.vtable = pos - this.view.getInt32(pos, true);
    this.vtableSize = this.view.getUint16(this.vtable, true);
  }

  /** The table at a buffer's root (the first 4 bytes hold its offset). */
  static root(bytes: Uint8Array): FlatTable {
    return new FlatTable(bytes, new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, true));
  }

  /** How many vtable slots this table was written with (fields past that are absent). */
  get slotCount(): number {
    return (this.vtableSize - 4) / 2;
  }

  /** Absolute position of a field's inline value, or 0 when the field is absent. */
  fieldPos(slot: number): number {
    const entry = 4 + slot * 2;
    if (entry >= this.vtableSize) return 0;
    const offset = this.view.getUint16(this.vtable + entry, true);
    return offset === 0 ? 0 : this.pos + offset;
  }

  has(slot: number): boolean {
    return this.fieldPos(slot) !== 0;
  }

  u8(slot: number, fallback = 0): number {
    const at = this.fieldPos(slot);
    return at ? this.view.getUint8(at) : fallback;
  }

  i8(slot: number, fallback = 0): number {
    const at = this.fieldPos(slot);
    return at ? this.view.getInt8(at) : fallback;
  }

  i32(slot: number, fallback = 0): number {
    const at = this.fieldPos(slot);
    return at ? this.view.getInt32(at, true) : fallback;
  }

  u32(slot: number, fallback = 0): number {
    const at = this.fieldPos(slot);
    return at ? this.view.getUint32(at, true) : fallback;
  }

  /** Where an offset field (table, vector, string) points, or null when absent. */
  target(slot: number): number | null {
    const at = this.fieldPos(slot);
    return at ? at + this.view.getUint32(at, true) : null;
  }

  table(slot: number): FlatTable | null {
    const at = this.target(slot);
    return at === null ? null : new FlatTable(this.bytes, at);
  }

  string(slot: number): string | null {
    const at = this.target(slot);
    return at === null ? null : readString(this.bytes, at);
  }

  /** Positions of a vector of tables (each element's target). */
  tables(slot: number): FlatTable[] {
    const at = this.target(slot);
    if (at === null) return [];
    return vectorOffsets(this.bytes, at).map((pos) => new FlatTable(this.bytes, pos));
  }

  /** Positions of the elements of a vector of offsets (tables or strings). */
  offsets(slot: number): number[] {
    const at = this.target(slot);
    return at === null ? [] : vectorOffsets(this.bytes, at);
  }

  i32s(slot: number): number[] {
    const at = this.target(slot);
    if (at === null) return [];
    const n = this.view.getUint32(at, true);
    return Array.from({ length: n }, (_, i) => this.view.getInt32(at + 4 + i * 4, true));
  }

  f32s(slot: number): number[] {
    const at = this.target(slot);
    if (at === null) return [];
    const n = this.view.getUint32(at, true);
    return Array.from({ length: n }, (_, i) => this.view.getFloat32(at + 4 + i * 4, true));
  }

  /** A [ubyte] vector as a view into the buffer (no copy). */
  bytesAt(slot: number): Uint8Array | null {
    const at = this.target(slot);
    if (at === null) return null;
    const n = this.view.getUint32(at, true);
    return this.bytes.subarray(at + 4, at + 4 + n);
  }
}

function vectorOffsets(bytes: Uint8Array, at: number): number[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const n = view.getUint32(at, true);
  return Array.from({ length: n }, (_, i) => {
    const element = at + 4 + i * 4;
    return element + view.getUint32(element, true);
  });
}

function readString(bytes: Uint8Array, at: number): string {
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true);
  return new TextDecoder().decode(bytes.subarray(at + 4, at + 4 + n));
}

/** The 4-character file identifier after the root offset ("TFL3" for TFLite models). */
export function fileIdentifier(bytes: Uint8Array): string {
  return String.fromCharCode(...bytes.subarray(4, 8));
}
