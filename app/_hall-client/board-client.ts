import {
  BoardServerMessage, ClientMessageName as Msg, elementWins,
  type BoardChanged, type BoardCursorTool, type BoardCursorView, type BoardElement, type BoardMeta, type BoardSnapshot, type BoardStrokeView,
} from "../../game-server/protocol/index.ts";
import { request, send, type RequestRoom } from "./room-request.ts";

/** What the board client needs of the hall room: requests, plain sends, messages and reconnects. */
export interface BoardRoom extends RequestRoom {
  onMessage<T>(type: string, callback: (message: T) => void): unknown;
  onReconnect(callback: () => void): unknown;
  readonly sessionId: string;
}

/** Someone else's pointer on a board (with their laser trail while it is the laser). */
export interface BoardCursorState extends BoardCursorView {
  /** `performance.now()` when it last moved. */
  at: number;
}

/** A stroke someone else is drawing right now: drawn as a preview until its finished put arrives. */
export interface BoardStrokePreview {
  id: string;
  by: string;
  type: BoardStrokeView["type"];
  x: number;
  y: number;
  strokeColor: string;
  strokeWidth: number;
  opacity: number;
  points: [number, number][];
  at: number;
}

/** What a board view draws: replaced as a whole on every change (for React's external-store hook). */
export interface BoardView {
  readonly meta: BoardMeta;
  /** Every element the board has, deleted ones included (Excalidraw reconciles with them), by id. */
  readonly elements: ReadonlyMap<string, BoardElement>;
  /** The board's clock as last heard. */
  readonly clock: number;
  readonly cursors: ReadonlyMap<string, BoardCursorState>;
  readonly strokes: ReadonlyMap<string, BoardStrokePreview>;
  readonly canDraw: boolean;
  readonly canModerate: boolean;
  /** Bumped on every change (cursors included). */
  readonly revision: number;
  /** Bumped only when what is drawn changes (elements, strokes in progress, lock): what a canvas redraws on. */
  readonly contentRevision: number;
}

/**
 * One open board: its elements as the server last said them, plus what this page has put and
 * not yet heard back (so the page's own drawing never flickers back), others' cursors and
 * strokes in progress. `put` resolves once the server has stored the elements.
 */
export class BoardHandle {
  readonly boardId: string;
  view: BoardView;
  readonly #client: BoardClient;
  readonly #listeners = new Set<() => void>();
  closed = false;

  constructor(client: BoardClient, snapshot: BoardSnapshot) {
    this.#client = client;
    this.boardId = snapshot.boardId;
    this.view = {
      meta: { boardId: snapshot.boardId, kind: snapshot.kind, title: snapshot.title, locked: snapshot.locked },
      elements: new Map(snapshot.elements.map((e) => [e.id, e])),
      clock: snapshot.clock,
      cursors: new Map((snapshot.cursors ?? []).map((c) => [c.sessionId, { ...c, at: performance.now() }])),
      strokes: new Map(),
      canDraw: snapshot.canDraw,
      canModerate: snapshot.canModerate,
      revision: 0,
      contentRevision: 0,
    };
  }

  /** Views sharing this handle (`BoardClient.open` counts them; `release` closes it after the last). */
  refs = 0;

  /** One view is done with the board: closed when no other view still shows it. */
  release(): void {
    if (--this.refs <= 0) this.close();
  }

