import { describe, expect, it } from "vitest";
import { FlatTable, fileIdentifier } from "./flatbuffer-reader.ts";
import { bytes, old, offsets, ref, scalar, scalars, serialize, str, table } from "./flatbuffer-writer.ts";

describe("flatbuffer writer", () => {
  it("writes tables, strings and vectors the reader reads back", () => {
    const child = table({ 0: scalar("i8", -3), 1: ref(str("child")) });
    const root = table({
      0: scalar("u32", 7),
      1: ref(scalars("i32", [1, -2, 3])),
      2: ref(offsets([child, table({ 1: ref(str("second")) })])),
      3: ref(str("héllo")),
      5: scalar("f32", 1.5),
      6: scalar("bool", 1),
    });
    const buffer = serialize(root, { identifier: "TEST" });
    expect(fileIdentifier(buffer)).toBe("TEST");
    const t = FlatTable.root(buffer);
    expect(t.u32(0)).toBe(7);
    expect(t.i32s(1)).toEqual([1, -2, 3]);
    expect(t.tables(2).map((c) => [c.i8(0, 99), c.string(1)])).toEqual([
      [-3, "child"],
      [99, "second"],
    ]);
    expect(t.string(3)).toBe("héllo");
    expect(t.has(4)).toBe(false);
    expect(new DataView(buffer.buffer).getFloat32(t.fieldPos(5), true)).toBe(1.5);
    expect(t.u8(6)).toBe(1);
  });

  it("keeps an original buffer after the new objects, reachable by its old positions", () => {
    const original = serialize(table({ 0: ref(str("kept")), 1: ref(scalars("i32", [4, 5])) }));
    const before = FlatTable.root(original);
    const edited = serialize(table({ 0: ref(old(before.target(0)!)), 1: ref(offsets([old(before.pos)])) }), { base: original });
    const t = FlatTable.root(edited);
    expect(t.string(0)).toBe("kept");
    expect(t.tables(1)[0]!.i32s(1)).toEqual([4, 5]);
    // The original's bytes follow unchanged, on a 16-byte boundary.
    const at = edited.length - original.length;
    expect(at % 16).toBe(0);
    expect(Buffer.from(edited.subarray(at)).equals(Buffer.from(original))).toBe(true);
  });

  it("aligns byte vectors for TFLite buffers (16) and every field to its size", () => {
    const buffer = serialize(table({ 0: scalar("u8", 1), 1: ref(bytes(Uint8Array.of(1, 2, 3))), 2: scalar("i32", -1), 3: scalar("u16", 2) }));
    const t = FlatTable.root(buffer);
    expect((t.target(1)! + 4) % 16).toBe(0);
    expect(Array.from(t.bytesAt(1)!)).toEqual([1, 2, 3]);
    expect(t.fieldPos(2) % 4).toBe(0);
    expect(t.fieldPos(3) % 2).toBe(0);
    expect(t.i32(2)).toBe(-1);
  });
});
