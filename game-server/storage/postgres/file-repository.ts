import type pg from "pg";
import { FILE_COLUMNS, fileFromRow, type FileRecord, type FileRepository, type FileRow } from "../file-repository.ts";
import { StorageConflict } from "../storage.ts";
import { iso } from "./database.ts";

const UNIQUE_VIOLATION = "23505";

const toFile = (r: FileRow<Date>): FileRecord => fileFromRow(r, iso);

export class PostgresFileRepository implements FileRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async create(file: Omit<FileRecord, "createdAt">): Promise<FileRecord> {
    const f = file;
    try {
      const { rows } = await this.#pool.query<FileRow<Date>>(
        `INSERT INTO files (id, ticket_id, hall_id, contact_id, name, mime, size, sha256, sender_role, sender_id, sender_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING ${FILE_COLUMNS}`,
        [f.id, f.ticketId, f.hallId, f.contactId, f.name, f.mime, f.size, f.sha256, f.senderRole, f.senderId, f.senderName, new Date().toISOString()],
      );
      return toFile(rows[0]!);
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === UNIQUE_VIOLATION && constraint === "files_id_key") throw new StorageConflict(`a file with id ${f.id} already exists`, { cause: error });
      throw error;
    }
  }

  async get(id: string): Promise<FileRecord | undefined> {
    const row = (await this.#pool.query<FileRow<Date>>(`SELECT ${FILE_COLUMNS} FROM files WHERE id = $1`, [id])).rows[0];
    return row && toFile(row);
  }

  async forTicket(ticketId: string): Promise<FileRecord[]> {
    return (await this.#pool.query<FileRow<Date>>(`SELECT ${FILE_COLUMNS} FROM files WHERE ticket_id = $1 ORDER BY seq`, [ticketId])).rows.map(toFile);
  }

  async forContact(contactId: string): Promise<FileRecord[]> {
    return (await this.#pool.query<FileRow<Date>>(`SELECT ${FILE_COLUMNS} FROM files WHERE contact_id = $1 ORDER BY seq`, [contactId])).rows.map(toFile);
  }

  async remove(id: string): Promise<boolean> {
    return ((await this.#pool.query("DELETE FROM files WHERE id = $1", [id])).rowCount ?? 0) > 0;
  }
}
