import { describe, expect, it } from "vitest";
import { PrivateSessions } from "./private-sessions.ts";

describe("PrivateSessions", () => {
  it("lets only the members of a session receive a member's media, while members still hear the hall", () => {
    const sessions = new PrivateSessions();
    sessions.open("call-1", ["customer", "agent"]);
    expect(sessions.mayReceive("agent", "customer")).toBe(true);
    expect(sessions.mayReceive("customer", "agent")).toBe(true);
    expect(sessions.mayReceive("bystander", "customer")).toBe(false);
    expect(sessions.mayReceive("bystander", "agent")).toBe(false);
    expect(sessions.mayReceive("customer", "bystander")).toBe(true);
    expect(sessions.mayReceive("bystander", "other")).toBe(true);
  });

  it("keeps two sessions apart and moves a person who joins another session", () => {
    const sessions = new PrivateSessions();
    sessions.open("a", ["c1", "agent1"]);
    sessions.open("b", ["c2", "agent2"]);
    expect(sessions.mayReceive("c2", "c1")).toBe(false);
    sessions.open("b", ["c2", "agent2", "agent1"]); // agent1 is pulled into b; a is left with one member and ends
    expect(sessions.sessionOf("agent1")).toBe("b");
    expect(sessions.sessionOf("c1")).toBeUndefined();
    expect(sessions.mayReceive("bystander", "c1")).toBe(true);
    expect(sessions.mayReceive("agent1", "c2")).toBe(true);
  });

  it("opens the hall again when a session ends or its other member leaves", () => {
    const sessions = new PrivateSessions();
    sessions.open("a", ["c1", "agent1"]);
    sessions.leave("agent1");
    expect(sessions.list()).toEqual([]);
    expect(sessions.mayReceive("bystander", "c1")).toBe(true);
    sessions.open("a", ["c1", "agent1"]);
    sessions.close("a");
    expect(sessions.mayReceive("bystander", "agent1")).toBe(true);
  });

  it("refuses a session without an id or with fewer than two people", () => {
    const sessions = new PrivateSessions();
    expect(() => sessions.open("", ["a", "b"])).toThrow(/id/);
    expect(() => sessions.open("x", ["a"])).toThrow(/two/);
  });
});
