import { randomUUID } from "node:crypto";
import type pg from "pg";
import { StorageConflict, type StaffRecord, type StaffRepository, type StaffRole } from "../storage.ts";
import { iso, isoOrNull } from "./database.ts";

interface StaffRow {
  id: string; email: string; display_name: string; role: string; password_hash: string; hall_ids: string[]; skills: string[]; languages: string[];
  disabled: boolean; failed_logins: number; locked_until: Date | null; created_at: Date;
}

const toStaff = (r: StaffRow): StaffRecord => ({
  id: r.id,
  email: r.email,
  displayName: r.display_name,
  role: r.role as StaffRole,
  passwordHash: r.password_hash,
  hallIds: r.hall_ids,
  skills: r.skills,
  languages: r.languages,
  disabled: r.disabled,
  failedLogins: r.failed_logins,
  lockedUntil: isoOrNull(r.locked_until),
  createdAt: iso(r.created_at),
});

/** PostgreSQL's SQLSTATE for a unique constraint violated. */
const UNIQUE_VIOLATION = "23505";

export class PostgresStaffRepository implements StaffRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
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
      await this.#pool.query(
        `INSERT INTO staff (id, email, display_name, role, password_hash, hall_ids, skills, languages, disabled, failed_logins, locked_until, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 0, NULL, $10)`,
        [record.id, record.email, record.displayName, record.role, record.passwordHash, record.hallIds, record.skills, record.languages, record.disabled, record.createdAt],
      );
    } catch (error) {
      const { code, constraint } = error as { code?: string; constraint?: string };
      if (code === UNIQUE_VIOLATION && constraint === "staff_email_key") throw new StorageConflict(`a staff member with email ${record.email} already exists`, { cause: error });
      throw error;
    }
    return record;
  }

  async get(id: string): Promise<StaffRecord | undefined> {
    const row = (await this.#pool.query<StaffRow>("SELECT * FROM staff WHERE id = $1", [id])).rows[0];
    return row && toStaff(row);
  }

  async byEmail(email: string): Promise<StaffRecord | undefined> {
    // Emails are stored lower-case, so lower-casing the question is enough (and uses the unique index).
    const row = (await this.#pool.query<StaffRow>("SELECT * FROM staff WHERE email = $1", [email.toLowerCase()])).rows[0];
    return row && toStaff(row);
  }

  async list(): Promise<StaffRecord[]> {
    return (await this.#pool.query<StaffRow>("SELECT * FROM staff ORDER BY seq")).rows.map(toStaff);
  }

  async recordFailedLogin(id: string, lockedUntil: string | null): Promise<number> {
    // One UPDATE takes the row's lock, so two failures at once both count.
    const { rows } = await this.#pool.query<{ failed_logins: number }>(
      "UPDATE staff SET failed_logins = failed_logins + 1, locked_until = $1 WHERE id = $2 RETURNING failed_logins",
      [lockedUntil, id],
    );
    return rows[0]?.failed_logins ?? 0;
  }

  async clearFailedLogins(id: string): Promise<void> {
    await this.#pool.query("UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE id = $1", [id]);
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.#pool.query("UPDATE staff SET password_hash = $1 WHERE id = $2", [passwordHash, id]);
  }
}
