import type { StaffRecord } from "./storage.ts";

/** The people who sign in to work in the halls: agents, supervisors, marketers and admins. */
export interface StaffRepository {
  /**
   * Stores a new staff member under a fresh id, with no failed logins; the email is stored lower-case.
   * Rejects with `StorageConflict` when the email (in any case) is taken. Resolves once it is durable.
   */
  create(staff: Omit<StaffRecord, "id" | "createdAt" | "failedLogins" | "lockedUntil">): Promise<StaffRecord>;
  get(id: string): Promise<StaffRecord | undefined>;
  /** Finds the staff member by email, whatever its case. */
  byEmail(email: string): Promise<StaffRecord | undefined>;
  /** Everyone, oldest first (in the order they were created). */
  list(): Promise<StaffRecord[]>;
  /**
   * Counts one more failed login (atomically: concurrent failures each count) and sets `lockedUntil`;
   * resolves with the new count, or 0 for an unknown id (nothing is stored).
   */
  recordFailedLogin(id: string, lockedUntil: string | null): Promise<number>;
  /** Back to no failed logins and no lock (after a good login). Unknown ids are ignored. */
  clearFailedLogins(id: string): Promise<void>;
  /** Replaces the password hash. Unknown ids are ignored. */
  setPassword(id: string, passwordHash: string): Promise<void>;
}
