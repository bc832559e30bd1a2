import type { DatabaseSync } from "node:sqlite";
import { FILE_COLUMNS, fileFromRow, type FileRecord, type FileRepository, type FileRow } from "../file-repository.ts";
import { StorageConflict } from "../storage.ts";

const toFile = (r: FileRow<string>): FileRecord => fileFromRow(r, (at) => at);

export class SqliteFileRepository implements FileRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async create(file: Omit<FileRecord, "createdAt">): Promise<FileRecord> {
    const f = file;
    try {
      const row = this.#db
        .prepare(
          `INSERT INTO files (id, ticket_id, hall_id, contact_id, name, mime, size, sha256, sender_role, sender_id, sender_name, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING ${FILE_COLUMNS}`,
        )
        .get(f.id, f.ticketId, f.hallId, f.contactId, f.name, f.mime, f.size, f.sha256, f.senderRole, f.senderId, f.senderName, new Date().toISOString()) as unknown as FileRow<string>;
      return toFile(row);
    } catch (error) {
      if (/UNIQUE constraint failed: files\.id/.test((error as Error).message)) throw new StorageConflict(`a file with id ${f.id} already exists`, { cause: error });
      throw error;
    }
  }

  async get(id: string): Promise<FileRecord | undefined> {
    const row = this.#db.prepare(`SELECT ${FILE_COLUMNS} FROM files WHERE id = ?`).get(id) as FileRow<string> | undefined;
    return row && toFile(row);
  }

  async forTicket(ticketId: string): Promise<FileRecord[]> {
    return (this.#db.prepare(`SELECT ${FILE_COLUMNS} FROM files WHERE ticket_id = ? ORDER BY seq`).all(ticketId) as unknown as FileRow<string>[]).map(toFile);
  }

  async forContact(contactId: string): Promise<FileRecord[]> {
    return (this.#db.prepare(`SELECT ${FILE_COLUMNS} FROM files WHERE contact_id = ? ORDER BY seq`).all(contactId) as unknown as FileRow<string>[]).map(toFile);
  }

  async remove(id: string): Promise<boolean> {
    return Number(this.#db.prepare("DELETE FROM files WHERE id = ?").run(id).changes) > 0;
  }
}
