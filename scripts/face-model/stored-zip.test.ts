import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readZip, writeStoredZip } from "./stored-zip.ts";

const entries = [
  { name: "a.tflite", data: Uint8Array.from({ length: 1001 }, (_, i) => i % 251) },
  { name: "longer-name.binarypb", data: new TextEncoder().encode("geometry") },
  { name: "empty", data: new Uint8Array(0) },
];

describe("stored zip", () => {
  it("reads back every entry, uncompressed, each starting on a 16-byte boundary", () => {
    const zip = writeStoredZip(entries);
    const read = readZip(zip);
    expect(read.map((e) => e.name)).toEqual(entries.map((e) => e.name));
    read.forEach((entry, i) => {
      expect(entry.method).toBe(0);
      expect(entry.dataOffset % 16).toBe(0);
      expect(Array.from(entry.data)).toEqual(Array.from(entries[i]!.data));
    });
  });

  it("is a zip other tools open, with correct checksums", () => {
    const dir = mkdtempSync(join(tmpdir(), "stored-zip-"));
    try {
      const file = join(dir, "bundle.zip");
      writeFileSync(file, writeStoredZip(entries));
      const unzip = (() => {
        try {
          return execFileSync("unzip", ["-tv", file], { encoding: "utf8" });
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
          throw error;
        }
      })();
      if (unzip === null) return; // no unzip on this machine: the round trip above still holds
      expect(unzip).toContain("No errors detected");
      expect(unzip).toMatch(/a\.tflite\s+OK/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("makes the same bytes from the same entries (no timestamps)", () => {
    expect(Buffer.from(writeStoredZip(entries)).equals(Buffer.from(writeStoredZip(entries)))).toBe(true);
  });
});
