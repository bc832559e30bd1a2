import { describe, expect, it } from "vitest";
import { GlbFormatError, readGlb, writeGlb } from "./glb-container.ts";

describe("GLB container", () => {
  it("writes what it reads back, chunks padded to 4 bytes", () => {
    const json = { asset: { version: "2.0" }, buffers: [{ byteLength: 5 }] };
    const glb = writeGlb(json, new Uint8Array([1, 2, 3, 4, 5]));
    expect(glb.byteLength % 4).toBe(0);
    const back = readGlb(glb.buffer as ArrayBuffer);
    expect(back.json).toEqual(json);
    expect([...back.bin!.subarray(0, 5)]).toEqual([1, 2, 3, 4, 5]);
    expect(readGlb(writeGlb(json)).bin).toBeUndefined();
  });

  it("explains files it cannot read", () => {
    expect(() => readGlb(new TextEncoder().encode("hello, this is plain text"))).toThrow(GlbFormatError);
    const damaged = writeGlb({ asset: { version: "2.0" } });
    new DataView(damaged.buffer).setUint32(4, 1, true);
    expect(() => readGlb(damaged)).toThrow(/glTF version 1/);
    const notJson = writeGlb({ asset: { version: "2.0" } });
    notJson[20] = 0x7b;
    notJson[21] = 0x7b;
    expect(() => readGlb(notJson)).toThrow(/not valid JSON/);
  });
});
