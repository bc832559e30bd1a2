import type { ServiceHours } from "./service-hours.ts";
import { addBusinessMs, businessMs } from "./service-hours.ts";

/** How long a ticket may take, counted in the desk's open time (a night or a weekend does not count). */
export interface SlaTargets {
  firstResponseMs: number;
  resolutionMs: number;
}

export interface SlaClock {
  targetMs: number;
  /** Open time from the ticket's creation to when the clock stopped, or to now. */
  elapsedMs: number;
  /** When the target runs out (Infinity if the desk never opens again). */
  dueAt: number;
  /** The first response or the resolution; null while the clock runs. */
  stoppedAt: number | null;
  /** running: not stopped, within target; met: stopped within target; breached: past target, stopped or not. */
  state: "running" | "met" | "breached";
}

export interface SlaTicket {
  createdAt: number;
  firstResponseAt: number | null;
  resolvedAt: number | null;
}

/** A ticket's two SLA clocks as they stand at `now`: the first response, and the resolution. */
export function slaClocks(t: SlaTicket, targets: SlaTargets, hours: ServiceHours, now: number): { firstResponse: SlaClock; resolution: SlaClock } {
  return {
    firstResponse: clock(t.createdAt, t.firstResponseAt, targets.firstResponseMs, hours, now),
    resolution: clock(t.createdAt, t.resolvedAt, targets.resolutionMs, hours, now),
  };
}

function clock(createdAt: number, stoppedAt: number | null, targetMs: number, hours: ServiceHours, now: number): SlaClock {
  const elapsedMs = businessMs(hours, createdAt, stoppedAt ?? now);
  const state = elapsedMs > targetMs ? "breached" : stoppedAt !== null ? "met" : "running";
  return { targetMs, elapsedMs, dueAt: addBusinessMs(hours, createdAt, targetMs), stoppedAt, state };
}
