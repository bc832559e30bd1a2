import { describe, expect, it } from "vitest";
import type { ServiceHours } from "./service-hours.ts";
import { ALWAYS_OPEN } from "./service-hours.ts";
import { slaClocks } from "./sla.ts";

const MIN = 60_000;
const H = 60 * MIN;
const at = (iso: string) => Date.parse(iso);
const nineToSix: Array<[string, string]> = [["09:00", "18:00"]];
/** Weekdays 09:00–18:00 in Shanghai; 2025-01-03 is a Friday. */
const hours: ServiceHours = { timeZone: "Asia/Shanghai", weekly: { mon: nineToSix, tue: nineToSix, wed: nineToSix, thu: nineToSix, fri: nineToSix } };
const targets = { firstResponseMs: 30 * MIN, resolutionMs: 8 * H };
const friday1750 = at("2025-01-03T17:50:00+08:00");

describe("slaClocks", () => {
  it("is due Monday 09:20 for a ticket created Friday 17:50 with a 30-minute target", () => {
    const { firstResponse } = slaClocks({ createdAt: friday1750, firstResponseAt: null, resolvedAt: null }, targets, hours, friday1750);
    expect(firstResponse.dueAt).toBe(at("2025-01-06T09:20:00+08:00"));
  });

  it("keeps running over the weekend: only open time counts", () => {
    const ticket = { createdAt: friday1750, firstResponseAt: null, resolvedAt: null };
    const sunday = slaClocks(ticket, targets, hours, at("2025-01-05T15:00:00+08:00")).firstResponse;
    expect(sunday).toMatchObject({ state: "running", elapsedMs: 10 * MIN, stoppedAt: null, targetMs: 30 * MIN });
    const monday = slaClocks(ticket, targets, hours, at("2025-01-06T09:20:00+08:00")).firstResponse;
    expect(monday).toMatchObject({ state: "running", elapsedMs: 30 * MIN });
    const late = slaClocks(ticket, targets, hours, at("2025-01-06T09:21:00+08:00")).firstResponse;
    expect(late).toMatchObject({ state: "breached", elapsedMs: 31 * MIN });
  });

  it("stops at the first response: met within the target, and stays met", () => {
    const ticket = { createdAt: friday1750, firstResponseAt: at("2025-01-06T09:05:00+08:00"), resolvedAt: null };
    const clocks = slaClocks(ticket, targets, hours, at("2025-01-08T12:00:00+08:00"));
    expect(clocks.firstResponse).toMatchObject({ state: "met", elapsedMs: 15 * MIN, stoppedAt: ticket.firstResponseAt });
    // The resolution clock is still running, and by Wednesday noon past its 8 open hours.
    expect(clocks.resolution).toMatchObject({ state: "breached", stoppedAt: null, elapsedMs: 10 * MIN + 9 * H + 9 * H + 3 * H });
    expect(clocks.resolution.dueAt).toBe(at("2025-01-06T16:50:00+08:00"));
  });

  it("is breached when stopped after the target", () => {
    const ticket = { createdAt: friday1750, firstResponseAt: at("2025-01-06T10:00:00+08:00"), resolvedAt: at("2025-01-06T11:00:00+08:00") };
    const clocks = slaClocks(ticket, targets, hours, at("2025-01-06T12:00:00+08:00"));
    expect(clocks.firstResponse).toMatchObject({ state: "breached", elapsedMs: 70 * MIN });
    expect(clocks.resolution).toMatchObject({ state: "met", elapsedMs: 130 * MIN });
  });

  it("counts wall-clock time when the desk is always open", () => {
    const ticket = { createdAt: friday1750, firstResponseAt: null, resolvedAt: null };
    const { firstResponse } = slaClocks(ticket, targets, ALWAYS_OPEN, friday1750 + 20 * MIN);
    expect(firstResponse).toMatchObject({ state: "running", elapsedMs: 20 * MIN, dueAt: friday1750 + 30 * MIN });
  });
});
