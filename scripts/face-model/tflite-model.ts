import { FlatTable, fileIdentifier } from "./flatbuffer-reader.ts";
import { bytes, old, offsets, ref, scalar, scalars, serialize, str, table, type FieldValue, type FlatNode, type TableNode } from "./flatbuffer-writer.ts";

/**
 * Reading and editing TFLite models (tensorflow/lite/schema/schema.fbs) through their
 * flatbuffer: the model's subgraph 0 gains tensors, operators and outputs, and the model gains
 * metadata entries. Everything the edit does not touch is kept byte for byte.
 */

export const TensorType = { float32: 0, int32: 2 } as const;
export type TensorTypeName = keyof typeof TensorType;

/** BuiltinOperator codes and the BuiltinOptions union tags of their options. */
export const Builtin = {
  CONCATENATION: { code: 2, options: 10 },
  GATHER: { code: 36, options: 23 },
  MEAN: { code: 40, options: 27 },
} as const;

export interface TensorInfo {
  index: number;
  name: string;
  shape: number[];
  type: number;
}

export interface ModelInfo {
  description: string | null;
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  tensorCount: number;
  operatorCount: number;
  /** Builtin code of each operator code (custom ops: 32). */
  operatorCodes: number[];
  metadataNames: string[];
}

/** What a model holds, as far as the bundle builder and its tests need to know. */
export function describeModel(model: Uint8Array): ModelInfo {
  const root = modelRoot(model);
  const subgraph = root.tables(2)[0];
  if (!subgraph) throw new Error("the model has no subgraph");
  const tensors = subgraph.tables(0);
  const info = (index: number): TensorInfo => {
    const t = tensors[index];
    if (!t) throw new Error(`tensor ${index} is out of range`);
    return { index, name: t.string(3) ?? "", shape: t.i32s(0), type: t.i8(1) };
  };
  return {
    description: root.string(3),
    inputs: subgraph.i32s(1).map(info),
    outputs: subgraph.i32s(2).map(info),
    tensorCount: tensors.length,
    operatorCount: subgraph.tables(3).length,
    operatorCodes: root.tables(1).map(builtinCode),
    metadataNames: root.tables(6).map((m) => m.string(0) ?? ""),
  };
}

/** The metadata entry `name` as bytes (a view into the model), or null. */
export function readMetadata(model: Uint8Array, name: string): Uint8Array | null {
  const root = modelRoot(model);
  const entry = root.tables(6).find((m) => m.string(0) === name);
  if (!entry) return null;
  return root.tables(4)[entry.u32(1)]?.bytesAt(0) ?? null;
}

export interface NewTensor {
  name: string;
  shape: number[];
  type: TensorTypeName;
  /** Constant contents (a new buffer); absent for tensors computed at run time. */
  data?: Int32Array | Float32Array;
}

export interface NewOperator {
  builtin: (typeof Builtin)[keyof typeof Builtin];
  /** Tensors by name: existing ones or ones added by the same edit. */
  inputs: string[];
  outputs: string[];
  /** The options table's fields by slot. */
  options: Record<number, FieldValue>;
}

export interface ModelEdit {
  tensors?: NewTensor[];
  /** Appended after the existing operators, in order. */
  operators?: NewOperator[];
  /** Replaces the subgraph's outputs, by tensor name. */
  outputs?: string[];
  metadata?: { name: string; data: Uint8Array }[];
}

// Slots of the tables the edit rewrites. Any other slot present would be copied wrongly, so an
// unknown one stops the build instead.
const MODEL_SLOTS = 8; // version, operator_codes, subgraphs, description, buffers, metadata_buffer, metadata, signature_defs
const SUBGRAPH_SLOTS = 5; // tensors, inputs, outputs, operators, name

