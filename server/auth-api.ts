import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import { z } from "zod";
import type { GuestTokens } from "../game-server/auth/guest-token.ts";
import { unknownAccountHash, verifyPassword } from "../game-server/auth/password.ts";
import type { StaffSessions } from "../game-server/auth/staff-session.ts";
import type { Logger } from "../game-server/logging/logger.ts";
import { STAFF_SESSION_SECONDS } from "../game-server/auth/staff-session.ts";
import { DisplayName } from "../game-server/protocol/messages.ts";
import type { StaffRecord, Storage } from "../game-server/storage/storage.ts";
import { HttpError, readJson, sendJson } from "./http-json.ts";
import { ALL_STAFF, STAFF_COOKIE, type RoleGuard } from "./role-guard.ts";

/** Failed sign-ins in a row that lock an account, and for how long. */
export const MAX_FAILED_SIGNINS = 5;
export const LOCKOUT_MS = 15 * 60_000;
/** The one answer for an unknown email and a wrong password, so neither reveals which accounts exist. */
export const WRONG_CREDENTIALS = "wrong email or password";
/** A sign-in body is two short strings. */
const SIGNIN_BODY_LIMIT = 4 * 1024;

const SignInRequest = z.object({
  email: z.string({ error: "enter your email" }).trim().min(3, "enter your email").max(254, "that email is too long").email("enter a valid email"),
  password: z.string({ error: "enter your password" }).min(1, "enter your password").max(1024, "that password is too long"),
});
const SessionRequest = z.object({ name: DisplayName });

export interface AuthApiDeps {
  storage: Storage;
  tokens: GuestTokens;
  staffSessions: StaffSessions;
  roles: RoleGuard;
  /** The clock for lockouts and tokens (tests move it). */
  now?: () => number;
  /** Sign-ins, failures and locks, for operators (never a password). */
  log?: Logger;
}

/** What a page may know about a signed-in staff member (never the hash or sign-in state). */
export function publicUser(staff: StaffRecord) {
  return { id: staff.id, name: staff.displayName, role: staff.role, hallIds: staff.hallIds, skills: staff.skills, languages: staff.languages };
}

/**
 * Staff sign-in (`/api/auth/signin`, `/signout`, `/me`) and the hall token (`/api/session`):
 * a customer token for anyone, a staff member's role only with their sign-in cookie.
 * Returns false when the request is not one of these routes.
 */
export async function handleAuthApi(req: IncomingMessage, res: ServerResponse, url: URL, deps: AuthApiDeps): Promise<boolean> {
  const route = `${req.method} ${url.pathname}`;
  const now = deps.now ?? Date.now;
  switch (route) {
    case "POST /api/auth/signin":
      try {
        await signIn(req, res, deps, now());
      } catch (error) {
        if (!(error instanceof Locked)) throw error;
        res.setHeader("retry-after", String(error.retryAfterSeconds));
        sendJson(res, 423, { error: error.message, retryAfterSeconds: error.retryAfterSeconds });
      }
      return true;
    case "POST /api/auth/signout":
      res.setHeader("set-cookie", cookie(req, "", 0));
      sendJson(res, 200, { signedOut: true });
      return true;
    case "GET /api/auth/me":
      sendJson(res, 200, { user: publicUser(await deps.roles.requireRole(req, ALL_STAFF)) });
      return true;
    case "POST /api/session":
      await hallSession(req, res, deps, now());
      return true;
  }
  if (url.pathname.startsWith("/api/auth/")) throw new HttpError(url.pathname.match(/^\/api\/auth\/(signin|signout|me)$/) ? 405 : 404, `no route ${route}`);
  return false;
}

