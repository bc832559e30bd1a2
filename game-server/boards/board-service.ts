import type { HallPlace, HallService, HallServiceFactory } from "../halls/hall-place.ts";
import type { Logger } from "../logging/logger.ts";
import type { BoardChanged, BoardCursorView, BoardElement, BoardStrokeView } from "../protocol/board.ts";
import type { BoardRepository } from "../storage/board-repository.ts";
import { BoardState } from "./board-state.ts";

/** After this many ops a board's snapshot is rewritten, so a restart replays at most this many. */
const SNAPSHOT_EVERY = 500;

/** What the hall's instances hear of its boards (each instance passes it on to its visitors who have the board open). */
export type BoardEvent =
  | { type: "changed"; change: BoardChanged }
  | { type: "stroke"; stroke: BoardStrokeView }
  | { type: "cursor"; cursor: BoardCursorView }
  | { type: "locked"; boardId: string; locked: boolean }
  | { type: "left"; boardId: string; sessionId: string };

export interface PutResult {
  clock: number;
  /** Accepted (and now stored) puts. */
  accepted: BoardElement[];
  /** Ids whose put lost to a newer version already on the board. */
  stale: string[];
}

/**
 * The whiteboards of one hall, shared by all its instances: each board loaded once from storage
 * (snapshot + op log), every change serialised per board, stored with the board's next clock
 * before it is applied and told to the instances — so nothing acknowledged is lost on a crash,
 * and every page sees the same winner for an element two people changed at once.
 */
export class BoardService implements HallService {
  readonly name = "boards";
  readonly hallId: string;
  readonly #repo: BoardRepository;
  readonly #log: Logger;
  readonly #boards = new Map<string, Promise<BoardState>>();
  /** One chain of writes per board: an op is stored and applied before the next one is looked at. */
  readonly #writes = new Map<string, Promise<unknown>>();
  readonly #listeners = new Set<(event: BoardEvent) => void>();
  readonly #sinceSnapshot = new Map<string, number>();
  /** The last cursor of each person on each board, for newcomers: board id → session id → cursor. */
  readonly #cursors = new Map<string, Map<string, BoardCursorView>>();
  #closed = false;

  constructor(hallId: string, repo: BoardRepository, log: Logger) {
    this.hallId = hallId;
    this.#repo = repo;
    this.#log = log;
  }

