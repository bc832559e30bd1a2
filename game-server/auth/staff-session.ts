import { z } from "zod";
import { StaffRole } from "./roles.ts";
import { SignedTokens } from "./signed-tokens.ts";

/** A staff sign-in lasts a working shift. */
export const STAFF_SESSION_SECONDS = 12 * 3600;

const Claims = z.object({ sub: z.string().min(1).max(64), name: z.string().min(1).max(64), role: StaffRole });
export type StaffClaims = z.infer<typeof Claims> & { exp: number };

/**
 * A signed-in staff member's session (the `atrium_staff` cookie): their staff id as `sub`, name
 * and role. Its own audience, so a hall token (which pages keep in localStorage) is never
 * accepted as a sign-in. The server still re-reads the account on every use, so a disabled
 * account or a changed role takes effect at once.
 */
export class StaffSessions {
  readonly #tokens: SignedTokens<typeof Claims>;

  constructor(secret: string) {
    this.#tokens = new SignedTokens(secret, "atrium:staff", Claims);
  }

  async issue(claims: Omit<StaffClaims, "exp">, now = Date.now()): Promise<string> {
    return this.#tokens.sign(Claims.parse(claims), STAFF_SESSION_SECONDS, now);
  }

  verify(token: string, now = Date.now()): Promise<StaffClaims> {
    return this.#tokens.verify(token, now);
  }
}
