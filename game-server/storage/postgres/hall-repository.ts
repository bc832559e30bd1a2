import type pg from "pg";
import type { HallRecord, HallRepository } from "../storage.ts";
import { iso } from "./database.ts";

interface HallRow { id: string; name: string; scene_id: string; created_at: Date }

const toHall = (r: HallRow): HallRecord => ({ id: r.id, name: r.name, sceneId: r.scene_id, createdAt: iso(r.created_at) });

export class PostgresHallRepository implements HallRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async list(): Promise<HallRecord[]> {
    // COLLATE "C": ties broken in code-point order, as SQLite does, whatever the database's locale.
    return (await this.#pool.query<HallRow>('SELECT * FROM halls ORDER BY created_at, id COLLATE "C"')).rows.map(toHall);
  }

  async get(id: string): Promise<HallRecord | undefined> {
    const row = (await this.#pool.query<HallRow>("SELECT * FROM halls WHERE id = $1", [id])).rows[0];
    return row && toHall(row);
  }

  async put(hall: Omit<HallRecord, "createdAt">): Promise<HallRecord> {
    const { rows } = await this.#pool.query<HallRow>(
      `INSERT INTO halls (id, name, scene_id, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, scene_id = excluded.scene_id RETURNING *`,
      [hall.id, hall.name, hall.sceneId, new Date()],
    );
    return toHall(rows[0]!);
  }
}
