import { describe, expect, it } from "vitest";
import { hashPassword, SCRYPT, unknownAccountHash, verifyPassword } from "./password.ts";

describe("passwords", () => {
  it("verifies the right password and refuses a wrong one", async () => {
    const stored = await hashPassword("correct horse battery");
    expect(await verifyPassword("correct horse battery", stored)).toBe(true);
    expect(await verifyPassword("correct horse batterY", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores its parameters and a fresh salt with each hash, never the password", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).toMatch(new RegExp(`^scrypt\\$${SCRYPT.N}\\$${SCRYPT.r}\\$${SCRYPT.p}\\$[\\w-]{22}\\$[\\w-]{43}$`));
    expect(a).not.toBe(b);
    expect(a).not.toContain("same");
  });

  it("treats a tampered or foreign hash as no match, without throwing", async () => {
    const stored = await hashPassword("hunter2hunter2");
    const parts = stored.split("$");
    const flipped = parts[5]!.startsWith("A") ? `B${parts[5]!.slice(1)}` : `A${parts[5]!.slice(1)}`;
    const cases = [
      [...parts.slice(0, 5), flipped].join("$"), // hash edited
      [...parts.slice(0, 4), Buffer.alloc(16, 1).toString("base64url"), parts[5]].join("$"), // salt swapped
      ["scrypt", 2 ** 14, ...parts.slice(2)].join("$"), // cheaper cost claimed
      ["scrypt", 2 ** 30, ...parts.slice(2)].join("$"), // a gigabyte-sized cost claimed
      ["scrypt", 1000, ...parts.slice(2)].join("$"), // N not a power of two
      stored.replace("scrypt", "bcrypt"),
      "",
      "hunter2hunter2",
    ];
    for (const bad of cases) expect(await verifyPassword("hunter2hunter2", bad), bad).toBe(false);
  });

  it("has a hash for unknown accounts that no password matches", async () => {
    expect(await verifyPassword("", await unknownAccountHash())).toBe(false);
  });
});
