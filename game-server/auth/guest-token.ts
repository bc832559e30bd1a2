import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";

/**
 * Signed, self-contained visitor identity. Issued by POST /api/session and checked by
 * HallRoom.onAuth, so a client can never claim another visitor's id, name or role.
 */
export const Role = z.enum(["customer", "agent"]);
export type Role = z.infer<typeof Role>;

const Claims = z.object({ vid: z.string().min(1).max(64), name: z.string().min(1).max(64), role: Role, exp: z.number().int() });
export type GuestClaims = z.infer<typeof Claims>;

export class GuestTokens {
  readonly #secret: Buffer;
  readonly #ttlSeconds: number;

  constructor(secret: string, ttlSeconds = 7 * 24 * 3600) {
    if (secret.length < 16) throw new Error("token secret must be at least 16 characters");
    this.#secret = Buffer.from(secret);
    this.#ttlSeconds = ttlSeconds;
  }

  issue(claims: Omit<GuestClaims, "exp">, now = Date.now()): string {
    const body = Buffer.from(JSON.stringify({ ...claims, exp: Math.floor(now / 1000) + this.#ttlSeconds })).toString("base64url");
    return `${body}.${this.#sign(body)}`;
  }

  /** Returns the claims, or throws with a reason a client may see. */
  verify(token: string, now = Date.now()): GuestClaims {
    const [body, mac] = token.split(".");
    if (!body || !mac) throw new Error("malformed token");
    const expected = Buffer.from(this.#sign(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new Error("bad token signature");
    let json: unknown;
    try {
      json = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      throw new Error("malformed token");
    }
    const claims = Claims.parse(json);
    if (claims.exp * 1000 < now) throw new Error("token expired");
    return claims;
  }

  #sign(body: string): string {
    return createHmac("sha256", this.#secret).update(body).digest("base64url");
  }
}