async function signIn(req: IncomingMessage, res: ServerResponse, deps: AuthApiDeps, now: number): Promise<void> {
  const parsed = SignInRequest.safeParse(await readJson(req, SIGNIN_BODY_LIMIT));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? "invalid sign-in request");
  const { email, password } = parsed.data;
  const staff = deps.storage.staff;
  let account = await staff.byEmail(email);
  const address = req.socket.remoteAddress;
  if (!account) {
    // As slow as a real check, so the answer's timing does not tell which emails have accounts.
    await verifyPassword(password, await unknownAccountHash());
    deps.log?.info("staff sign-in refused: unknown email", { address });
    throw new HttpError(401, WRONG_CREDENTIALS);
  }
  const lockedUntil = account.lockedUntil ? Date.parse(account.lockedUntil) : 0;
  if (lockedUntil > now) throw locked(lockedUntil, now);
  if (account.lockedUntil) {
    // The lock has run out: a fresh run of tries.
    await staff.clearFailedLogins(account.id);
    account = { ...account, failedLogins: 0, lockedUntil: null };
  }
  if (!(await verifyPassword(password, account.passwordHash))) {
    const lockAt = now + LOCKOUT_MS;
    const locks = account.failedLogins + 1 >= MAX_FAILED_SIGNINS;
    let count = await staff.recordFailedLogin(account.id, locks ? new Date(lockAt).toISOString() : null);
    // Failures racing each other can pass the limit without the one that saw it coming: lock now.
    if (!locks && count >= MAX_FAILED_SIGNINS) count = await staff.recordFailedLogin(account.id, new Date(lockAt).toISOString());
    if (count >= MAX_FAILED_SIGNINS) {
      deps.log?.warn("staff account locked after wrong passwords", { staffId: account.id, failures: count, address });
      throw locked(lockAt, now);
    }
    deps.log?.info("staff sign-in refused: wrong password", { staffId: account.id, failures: count, address });
    throw new HttpError(401, WRONG_CREDENTIALS);
  }
  // Only someone who knows the password learns that the account is disabled.
  if (account.disabled) throw new HttpError(403, "this account is disabled; ask an administrator");
  if (account.failedLogins > 0) await staff.clearFailedLogins(account.id);
  const token = await deps.staffSessions.issue({ sub: account.id, name: account.displayName, role: account.role }, now);
  res.setHeader("set-cookie", cookie(req, token, STAFF_SESSION_SECONDS));
  deps.log?.info("staff signed in", { staffId: account.id, role: account.role, address });
  sendJson(res, 200, { user: publicUser(account) });
}

class Locked extends HttpError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super(423, `too many wrong passwords: this account is locked for ${Math.ceil(retryAfterSeconds / 60)} more minutes`);
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

function locked(until: number, now: number): Locked {
  return new Locked(Math.max(1, Math.ceil((until - now) / 1000)));
}

async function hallSession(req: IncomingMessage, res: ServerResponse, deps: AuthApiDeps, now: number): Promise<void> {
  const parsed = SessionRequest.safeParse(await readJson(req));
  if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? "invalid session request");
  const session = await deps.roles.session(req);
  if (session && !session.staff.disabled) {
    // Staff enter under their account's id and name, whatever name the form had, until their sign-in ends.
    const { staff, exp } = session;
    const token = await deps.tokens.issue({ vid: staff.id, name: staff.displayName, role: staff.role }, now, exp);
    sendJson(res, 201, { token, visitor: { id: staff.id, name: staff.displayName, role: staff.role, createdAt: staff.createdAt } });
    return;
  }
  const visitor = await deps.storage.visitors.create({ name: parsed.data.name, role: "customer" });
  const token = await deps.tokens.issue({ vid: visitor.id, name: visitor.name, role: "customer" }, now);
  sendJson(res, 201, { token, visitor });
}

/** httpOnly (no script reads it), SameSite=Lax (not sent on cross-site POSTs), Secure over https. */
function cookie(req: IncomingMessage, value: string, maxAgeSeconds: number): string {
  const https = (req.socket as TLSSocket).encrypted === true || req.headers["x-forwarded-proto"] === "https";
  return `${STAFF_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${https ? "; Secure" : ""}`;
}
