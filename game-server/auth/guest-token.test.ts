import { SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { GuestTokens } from "./guest-token.ts";
import { StaffSessions } from "./staff-session.ts";

const SECRET = "a-very-secret-secret-value";
const HOUR = 3600 * 1000;

describe("GuestTokens (hall tokens)", () => {
  const tokens = new GuestTokens(SECRET);

  it("round-trips the claims it issued, a customer's for a week and staff's for a shift", async () => {
    const now = Date.now();
    const customer = await tokens.verify(await tokens.issue({ vid: "v1", name: "Ada", role: "customer" }, now));
    expect(customer).toMatchObject({ vid: "v1", name: "Ada", role: "customer" });
    expect(customer.exp - Math.floor(now / 1000)).toBe(7 * 24 * 3600);
    const agent = await tokens.verify(await tokens.issue({ vid: "s1", name: "Lin", role: "agent" }, now));
    expect(agent).toMatchObject({ vid: "s1", role: "agent" });
    expect(agent.exp - Math.floor(now / 1000)).toBe(12 * 3600);
  });

  it("a staff hall token ends with the sign-in it was issued under", async () => {
    const now = Date.now();
    const signInEnds = Math.floor(now / 1000) + 3600;
    expect((await tokens.verify(await tokens.issue({ vid: "s1", name: "Lin", role: "agent" }, now, signInEnds))).exp).toBe(signInEnds);
    await expect(tokens.verify(await tokens.issue({ vid: "s1", name: "Lin", role: "agent" }, now, signInEnds), now + 3601_000)).rejects.toThrow(/expired/);
  });

  it("a customer token cannot be edited to say agent", async () => {
    const [header, body, signature] = (await tokens.issue({ vid: "v1", name: "Ada", role: "customer" })).split(".");
    const claims = JSON.parse(Buffer.from(body!, "base64url").toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, role: "agent" })).toString("base64url");
    await expect(tokens.verify(`${header}.${forged}.${signature}`)).rejects.toThrow(/signature/);
  });

  it("rejects a token signed with another secret", async () => {
    const other = new GuestTokens("another-secret-entirely!!");
    await expect(tokens.verify(await other.issue({ vid: "v1", name: "Ada", role: "customer" }))).rejects.toThrow(/signature/);
  });

  it("rejects an unsigned token (alg none)", async () => {
    const [, body] = (await tokens.issue({ vid: "v1", name: "Ada", role: "admin" })).split(".");
    const none = Buffer.from(JSON.stringify({ alg: "none" })).toString("base64url");
    await expect(tokens.verify(`${none}.${body}.`)).rejects.toThrow();
  });

  it("rejects an expired token", async () => {
    const token = await tokens.issue({ vid: "v1", name: "Ada", role: "customer" }, Date.now() - 8 * 24 * HOUR);
    await expect(tokens.verify(token)).rejects.toThrow(/expired/);
    const staff = await tokens.issue({ vid: "s1", name: "Lin", role: "agent" }, Date.now() - 13 * HOUR);
    await expect(tokens.verify(staff)).rejects.toThrow(/expired/);
  });

  it("rejects a token for another audience or issuer, with the right key", async () => {
    const key = new TextEncoder().encode(SECRET);
    const sign = (aud: string, iss: string) =>
      new SignJWT({ vid: "v1", name: "Ada", role: "customer" }).setProtectedHeader({ alg: "HS256" }).setIssuer(iss).setAudience(aud).setIssuedAt().setExpirationTime("1h").sign(key);
    await expect(tokens.verify(await sign("someone-else", "atrium"))).rejects.toThrow(/not valid here \(aud\)/);
    await expect(tokens.verify(await sign("atrium:hall", "evil"))).rejects.toThrow(/not valid here \(iss\)/);
    expect(await tokens.verify(await sign("atrium:hall", "atrium"))).toMatchObject({ vid: "v1" });
  });

  it("rejects claims of an unknown role, and garbage", async () => {
    await expect(tokens.issue({ vid: "v1", name: "Ada", role: "concierge" as never })).rejects.toThrow();
    await expect(tokens.verify("not-a-token")).rejects.toThrow(/malformed/);
    await expect(tokens.verify("")).rejects.toThrow(/malformed/);
  });
});

describe("StaffSessions (the sign-in cookie)", () => {
  const sessions = new StaffSessions(SECRET);
  const hall = new GuestTokens(SECRET);

  it("round-trips a staff member's id, name and role for 12 hours", async () => {
    const now = Date.now();
    const claims = await sessions.verify(await sessions.issue({ sub: "s1", name: "Lin", role: "supervisor" }, now), now + 11 * HOUR);
    expect(claims).toMatchObject({ sub: "s1", name: "Lin", role: "supervisor" });
    await expect(sessions.verify(await sessions.issue({ sub: "s1", name: "Lin", role: "supervisor" }, now), now + 13 * HOUR)).rejects.toThrow(/expired/);
  });

  it("is never issued for a customer", async () => {
    await expect(sessions.issue({ sub: "v1", name: "Ada", role: "customer" as never })).rejects.toThrow();
  });

  it("does not accept a hall token as a session, nor a session as a hall token", async () => {
    await expect(sessions.verify(await hall.issue({ vid: "s1", name: "Lin", role: "agent" }))).rejects.toThrow(/aud/);
    await expect(hall.verify(await sessions.issue({ sub: "s1", name: "Lin", role: "agent" }))).rejects.toThrow(/aud/);
  });
});
