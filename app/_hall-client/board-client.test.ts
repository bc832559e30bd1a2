import { describe, expect, it } from "vitest";
import type { BoardElement, BoardSnapshot } from "../../game-server/protocol/index.ts";
import { BoardClient, type BoardRoom } from "./board-client.ts";

const rect = (id: string, version = 1, extra: Partial<BoardElement> = {}): BoardElement => ({
  id, type: "rectangle", version, versionNonce: 100, isDeleted: false, x: 0, y: 0, width: 10, height: 10, angle: 0,
  strokeColor: "#000000", backgroundColor: "transparent", strokeWidth: 1, opacity: 100, ...extra,
});

/** A hall room that answers board requests as the server would, and delivers server messages on demand. */
function fakeRoom(snapshot: Partial<BoardSnapshot> = {}) {
  const handlers = new Map<string, (m: unknown) => void>();
  const sent: { type: string; payload: unknown }[] = [];
  let reconnect = () => {};
  let clock = snapshot.clock ?? 1;
  const room: BoardRoom = {
    sessionId: "me",
    onMessage: (type: string, cb: (m: never) => void) => void handlers.set(type, cb as (m: unknown) => void),
    onReconnect: (cb: () => void) => void (reconnect = cb),
    send: (type: string, payload?: unknown) => void sent.push({ type, payload }),
    request: async (type: string, payload?: unknown) => {
      sent.push({ type, payload });
      if (type === "board:open") {
        const p = payload as { boardId: string; since?: number };
        return { boardId: p.boardId, kind: "surface", title: "Board", locked: false, clock, full: p.since === undefined, elements: p.since === undefined ? [rect("a")] : [rect("b")], canDraw: true, canModerate: false, ...snapshot };
      }
      if (type === "board:ops") {
        if ((payload as { elements: BoardElement[] }).elements.some((e) => e.id === "refused")) throw Object.assign(new Error("locked"), { reason: { code: "not_allowed", message: "the board is locked" } });
        return { clock: ++clock, stale: [] };
      }
      return { ok: true };
    },
  };
  return { room, sent, deliver: (type: string, m: unknown) => handlers.get(type)!(m), reconnect: () => reconnect() };
}

describe("the page's boards", () => {
  it("opens a board once for every view of it, and closes it after the last view lets go", async () => {
    const { room, sent } = fakeRoom();
    const boards = new BoardClient(room);
    const [one, two] = await Promise.all([boards.open("surface:support"), boards.open("surface:support")]);
    expect(one).toBe(two);
    expect(sent.filter((s) => s.type === "board:open")).toHaveLength(1);
    let heard = 0;
    one.subscribe(() => heard++);
    one.release();
    expect(one.closed).toBe(false);
    two.release();
    expect(one.closed).toBe(true);
    expect(heard).toBe(1); // a view hears that the board closed
    expect(sent.at(-1)).toEqual({ type: "board:close", payload: { boardId: "surface:support" } });
  });

  it("keeps the winning version of each element, and redraws on content, not on cursors", async () => {
    const { room, deliver } = fakeRoom();
    const boards = new BoardClient(room);
    const board = await boards.open("surface:support");
    await board.put([rect("a", 3, { x: 50 })]);
    expect(board.view.elements.get("a")!.x).toBe(50);
    // An older version arriving later does not undo our newer one; a newer one from someone else wins.
    deliver("board:changed", { boardId: "surface:support", clock: 2, by: "bo", elements: [rect("a", 2, { x: 1 })] });
    expect(board.view.elements.get("a")!.x).toBe(50);
    deliver("board:changed", { boardId: "surface:support", clock: 3, by: "bo", elements: [rect("a", 4, { x: 9 })] });
    expect(board.view.elements.get("a")!.x).toBe(9);
    const content = board.view.contentRevision;
    deliver("board:cursor", { boardId: "surface:support", x: 1, y: 2, tool: "laser", down: false, sessionId: "bo", name: "Bo", color: "#e8590c" });
    expect(board.view.cursors.get("bo")!.tool).toBe("laser");
    expect(board.view.contentRevision).toBe(content);
    // A stroke in progress grows, and its finished put replaces the preview.
    deliver("board:stroke", { boardId: "surface:support", by: "bo", id: "s", type: "freedraw", x: 0, y: 0, strokeColor: "#000000", strokeWidth: 1, opacity: 100, from: 0, points: [[0, 0], [1, 1]] });
    deliver("board:stroke", { boardId: "surface:support", by: "bo", id: "s", type: "freedraw", x: 0, y: 0, strokeColor: "#000000", strokeWidth: 1, opacity: 100, from: 2, points: [[2, 2]] });
    expect(board.view.strokes.get("s")!.points).toHaveLength(3);
    expect(board.view.contentRevision).toBeGreaterThan(content);
    deliver("board:changed", { boardId: "surface:support", clock: 4, by: "bo", elements: [rect("s", 1, { type: "freedraw", points: [[0, 0], [1, 1], [2, 2]] })] });
    expect(board.view.strokes.has("s")).toBe(false);
    // Bo leaves: his cursor goes.
    deliver("board:left", { boardId: "surface:support", sessionId: "bo" });
    expect(board.view.cursors.has("bo")).toBe(false);
    // A lock keeps the title.
    deliver("board:meta", { boardId: "surface:support", locked: true, canDraw: false, title: "", kind: "surface" });
    expect(board.view.meta).toMatchObject({ title: "Board", locked: true });
    expect(board.view.canDraw).toBe(false);
  });

  it("catches up after a reconnect with what changed since its clock", async () => {
    const { room, sent, reconnect } = fakeRoom({ clock: 7 });
    const boards = new BoardClient(room);
    const board = await boards.open("surface:support");
    reconnect();
    await new Promise((r) => setTimeout(r, 0));
    expect(sent.at(-1)).toEqual({ type: "board:open", payload: { boardId: "surface:support", since: 7 } });
    expect([...board.view.elements.keys()].sort()).toEqual(["a", "b"]);
  });

  it("takes back a put the server refused, so the page shows what the server has", async () => {
    const { room } = fakeRoom();
    const boards = new BoardClient(room);
    const board = await boards.open("surface:support");
    await board.put([rect("refused", 1, { x: 5 })]).catch(() => undefined);
    await expect(board.put([rect("refused", 2, { x: 9 })])).rejects.toThrow();
    expect(board.view.elements.has("refused")).toBe(false);
    await board.put([rect("a", 2, { x: 7 })]);
    expect(board.view.elements.get("a")!.x).toBe(7);
  });

  it("shows a newcomer where the others' pointers are", async () => {
    const { room } = fakeRoom({ cursors: [{ boardId: "surface:support", x: 4, y: 5, tool: "pointer", down: false, sessionId: "bo", name: "Bo", color: "#1971c2" }] });
    const board = await new BoardClient(room).open("surface:support");
    expect(board.view.cursors.get("bo")).toMatchObject({ name: "Bo", x: 4, y: 5 });
  });
});
