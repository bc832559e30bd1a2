/**
 * The service desk's routing engine: which waiting customer ("contact") is offered to which
 * agent. Pure: no I/O, no timers, no clock of its own — every method takes `now` (epoch ms).
 *
 * **Only `tick(now)` makes offers.** The other methods change the state and return at once;
 * call `tick` often (every 250 ms) and right after every change. Events a method causes (an
 * offer withdrawn by `cancel`, `removeAgent` or going away) are reported by the next `tick`,
 * before that tick's own. Queries show the state as of the last call.
 *
 * The rule, on each tick, after expiring offers and ending wrap-ups: waiting contacts in serving
 * order (`priority.ts`: base priority plus aging, ties to the earlier enqueue; across halls
 * too), each offered to one eligible agent, if any —
 * - present "available", not holding an offer, not in after-call work,
 * - free capacity of the contact's kind (capacity is per kind: a call in hand does not stop a
 *   chat while chat capacity is free),
 * - working in its hall, having the skill and speaking the language as relaxed by the wait
 *   (`eligibility.ts`),
 * - not having declined or missed this contact before.
 * Among them: the agent with the **least work in hand, then the longest idle** (idleSince: the
 * latest of last work ended, after-call ended, became available). Work in hand comes first
 * because an agent serving a chat is not idle, however long ago their last work ended; among
 * agents with nothing in hand it is plain longest idle.
 * At most one outstanding offer per agent and per contact.
 *
 * Shown state (`agent().state`), first that applies: "offered" (holds an offer), "after-call",
 * "busy" (has work and can take no more: every kind at capacity, or presence away), "away",
 * "available" (possibly with work in hand: see `work`); `since` says when it last changed.
 * After-call work ended early by `setPresence("available")` raises no event (the caller did it).
 */
import { hasSkill, relaxationsAfter, requirementWith, worksIn, type Requirement } from "./eligibility.ts";
import { HallQueue } from "./hall-queue.ts";
import { compareServing, effectivePriority, servingKey } from "./priority.ts";
import {
  DEFAULT_ROUTING,
  type AgentPresence,
  type AgentProfile,
  type AgentState,
  type ContactRequest,
  type RoutingConfig,
  type RoutingEvent,
  type WorkKind,
} from "./routing-model.ts";

export { DEFAULT_ROUTING, GENERAL_SKILL } from "./routing-model.ts";
export type { AgentPresence, AgentProfile, AgentState, ContactRequest, RoutingConfig, RoutingEvent, WorkKind } from "./routing-model.ts";

export type EnqueueResult = { ok: true; position: number } | { ok: false; code: "queue_full" | "duplicate" };
export type OfferReply = { ok: true } | { ok: false; code: "not_offered" | "not_yours" | "expired" | "unknown_contact" };
export type PresenceResult = { ok: true; state: AgentState } | { ok: false; code: "unknown_agent" };
export type FinishResult = { ok: true; agentId: string; afterCallEndsAt?: number } | { ok: false; code: "not_in_work" };

/** A contact as the router keeps it: every default filled in. */
export type Contact = Required<ContactRequest>;

export interface OfferView {
  contactId: string;
  agentId: string;
  expiresAt: number;
}

export interface WorkItem {
  contactId: string;
  agentId: string;
  kind: WorkKind;
  hallId: string;
  acceptedAt: number;
}

export interface AgentView {
  id: string;
  profile: AgentProfile;
  presence: AgentPresence;
  state: AgentState;
  /** When `state` last changed. */
  since: number;
  idleSince: number;
  afterCallEndsAt?: number;
  offer?: OfferView;
  /** Work in hand per kind. */
  work: Record<WorkKind, number>;
}

export interface WaitingView {
  /** The contact's id. */
  id: string;
  contact: Contact;
  enqueuedAt: number;
  /** 1-based among the contacts of its hall, in serving order. */
  position: number;
  /** The agent holding an outstanding offer of it, and until when. */
  offeredTo?: string;
  offerExpiresAt?: number;
  /** Agents who declined or missed it: it is not offered to them again. */
  passedBy: string[];
  /** Only in `snapshot(now)`. */
  waitedMs?: number;
  /** Effective priority; only in `snapshot(now)`. */
  priority?: number;
}