  /** The elements not deleted, in the order they were first added. */
  get visible(): BoardElement[] {
    return [...this.view.elements.values()].filter((e) => !e.isDeleted);
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Add, change or delete (`isDeleted: true`) elements; each put needs a higher `version` than the one it replaces. */
  async put(elements: BoardElement[]): Promise<{ clock: number; stale: string[] }> {
    let clock = this.view.clock;
    const stale: string[] = [];
    // The server takes at most 100 elements (and 48 KB) a message.
    for (const batch of batches(elements)) {
      const before = new Map(batch.map((e) => [e.id, this.view.elements.get(e.id)]));
      this.merge(batch, this.view.clock);
      try {
        const reply = await request(this.#client.room, Msg.boardOps, { boardId: this.boardId, elements: batch });
        clock = Math.max(clock, reply.clock);
        stale.push(...reply.stale);
      } catch (error) {
        // Refused (locked, too fast, too big): what the server has is what we show, not our higher version.
        this.#restore(batch, before);
        throw error;
      }
    }
    return { clock, stale };
  }

  /** Puts back what an element was before a refused put of ours, unless something newer came since. */
  #restore(refused: readonly BoardElement[], before: ReadonlyMap<string, BoardElement | undefined>): void {
    const next = new Map(this.view.elements);
    let changed = false;
    for (const e of refused) {
      if (next.get(e.id) !== e) continue;
      const previous = before.get(e.id);
      if (previous) next.set(e.id, previous);
      else next.delete(e.id);
      changed = true;
    }
    if (changed) this.#set({ elements: next });
  }

  /** A stroke this page is drawing: its points from `from` on (others see it grow; not stored). */
  stroke(stroke: Omit<BoardStrokeView, "boardId" | "by">): void {
    send(this.#client.room, Msg.boardStroke, { boardId: this.boardId, ...stroke });
  }

  cursor(x: number, y: number, tool: BoardCursorTool = "pointer", down = false): void {
    send(this.#client.room, Msg.boardCursor, { boardId: this.boardId, x, y, tool, down });
  }

  async lock(locked: boolean): Promise<void> {
    await request(this.#client.room, Msg.boardLock, { boardId: this.boardId, locked });
  }

  async clear(): Promise<void> {
    await request(this.#client.room, Msg.boardClear, { boardId: this.boardId });
  }

  /** Closes the board for every view of it (they hear it through `subscribe`: `closed` is then true). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.#client.forget(this);
    send(this.#client.room, Msg.boardClose, { boardId: this.boardId });
    for (const l of this.#listeners) l();
  }

  /** Elements from the server (or our own puts): each replaces what we have only if it wins. */
  merge(elements: readonly BoardElement[], clock: number): void {
    const next = new Map(this.view.elements);
    const strokes = new Map(this.view.strokes);
    let changed = false;
    for (const e of elements) {
      if (!elementWins(e, next.get(e.id))) continue;
      next.set(e.id, e);
      strokes.delete(e.id);
      changed = true;
    }
    if (!changed && clock <= this.view.clock) return;
    this.#set({ elements: next, strokes, clock: Math.max(clock, this.view.clock) });
  }

  /** A reconnect's catch-up: the whole board, or what changed since our clock. */
  resync(snapshot: BoardSnapshot): void {
    if (snapshot.full) {
      // The server's board replaces ours: puts that never reached it are gone (their requests failed with the connection).
      const next = new Map(snapshot.elements.map((e) => [e.id, e]));
      this.#set({ elements: next, clock: snapshot.clock, meta: { ...this.view.meta, locked: snapshot.locked }, canDraw: snapshot.canDraw, canModerate: snapshot.canModerate });
    } else {
      this.merge(snapshot.elements, snapshot.clock);
      this.#set({ meta: { ...this.view.meta, locked: snapshot.locked }, canDraw: snapshot.canDraw });
    }
  }

  setMeta(meta: BoardMeta, canDraw: boolean): void {
    this.#set({ meta, canDraw });
  }

  moveCursor(view: BoardCursorView, now: number): void {
    const cursors = new Map(this.view.cursors);
    cursors.set(view.sessionId, { ...view, at: now });
    this.#set({ cursors });
  }

  growStroke(view: BoardStrokeView, now: number): void {
    const strokes = new Map(this.view.strokes);
    const current = strokes.get(view.id);
    // Points arrive in order on one connection; a gap (a dropped message) restarts the preview from what we have.
    const points = current && view.from <= current.points.length ? [...current.points.slice(0, view.from), ...view.points] : view.from === 0 ? [...view.points] : current?.points ?? [...view.points];
    strokes.set(view.id, { id: view.id, by: view.by, type: view.type, x: view.x, y: view.y, strokeColor: view.strokeColor, strokeWidth: view.strokeWidth, opacity: view.opacity, points, at: now });
    this.#set({ strokes });
  }

  forgetPerson(sessionId: string): void {
    const cursors = new Map(this.view.cursors);
    cursors.delete(sessionId);
    const kept = [...this.view.strokes].filter(([, s]) => s.by !== sessionId);
    this.#set(kept.length === this.view.strokes.size ? { cursors } : { cursors, strokes: new Map(kept) });
  }

  #set(patch: Partial<BoardView>): void {
    const content = patch.elements !== undefined || patch.strokes !== undefined || patch.meta !== undefined;
    this.view = { ...this.view, ...patch, revision: this.view.revision + 1, contentRevision: this.view.contentRevision + (content ? 1 : 0) };
    for (const l of this.#listeners) l();
  }
}

function* batches(elements: readonly BoardElement[]): Generator<BoardElement[]> {
  let batch: BoardElement[] = [];
  let chars = 0;
  for (const e of elements) {
    const size = JSON.stringify(e).length;
    if (batch.length && (batch.length >= 100 || chars + size > 40_000)) {
      yield batch;
      batch = [];
      chars = 0;
    }
    batch.push(e);
    chars += size;
  }
  if (batch.length) yield batch;
}

/**
 * The boards this page has open, over the hall connection: the scene's whiteboards, a service
 * session's board and the marks over a shared screen. Opening a board returns its handle with
 * the whole board; after a dropped connection every open board catches up from its clock.
 */
export class BoardClient {
  readonly room: BoardRoom;
  readonly #open = new Map<string, BoardHandle>();
  readonly #opening = new Map<string, Promise<BoardHandle>>();

  constructor(room: BoardRoom) {
    this.room = room;
    room.onMessage(BoardServerMessage.changed, (m: BoardChanged) => this.#open.get(m.boardId)?.merge(m.elements, m.clock));
    room.onMessage(BoardServerMessage.stroke, (m: BoardStrokeView) => this.#open.get(m.boardId)?.growStroke(m, performance.now()));
    room.onMessage(BoardServerMessage.cursor, (m: BoardCursorView) => this.#open.get(m.boardId)?.moveCursor(m, performance.now()));
    room.onMessage(BoardServerMessage.meta, (m: BoardMeta & { canDraw: boolean }) => {
      const handle = this.#open.get(m.boardId);
      handle?.setMeta({ ...handle.view.meta, locked: m.locked }, m.canDraw);
    });
    room.onMessage(BoardServerMessage.left, (m: { boardId: string; sessionId: string }) => this.#open.get(m.boardId)?.forgetPerson(m.sessionId));
    room.onReconnect(() => void this.#catchUp());
  }

  /** The board, opened once however many views show it: each view calls `release()` on the handle when done. */
  open(boardId: string): Promise<BoardHandle> {
    return this.#handle(boardId).then((handle) => {
      handle.refs++;
      return handle;
    });
  }

  #handle(boardId: string): Promise<BoardHandle> {
    const open = this.#open.get(boardId);
    if (open) return Promise.resolve(open);
    let opening = this.#opening.get(boardId);
    if (!opening) {
      opening = request(this.room, Msg.boardOpen, { boardId })
        .then((snapshot) => {
          const handle = new BoardHandle(this, snapshot);
          this.#open.set(boardId, handle);
          return handle;
        })
        .finally(() => this.#opening.delete(boardId));
      this.#opening.set(boardId, opening);
    }
    return opening;
  }

  get(boardId: string): BoardHandle | undefined {
    return this.#open.get(boardId);
  }

  forget(handle: BoardHandle): void {
    if (this.#open.get(handle.boardId) === handle) this.#open.delete(handle.boardId);
  }

  async #catchUp(): Promise<void> {
    for (const handle of this.#open.values()) {
      try {
        handle.resync(await request(this.room, Msg.boardOpen, { boardId: handle.boardId, since: handle.view.clock }));
      } catch (error) {
        console.warn(`board ${handle.boardId} could not catch up`, error);
      }
    }
  }
}
