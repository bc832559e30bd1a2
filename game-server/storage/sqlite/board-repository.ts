import type { DatabaseSync } from "node:sqlite";
import { BoardClockConflict, type BoardOpRecord, type BoardRepository, type StoredBoard } from "../board-repository.ts";
import { inTransaction } from "./database.ts";

interface OpRow { hall_id: string; board_id: string; clock: number; at: string; actor: string; elements: string }
interface BoardRow { locked: number; snapshot_clock: number; snapshot: string }

const toOp = (r: OpRow): BoardOpRecord => ({ hallId: r.hall_id, boardId: r.board_id, clock: r.clock, at: r.at, actor: r.actor, elements: JSON.parse(r.elements) });

export class SqliteBoardRepository implements BoardRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async load(hallId: string, boardId: string): Promise<StoredBoard | null> {
    const board = this.#db.prepare("SELECT locked, snapshot_clock, snapshot FROM boards WHERE hall_id = ? AND board_id = ?").get(hallId, boardId) as BoardRow | undefined;
    if (!board) return null;
    const ops = this.#db
      .prepare("SELECT * FROM board_ops WHERE hall_id = ? AND board_id = ? AND clock > ? ORDER BY clock")
      .all(hallId, boardId, board.snapshot_clock) as unknown as OpRow[];
    return { hallId, boardId, locked: board.locked === 1, snapshotClock: board.snapshot_clock, snapshot: JSON.parse(board.snapshot), ops: ops.map(toOp) };
  }

  async append(op: BoardOpRecord): Promise<void> {
    inTransaction(this.#db, () => {
      this.#ensure(op.hallId, op.boardId, op.at);
      const last = this.#db.prepare("SELECT COALESCE(MAX(clock), 0) AS c FROM board_ops WHERE hall_id = ? AND board_id = ?").get(op.hallId, op.boardId) as { c: number };
      if (op.clock !== last.c + 1) throw new BoardClockConflict(`board ${op.boardId}: op clock ${op.clock} does not follow ${last.c}`);
      this.#db
        .prepare("INSERT INTO board_ops (hall_id, board_id, clock, at, actor, elements) VALUES (?, ?, ?, ?, ?, ?)")
        .run(op.hallId, op.boardId, op.clock, op.at, op.actor, JSON.stringify(op.elements));
      this.#db.prepare("UPDATE boards SET updated_at = ? WHERE hall_id = ? AND board_id = ?").run(op.at, op.hallId, op.boardId);
    });
  }

  async snapshot(hallId: string, boardId: string, clock: number, elements: Record<string, unknown>[]): Promise<void> {
    this.#db
      .prepare("UPDATE boards SET snapshot_clock = ?, snapshot = ? WHERE hall_id = ? AND board_id = ? AND snapshot_clock <= ?")
      .run(clock, JSON.stringify(elements), hallId, boardId, clock);
  }

  async setLocked(hallId: string, boardId: string, locked: boolean): Promise<void> {
    const now = new Date().toISOString();
    inTransaction(this.#db, () => {
      this.#ensure(hallId, boardId, now);
      this.#db.prepare("UPDATE boards SET locked = ?, updated_at = ? WHERE hall_id = ? AND board_id = ?").run(locked ? 1 : 0, now, hallId, boardId);
    });
  }

  async ops(hallId: string, boardId: string, sinceClock: number, limit: number): Promise<BoardOpRecord[]> {
    const rows = this.#db
      .prepare("SELECT * FROM board_ops WHERE hall_id = ? AND board_id = ? AND clock > ? ORDER BY clock LIMIT ?")
      .all(hallId, boardId, sinceClock, limit) as unknown as OpRow[];
    return rows.map(toOp);
  }

  #ensure(hallId: string, boardId: string, at: string): void {
    this.#db.prepare("INSERT OR IGNORE INTO boards (hall_id, board_id, created_at, updated_at) VALUES (?, ?, ?, ?)").run(hallId, boardId, at, at);
  }
}