export type ContactView = ({ status: "waiting" } & WaitingView) | ({ status: "in-work"; contact: Contact; enqueuedAt: number; offeredTo?: undefined } & WorkItem);

export interface RoutingSnapshot {
  config: RoutingConfig;
  agents: AgentView[];
  /** Every waiting contact, in serving order across halls. */
  waiting: WaitingView[];
  work: WorkItem[];
}

interface AgentRecord {
  readonly id: string;
  /** Registration order: the last tie-break between equally idle agents. */
  readonly seq: number;
  profile: AgentProfile;
  presence: AgentPresence;
  /** The state last shown, and since when (`AgentView.since`). */
  shown: AgentState;
  since: number;
  idleSince: number;
  afterCallEndsAt: number | undefined;
  offer: OfferView | undefined;
  readonly work: Map<string, WorkItem>;
  readonly load: Record<WorkKind, number>;
}

interface ContactRecord {
  readonly contact: Contact;
  readonly enqueuedAt: number;
  readonly key: number;
  readonly seq: number;
  offer: OfferView | undefined;
  readonly passedBy: Set<string>;
  /** What it needs of an agent, per relaxation stage, made when first needed (ticks ask 4 times a second). */
  readonly needs: (Need | undefined)[];
}

interface Need {
  readonly requirement: Requirement;
  /** Names the requirement and the kind: contacts with equal keys are matched by the same agents. */
  readonly key: string;
}

/** One hall's share of a tick: its queue read front to back and the free agents who work there. */
interface HallPool {
  readonly hallId: string;
  readonly queue: HallQueue<ContactRecord>;
  next: number;
  /** Free agents, best first. */
  readonly all: AgentRecord[];
  readonly byLang: Map<string, AgentRecord[]>;
  /** Free agents left this tick with room for a call / a chat. */
  readonly room: Record<WorkKind, number>;
  /** Requirements no free agent left meets this tick (agents only get taken, so it stays true). */
  readonly unmet: Set<string>;
}

const NONE: readonly AgentRecord[] = [];

export class Router {
  readonly config: Readonly<RoutingConfig>;
  readonly #agents = new Map<string, AgentRecord>();
  readonly #waiting = new Map<string, ContactRecord>();
  readonly #queues = new Map<string, HallQueue<ContactRecord>>();
  readonly #inWork = new Map<string, { record: ContactRecord; item: WorkItem }>();
  /** Outstanding offers by contact id, oldest first. */
  readonly #offers = new Map<string, OfferView>();
  readonly #afterCall = new Set<AgentRecord>();
  #pending: RoutingEvent[] = [];
  #seq = 0;

  /** Settings not given are {@link DEFAULT_ROUTING}'s. */
  constructor(config: Partial<RoutingConfig> = DEFAULT_ROUTING) {
    this.config = Object.freeze({ ...DEFAULT_ROUTING, ...config });
  }

