import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import type { Role } from "../../auth/guest-token.ts";
import type { VisitorRecord, VisitorRepository } from "../storage.ts";

interface VisitorRow { id: string; name: string; role: string; created_at: string }

const toVisitor = (r: VisitorRow): VisitorRecord => ({ id: r.id, name: r.name, role: r.role as Role, createdAt: r.created_at });

export class SqliteVisitorRepository implements VisitorRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async create(visitor: Omit<VisitorRecord, "id" | "createdAt">): Promise<VisitorRecord> {
    const record: VisitorRecord = { id: randomUUID(), createdAt: new Date().toISOString(), ...visitor };
    this.#db.prepare("INSERT INTO visitors (id, name, role, created_at) VALUES (?, ?, ?, ?)").run(record.id, record.name, record.role, record.createdAt);
    return record;
  }

  async get(id: string): Promise<VisitorRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM visitors WHERE id = ?").get(id) as VisitorRow | undefined;
    return row && toVisitor(row);
  }
}
