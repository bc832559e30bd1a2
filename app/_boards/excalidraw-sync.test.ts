import { describe, expect, it } from "vitest";
import { BoardElement, BoardLimits } from "../../game-server/protocol/index.ts";
import type { BoardCursorState, BoardStrokePreview } from "../_hall-client/board-client.ts";
import {
  byFractionalIndex, collaboratorsOf, cursorOf, editingIds, evenIndices, mergeRemote, previewElement, strokeInProgress, StrokeTracker, SyncLedger, Throttle, toBoardElement, toSceneElement,
  type EditingState, type Versioned,
} from "./excalidraw-sync.ts";

/** An element as Excalidraw 0.18 makes it (every field it has), with overrides. */
function excalidraw(over: Record<string, unknown> = {}): Record<string, unknown> & Versioned {
  return {
    id: "r1",
    type: "rectangle",
    x: 10.123456,
    y: 20.987654,
    width: 100,
    height: 50,
    angle: 0,
    strokeColor: "#1e1e1e",
    backgroundColor: "transparent",
    fillStyle: "solid",
    strokeWidth: 2,
    strokeStyle: "solid",
    roughness: 0,
    opacity: 100,
    groupIds: [],
    frameId: null,
    index: "a0",
    roundness: { type: 3 },
    seed: 1234,
    version: 3,
    versionNonce: 99,
    isDeleted: false,
    boundElements: [{ id: "t1", type: "text" }],
    updated: 1700000000000,
    link: null,
    locked: false,
    ...over,
  } as Record<string, unknown> & Versioned;
}

const board = (over: Record<string, unknown> = {}) => toSceneElement<BoardElement>(BoardElement.parse(excalidraw(over))) as BoardElement;

const idle: EditingState = {
  newElement: null,
  multiElement: null,
  editingTextElement: null,
  resizingElement: null,
  editingLinearElement: null,
  selectedElementsAreBeingDragged: false,
  isResizing: false,
  isRotating: false,
  selectedElementIds: {},
};

describe("an Excalidraw element made fit for a board", () => {
  it("keeps what Excalidraw draws with (bindings, roundness, index) and rounds coordinates to 0.01", () => {
    const s = toBoardElement(excalidraw());
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(BoardElement.safeParse(s.element).success).toBe(true);
    expect(s.element).toMatchObject({ id: "r1", x: 10.12, y: 20.99, index: "a0", roundness: { type: 3 }, boundElements: [{ id: "t1", type: "text" }], seed: 1234 });
    expect(s.rewritten).toBe(false);
  });

  it("refuses images, embeds and frames: a board takes drawings only", () => {
    for (const type of ["image", "embeddable", "iframe", "frame", "magicframe"]) {
      const s = toBoardElement(excalidraw({ type, fileId: "abc" }));
      expect(s).toMatchObject({ ok: false, reason: "type" });
    }
  });

  it("thins a freehand line of more points than a board keeps, its pressures with it, ends kept", () => {
    const n = BoardLimits.pointsPerElement * 2 + 1;
    const points = Array.from({ length: n }, (_, i) => [i * 0.5, Math.sin(i / 20) * 30]);
    const pressures = Array.from({ length: n }, (_, i) => (i % 10) / 10);
    const s = toBoardElement(excalidraw({ type: "freedraw", points, pressures, simulatePressure: false, lastCommittedPoint: null }));
    expect(s.ok).toBe(true);
    if (!s.ok) return;
    expect(s.element.points!.length).toBeLessThanOrEqual(BoardLimits.pointsPerElement);
    expect((s.element as unknown as { pressures: number[] }).pressures.length).toBe(s.element.points!.length);
    expect(s.element.points![0]).toEqual([0, 0]);
    expect(s.element.points!.at(-1)).toEqual([round2((n - 1) * 0.5), round2(Math.sin((n - 1) / 20) * 30)]);
    expect(JSON.stringify(s.element).length).toBeLessThan(BoardLimits.payloadChars);
    expect(s.rewritten).toBe(true);
  });

  it("keeps one long stroke within one message", () => {
    // 2000 points of long decimals: far more than 48 KB unrounded.
    const points = Array.from({ length: BoardLimits.pointsPerElement }, (_, i) => [i * 123.456789 + 1e5, -i * 98.7654321 - 1e5]);
    const s = toBoardElement(excalidraw({ type: "freedraw", points, pressures: [], simulatePressure: true, lastCommittedPoint: null }));
    expect(s.ok).toBe(true);
    if (s.ok) expect(JSON.stringify({ boardId: "surface:support", elements: [s.element] }).length).toBeLessThanOrEqual(BoardLimits.payloadChars);
  });

  it("turns colour names into hex, or falls back to ink; links only http(s)", () => {
    const named = toBoardElement(excalidraw({ strokeColor: "red", backgroundColor: "not a colour", link: "javascript:alert(1)" }), (c) => (c === "red" ? "#ff0000" : undefined));
    expect(named).toMatchObject({ ok: true, rewritten: true, element: { strokeColor: "#ff0000", backgroundColor: "transparent", link: null } });
    const web = toBoardElement(excalidraw({ link: "https://example.com/a" }));
    expect(web).toMatchObject({ ok: true, element: { link: "https://example.com/a" } });
  });

  it("drops an extra field a board does not keep (an elbow arrow's fixed segments) rather than the element", () => {
    const arrow = excalidraw({ type: "arrow", points: [[0, 0], [50, 0], [50, 50]], elbowed: true, fixedSegments: [{ points: [[0, 0], [50, 0]], start: [0, 0], end: [50, 0], index: 1 }], startBinding: null, endBinding: null });
    const s = toBoardElement(arrow);
    expect(s.ok).toBe(true);
    if (s.ok) {
      expect("fixedSegments" in s.element).toBe(false);
      expect(s.element).toMatchObject({ elbowed: true, points: [[0, 0], [50, 0], [50, 50]] });
      expect(BoardElement.safeParse(s.element).success).toBe(true);
    }
  });

  it("says why when text is too long for a board", () => {
    const s = toBoardElement(excalidraw({ type: "text", text: "x".repeat(BoardLimits.textMax + 1), originalText: "x", fontSize: 20 }));
    expect(s).toMatchObject({ ok: false, reason: "text" });
  });
});

