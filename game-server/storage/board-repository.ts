/**
 * Whiteboards of every hall: each board is a snapshot plus the ops after it. An op is one
 * accepted `board:ops` message (or a clear): the elements as the server accepted them, stamped
 * with the board's clock and the server's time — durable before anyone hears of it, and kept
 * (the op log lets a recorded session replay its board in step with the audio).
 */
export interface BoardOpRecord {
  hallId: string;
  boardId: string;
  /** The board's clock after this op: 1, 2, 3… per board, no gaps. */
  clock: number;
  /** ISO time on the server's clock. */
  at: string;
  /** Who put it (a visitor or staff id; "system" for a clear). */
  actor: string;
  /** The elements as accepted, each a plain JSON object (Excalidraw's model, validated by the protocol). */
  elements: Record<string, unknown>[];
}

export interface StoredBoard {
  hallId: string;
  boardId: string;
  locked: boolean;
  /** The clock the snapshot was taken at (0: none yet). */
  snapshotClock: number;
  /** Every element as of `snapshotClock`, deleted ones included. */
  snapshot: Record<string, unknown>[];
  /** The ops after the snapshot, in clock order. */
  ops: BoardOpRecord[];
}

export class BoardClockConflict extends Error {
  override name = "BoardClockConflict";
}

export interface BoardRepository {
  /** The board as stored (snapshot + later ops), or null if nothing was ever put on it. */
  load(hallId: string, boardId: string): Promise<StoredBoard | null>;
  /**
   * Stores an op; resolves once it is durable. Its clock must be the board's next (the last
   * stored + 1), else it throws `BoardClockConflict` and stores nothing: two writers never interleave.
   */
  append(op: BoardOpRecord): Promise<void>;
  /** Replaces the snapshot with the board as of `clock` (an op with that clock is stored); ops stay for replay. */
  snapshot(hallId: string, boardId: string, clock: number, elements: Record<string, unknown>[]): Promise<void>;
  setLocked(hallId: string, boardId: string, locked: boolean): Promise<void>;
  /** Ops of a board after `sinceClock` (oldest first, at most `limit`): for replay and export. */
  ops(hallId: string, boardId: string, sinceClock: number, limit: number): Promise<BoardOpRecord[]>;
}
