import { z } from "zod";
import { Role } from "./roles.ts";
import { SignedTokens } from "./signed-tokens.ts";

export { Role, StaffRole } from "./roles.ts";

/** A customer's hall token lasts a week (their name is remembered on the browser); staff's a shift. */
export const GUEST_TOKEN_SECONDS = 7 * 24 * 3600;
export const STAFF_HALL_TOKEN_SECONDS = 12 * 3600;

const Claims = z.object({ vid: z.string().min(1).max(64), name: z.string().min(1).max(64), role: Role });
export type GuestClaims = z.infer<typeof Claims> & { exp: number };

/**
 * The hall token: who someone is in a hall (visitor id, name, role), signed and expiring. Issued
 * by POST /api/session — a customer's for anyone, a staff role only to a signed-in staff member —
 * and checked by HallRoom.onAuth, so a client can never claim another visitor's id, name or role.
 */
export class GuestTokens {
  readonly #tokens: SignedTokens<typeof Claims>;

  constructor(secret: string) {
    this.#tokens = new SignedTokens(secret, "atrium:hall", Claims);
  }

  /** `notAfter` (epoch seconds) caps the lifetime: a staff member's hall token never outlives their sign-in. */
  async issue(claims: Omit<GuestClaims, "exp">, now = Date.now(), notAfter = Infinity): Promise<string> {
    const ttl = claims.role === "customer" ? GUEST_TOKEN_SECONDS : STAFF_HALL_TOKEN_SECONDS;
    return this.#tokens.sign(Claims.parse(claims), Math.max(0, Math.min(ttl, notAfter - Math.floor(now / 1000))), now);
  }

  /** The claims, or a `TokenRejected` with a reason a client may see. */
  verify(token: string, now = Date.now()): Promise<GuestClaims> {
    return this.#tokens.verify(token, now);
  }
}