describe("what goes out", () => {
  it("is what is new here or whose version rose since it was last sent or received", () => {
    const ledger = new SyncLedger();
    const a = excalidraw({ id: "a", version: 2 });
    const b = excalidraw({ id: "b", version: 5 });
    ledger.note(a);
    ledger.note(b);
    expect(ledger.changed([a, b], new Set())).toEqual([]);
    const a3 = { ...a, version: 3, versionNonce: 7 };
    const c = excalidraw({ id: "c", version: 1 });
    expect(ledger.changed([a3, b, c], new Set()).map((e) => e.id)).toEqual(["a", "c"]);
    // Skipped: previews of others' strokes, what is still being drawn.
    expect(ledger.changed([a3, b, c], new Set(["c"])).map((e) => e.id)).toEqual(["a"]);
    // Same version, another nonce: a concurrent edit here, sent (the server picks).
    expect(ledger.changed([{ ...b, versionNonce: 1 }], new Set()).map((e) => e.id)).toEqual(["b"]);
    // Older than what we heard: the remote one is newer and is being merged, nothing to send.
    expect(ledger.changed([{ ...b, version: 4 }], new Set())).toEqual([]);
  });

  it("does not send what was made and deleted here before anyone saw it", () => {
    const ledger = new SyncLedger();
    expect(ledger.changed([excalidraw({ id: "tiny", isDeleted: true })], new Set())).toEqual([]);
    expect(ledger.knows("tiny")).toBe(true);
  });
});

