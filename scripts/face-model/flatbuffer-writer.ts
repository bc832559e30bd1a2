/**
 * A small FlatBuffers writer for editing a model without rewriting it: the new objects are laid
 * out in front of the original buffer, which follows unchanged and may be referred to by
 * position (`old(pos)`). FlatBuffers offsets only point forward, so everything new is written
 * parent-first and the original bytes, placed last, keep every internal offset they had.
 */

export type Scalar = "u8" | "i8" | "bool" | "u16" | "i16" | "u32" | "i32" | "f32";

export type FlatNode = TableNode | ScalarVectorNode | OffsetVectorNode | StringNode | OldNode;

export interface TableNode {
  kind: "table";
  /** By vtable slot; absent slots are omitted. */
  fields: Map<number, FieldValue>;
}
export type FieldValue = { scalar: Scalar; value: number } | { ref: FlatNode };

export interface ScalarVectorNode {
  kind: "scalars";
  scalar: Scalar;
  values: ArrayLike<number>;
  /** Alignment of the first element (TFLite buffers ask for 16). */
  align: number;
}
export interface OffsetVectorNode {
  kind: "offsets";
  items: FlatNode[];
}
export interface StringNode {
  kind: "string";
  value: string;
}
/** An object of the original buffer, by its position there. */
export interface OldNode {
  kind: "old";
  pos: number;
}

const SIZE: Record<Scalar, number> = { u8: 1, i8: 1, bool: 1, u16: 2, i16: 2, u32: 4, i32: 4, f32: 4 };

export function table(fields: Record<number, FieldValue | undefined>): TableNode {
  const map = new Map<number, FieldValue>();
  for (const [slot, value] of Object.entries(fields)) if (value !== undefined) map.set(Number(slot), value);
  return { kind: "table", fields: map };
}
export const scalar = (type: Scalar, value: number): FieldValue => ({ scalar: type, value });
export const ref = (node: FlatNode): FieldValue => ({ ref: node });
export const str = (value: string): StringNode => ({ kind: "string", value });
export const old = (pos: number): OldNode => ({ kind: "old", pos });
export const offsets = (items: FlatNode[]): OffsetVectorNode => ({ kind: "offsets", items });
export const scalars = (type: Scalar, values: ArrayLike<number>, align = SIZE[type]): ScalarVectorNode => ({ kind: "scalars", scalar: type, values, align });
export const bytes = (data: Uint8Array, align = 16): ScalarVectorNode => scalars("u8", data, align);

const align = (n: number, to: number) => Math.ceil(n / to) * to;

interface Placed {
  pos: number;
  /** For tables: where the vtable sits and each field's position. */
  vtable?: number;
  fieldPos?: Map<number, number>;
  size?: number;
}

/**
 * Serialises `root` as a buffer with `identifier` (4 characters), followed by `base` when given.
 * The prefix is padded to 16 bytes so the original's alignment survives.
 */
