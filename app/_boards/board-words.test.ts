import { describe, expect, it } from "vitest";
import { BoardLimits, ErrorCode } from "../../game-server/protocol/index.ts";
import { BOARD_WORDS, noticeText } from "./board-words.ts";

const slots = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the whiteboard's words", () => {
  it("has every word in English and Chinese, none empty, with the same values to fill", () => {
    expect(Object.keys(BOARD_WORDS["zh-CN"]).sort()).toEqual(Object.keys(BOARD_WORDS.en).sort());
    for (const key of Object.keys(BOARD_WORDS.en) as (keyof (typeof BOARD_WORDS)["en"])[]) {
      expect(BOARD_WORDS.en[key], key).not.toBe("");
      expect(BOARD_WORDS["zh-CN"][key], key).not.toBe("");
      expect(slots(BOARD_WORDS["zh-CN"][key]), key).toEqual(slots(BOARD_WORDS.en[key]));
    }
  });

  it("tells a person plainly why their change was not kept, in their language", () => {
    const locked = { kind: "refused", code: ErrorCode.notAllowed, message: "the board is locked: only the agent can draw on it now" } as const;
    expect(noticeText(locked, "en", false)).toBe(BOARD_WORDS.en.refusedLocked);
    expect(noticeText(locked, "zh-CN", false)).toBe(BOARD_WORDS["zh-CN"].refusedLocked);
    expect(noticeText({ kind: "refused", code: ErrorCode.rateLimited, message: "slow down" }, "en", false)).toBe(BOARD_WORDS.en.refusedFast);
    expect(noticeText({ kind: "refused", code: ErrorCode.invalidPayload, message: "not a colour" }, "en", false)).toContain("not a colour");
    expect(noticeText({ kind: "element", reason: "type", message: "" }, "en", false)).toMatch(/images/);
    expect(noticeText({ kind: "element", reason: "text", message: "" }, "zh-CN", false)).toContain(String(BoardLimits.textMax));
    expect(noticeText({ kind: "tool", tool: "image" }, "zh-CN", false)).toBe(BOARD_WORDS["zh-CN"].onlyDrawings);
  });

  it("keeps the English the end-to-end test reads", () => {
    expect([BOARD_WORDS.en.lock, BOARD_WORDS.en.unlock, BOARD_WORDS.en.close, BOARD_WORDS.en.whiteboard]).toEqual(["Lock board", "Unlock board", "Close", "Whiteboard"]);
  });
});