describe("the board merged into the scene", () => {
  const base = {
    strokes: new Map<string, BoardStrokePreview>(),
    editing: new Set<string>(),
    previews: new Set<string>(),
    known: () => false,
    toScene: (e: BoardElement) => toSceneElement<Versioned>(e),
    toPreview: (s: BoardStrokePreview) => previewElement(s),
  };

  it("takes the server's element when it wins (higher version, then lower nonce), keeps ours otherwise", () => {
    const local = [excalidraw({ id: "a", version: 3, versionNonce: 50, index: "a0" }), excalidraw({ id: "b", version: 3, versionNonce: 50, index: "a1" }), excalidraw({ id: "c", version: 7, index: "a2" })];
    const remote = new Map([
      ["a", board({ id: "a", version: 4, versionNonce: 90, index: "a0", x: 500 })],
      ["b", board({ id: "b", version: 3, versionNonce: 10, index: "a1", x: 600 })],
      ["c", board({ id: "c", version: 6, index: "a2", x: 700 })],
    ]);
    const r = mergeRemote<Versioned>({ ...base, local, remote });
    expect(r.changed).toBe(true);
    const byId = new Map(r.elements.map((e) => [e.id, e as Versioned & { x: number }]));
    expect(byId.get("a")!.x).toBe(500);
    expect(byId.get("b")!.x).toBe(600);
    expect(byId.get("c")!.x).toBe(10.123456); // ours is newer: on its way to the server
    expect(r.applied.map((e) => e.id).sort()).toEqual(["a", "b"]);
  });

  it("never replaces what the local user is editing; applies it once they are done", () => {
    const local = [excalidraw({ id: "a", version: 3 })];
    const remote = new Map([["a", board({ id: "a", version: 9, x: 1 })]]);
    const during = mergeRemote<Versioned>({ ...base, local, remote, editing: new Set(["a"]) });
    expect(during.changed).toBe(false);
    expect(during.elements[0]).toBe(local[0]);
    const after = mergeRemote<Versioned>({ ...base, local, remote });
    expect((after.elements[0] as unknown as { x: number }).x).toBe(1);
  });

  it("adds what is new on the board and leaves alone what is ours and not yet heard of", () => {
    const mine = excalidraw({ id: "mine", index: "a5" });
    const r = mergeRemote<Versioned>({ ...base, local: [mine], remote: new Map([["theirs", board({ id: "theirs", index: "a2" })]]) });
    expect(r.elements.map((e) => e.id)).toEqual(["theirs", "mine"]);
  });

  it("drops what the board no longer has after a full catch-up (deleted there while we were away)", () => {
    const gone = excalidraw({ id: "gone" });
    const r = mergeRemote<Versioned>({ ...base, local: [gone], remote: new Map([["x", board({ id: "x" })]]), known: (id) => id === "gone" });
    expect(r.elements.map((e) => e.id)).toEqual(["x"]);
  });

  it("leaves out our own put the server refused", () => {
    const refused = board({ id: "a", version: 5, versionNonce: 3 });
    const local = [excalidraw({ id: "a", version: 2 })];
    const r = mergeRemote<Versioned>({ ...base, local, remote: new Map([["a", refused]]), ignore: (e) => e === refused });
    expect(r.changed).toBe(false);
  });

  it("shows others' strokes in progress until their finished element arrives, and drops abandoned ones", () => {
    const stroke: BoardStrokePreview = { id: "s1", by: "bo", type: "freedraw", x: 5, y: 6, strokeColor: "#e8590c", strokeWidth: 2, opacity: 100, points: [[0, 0], [10, -4], [20, 8]], at: 1 };
    const cache = new Map<BoardStrokePreview, Versioned>();
    const toPreview = (s: BoardStrokePreview) => cache.get(s) ?? (cache.set(s, previewElement(s)), cache.get(s)!);
    const first = mergeRemote<Versioned>({ ...base, toPreview, local: [], remote: new Map(), strokes: new Map([["s1", stroke]]) });
    expect(first.previews).toEqual(new Set(["s1"]));
    expect(first.elements[0]).toMatchObject({ id: "s1", type: "freedraw", locked: true, x: 5, y: 6, width: 20, height: 12, points: [[0, 0], [10, -4], [20, 8]] });
    // Nothing new: the same preview, the scene left alone.
    const again = mergeRemote<Versioned>({ ...base, toPreview, local: first.elements, previews: first.previews, remote: new Map(), strokes: new Map([["s1", stroke]]) });
    expect(again.changed).toBe(false);
    // The finished element replaces it (whatever its version).
    const done = mergeRemote<Versioned>({ ...base, toPreview, local: first.elements, previews: first.previews, remote: new Map([["s1", board({ id: "s1", type: "freedraw", version: 1, versionNonce: 5, points: [[0, 0], [20, 8]] })]]), strokes: new Map() });
    expect(done.previews.size).toBe(0);
    expect(done.elements[0]).toMatchObject({ id: "s1", versionNonce: 5 });
    // Abandoned (its author left): it goes.
    const left = mergeRemote<Versioned>({ ...base, toPreview, local: first.elements, previews: first.previews, remote: new Map(), strokes: new Map() });
    expect(left.elements).toEqual([]);
  });

  it("orders by fractional index then id, as Excalidraw does; unindexed last", () => {
    const els = [{ id: "b", index: "a1" }, { id: "z", index: null }, { id: "a", index: "a1" }, { id: "c", index: "a0V" }].map((e) => ({ ...e, type: "rectangle", version: 1, versionNonce: 1, isDeleted: false }));
    expect([...els].sort(byFractionalIndex).map((e) => e.id)).toEqual(["c", "a", "b", "z"]);
  });
});

