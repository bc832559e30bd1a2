import type pg from "pg";
import { BoardClockConflict, type BoardOpRecord, type BoardRepository, type StoredBoard } from "../board-repository.ts";
import { inTransaction, iso } from "./database.ts";

interface OpRow { hall_id: string; board_id: string; clock: number; at: Date; actor: string; elements: Record<string, unknown>[] }
interface BoardRow { locked: boolean; snapshot_clock: number; snapshot: Record<string, unknown>[] }

const toOp = (r: OpRow): BoardOpRecord => ({ hallId: r.hall_id, boardId: r.board_id, clock: r.clock, at: iso(r.at), actor: r.actor, elements: r.elements });

export class PostgresBoardRepository implements BoardRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async load(hallId: string, boardId: string): Promise<StoredBoard | null> {
    const { rows } = await this.#pool.query<BoardRow>("SELECT locked, snapshot_clock, snapshot FROM boards WHERE hall_id = $1 AND board_id = $2", [hallId, boardId]);
    const board = rows[0];
    if (!board) return null;
    const ops = await this.#pool.query<OpRow>("SELECT * FROM board_ops WHERE hall_id = $1 AND board_id = $2 AND clock > $3 ORDER BY clock", [hallId, boardId, board.snapshot_clock]);
    return { hallId, boardId, locked: board.locked, snapshotClock: board.snapshot_clock, snapshot: board.snapshot, ops: ops.rows.map(toOp) };
  }

  async append(op: BoardOpRecord): Promise<void> {
    await inTransaction(this.#pool, async (db) => {
      await db.query("INSERT INTO boards (hall_id, board_id, created_at, updated_at) VALUES ($1, $2, $3, $3) ON CONFLICT DO NOTHING", [op.hallId, op.boardId, op.at]);
      // The board row serialises writers to one board: the clock check below cannot race.
      await db.query("SELECT 1 FROM boards WHERE hall_id = $1 AND board_id = $2 FOR UPDATE", [op.hallId, op.boardId]);
      const last = await db.query<{ c: number }>("SELECT COALESCE(MAX(clock), 0)::int AS c FROM board_ops WHERE hall_id = $1 AND board_id = $2", [op.hallId, op.boardId]);
      if (op.clock !== last.rows[0]!.c + 1) throw new BoardClockConflict(`board ${op.boardId}: op clock ${op.clock} does not follow ${last.rows[0]!.c}`);
      await db.query("INSERT INTO board_ops (hall_id, board_id, clock, at, actor, elements) VALUES ($1, $2, $3, $4, $5, $6)", [
        op.hallId, op.boardId, op.clock, op.at, op.actor, JSON.stringify(op.elements),
      ]);
      await db.query("UPDATE boards SET updated_at = $3 WHERE hall_id = $1 AND board_id = $2", [op.hallId, op.boardId, op.at]);
    });
  }

  async snapshot(hallId: string, boardId: string, clock: number, elements: Record<string, unknown>[]): Promise<void> {
    await this.#pool.query("UPDATE boards SET snapshot_clock = $3, snapshot = $4 WHERE hall_id = $1 AND board_id = $2 AND snapshot_clock <= $3", [
      hallId, boardId, clock, JSON.stringify(elements),
    ]);
  }

  async setLocked(hallId: string, boardId: string, locked: boolean): Promise<void> {
    const now = new Date().toISOString();
    await this.#pool.query(
      "INSERT INTO boards (hall_id, board_id, locked, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) ON CONFLICT (hall_id, board_id) DO UPDATE SET locked = $3, updated_at = $4",
      [hallId, boardId, locked, now],
    );
  }

  async ops(hallId: string, boardId: string, sinceClock: number, limit: number): Promise<BoardOpRecord[]> {
    const { rows } = await this.#pool.query<OpRow>("SELECT * FROM board_ops WHERE hall_id = $1 AND board_id = $2 AND clock > $3 ORDER BY clock LIMIT $4", [hallId, boardId, sinceClock, limit]);
    return rows.map(toOp);
  }
}
