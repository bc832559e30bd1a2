import type { DatabaseSync } from "node:sqlite";
import type { HallRecord, HallRepository } from "../storage.ts";

interface HallRow { id: string; name: string; scene_id: string; created_at: string }

const toHall = (r: HallRow): HallRecord => ({ id: r.id, name: r.name, sceneId: r.scene_id, createdAt: r.created_at });

export class SqliteHallRepository implements HallRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async list(): Promise<HallRecord[]> {
    return (this.#db.prepare("SELECT * FROM halls ORDER BY created_at, id").all() as unknown as HallRow[]).map(toHall);
  }

  async get(id: string): Promise<HallRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM halls WHERE id = ?").get(id) as HallRow | undefined;
    return row && toHall(row);
  }

  async put(hall: Omit<HallRecord, "createdAt">): Promise<HallRecord> {
    this.#db
      .prepare("INSERT INTO halls (id, name, scene_id, created_at) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, scene_id = excluded.scene_id")
      .run(hall.id, hall.name, hall.sceneId, new Date().toISOString());
    return (await this.get(hall.id))!;
  }
}
