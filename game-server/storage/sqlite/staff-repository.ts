import { randomUUID } from "node:crypto";
import type { DatabaseSync } from "node:sqlite";
import { StorageConflict, type StaffRecord, type StaffRepository, type StaffRole } from "../storage.ts";

interface StaffRow {
  id: string; email: string; display_name: string; role: string; password_hash: string; hall_ids: string; skills: string; languages: string;
  disabled: number; failed_logins: number; locked_until: string | null; created_at: string;
}

const toStaff = (r: StaffRow): StaffRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role as StaffRole,
  passwordHash: r.password_hash,
  hallIds: JSON.parse(r.hall_ids) as string[],
  skills: JSON.parse(r.skills) as string[],
  languages: JSON.parse(r.languages) as string[],
  disabled: r.disabled === 1,
  failedLogins: r.failed_logins,
  lockedUntil: r.locked_until,
  createdAt: r.created_at,
});

export class SqliteStaffRepository implements StaffRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async create(staff: Omit<StaffRecord, "id" | "createdAt" | "failedLogins" | "lockedUntil">): Promise<StaffRecord> {
    // Lists copied: the record returned is the one stored, whatever the caller does with its arrays afterwards.
    const record: StaffRecord = {
      ...staff,
      id: randomUUID(),
      email: staff.email.toLowerCase(),
      hallIds: [...staff.hallIds],
      skills: [...staff.skills],
      languages: [...staff.languages],
      failedLogins: 0,
      lockedUntil: null,
      createdAt: new Date().toISOString(),
    };
    try {
      this.#db
        .prepare(
          `INSERT INTO staff (id, email, display_name, role, password_hash, hall_ids, skills, languages, disabled, failed_logins, locked_until, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 0, NULL, ?)`,
        )
        .run(record.id, record.email, record.displayName, record.role, record.passwordHash, JSON.stringify(record.hallIds), JSON.stringify(record.skills), JSON.stringify(record.languages), record.disabled ? 1 : 0, record.createdAt);
    } catch (error) {
      if (/UNIQUE constraint failed: staff\.email/.test((error as Error).message)) throw new StorageConflict(`a staff member with email ${record.email} already exists`, { cause: error });
      throw error;
    }
    return record;
  }

  async get(id: string): Promise<StaffRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM staff WHERE id = ?").get(id) as StaffRow | undefined;
    return row && toStaff(row);
  }

  async byEmail(email: string): Promise<StaffRecord | undefined> {
    // Emails are stored lower-case, so lower-casing the question is enough (and uses the unique index).
    const row = this.#db.prepare("SELECT * FROM staff WHERE email = ?").get(email.toLowerCase()) as StaffRow | undefined;
    return row && toStaff(row);
  }

  async list(): Promise<StaffRecord[]> {
    return (this.#db.prepare("SELECT * FROM staff ORDER BY seq").all() as unknown as StaffRow[]).map(toStaff);
  }

  async recordFailedLogin(id: string, lockedUntil: string | null): Promise<number> {
    // One statement, so two failures at once both count.
    const row = this.#db.prepare("UPDATE staff SET failed_logins = failed_logins + 1, locked_until = ? WHERE id = ? RETURNING failed_logins").get(lockedUntil, id) as
      | { failed_logins: number }
      | undefined;
    return row?.failed_logins ?? 0;
  }

  async clearFailedLogins(id: string): Promise<void> {
    this.#db.prepare("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = ?").run(id);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    this.#db.prepare("UPDATE staff SET password_hash = ? WHERE id = ?").run(passwordHash, id);
  }
}
