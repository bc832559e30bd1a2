import { describe, expect, it } from "vitest";
import { PrivateCalls } from "./private-calls.ts";

describe("PrivateCalls", () => {
  it("lets only the members of a call receive a member's media, while members still hear the hall", () => {
    const calls = new PrivateCalls();
    calls.open("call-1", ["customer", "agent"]);
    expect(calls.mayReceive("agent", "customer")).toBe(true);
    expect(calls.mayReceive("customer", "agent")).toBe(true);
    expect(calls.mayReceive("bystander", "customer")).toBe(false);
    expect(calls.mayReceive("bystander", "agent")).toBe(false);
    expect(calls.mayReceive("customer", "bystander")).toBe(true);
    expect(calls.mayReceive("bystander", "other")).toBe(true);
  });

  it("keeps two calls apart and moves a person who joins another call", () => {
    const calls = new PrivateCalls();
    calls.open("a", ["c1", "agent1"]);
    calls.open("b", ["c2", "agent2"]);
    expect(calls.mayReceive("c2", "c1")).toBe(false);
    calls.open("b", ["c2", "agent2", "agent1"]); // agent1 is pulled into b; a is left with one member and ends
    expect(calls.callOf("agent1")).toBe("b");
    expect(calls.callOf("c1")).toBeUndefined();
    expect(calls.mayReceive("bystander", "c1")).toBe(true);
    expect(calls.mayReceive("agent1", "c2")).toBe(true);
  });

  it("opens the hall again when a call ends or its other member leaves", () => {
    const calls = new PrivateCalls();
    calls.open("a", ["c1", "agent1"]);
    calls.leave("agent1");
    expect(calls.list()).toEqual([]);
    expect(calls.mayReceive("bystander", "c1")).toBe(true);
    calls.open("a", ["c1", "agent1"]);
    calls.close("a");
    expect(calls.mayReceive("bystander", "agent1")).toBe(true);
  });

  it("refuses a call without an id or with fewer than two people", () => {
    const calls = new PrivateCalls();
    expect(() => calls.open("", ["a", "b"])).toThrow(/id/);
    expect(() => calls.open("x", ["a"])).toThrow(/two/);
  });
});
