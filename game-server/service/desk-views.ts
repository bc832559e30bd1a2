import type { Logger } from "../logging/logger.ts";
import type { Lang } from "../protocol/concierge.ts";
import type { AlertView } from "../protocol/assist.ts";
import type { AgentRow, AgentState, DeskView, SkillLabel, FloorView, HandoverReason, OfferView, QueueItemView, QueueRow, ServiceMedia, ServicePhase, ServiceStats, ServiceView, SessionView } from "../protocol/service.ts";
import type { StaffRecord, TicketRecord } from "../storage/storage.ts";
import type { TicketRepository } from "../storage/ticket-repository.ts";
import { GENERAL_SKILL, type HallDeskConfig } from "./desk-config.ts";
import type { Router } from "./routing/router.ts";
import { estimateWaitMs, type HandleTimes } from "./wait-estimate.ts";

/** What every view needs to know of a request for a person. */
export interface ContactInfo {
  id: string;
  hallId: string;
  roomId: string;
  customer: { id: string; name: string; sessionId: string };
  lang: Lang;
  reason: HandoverReason;
  skill: string;
  ticketId: string;
  ticketNumber: number;
  subject: string;
  summary: string;
  phase: ServicePhase;
  callback: boolean;
  media: Set<ServiceMedia>;
  queuedAt: number;
  agentId?: string;
  agentName?: string;
  answeredAt?: number;
  firstResponseAt?: number;
  attachedAt?: number;
  endedAt?: number;
  rated: boolean;
  wrappedUp: boolean;
  agentSessionId?: string;
  hours?: string;
  /** The customer's network quality as their hall reports it ("good" … "bad", "unknown"). */
  net?: string;
  /** Live assist's nudges in this session, newest last (the floor shows the latest). */
  alerts?: AlertView[];
}

interface Deps {
  router: Router;
  contacts: ReadonlyMap<string, ContactInfo>;
  hallName(hallId: string): string;
  tickets: TicketRepository;
  handleTimes: HandleTimes;
  now(): number;
  log: Logger;
}

/** Today's figures are read from the tickets at most this often. */
const STATS_MAX_AGE_MS = 2000;

/** The views the desk sends: a customer's place, an agent's console, a supervisor's floor. */
export class DeskViews {
  readonly #deps: Deps;
  #stats?: { key: string; at: number; stats: Promise<ServiceStats> };

  constructor(deps: Deps) {
    this.#deps = deps;
  }

  /** A ticket changed: the next floor view reads today's figures afresh. */
  forgetStats(): void {
    this.#stats = undefined;
  }

