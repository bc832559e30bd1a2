import { describe, expect, it } from "vitest";
import { IceRestartPolicy } from "./ice-restart-policy.ts";

describe("IceRestartPolicy", () => {
  it("restarts at once when ICE failed", () => {
    const policy = new IceRestartPolicy();
    policy.observe("connected", 0);
    policy.observe("failed", 1000);
    expect(policy.shouldRestart(1000)).toBe(true);
  });

  it("gives a disconnected transport a grace period to come back by itself", () => {
    const policy = new IceRestartPolicy();
    policy.observe("connected", 0);
    policy.observe("disconnected", 1000);
    expect(policy.shouldRestart(2000)).toBe(false);
    policy.observe("connected", 2500); // it did
    expect(policy.shouldRestart(10_000)).toBe(false);
    policy.observe("disconnected", 11_000);
    expect(policy.shouldRestart(13_600)).toBe(true); // this time it did not
  });

  it("restarts a connected transport when the browser says the network changed", () => {
    const policy = new IceRestartPolicy();
    policy.observe("connected", 0);
    expect(policy.shouldRestart(5000)).toBe(false);
    expect(policy.shouldRestart(5000, true)).toBe(true);
  });

  it("spaces out restarts while the transport stays down, and starts afresh once it is back", () => {
    const policy = new IceRestartPolicy({ graceMs: 0, minGapMs: 1000, maxGapMs: 4000 });
    policy.observe("connected", 0);
    policy.observe("failed", 0);
    const restarts: number[] = [];
    for (let t = 0; t <= 20_000; t += 100) if (policy.shouldRestart(t)) restarts.push(t);
    expect(restarts).toEqual([0, 1000, 3000, 7000, 11_000, 15_000, 19_000]);
    policy.observe("connected", 20_000);
    policy.observe("failed", 25_000);
    expect(policy.shouldRestart(25_000)).toBe(true);
    expect(policy.attempts).toBe(1);
  });

  it("does nothing for a transport that never connected or is closed", () => {
    const policy = new IceRestartPolicy();
    expect(policy.shouldRestart(0, true)).toBe(false);
    policy.observe("closed", 1);
    expect(policy.shouldRestart(10_000, true)).toBe(false);
  });
});