describe("what the local user is editing", () => {
  it("is the element being made, typed, resized or dragged", () => {
    expect(editingIds(idle).size).toBe(0);
    expect([...editingIds({ ...idle, newElement: { id: "n", type: "rectangle" }, editingTextElement: { id: "t" } })].sort()).toEqual(["n", "t"]);
    expect([...editingIds({ ...idle, selectedElementsAreBeingDragged: true, selectedElementIds: { a: true, b: true } })].sort()).toEqual(["a", "b"]);
    expect([...editingIds({ ...idle, selectedElementIds: { a: true } })]).toEqual([]);
  });

  it("names a stroke in progress only for freehand, line and arrow", () => {
    expect(strokeInProgress({ newElement: { id: "f", type: "freedraw" }, multiElement: null })?.id).toBe("f");
    expect(strokeInProgress({ newElement: null, multiElement: { id: "l", type: "line" } })?.id).toBe("l");
    expect(strokeInProgress({ newElement: { id: "r", type: "rectangle" }, multiElement: null })).toBeUndefined();
  });
});

describe("a stroke being drawn", () => {
  const stroke = (points: [number, number][], over: Partial<Parameters<StrokeTracker["next"]>[0]> = {}) => ({ id: "s", type: "freedraw", x: 100, y: 200, strokeColor: "#1e1e1e", strokeWidth: 2, opacity: 100, points, ...over });

  it("sends only the new points of a freehand line", () => {
    const t = new StrokeTracker();
    expect(t.next(stroke([[0, 0], [1, 1]]))).toMatchObject({ from: 0, points: [[0, 0], [1, 1]], x: 100, y: 200 });
    expect(t.next(stroke([[0, 0], [1, 1]]))).toBeUndefined();
    expect(t.next(stroke([[0, 0], [1, 1], [2, 3], [4, 4.123]]))).toMatchObject({ from: 2, points: [[2, 3], [4, 4.12]] });
  });

  it("sends the moved end of a line being dragged", () => {
    const t = new StrokeTracker();
    t.next(stroke([[0, 0], [10, 0]], { type: "arrow" }));
    expect(t.next(stroke([[0, 0], [12, 5]], { type: "arrow" }))).toMatchObject({ type: "arrow", from: 1, points: [[12, 5]] });
  });

  it("keeps to the protocol's limits: points per message, points per element, colours", () => {
    const t = new StrokeTracker();
    const many = Array.from({ length: 1200 }, (_, i) => [i, i] as [number, number]);
    const first = t.next(stroke(many, { strokeColor: "tomato" }))!;
    expect(first.points.length).toBe(BoardLimits.pointsPerStroke);
    expect(first.strokeColor).toBe("#1e1e1e");
    expect(t.next(stroke(many))!.from).toBe(BoardLimits.pointsPerStroke);
    const huge = Array.from({ length: BoardLimits.pointsPerElement + 50 }, (_, i) => [i, 0] as [number, number]);
    let last;
    for (let m = t.next(stroke(huge)); m; m = t.next(stroke(huge))) last = m;
    expect(last!.from + last!.points.length).toBe(BoardLimits.pointsPerElement);
  });

  it("starts over after it is finished", () => {
    const t = new StrokeTracker();
    t.next(stroke([[0, 0], [1, 1]]));
    t.finish("s");
    expect(t.next(stroke([[0, 0], [1, 1]]))!.from).toBe(0);
  });
});

describe("others' pointers", () => {
  it("become Excalidraw collaborators with their names, colours and laser", () => {
    const cursors = new Map<string, BoardCursorState>([["bo", { boardId: "surface:support", sessionId: "bo", name: "Bo", color: "#1971c2", x: 3, y: 4, tool: "laser", down: true, at: 0 }]]);
    expect(collaboratorsOf(cursors).get("bo")).toEqual({ id: "bo", socketId: "bo", username: "Bo", color: { background: "#1971c2", stroke: "#1971c2" }, pointer: { x: 3, y: 4, tool: "laser" }, button: "down" });
  });

  it("ours goes out inside the board's bounds", () => {
    expect(cursorOf({ x: 2e6, y: -3.14159, tool: "pointer" }, "up")).toEqual({ x: BoardLimits.coordinateMax, y: -3.14, tool: "pointer", down: false });
  });
});

describe("the pace of messages", () => {
  it("runs at once, then at most once per interval with the latest state", async () => {
    let now = 0;
    let runs = 0;
    const t = new Throttle(() => runs++, 50, () => now);
    t.request();
    expect(runs).toBe(1);
    now = 10;
    t.request();
    t.request();
    expect(runs).toBe(1);
    await new Promise((r) => setTimeout(r, 60));
    expect(runs).toBe(2);
    t.request();
    t.flush();
    expect(runs).toBe(3);
  });

  it("spreads kept points evenly, ends included", () => {
    expect(evenIndices(5, 10)).toEqual([0, 1, 2, 3, 4]);
    expect(evenIndices(101, 5)).toEqual([0, 25, 50, 75, 100]);
  });
});

function round2(v: number) {
  return Math.round(v * 100) / 100;
}