  customer(contact: ContactInfo): ServiceView {
    const { router, handleTimes } = this.#deps;
    const view: ServiceView = { contactId: contact.id, ticketNumber: contact.ticketNumber, phase: contact.phase, callback: contact.callback, media: inOrder(contact.media), canRate: contact.phase === "ended" && !contact.rated && contact.attachedAt !== undefined };
    if (contact.phase === "queued") {
      const position = router.position(contact.id) ?? 1;
      view.position = position;
      view.waitMs = estimateWaitMs(position, this.#serving(contact.hallId), handleTimes.typicalMs());
    }
    if (contact.agentName && contact.phase !== "queued") view.agent = { name: contact.agentName, ...(contact.agentSessionId ? { sessionId: contact.agentSessionId } : {}) };
    if (contact.hours) view.hours = contact.hours;
    return view;
  }

  async desk(staff: StaffRecord, notice: string | undefined, config: (hallId: string) => Promise<HallDeskConfig>): Promise<DeskView> {
    const { router, contacts, now: clock } = this.#deps;
    const now = clock();
    const agent = router.agent(staff.id);
    const offers: OfferView[] = [];
    const offer = router.offerFor(staff.id);
    const offered = offer && contacts.get(offer.contactId);
    if (offer && offered) {
      offers.push({
        contactId: offered.id,
        ticketNumber: offered.ticketNumber,
        hallId: offered.hallId,
        hallName: this.#deps.hallName(offered.hallId),
        customerName: offered.customer.name,
        lang: offered.lang,
        skill: offered.skill,
        reason: offered.reason,
        subject: offered.subject,
        callback: offered.callback,
        waitedMs: now - offered.queuedAt,
        expiresAt: offer.expiresAt,
        timeoutMs: router.config.offerTimeoutMs,
      });
    }
    const sessions: SessionView[] = [];
    for (const c of contacts.values()) {
      if (c.agentId !== staff.id || c.wrappedUp) continue;
      sessions.push({
        contactId: c.id,
        ticketId: c.ticketId,
        ticketNumber: c.ticketNumber,
        hallId: c.hallId,
        hallName: this.#deps.hallName(c.hallId),
        roomId: c.roomId,
        customerName: c.customer.name,
        startedAt: c.answeredAt ?? now,
        phase: c.phase === "connecting" ? "connecting" : c.phase === "connected" ? "connected" : "wrap-up",
        media: inOrder(c.media),
        net: c.net ?? "unknown",
      });
    }
    const halls = staff.hallIds;
    const queue = this.#queue(now).filter((q) => halls.length === 0 || halls.includes(q.hallId));
    const dispositionHall = sessions[0]?.hallId ?? offers[0]?.hallId ?? halls[0];
    const dispositions = dispositionHall ? (await config(dispositionHall)).dispositions.map((d) => ({ code: d.code, label: d.label })) : [];
    const skills = await skillLabels([...new Set([...halls, ...sessions.map((x) => x.hallId), ...offers.map((o) => o.hallId)])], config);
    return {
      me: {
        id: staff.id,
        name: staff.displayName,
        presence: agent?.presence ?? "away",
        state: shownState(agent?.state ?? "away", sessions.some((x) => x.phase !== "wrap-up")),
        ...(agent?.afterCallEndsAt ? { afterCallEndsAt: agent.afterCallEndsAt } : {}),
        ...(notice ? { notice } : {}),
      },
      offers,
      sessions,
      queue,
      dispositions,
      skills,
      now,
    };
  }

  async floor(halls: readonly string[], config: (hallId: string) => Promise<HallDeskConfig>): Promise<FloorView> {
    const { router, contacts, now: clock } = this.#deps;
    const now = clock();
    const inHalls = (hallId: string) => halls.length === 0 || halls.includes(hallId);
    const waiting = this.#queue(now).filter((q) => inHalls(q.hallId));
    const queues = new Map<string, QueueRow>();
    for (const item of waiting) {
      const key = `${item.hallId}/${item.skill}`;
      const row = queues.get(key) ?? { hallId: item.hallId, skill: item.skill, waiting: 0, longestWaitMs: 0 };
      row.waiting += 1;
      row.longestWaitMs = Math.max(row.longestWaitMs, item.waitedMs);
      queues.set(key, row);
    }
    const agents: AgentRow[] = [];
    for (const agent of router.agents()) {
      const worksHere = agent.profile.hallIds.length === 0 || halls.length === 0 || agent.profile.hallIds.some((h) => halls.includes(h));
      if (!worksHere) continue;
      // The customer they serve, if it is in one of these halls (another hall's customer is not this supervisor's to see).
      const serving = [...contacts.values()].find((c) => c.agentId === agent.profile.id && (c.phase === "connecting" || c.phase === "connected") && inHalls(c.hallId));
      agents.push({
        id: agent.profile.id,
        name: agent.profile.name,
        state: shownState(agent.state, serving !== undefined),
        presence: agent.presence,
        halls: agent.profile.hallIds,
        ...(serving ? { customer: { name: serving.customer.name, ticketNumber: serving.ticketNumber, hallId: serving.hallId, since: serving.answeredAt ?? now, alerts: (serving.alerts ?? []).slice(-3) } } : {}),
        since: agent.since ?? now,
      });
    }
    const firstHall = halls[0] ?? waiting[0]?.hallId;
    const targetMs = firstHall ? (await config(firstHall)).serviceLevelTargetMs : 20_000;
    const shownHalls = halls.length > 0 ? [...halls] : [...new Set([...waiting.map((w) => w.hallId), ...agents.flatMap((a) => a.halls)])];
    return { queues: [...queues.values()], waiting, agents, today: await this.#today(halls, targetMs, now), targetSeconds: targetMs / 1000, skills: await skillLabels(shownHalls, config), now };
  }

  /** Every waiting customer, in the order they will be served per hall. */
  #queue(now: number): QueueItemView[] {
    const { router, contacts } = this.#deps;
    const items: QueueItemView[] = [];
    for (const waiting of router.waiting()) {
      const c = contacts.get(waiting.id);
      if (!c) continue;
      items.push({
        contactId: c.id,
        ticketNumber: c.ticketNumber,
        hallId: c.hallId,
        customerName: c.customer.name,
        skill: c.skill,
        lang: c.lang,
        position: router.position(c.id) ?? 0,
        waitedMs: now - c.queuedAt,
        callback: c.callback,
        ...(waiting.offeredTo ? { offeredTo: waiting.offeredTo } : {}),
      });
    }
    return items.sort((a, b) => a.hallId.localeCompare(b.hallId) || a.position - b.position);
  }

  /** Agents on duty who could serve this hall (available or busy with someone). */
  #serving(hallId: string): number {
    return this.#deps.router.agents().filter((a) => a.state !== "away" && (a.profile.hallIds.length === 0 || a.profile.hallIds.includes(hallId))).length;
  }

