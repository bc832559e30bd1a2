import { describe, expect, it } from "vitest";
import { BoardElement, BoardLimits, BoardOps, type BoardElement as Element } from "../protocol/board.ts";
import { BoardFull, BoardState } from "./board-state.ts";

export const rect = (id: string, version = 1, extra: Partial<Element> = {}): Element => ({
  id, type: "rectangle", version, versionNonce: 1000 + version, isDeleted: false,
  x: 10, y: 20, width: 100, height: 50, angle: 0, strokeColor: "#1e1e1e", backgroundColor: "transparent", strokeWidth: 2, opacity: 100,
  ...extra,
});

describe("a board's elements", () => {
  it("keeps the higher version of an element, and on a tie the lower nonce, so every page ends with the same one", () => {
    const board = new BoardState();
    board.commit(board.winners([rect("a", 1)]).winners);
    // Two people change "a" from version 1 at once: both send version 2.
    const mine = rect("a", 2, { x: 50, versionNonce: 7 });
    const theirs = rect("a", 2, { x: 90, versionNonce: 3 });
    board.commit(board.winners([mine]).winners);
    const second = board.winners([theirs]);
    expect(second.winners).toEqual([theirs]); // the lower nonce wins the tie …
    board.commit(second.winners);
    // … and the other order gives the same board.
    const other = new BoardState();
    other.commit(other.winners([rect("a", 1)]).winners);
    other.commit(other.winners([theirs]).winners);
    expect(other.winners([mine])).toEqual({ winners: [], stale: ["a"] });
    expect(other.visible()).toEqual(board.visible());
    // An old version arriving late changes nothing.
    expect(board.winners([rect("a", 1, { x: 0 })]).stale).toEqual(["a"]);
    expect(board.visible()[0]!.x).toBe(90);
  });

  it("counts a clock step per op and tells a reconnecting page only what changed since its clock, deletes included", () => {
    const board = new BoardState();
    board.commit([rect("a"), rect("b")]);
    const seen = board.clock;
    board.commit([rect("a", 2, { isDeleted: true })]);
    board.commit([rect("c")]);
    expect(board.clock).toBe(3);
    expect(board.since(seen)!.map((e) => [e.id, e.isDeleted])).toEqual([["a", true], ["c", false]]);
    expect(board.since(board.clock)).toEqual([]);
    // A clock from the future (a board that was reset) gets the whole board.
    expect(board.since(99)).toBeNull();
    expect(board.visible().map((e) => e.id)).toEqual(["b", "c"]);
  });

  it("clears with versioned deletes that win over an edit made at the same moment", () => {
    const board = new BoardState();
    board.commit([rect("a", 4), rect("b", 1), rect("gone", 2, { isDeleted: true })]);
    const deletes = board.clearing();
    expect(deletes.map((e) => [e.id, e.version, e.isDeleted])).toEqual([["a", 5, true], ["b", 2, true]]);
    board.commit(deletes);
    expect(board.visible()).toEqual([]);
    expect(board.winners([rect("a", 5, { versionNonce: 0 })]).stale).toEqual(["a"]);
  });

  it("refuses to grow past its element limit, but still takes deletes and edits when full", () => {
    const many = Array.from({ length: BoardLimits.elementsPerBoard }, (_, i) => rect(`e${i}`));
    const board = new BoardState({ elements: many });
    expect(board.live).toBe(BoardLimits.elementsPerBoard);
    expect(() => board.winners([rect("one-more")])).toThrow(BoardFull);
    expect(board.winners([rect("e1", 2, { isDeleted: true }), rect("e2", 2, { x: 5 })]).winners).toHaveLength(2);
  });
});

describe("what a board accepts", () => {
  it("takes Excalidraw's elements with their other fields as plain data", () => {
    const element = { ...rect("a"), seed: 42, groupIds: ["g1"], roundness: { type: 3 }, boundElements: [{ id: "t1", type: "text" }], index: "a0", frameId: null, customData: { pinned: true }, link: "https://nova.example/x" };
    expect(BoardElement.safeParse(element).success).toBe(true);
  });

  it("refuses wrong shapes, too many points, script links, outside content and oversized messages with a reason", () => {
    const reason = (value: unknown) => {
      const r = BoardOps.safeParse({ boardId: "surface:support", elements: [value] });
      return r.success ? "accepted" : r.error.issues[0]!.message;
    };
    expect(reason({ ...rect("a"), type: "image" })).toMatch(/Invalid option|expected one of/i);
    expect(reason({ ...rect("a"), type: "embeddable" })).not.toBe("accepted");
    expect(reason({ ...rect("a"), x: "ten" })).not.toBe("accepted");
    expect(reason({ ...rect("a"), id: "../etc" })).toMatch(/letters, digits/);
    expect(reason({ ...rect("a"), type: "freedraw", points: Array.from({ length: BoardLimits.pointsPerElement + 1 }, (_, i) => [i, i]) })).toMatch(/more than 2000 points/);
    expect(reason({ ...rect("a"), link: "javascript:alert(1)" })).toMatch(/http/);
    expect(reason({ ...rect("a"), strokeColor: "red;background:url(x)" })).toMatch(/colour/);
    expect(reason({ ...rect("a"), customData: { deep: { deeper: { deepest: { x: 1 } } } } })).toMatch(/not plain data/);
    expect(reason({ ...rect("a"), version: 0 })).not.toBe("accepted");
    expect(BoardOps.safeParse({ boardId: "surface:support", elements: [] }).success).toBe(false);
    expect(BoardOps.safeParse({ boardId: "other:x", elements: [rect("a")] }).success).toBe(false);
    const tooMany = Array.from({ length: BoardLimits.elementsPerMessage + 1 }, (_, i) => rect(`e${i}`));
    expect(BoardOps.safeParse({ boardId: "surface:support", elements: tooMany }).error?.issues[0]?.message).toMatch(/more than 100 elements/);
  });
});
