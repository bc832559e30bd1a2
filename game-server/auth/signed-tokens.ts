import { errors, jwtVerify, SignJWT, type JWTPayload } from "jose";
import type { z } from "zod";

const ISSUER = "atrium";
const ALGORITHM = "HS256";

/** A token refused, with a reason a client may see (it says nothing about the secret). */
export class TokenRejected extends Error {
  override readonly name = "TokenRejected";
}

/**
 * HS256 JWTs for one audience (jose): issuer, audience, issued-at and expiry are set on issue and
 * checked on verify, and the claims must match `schema`. Each kind of token has its own audience,
 * so one kind can never be passed off as another (a hall token as a staff session cookie).
 */
export class SignedTokens<C extends z.ZodType<object>> {
  readonly #key: Uint8Array;
  readonly #audience: string;
  readonly #schema: C;

  constructor(secret: string, audience: string, schema: C) {
    if (secret.length < 16) throw new Error("token secret must be at least 16 characters");
    this.#key = new TextEncoder().encode(secret);
    this.#audience = audience;
    this.#schema = schema;
  }

  sign(claims: z.infer<C>, ttlSeconds: number, now = Date.now()): Promise<string> {
    const iat = Math.floor(now / 1000);
    return new SignJWT({ ...(claims as JWTPayload) })
      .setProtectedHeader({ alg: ALGORITHM, typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(this.#audience)
      .setIssuedAt(iat)
      .setExpirationTime(iat + ttlSeconds)
      .sign(this.#key);
  }

  /** The claims (with `exp`), or a {@link TokenRejected} saying why not. */
  async verify(token: string, now = Date.now()): Promise<z.infer<C> & { exp: number }> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, this.#key, { issuer: ISSUER, audience: this.#audience, algorithms: [ALGORITHM], currentDate: new Date(now), requiredClaims: ["exp", "iat"] }));
    } catch (error) {
      throw new TokenRejected(reason(error), { cause: error });
    }
    const claims = this.#schema.safeParse(payload);
    if (!claims.success) throw new TokenRejected("malformed token");
    return { ...claims.data, exp: payload.exp! };
  }
}

function reason(error: unknown): string {
  if (error instanceof errors.JWTExpired) return "token expired";
  if (error instanceof errors.JWSSignatureVerificationFailed) return "bad token signature";
  if (error instanceof errors.JWTClaimValidationFailed) return `token is not valid here (${error.claim})`;
  if (error instanceof errors.JOSEAlgNotAllowed) return "bad token signature";
  return "malformed token";
}