  /** Today's figures (since local midnight), from the tickets: durable, so a restart does not reset them. */
  #today(halls: readonly string[], targetMs: number, now: number): Promise<ServiceStats> {
    const midnight = new Date(now);
    midnight.setHours(0, 0, 0, 0);
    const key = `${halls.join(",")}|${targetMs}|${midnight.getTime()}`;
    if (this.#stats && this.#stats.key === key && now - this.#stats.at < STATS_MAX_AGE_MS) return this.#stats.stats;
    const stats = this.#deps.tickets
      .list({ hallIds: [...halls], createdFrom: midnight.toISOString(), limit: 500 })
      .then((tickets) => serviceStats(tickets, midnight.getTime(), targetMs));
    this.#stats = { key, at: now, stats };
    stats.catch(() => (this.#stats = undefined));
    return stats;
  }
}

/** The skills of these halls with their words (the general one first), each once. */
async function skillLabels(hallIds: readonly string[], config: (hallId: string) => Promise<HallDeskConfig>): Promise<SkillLabel[]> {
  const labels = new Map<string, SkillLabel>([[GENERAL_SKILL, { id: GENERAL_SKILL, label: { en: "General", "zh-CN": "综合咨询" } }]]);
  for (const hallId of hallIds) for (const skill of (await config(hallId)).skills) labels.set(skill.id, { id: skill.id, label: skill.label });
  return [...labels.values()];
}

/** The steps of a session in the order they come. */
const MEDIA_ORDER: readonly ServiceMedia[] = ["text", "voice", "video"];
function inOrder(media: ReadonlySet<ServiceMedia>): ServiceMedia[] {
  return MEDIA_ORDER.filter((m) => media.has(m));
}

/**
 * What people see of an agent: in a call they are busy, even though the router would still
 * give them a text chat beside it (a call is what every handover is today).
 */
function shownState(state: AgentState, inCall: boolean): AgentState {
  return inCall && (state === "available" || state === "busy") ? "busy" : state;
}

/**
 * The floor's figures over tickets: offered = asked for a person; answered within the target
 * counts towards the service level, whose base is answered + abandoned (a customer who gave up
 * was not served in time either).
 */
export function serviceStats(tickets: readonly TicketRecord[], since: number, targetMs: number): ServiceStats {
  let offered = 0;
  let answered = 0;
  let inTarget = 0;
  let abandoned = 0;
  let waitSum = 0;
  let csatSum = 0;
  let csatCount = 0;
  for (const t of tickets) {
    if (!t.queuedAt || Date.parse(t.queuedAt) < since) continue;
    offered++;
    if (t.answeredAt) {
      answered++;
      const wait = Date.parse(t.answeredAt) - Date.parse(t.queuedAt);
      waitSum += Math.max(0, wait);
      if (wait <= targetMs) inTarget++;
    } else if (t.abandonedAt) {
      abandoned++;
    }
    if (t.csat !== null) {
      csatSum += t.csat;
      csatCount++;
    }
  }
  const base = answered + abandoned;
  return {
    offered,
    answered,
    answeredInTarget: inTarget,
    serviceLevel: base === 0 ? null : Math.round((inTarget / base) * 1000) / 1000,
    avgWaitMs: answered === 0 ? null : Math.round(waitSum / answered),
    abandoned,
    csatAvg: csatCount === 0 ? null : Math.round((csatSum / csatCount) * 100) / 100,
    csatCount,
  };
}
