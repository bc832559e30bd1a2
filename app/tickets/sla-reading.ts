import type { SlaClockView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { formatDuration } from "../_staff/format.ts";
import { fill } from "../_staff/staff-text.ts";
import { ticketText } from "./ticket-text.ts";

export interface SlaReading {
  state: "met" | "breached" | "running" | "paused";
  /** met: how long it took; breached: by how much; running: how long is left. */
  ms: number;
  /** Running with under a quarter of the target left: worth an eye before it breaches. */
  close: boolean;
}

/**
 * An SLA clock as it stands `sinceLoadedMs` after the ticket was loaded: a running clock ticks
 * on from the server's `elapsedMs` (the page's clock never meets the server's), and turns
 * "breached" by itself when the target passes. A clock whose due time is unknown (JSON has no
 * Infinity: the desk never opens again) is paused.
 */
export function readSla(clock: SlaClockView, sinceLoadedMs: number): SlaReading {
  const stopped = clock.stoppedAt !== null;
  const elapsed = stopped ? clock.elapsedMs : clock.elapsedMs + Math.max(0, sinceLoadedMs);
  if (elapsed > clock.targetMs) return { state: "breached", ms: elapsed - clock.targetMs, close: false };
  if (stopped) return { state: "met", ms: clock.elapsedMs, close: false };
  if (clock.dueAt === null || !Number.isFinite(clock.dueAt)) return { state: "paused", ms: 0, close: false };
  const left = clock.targetMs - elapsed;
  return { state: "running", ms: left, close: left < clock.targetMs / 4 };
}

/** "met in 42 s", "breached by 3 min", "due in 5 min" — in the page's language. */
export function slaWords(reading: SlaReading, lang: Lang): string {
  const t = ticketText[lang];
  const d = formatDuration(reading.ms, lang);
  if (reading.state === "met") return fill(t.slaMet, { d });
  if (reading.state === "breached") return fill(t.slaBreached, { d });
  if (reading.state === "paused") return t.slaPaused;
  return fill(t.slaDue, { d });
}

export const SLA_TONE = (r: SlaReading): "green" | "red" | "amber" | "teal" | "grey" =>
  r.state === "met" ? "green" : r.state === "breached" ? "red" : r.state === "paused" ? "grey" : r.close ? "amber" : "teal";
