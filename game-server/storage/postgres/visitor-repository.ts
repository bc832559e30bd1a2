import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { Role } from "../../auth/guest-token.ts";
import type { VisitorRecord, VisitorRepository } from "../storage.ts";
import { iso } from "./database.ts";

interface VisitorRow { id: string; name: string; role: string; created_at: Date }

export class PostgresVisitorRepository implements VisitorRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async create(visitor: Omit<VisitorRecord, "id" | "createdAt">): Promise<VisitorRecord> {
    const record: VisitorRecord = { id: randomUUID(), createdAt: new Date().toISOString(), ...visitor };
    await this.#pool.query("INSERT INTO visitors (id, name, role, created_at) VALUES ($1, $2, $3, $4)", [record.id, record.name, record.role, record.createdAt]);
    return record;
  }

  async get(id: string): Promise<VisitorRecord | undefined> {
    const row = (await this.#pool.query<VisitorRow>("SELECT * FROM visitors WHERE id = $1", [id])).rows[0];
    return row && { id: row.id, name: row.name, role: row.role as Role, createdAt: iso(row.created_at) };
  }
}
