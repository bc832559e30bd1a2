import { describe, expect, it } from "vitest";
import { GuestTokens } from "./guest-token.ts";

describe("GuestTokens", () => {
  const tokens = new GuestTokens("a-very-secret-secret-value");

  it("round-trips the claims it issued", () => {
    const token = tokens.issue({ vid: "v1", name: "Ada", role: "customer" });
    expect(tokens.verify(token)).toMatchObject({ vid: "v1", name: "Ada", role: "customer" });
  });

  it("rejects a token whose claims were edited", () => {
    const token = tokens.issue({ vid: "v1", name: "Ada", role: "customer" });
    const [, mac] = token.split(".");
    const forged = Buffer.from(JSON.stringify({ vid: "v1", name: "Ada", role: "agent", exp: 9e9 })).toString("base64url");
    expect(() => tokens.verify(`${forged}.${mac}`)).toThrow(/signature/);
  });

  it("rejects a token signed with another secret", () => {
    const other = new GuestTokens("another-secret-entirely!!");
    expect(() => tokens.verify(other.issue({ vid: "v1", name: "Ada", role: "customer" }))).toThrow(/signature/);
  });

  it("rejects an expired token", () => {
    const token = tokens.issue({ vid: "v1", name: "Ada", role: "customer" }, Date.now() - 8 * 24 * 3600 * 1000);
    expect(() => tokens.verify(token)).toThrow(/expired/);
  });

  it("rejects garbage", () => {
    expect(() => tokens.verify("not-a-token")).toThrow(/malformed/);
  });
});
