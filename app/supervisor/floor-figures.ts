import type { AgentRow, AgentState, FloorView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { formatDuration } from "../_staff/format.ts";
import { fill } from "../_staff/staff-text.ts";
import { floorText } from "./floor-text.ts";

/**
 * The supervisor view's numbers from one `FloorView`, pure: what the big figures say, what an
 * empty queue says, how the clocks tick between two views. The server's `now` and the page's
 * clock may differ, so a clock ticks from when the view arrived (`receivedAt`, the page's
 * clock), never by comparing the server's epoch times with the page's.
 */

/** A span the server measured at `view.now`, as it stands at the page's `now`. */
export function ticked(baseMs: number, receivedAt: number, now: number): number {
  return baseMs + Math.max(0, now - receivedAt);
}

/** How long since a server epoch time (`since`), as it stands at the page's `now`. */
export function sinceAt(epochMs: number, view: Pick<FloorView, "now">, receivedAt: number, now: number): number {
  return ticked(Math.max(0, view.now - epochMs), receivedAt, now);
}

export interface Figure {
  key: "serviceLevel" | "avgWait" | "waitingNow" | "abandoned" | "csat" | "answered";
  label: string;
  /** The big number; "—" when there is nothing to measure yet. */
  value: string;
  /** The line under it. */
  detail?: string;
  /** CSAT only: the average for the stars. */
  stars?: number | null;
  /** Worth a supervisor's eye (service level under target share, someone gave up). */
  alert?: boolean;
}

const DASH = "—";
/** Under this share answered in target, the service level is shown as a warning (the usual 80/20 goal). */
const SERVICE_LEVEL_GOAL = 0.8;

/** Today's figures, in the order the view shows them. */
export function todayFigures(view: FloorView, lang: Lang): Figure[] {
  const t = floorText[lang];
  const s = view.today;
  return [
    {
      key: "serviceLevel",
      label: t.serviceLevel,
      value: s.serviceLevel === null ? DASH : `${Math.round(s.serviceLevel * 100)} %`,
      detail: fill(t.slTarget, { s: view.targetSeconds }),
      alert: s.serviceLevel !== null && s.serviceLevel < SERVICE_LEVEL_GOAL,
    },
    { key: "avgWait", label: t.avgWait, value: s.avgWaitMs === null ? DASH : formatDuration(s.avgWaitMs, lang) },
    { key: "waitingNow", label: t.waitingNow, value: String(view.waiting.length) },
    { key: "abandoned", label: t.abandoned, value: String(s.abandoned), alert: s.abandoned > 0 },
    {
      key: "csat",
      label: t.csat,
      value: s.csatAvg === null ? DASH : s.csatAvg.toFixed(1),
      detail: s.csatCount === 0 ? t.csatNone : s.csatCount === 1 ? t.csatOne : fill(t.csatMany, { n: s.csatCount }),
      stars: s.csatAvg,
    },
    { key: "answered", label: t.answered, value: `${s.answered} / ${s.offered}`, detail: fill(t.answeredOf, { n: s.answered, of: s.offered }) },
  ];
}

/** How many agents are in each state. */
export function agentCounts(agents: readonly AgentRow[]): Record<AgentState, number> {
  const counts: Record<AgentState, number> = { available: 0, offered: 0, busy: 0, "after-call": 0, away: 0 };
  for (const a of agents) counts[a.state] += 1;
  return counts;
}

/** What an empty queue tells a supervisor: nobody waits, and whether anyone could take the next one. */
export function emptyQueueLine(view: FloorView, lang: Lang): string {
  const t = floorText[lang];
  const available = agentCounts(view.agents).available;
  const agents = available === 0 ? t.noneAvailable : available === 1 ? t.agentsAvailableOne : fill(t.agentsAvailableMany, { n: available });
  // Chinese sentences follow each other without a space.
  return `${t.noWaiting}${lang === "zh-CN" ? "" : " "}${agents}`;
}

const STATE_ORDER: AgentState[] = ["offered", "busy", "after-call", "available", "away"];

/** Agents as a supervisor scans them: those with a customer first, then free, then away; by name within. */
export function sortAgents(agents: readonly AgentRow[], lang: Lang): AgentRow[] {
  const collator = new Intl.Collator(lang);
  return [...agents].sort((a, b) => STATE_ORDER.indexOf(a.state) - STATE_ORDER.indexOf(b.state) || collator.compare(a.name, b.name));
}

/** The pill colour of each agent state. */
export const STATE_TONE: Record<AgentState, "green" | "amber" | "blue" | "purple" | "grey"> = {
  available: "green",
  offered: "amber",
  busy: "blue",
  "after-call": "purple",
  away: "grey",
};

/** Who a waiting customer was offered to: the agent's name when they are on the floor, else what the server said. */
export function offeredName(view: Pick<FloorView, "agents">, offeredTo: string): string {
  return view.agents.find((a) => a.id === offeredTo)?.name ?? offeredTo;
}