export function serialize(root: TableNode, options: { identifier?: string; base?: Uint8Array } = {}): Uint8Array {
  const placed = new Map<FlatNode, Placed>();
  let cursor = 8; // root offset + identifier
  const order: FlatNode[] = [];

  const place = (node: FlatNode): void => {
    if (node.kind === "old" || placed.has(node)) return;
    order.push(node);
    if (node.kind === "table") {
      const slots = [...node.fields.keys()];
      const slotCount = slots.length ? Math.max(...slots) + 1 : 0;
      const vtable = align(cursor, 2);
      const vtableSize = 4 + 2 * slotCount;
      // Largest fields first so each stays aligned in a 4-aligned table.
      const fields = [...node.fields.entries()].sort((a, b) => fieldSize(b[1]) - fieldSize(a[1]));
      const start = align(vtable + vtableSize, 4);
      let at = start + 4;
      const fieldPos = new Map<number, number>();
      for (const [slot, value] of fields) {
        at = align(at, fieldSize(value));
        fieldPos.set(slot, at);
        at += fieldSize(value);
      }
      const end = align(at, 4);
      placed.set(node, { pos: start, vtable, fieldPos, size: end - start });
      cursor = end;
      for (const [, value] of fields) if ("ref" in value) place(value.ref);
    } else if (node.kind === "scalars") {
      const elementAlign = Math.max(node.align, SIZE[node.scalar]);
      let pos = align(cursor, 4);
      while ((pos + 4) % elementAlign !== 0) pos += 4;
      placed.set(node, { pos });
      cursor = pos + 4 + node.values.length * SIZE[node.scalar];
    } else if (node.kind === "offsets") {
      const pos = align(cursor, 4);
      placed.set(node, { pos });
      cursor = pos + 4 + node.items.length * 4;
      for (const item of node.items) place(item);
    } else {
      const pos = align(cursor, 4);
      placed.set(node, { pos });
      cursor = pos + 4 + new TextEncoder().encode(node.value).length + 1;
    }
  };
  place(root);

  const prefix = align(cursor, 16);
  const out = new Uint8Array(prefix + (options.base?.length ?? 0));
  const view = new DataView(out.buffer);
  const positionOf = (node: FlatNode): number => (node.kind === "old" ? prefix + node.pos : placed.get(node)!.pos);
  const writeOffset = (at: number, node: FlatNode) => {
    const target = positionOf(node);
    if (target <= at) throw new Error("flatbuffer offsets must point forward");
    view.setUint32(at, target - at, true);
  };

  view.setUint32(0, positionOf(root), true);
  if (options.identifier) out.set(new TextEncoder().encode(options.identifier).subarray(0, 4), 4);

  for (const node of order) {
    const p = placed.get(node)!;
    if (node.kind === "table") {
      const slots = [...node.fields.keys()];
      const slotCount = slots.length ? Math.max(...slots) + 1 : 0;
      view.setUint16(p.vtable!, 4 + 2 * slotCount, true);
      view.setUint16(p.vtable! + 2, p.size!, true);
      for (const [slot, at] of p.fieldPos!) view.setUint16(p.vtable! + 4 + slot * 2, at - p.pos, true);
      view.setInt32(p.pos, p.pos - p.vtable!, true);
      for (const [slot, value] of node.fields) {
        const at = p.fieldPos!.get(slot)!;
        if ("ref" in value) writeOffset(at, value.ref);
        else writeScalar(view, at, value.scalar, value.value);
      }
    } else if (node.kind === "scalars") {
      view.setUint32(p.pos, node.values.length, true);
      const size = SIZE[node.scalar];
      for (let i = 0; i < node.values.length; i++) writeScalar(view, p.pos + 4 + i * size, node.scalar, node.values[i]!);
    } else if (node.kind === "offsets") {
      view.setUint32(p.pos, node.items.length, true);
      node.items.forEach((item, i) => writeOffset(p.pos + 4 + i * 4, item));
    } else if (node.kind === "string") {
      const encoded = new TextEncoder().encode(node.value);
      view.setUint32(p.pos, encoded.length, true);
      out.set(encoded, p.pos + 4);
    }
  }
  if (options.base) out.set(options.base, prefix);
  return out;
}

function fieldSize(value: FieldValue): number {
  return "ref" in value ? 4 : SIZE[value.scalar];
}

function writeScalar(view: DataView, at: number, type: Scalar, value: number): void {
  switch (type) {
    case "u8":
    case "bool":
      view.setUint8(at, value);
      break;
    case "i8":
      view.setInt8(at, value);
      break;
    case "u16":
      view.setUint16(at, value, true);
      break;
    case "i16":
      view.setInt16(at, value, true);
      break;
    case "u32":
      view.setUint32(at, value, true);
      break;
    case "i32":
      view.setInt32(at, value, true);
      break;
    case "f32":
      view.setFloat32(at, value, true);
      break;
  }
}
