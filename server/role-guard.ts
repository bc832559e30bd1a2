import type { IncomingMessage } from "node:http";
import type { StaffRole } from "../game-server/auth/roles.ts";
import type { StaffSessions } from "../game-server/auth/staff-session.ts";
import type { StaffRecord } from "../game-server/storage/storage.ts";
import type { StaffRepository } from "../game-server/storage/staff-repository.ts";
import { HttpError } from "./http-json.ts";

/** The httpOnly cookie that carries a staff member's sign-in (a `StaffSessions` token). */
export const STAFF_COOKIE = "atrium_staff";

/** One cookie's value from the `cookie` header, or undefined. */
export function readCookie(req: Pick<IncomingMessage, "headers">, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}

/**
 * Who is signed in on a request, and the check every staff route makes first. The account is
 * re-read on every request, so disabling someone or changing their role takes effect at once,
 * whatever their cookie still says.
 */
export class RoleGuard {
  readonly #sessions: StaffSessions;
  readonly #staff: StaffRepository;
  readonly #now: () => number;

  constructor(sessions: StaffSessions, staff: StaffRepository, now: () => number = Date.now) {
    this.#sessions = sessions;
    this.#staff = staff;
    this.#now = now;
  }

  /** The signed-in staff member (even a disabled one), or undefined for no, a forged or an expired cookie. */
  async signedIn(req: Pick<IncomingMessage, "headers">): Promise<StaffRecord | undefined> {
    return (await this.session(req))?.staff;
  }

  /** The signed-in staff member and when their sign-in ends (epoch seconds). */
  async session(req: Pick<IncomingMessage, "headers">): Promise<{ staff: StaffRecord; exp: number } | undefined> {
    const token = readCookie(req, STAFF_COOKIE);
    if (!token) return undefined;
    const claims = await this.#sessions.verify(token, this.#now()).catch(() => undefined);
    const staff = claims && (await this.#staff.get(claims.sub));
    return staff && claims ? { staff, exp: claims.exp } : undefined;
  }

  /** The signed-in staff member if their role is one of `roles`; else 401 (not signed in) or 403. */
  async requireRole(req: Pick<IncomingMessage, "headers">, roles: readonly StaffRole[]): Promise<StaffRecord> {
    const staff = await this.signedIn(req);
    if (!staff) throw new HttpError(401, "sign in as staff first");
    if (staff.disabled) throw new HttpError(403, "this account is disabled");
    if (!roles.includes(staff.role)) throw new HttpError(403, `this needs the role ${roles.join(" or ")}; you are ${staff.role}`);
    return staff;
  }
}

export const ALL_STAFF: readonly StaffRole[] = ["agent", "supervisor", "marketer", "admin"];
