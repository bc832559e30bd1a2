import { describe, expect, it } from "vitest";
import type { SharedFileView } from "../../../game-server/protocol/files.ts";
import { mergeFiles, precheck } from "./file-transfer.ts";
import { FILE_WORDS } from "./file-words.ts";

const file = (id: string, at: string): SharedFileView => ({ id, ticketId: "t", contactId: "c", name: `${id}.png`, size: 10, mime: "image/png", kind: "image", from: "customer", senderName: "Ada", at, preview: true });

describe("before a file is sent", () => {
  const MB = 1024 * 1024;
  it("says at once, in the page's language, what the server would refuse anyway", () => {
    expect(precheck({ name: "big.mov", size: 21 * MB }, 20 * MB, "en")).toBe("big.mov is larger than 20 MB, the most that can be sent.");
    expect(precheck({ name: "big.mov", size: 21 * MB }, 20 * MB, "zh-CN")).toBe("big.mov 超过 20MB，无法发送。");
    expect(precheck({ name: "empty.txt", size: 0 }, 20 * MB, "en")).toBe("empty.txt is empty.");
    expect(precheck({ name: "a/b.txt", size: 3 }, 20 * MB, "zh-CN")).toMatch(/文件名不能包含/);
    expect(precheck({ name: "收据.pdf", size: 3 }, 20 * MB, "en")).toBeUndefined();
  });

  it("shows stored files and files heard of live once each, oldest first", () => {
    const a = file("a", "2026-01-01T10:00:00.000Z");
    const b = file("b", "2026-01-01T10:00:05.000Z");
    const c = file("c", "2026-01-01T10:00:09.000Z");
    expect(mergeFiles([b, a], [c, b]).map((f) => f.id)).toEqual(["a", "b", "c"]);
    expect(mergeFiles([], [])).toEqual([]);
  });

  it("has every word in both languages", () => {
    expect(Object.keys(FILE_WORDS["zh-CN"]).sort()).toEqual(Object.keys(FILE_WORDS.en).sort());
    for (const [key, text] of Object.entries(FILE_WORDS["zh-CN"])) expect(text, key).not.toBe("");
  });
});