export function editModel(model: Uint8Array, edit: ModelEdit): Uint8Array {
  const root = modelRoot(model);
  checkSlots(root, MODEL_SLOTS, "Model");
  const subgraphs = root.tables(2);
  const subgraph = subgraphs[0];
  if (!subgraph) throw new Error("the model has no subgraph");
  checkSlots(subgraph, SUBGRAPH_SLOTS, "SubGraph");

  const bufferItems: FlatNode[] = root.offsets(4).map(old);
  const newBuffer = (data: Uint8Array): number => {
    bufferItems.push(table({ 0: ref(bytes(data)) }));
    return bufferItems.length - 1;
  };

  // Tensors: the existing ones by name, then the new ones.
  const tensorIndex = new Map<string, number>();
  subgraph.tables(0).forEach((t, i) => {
    const name = t.string(3);
    if (name !== null && !tensorIndex.has(name)) tensorIndex.set(name, i);
  });
  const tensorItems: FlatNode[] = subgraph.offsets(0).map(old);
  for (const t of edit.tensors ?? []) {
    if (tensorIndex.has(t.name)) throw new Error(`tensor ${t.name} already exists`);
    const buffer = t.data ? newBuffer(new Uint8Array(t.data.buffer, t.data.byteOffset, t.data.byteLength)) : 0;
    tensorItems.push(table({ 0: ref(scalars("i32", t.shape)), 1: scalar("i8", TensorType[t.type]), 2: scalar("u32", buffer), 3: ref(str(t.name)) }));
    tensorIndex.set(t.name, tensorItems.length - 1);
  }
  const indexOf = (name: string): number => {
    const index = tensorIndex.get(name);
    if (index === undefined) throw new Error(`no tensor named ${name}`);
    return index;
  };

  // Operator codes: reuse a builtin's existing code, else add one.
  const codes = root.tables(1).map(builtinCode);
  const codeItems: FlatNode[] = root.offsets(1).map(old);
  const opcodeIndex = (code: number): number => {
    const found = codes.indexOf(code);
    if (found >= 0) return found;
    // deprecated_builtin_code (int8) for older runtimes, builtin_code (int32) for newer ones.
    codeItems.push(table({ 0: scalar("i8", code), 2: scalar("i32", 1), 3: scalar("i32", code) }));
    codes.push(code);
    return codes.length - 1;
  };
  const operatorItems: FlatNode[] = subgraph.offsets(3).map(old);
  for (const op of edit.operators ?? []) {
    operatorItems.push(
      table({
        0: scalar("u32", opcodeIndex(op.builtin.code)),
        1: ref(scalars("i32", op.inputs.map(indexOf))),
        2: ref(scalars("i32", op.outputs.map(indexOf))),
        3: scalar("u8", op.builtin.options),
        4: ref(table(op.options)),
      }),
    );
  }

  const keep = (t: FlatTable, slot: number): FieldValue | undefined => {
    const at = t.target(slot);
    return at === null ? undefined : ref(old(at));
  };
  const newSubgraph = table({
    0: ref(offsets(tensorItems)),
    1: keep(subgraph, 1),
    2: edit.outputs ? ref(scalars("i32", edit.outputs.map(indexOf))) : keep(subgraph, 2),
    3: ref(offsets(operatorItems)),
    4: keep(subgraph, 4),
  });

  const metadataItems: FlatNode[] = root.offsets(6).map(old);
  for (const entry of edit.metadata ?? []) {
    metadataItems.push(table({ 0: ref(str(entry.name)), 1: scalar("u32", newBuffer(entry.data)) }));
  }

  const newRoot: TableNode = table({
    0: root.has(0) ? scalar("u32", root.u32(0)) : undefined,
    1: ref(offsets(codeItems)),
    2: ref(offsets([newSubgraph, ...subgraphs.slice(1).map((s) => old(s.pos))])),
    3: keep(root, 3),
    4: ref(offsets(bufferItems)),
    5: keep(root, 5),
    6: metadataItems.length ? ref(offsets(metadataItems)) : undefined,
    7: keep(root, 7),
  });
  return serialize(newRoot, { identifier: "TFL3", base: model });
}

function modelRoot(model: Uint8Array): FlatTable {
  if (fileIdentifier(model) !== "TFL3") throw new Error("not a TFLite model (no TFL3 identifier)");
  return FlatTable.root(model);
}

function builtinCode(code: FlatTable): number {
  // Newer schemas keep the code in builtin_code (slot 3) and cap the old int8 field at 127.
  return Math.max(code.i8(0), code.i32(3));
}

function checkSlots(t: FlatTable, known: number, name: string): void {
  for (let slot = known; slot < t.slotCount; slot++) {
    if (t.has(slot)) throw new Error(`${name} has field ${slot}, which this editor does not know how to keep`);
  }
}