  /** Adds an agent (presence "away" until set) or replaces a known agent's profile; an outstanding offer stands. */
  upsertAgent(profile: AgentProfile, now: number): void {
    const copy = copyProfile(profile);
    const known = this.#agents.get(profile.id);
    if (known) {
      known.profile = copy;
      settle(known, now); // capacity may have changed what they can take
      return;
    }
    this.#agents.set(profile.id, {
      id: profile.id,
      seq: ++this.#seq,
      profile: copy,
      presence: "away",
      shown: "away",
      since: now,
      idleSince: now,
      afterCallEndsAt: undefined,
      offer: undefined,
      work: new Map(),
      load: { call: 0, chat: 0 },
    });
  }

  /**
   * Signed out: an outstanding offer goes back to the queue (the contact keeps its place and may
   * be offered to them again should they return); work in hand is forgotten — ending those
   * conversations is the caller's. Returns whether the agent was known.
   */
  removeAgent(agentId: string, now: number): boolean {
    const agent = this.#agents.get(agentId);
    if (!agent) return false;
    if (agent.offer) this.#withdraw(agent.offer, now);
    for (const contactId of agent.work.keys()) this.#inWork.delete(contactId);
    this.#afterCall.delete(agent);
    this.#agents.delete(agentId);
    return true;
  }

  /**
   * "available" also ends after-call work early (idle from now on); "away" withdraws an
   * outstanding offer (the contact keeps its place) and stops new ones; work in hand goes on.
   */
  setPresence(agentId: string, presence: AgentPresence, now: number): PresenceResult {
    const agent = this.#agents.get(agentId);
    if (!agent) return { ok: false, code: "unknown_agent" };
    if (presence === "available") {
      if (agent.afterCallEndsAt !== undefined) this.#endAfterCall(agent, now);
      else if (agent.presence === "away") agent.idleSince = now;
    } else if (agent.offer) {
      this.#withdraw(agent.offer, now);
    }
    agent.presence = presence;
    return { ok: true, state: settle(agent, now) };
  }

  /** Queues a contact in its place by priority; refused past `queueCap` waiting in its hall, or when its id is waiting or in work. */
  enqueue(request: ContactRequest, now: number): EnqueueResult {
    if (this.#waiting.has(request.id) || this.#inWork.has(request.id)) return { ok: false, code: "duplicate" };
    const queue = this.#queues.get(request.hallId);
    if ((queue?.size ?? 0) >= this.config.queueCap) return { ok: false, code: "queue_full" };
    const contact: Contact = {
      id: request.id,
      hallId: request.hallId,
      skill: request.skill,
      minLevel: request.minLevel ?? 1,
      lang: request.lang,
      kind: request.kind,
      basePriority: request.basePriority ?? 0,
      callback: request.callback ?? false,
    };
    const record: ContactRecord = {
      contact,
      enqueuedAt: now,
      key: servingKey(contact.basePriority, now, this.config.agingPerMinute),
      seq: ++this.#seq,
      offer: undefined,
      passedBy: new Set(),
      needs: [],
    };
    this.#waiting.set(contact.id, record);
    let hallQueue = queue;
    if (!hallQueue) this.#queues.set(contact.hallId, (hallQueue = new HallQueue()));
    return { ok: true, position: hallQueue.insert(record) };
  }

  /**
   * The customer asked to be called back instead of waiting in the hall: they keep their place
   * and are routed exactly as before; the flag tells the agent to call out. Returns whether the
   * contact was waiting.
   */
  requestCallback(contactId: string, _now: number): boolean {
    const record = this.#waiting.get(contactId);
    if (!record) return false;
    record.contact.callback = true;
    return true;
  }

  /**
   * The customer left the queue, or was served elsewhere: forgotten, and an outstanding offer
   * withdrawn. Returns whether it was waiting (work already accepted ends with `finish`).
   */
  cancel(contactId: string, now: number): boolean {
    const record = this.#waiting.get(contactId);
    if (!record) return false;
    if (record.offer) this.#withdraw(record.offer, now);
    this.#dequeue(record);
    return true;
  }

  /**
   * Exactly one accept wins: the contact leaves the queue and becomes the agent's work. Any
   * later accept, by anyone, fails and changes nothing. An offer whose time has passed is
   * "expired" even before `tick` has noticed.
   */
  accept(contactId: string, agentId: string, now: number): OfferReply {
    const refused = this.#checkReply(contactId, agentId, now);
    if (refused) return refused;
    const record = this.#waiting.get(contactId)!;
    const agent = this.#agents.get(agentId)!;
    this.#clearOffer(record.offer!);
    this.#dequeue(record);
    const item: WorkItem = { contactId, agentId, kind: record.contact.kind, hallId: record.contact.hallId, acceptedAt: now };
    agent.work.set(contactId, item);
    agent.load[item.kind]++;
    this.#inWork.set(contactId, { record, item });
    settle(agent, now);
    return { ok: true };
  }

  /** The contact goes back to its place in the queue and is never offered to this agent again; the agent stays available. */
  decline(contactId: string, agentId: string, now: number): OfferReply {
    const refused = this.#checkReply(contactId, agentId, now);
    if (refused) return refused;
    const record = this.#waiting.get(contactId)!;
    this.#clearOffer(record.offer!);
    record.passedBy.add(agentId);
    settle(this.#agents.get(agentId)!, now);
    return { ok: true };
  }

  /**
   * The work ended. With nothing else in hand (no other work, no offer waiting for an answer)
   * the agent goes into after-call work for `afterCallMs`; otherwise they carry on as they are.
   */
  finish(contactId: string, now: number): FinishResult {
    const entry = this.#inWork.get(contactId);
    if (!entry) return { ok: false, code: "not_in_work" };
    this.#inWork.delete(contactId);
    const agent = this.#agents.get(entry.item.agentId)!;
    agent.work.delete(contactId);
    agent.load[entry.item.kind]--;
    agent.idleSince = now;
    if (agent.work.size > 0 || agent.offer) {
      settle(agent, now);
      return { ok: true, agentId: agent.id };
    }
    agent.afterCallEndsAt = now + this.config.afterCallMs;
    this.#afterCall.add(agent);
    settle(agent, now);
    return { ok: true, agentId: agent.id, afterCallEndsAt: agent.afterCallEndsAt };
  }

  /**
   * Reports what methods caused since the last tick, expires offers (the contact keeps its place
   * and is not offered to that agent again; the agent becomes `missedOfferPresence`), ends
   * after-call work that is due, then makes new offers.
   */
  tick(now: number): RoutingEvent[] {
    const events = this.#pending;
    this.#pending = [];
    for (const offer of this.#offers.values()) {
      if (now < offer.expiresAt) continue;
      const agent = this.#agents.get(offer.agentId)!;
      this.#waiting.get(offer.contactId)!.passedBy.add(agent.id);
      this.#clearOffer(offer);
      agent.presence = this.config.missedOfferPresence;
      settle(agent, offer.expiresAt);
      events.push({ type: "offer-expired", contactId: offer.contactId, agentId: offer.agentId });
    }
    for (const agent of this.#afterCall) {
      if (now < agent.afterCallEndsAt!) continue;
      this.#endAfterCall(agent, agent.afterCallEndsAt!);
      events.push({ type: "after-call-ended", agentId: agent.id });
    }
    this.#makeOffers(now, events);
    return events;
  }

  /** 1-based among the contacts of its hall in serving order; undefined when not waiting. */
  position(contactId: string): number | undefined {
    const record = this.#waiting.get(contactId);
    return record && this.#queues.get(record.contact.hallId)!.positionOf(record);
  }

  /** Waiting contacts (offered ones included) of one hall, or of all halls, in serving order. */
  waiting(hallId?: string): WaitingView[] {
    return this.#waitingRecords(hallId).map((r) => this.#waitingView(r));
  }

  agent(agentId: string): AgentView | undefined {
    const agent = this.#agents.get(agentId);
    return agent && agentView(agent);
  }

  /** In registration order. */
  agents(): AgentView[] {
    return [...this.#agents.values()].map(agentView);
  }

  offerFor(agentId: string): OfferView | undefined {
    const offer = this.#agents.get(agentId)?.offer;
    return offer && { ...offer };
  }

  /** The agent's work in hand, in the order accepted. */
  workOf(agentId: string): WorkItem[] {
    return [...(this.#agents.get(agentId)?.work.values() ?? [])].map((w) => ({ ...w }));
  }

  contact(contactId: string): ContactView | undefined {
    const waiting = this.#waiting.get(contactId);
    if (waiting) return { status: "waiting", ...this.#waitingView(waiting) };
    const entry = this.#inWork.get(contactId);
    return entry && { status: "in-work", contact: { ...entry.record.contact }, enqueuedAt: entry.record.enqueuedAt, ...entry.item };
  }

  /** Plain JSON of everything, for a supervisor view; with `now`, each waiting contact's wait and effective priority. */
  snapshot(now?: number): RoutingSnapshot {
    return {
      config: { ...this.config },
      agents: this.agents(),
      waiting: this.#waitingRecords().map((r) => {
        const view = this.#waitingView(r);
        if (now === undefined) return view;
        return { ...view, waitedMs: now - r.enqueuedAt, priority: effectivePriority(r.contact.basePriority, r.enqueuedAt, now, this.config.agingPerMinute) };
      }),
      work: [...this.#inWork.values()].map((e) => ({ ...e.item })),
    };
  }

  #checkReply(contactId: string, agentId: string, now: number): Exclude<OfferReply, { ok: true }> | undefined {
    const record = this.#waiting.get(contactId);
    if (!record) return { ok: false, code: this.#inWork.has(contactId) ? "not_offered" : "unknown_contact" };
    if (!record.offer) return { ok: false, code: "not_offered" };
    if (record.offer.agentId !== agentId) return { ok: false, code: "not_yours" };
    if (now >= record.offer.expiresAt) return { ok: false, code: "expired" };
    return undefined;
  }

  #withdraw(offer: OfferView, now: number): void {
    this.#clearOffer(offer);
    const agent = this.#agents.get(offer.agentId);
    if (agent) settle(agent, now);
    this.#pending.push({ type: "offer-withdrawn", contactId: offer.contactId, agentId: offer.agentId });
  }

  #clearOffer(offer: OfferView): void {
    this.#offers.delete(offer.contactId);
    const record = this.#waiting.get(offer.contactId);
    if (record) record.offer = undefined;
    const agent = this.#agents.get(offer.agentId);
    if (agent) agent.offer = undefined;
  }

  #dequeue(record: ContactRecord): void {
    this.#waiting.delete(record.contact.id);
    const queue = this.#queues.get(record.contact.hallId)!;
    queue.remove(record);
    if (queue.size === 0) this.#queues.delete(record.contact.hallId);
  }

  #endAfterCall(agent: AgentRecord, at: number): void {
    agent.afterCallEndsAt = undefined;
    agent.idleSince = at;
    this.#afterCall.delete(agent);
    settle(agent, at);
  }

  #waitingRecords(hallId?: string): ContactRecord[] {
    if (hallId !== undefined) return [...(this.#queues.get(hallId)?.items() ?? [])];
    return [...this.#queues.values()].flatMap((q) => q.items()).sort(compareServing);
  }

  #waitingView(record: ContactRecord): WaitingView {
    return {
      id: record.contact.id,
      contact: { ...record.contact },
      enqueuedAt: record.enqueuedAt,
      position: this.#queues.get(record.contact.hallId)!.positionOf(record)!,
      ...(record.offer ? { offeredTo: record.offer.agentId, offerExpiresAt: record.offer.expiresAt } : {}),
      passedBy: [...record.passedBy],
    };
  }

  /**
   * Reads every hall's queue front to back, merged in serving order, and offers each contact to
   * the best free agent who qualifies. Fast at a thousand contacts and hundreds of agents
   * because: free agents are sorted once and indexed per hall and language, so the first match
   * in a list is the best; a requirement that found no one is not searched again this tick; and
   * a hall stops being read once it has no free agent left for either kind.
   */
  #makeOffers(now: number, events: RoutingEvent[]): void {
    if (this.#queues.size === 0) return;
    const free: AgentRecord[] = [];
    for (const agent of this.#agents.values()) {
      if (agent.presence === "available" && !agent.offer && agent.afterCallEndsAt === undefined && (room(agent, "call") > 0 || room(agent, "chat") > 0)) free.push(agent);
    }
    if (free.length === 0) return;
    free.sort((a, b) => a.work.size - b.work.size || a.idleSince - b.idleSince || a.seq - b.seq);

    const pools: HallPool[] = [];
    for (const [hallId, queue] of this.#queues) {
      const pool: HallPool = { hallId, queue, next: 0, all: [], byLang: new Map(), room: { call: 0, chat: 0 }, unmet: new Set() };
      for (const agent of free) {
        if (!worksIn(agent.profile, hallId)) continue;
        pool.all.push(agent);
        for (const lang of agent.profile.languages) {
          const list = pool.byLang.get(lang);
          if (!list) pool.byLang.set(lang, [agent]);
          else if (list.at(-1) !== agent) list.push(agent); // a language listed twice
        }
        if (room(agent, "call") > 0) pool.room.call++;
        if (room(agent, "chat") > 0) pool.room.chat++;
      }
      if (pool.all.length > 0) pools.push(pool);
    }

    for (;;) {
      let best: HallPool | undefined;
      let bestContact: ContactRecord | undefined;
      for (const pool of pools) {
        if (pool.room.call === 0 && pool.room.chat === 0) continue;
        const head = pool.queue.at(pool.next);
        if (head && (!bestContact || compareServing(head, bestContact) < 0)) {
          best = pool;
          bestContact = head;
        }
      }
      if (!best || !bestContact) return;
      best.next++;
      if (bestContact.offer || best.room[bestContact.contact.kind] === 0) continue;
      const agent = pickAgent(bestContact, best, needOf(bestContact, relaxationsAfter(now - bestContact.enqueuedAt, this.config)));
      if (!agent) continue;

      const offer: OfferView = { contactId: bestContact.contact.id, agentId: agent.id, expiresAt: now + this.config.offerTimeoutMs };
      bestContact.offer = offer;
      agent.offer = offer;
      this.#offers.set(offer.contactId, offer);
      settle(agent, now);
      events.push({ type: "offer", ...offer });
      for (const pool of pools) {
        if (!worksIn(agent.profile, pool.hallId)) continue;
        if (room(agent, "call") > 0) pool.room.call--;
        if (room(agent, "chat") > 0) pool.room.chat--;
      }
    }
  }
}

function needOf(record: ContactRecord, relaxations: number): Need {
  let need = record.needs[relaxations];
  if (!need) {
    const requirement = requirementWith(record.contact, relaxations);
    const key = `${record.contact.kind}\u0001${requirement.lang ?? "\u0002"}\u0001${requirement.skill ?? "\u0002"}\u0001${requirement.minLevel}`;
    record.needs[relaxations] = need = { requirement, key };
  }
  return need;
}

function pickAgent(record: ContactRecord, pool: HallPool, { requirement: need, key: unmetKey }: Need): AgentRecord | undefined {
  const kind = record.contact.kind;
  if (pool.unmet.has(unmetKey)) return undefined;
  const candidates = need.lang === undefined ? pool.all : (pool.byLang.get(need.lang) ?? NONE);
  for (const agent of candidates) {
    if (agent.offer || room(agent, kind) <= 0 || record.passedBy.has(agent.id) || !hasSkill(agent.profile, need)) continue;
    return agent;
  }
  // Only a search that no refusal narrowed speaks for every contact with this requirement.
  if (record.passedBy.size === 0) pool.unmet.add(unmetKey);
  return undefined;
}

function room(agent: AgentRecord, kind: WorkKind): number {
  return agent.profile.capacity[kind] - agent.load[kind];
}

/** Records when the shown state changes; returns it. */
function settle(agent: AgentRecord, now: number): AgentState {
  const state = stateOf(agent);
  if (state !== agent.shown) {
    agent.shown = state;
    agent.since = now;
  }
  return state;
}

function stateOf(agent: AgentRecord): AgentState {
  if (agent.offer) return "offered";
  if (agent.afterCallEndsAt !== undefined) return "after-call";
  const hasWork = agent.work.size > 0;
  if (agent.presence === "away") return hasWork ? "busy" : "away";
  if (hasWork && room(agent, "call") <= 0 && room(agent, "chat") <= 0) return "busy";
  return "available";
}

function agentView(agent: AgentRecord): AgentView {
  return {
    id: agent.id,
    profile: copyProfile(agent.profile),
    presence: agent.presence,
    state: stateOf(agent),
    since: agent.since,
    idleSince: agent.idleSince,
    ...(agent.afterCallEndsAt !== undefined ? { afterCallEndsAt: agent.afterCallEndsAt } : {}),
    ...(agent.offer ? { offer: { ...agent.offer } } : {}),
    work: { ...agent.load },
  };
}

function copyProfile(p: AgentProfile): AgentProfile {
  return { id: p.id, name: p.name, skills: { ...p.skills }, languages: [...p.languages], hallIds: [...p.hallIds], capacity: { ...p.capacity } };
}