  /** Hear every board event of the hall; returns the way to stop. */
  watch(listener: (event: BoardEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The board, loaded from storage the first time (an empty board if none was ever drawn on). */
  board(boardId: string): Promise<BoardState> {
    let board = this.#boards.get(boardId);
    if (!board) {
      board = this.#load(boardId);
      this.#boards.set(boardId, board);
      board.catch(() => this.#boards.delete(boardId));
    }
    return board;
  }

  /** Puts elements on a board: the winners are stored (one op), applied, and sent to every instance. */
  put(boardId: string, elements: readonly BoardElement[], actor: string, by: string): Promise<PutResult> {
    return this.#serial(boardId, async () => {
      const board = await this.board(boardId);
      const { winners, stale } = board.winners(elements);
      if (winners.length === 0) return { clock: board.clock, accepted: [], stale };
      const clock = await this.#store(boardId, board, winners, actor);
      this.#emit({ type: "changed", change: { boardId, clock, by, elements: winners } });
      return { clock, accepted: winners, stale };
    });
  }

  /** Deletes everything on a board (as versioned deletes: a page that missed it catches up like any change). */
  clear(boardId: string, actor: string): Promise<PutResult> {
    return this.#serial(boardId, async () => {
      const board = await this.board(boardId);
      const deletes = board.clearing();
      if (deletes.length === 0) return { clock: board.clock, accepted: [], stale: [] };
      const clock = await this.#store(boardId, board, deletes, actor);
      this.#emit({ type: "changed", change: { boardId, clock, by: "server", elements: deletes } });
      return { clock, accepted: deletes, stale: [] };
    });
  }

  lock(boardId: string, locked: boolean): Promise<void> {
    return this.#serial(boardId, async () => {
      const board = await this.board(boardId);
      await this.#repo.setLocked(this.hallId, boardId, locked);
      board.locked = locked;
      this.#emit({ type: "locked", boardId, locked });
    });
  }

  /** Passes on what is not stored: a stroke being drawn, a cursor, someone closing a board. */
  relay(event: Extract<BoardEvent, { type: "stroke" | "cursor" | "left" }>): void {
    if (event.type === "cursor") {
      let cursors = this.#cursors.get(event.cursor.boardId);
      if (!cursors) this.#cursors.set(event.cursor.boardId, (cursors = new Map()));
      cursors.set(event.cursor.sessionId, event.cursor);
    } else if (event.type === "left") {
      this.#cursors.get(event.boardId)?.delete(event.sessionId);
    }
    this.#emit(event);
  }

  /** The last pointer of each person who has the board open (not stored). */
  cursors(boardId: string): BoardCursorView[] {
    return [...(this.#cursors.get(boardId)?.values() ?? [])];
  }

  /** The op log of a board (oldest first), for replay and export. */
  ops(boardId: string, sinceClock = 0, limit = 10_000) {
    return this.#repo.ops(this.hallId, boardId, sinceClock, limit);
  }

  async close(): Promise<void> {
    this.#closed = true;
    // Let writes in flight finish: they were acknowledged or are about to be.
    await Promise.allSettled([...this.#writes.values()]);
    this.#listeners.clear();
  }

  async #load(boardId: string): Promise<BoardState> {
    const { board, replayed } = await loadBoard(this.#repo, this.hallId, boardId);
    this.#sinceSnapshot.set(boardId, replayed);
    return board;
  }

  async #store(boardId: string, board: BoardState, winners: BoardElement[], actor: string): Promise<number> {
    if (this.#closed) throw new Error("the hall is closing");
    const clock = board.clock + 1;
    await this.#repo.append({ hallId: this.hallId, boardId, clock, at: new Date().toISOString(), actor, elements: winners });
    board.commit(winners);
    const since = (this.#sinceSnapshot.get(boardId) ?? 0) + 1;
    this.#sinceSnapshot.set(boardId, since);
    if (since >= SNAPSHOT_EVERY) {
      this.#sinceSnapshot.set(boardId, 0);
      // Not awaited: the op is already durable; a snapshot only shortens the next load.
      this.#repo.snapshot(this.hallId, boardId, clock, board.all()).catch((error: unknown) => this.#log.warn("board snapshot failed", { boardId, error }));
    }
    return clock;
  }

  #serial<T>(boardId: string, work: () => Promise<T>): Promise<T> {
    const before = this.#writes.get(boardId) ?? Promise.resolve();
    const next = before.then(work, work);
    const settled = next.catch(() => undefined);
    this.#writes.set(boardId, settled);
    void settled.then(() => {
      if (this.#writes.get(boardId) === settled) this.#writes.delete(boardId);
    });
    return next;
  }

  #emit(event: BoardEvent): void {
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        this.#log.error("a board listener failed", { error });
      }
    }
  }
}

/** A board as storage has it: its snapshot with the later ops replayed (an empty board if none was stored). */
export async function loadBoard(repo: BoardRepository, hallId: string, boardId: string): Promise<{ board: BoardState; replayed: number }> {
  const stored = await repo.load(hallId, boardId);
  if (!stored) return { board: new BoardState(), replayed: 0 };
  const board = new BoardState({ clock: stored.snapshotClock, locked: stored.locked, elements: stored.snapshot as BoardElement[] });
  for (const op of stored.ops) board.commit(op.elements as BoardElement[]);
  return { board, replayed: stored.ops.length };
}

/** The factory `hostColyseus` takes: each open hall's boards. */
export function hallBoards(repo: BoardRepository): HallServiceFactory {
  return (hall: HallPlace) => new BoardService(hall.hallId, repo, hall.log.child({ part: "boards" }));
}
