import { describe, expect, it } from "vitest";
import type { StaffUser } from "../signin/staff-auth-client.ts";
import { gateFor, isCurrent, navFor, rolesInWords, signInHref } from "./staff-gate.ts";

const user = (role: StaffUser["role"]): StaffUser => ({ id: "s1", name: "Ada", role, hallIds: [], skills: [], languages: ["en"] });

describe("the staff gate", () => {
  it("sends a signed-out visitor to sign in, lets the right roles in and stops the others", () => {
    expect(gateFor(undefined, ["supervisor", "admin"])).toBe("sign-in");
    expect(gateFor(user("admin"), ["supervisor", "admin"])).toBe("allowed");
    expect(gateFor(user("agent"), ["supervisor", "admin"])).toBe("forbidden");
  });

  it("comes back to the same page and filters after signing in", () => {
    expect(signInHref("/tickets", "?status=open,pending&q=退款")).toBe(`/signin?next=${encodeURIComponent("/tickets?status=open,pending&q=退款")}`);
    expect(new URLSearchParams(signInHref("/tickets/1001", "").split("?")[1]).get("next")).toBe("/tickets/1001");
  });

  it("names who a page is for in both languages", () => {
    expect(rolesInWords(["supervisor", "admin"], "en")).toBe("supervisors and administrators");
    expect(rolesInWords(["agent", "supervisor", "admin"], "en")).toBe("agents, supervisors, and administrators");
    expect(rolesInWords(["supervisor", "admin"], "zh-CN")).toBe("主管和管理员");
  });
});

describe("the staff nav", () => {
  it("offers each role only the pages the server lets it use", () => {
    expect(navFor("agent").map((l) => l.href)).toEqual(["/agent", "/tickets"]);
    expect(navFor("supervisor").map((l) => l.href)).toEqual(["/agent", "/supervisor", "/tickets"]);
    expect(navFor("admin").map((l) => l.href)).toEqual(["/supervisor", "/tickets", "/studio"]);
    expect(navFor("marketer").map((l) => l.href)).toEqual(["/studio"]);
  });

  it("marks the section we are in, ticket pages included", () => {
    expect(isCurrent("/tickets", "/tickets/1001")).toBe(true);
    expect(isCurrent("/tickets", "/tickets")).toBe(true);
    expect(isCurrent("/tickets", "/ticketsx")).toBe(false);
    expect(isCurrent("/agent", "/supervisor")).toBe(false);
  });
});
