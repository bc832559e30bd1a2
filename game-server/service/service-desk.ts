import { randomUUID } from "node:crypto";
import type { Logger } from "../logging/logger.ts";
import type { Lang } from "../protocol/concierge.ts";
import type {
  AcceptReply,
  AgentPresence,
  DeskView,
  EmotionSample,
  EmotionView,
  FloorView,
  HandoverReason,
  ServiceChatLine,
  ServiceContext,
  ServiceMedia,
  ServiceView,
} from "../protocol/service.ts";
import type { SharedFileView } from "../protocol/files.ts";
import type { AlertView, CallSummaryView } from "../protocol/assist.ts";
import type { StaffRecord, Storage, TicketRecord, TimelineEntry, TimelineKind } from "../storage/storage.ts";
import { redact } from "../assist/analytics/redaction.ts";
import { summarizeCall } from "./call-summary.ts";
import { summarizeConversation } from "./conversation-summary.ts";
import { deskConfigFor, skillFor, type HallDeskConfig } from "./desk-config.ts";
import { DeskRefusal } from "./desk-refusal.ts";
import { DeskViews, type ContactInfo } from "./desk-views.ts";
import { DEFAULT_ROUTING, Router, type RoutingConfig } from "./routing/router.ts";
import { searchTerms } from "./search-terms.ts";
import { sentiment } from "./sentiment.ts";
import { describeHours, isOpen } from "./service-hours.ts";
import type { ServiceFiles } from "./service-files.ts";
import { HandleTimes } from "./wait-estimate.ts";

/** How the desk reaches a customer's hall page (the hall plugin gives one with each request). */
export interface CustomerLink {
  state(view: ServiceView): void;
  chat(line: ServiceChatLine): void;
  /** A file was shared in the session (stored and on the ticket first). */
  file?(view: SharedFileView): void;
}

/** How the desk reaches the agent's hall connection once they attached to a session. */
export interface AgentLink {
  chat(line: ServiceChatLine): void;
  /** The session ended (either side ended it, or the customer left): close the private call. */
  ended(contactId: string, by: "customer" | "agent" | "system"): void;
  /** How the consenting customer seems now. */
  emotion?(view: EmotionView): void;
  /** A file was shared in the session (stored and on the ticket first). */
  file?(view: SharedFileView): void;
}

export interface ServiceRequestInput {
  hallId: string;
  /** The hall instance the customer is in: the agent joins them there. */
  roomId: string;
  customer: { id: string; name: string; sessionId: string };
  lang: Lang;
  reason: HandoverReason;
  /** Their conversation with the concierge this visit, if they had one. */
  conversationId?: string;
  /** Booths they stood at, first visit first. */
  viewed: readonly { boothId: string; label: string }[];
}

export interface ServiceDeskOptions {
  storage: Pick<Storage, "tickets" | "conversations" | "halls" | "callQuality">;
  log: Logger;
  routing?: Partial<RoutingConfig>;
  /** A hall's desk (skills, dispositions, hours, targets); default: by its scene's demo desk. */
  configFor?: (hallId: string) => Promise<HallDeskConfig>;
  now?: () => number;
  /** How often offers time out and queue places are sent (ms). */
  tickMs?: number;
  /** How long an agent whose console went away keeps their place before they are signed off the desk (ms). */
  agentGraceMs?: number;
}

/** One request for a person, from the click to the wrap-up. */
export interface Contact extends ContactInfo {
  conversationId: string | null;
  viewed: readonly { boothId: string; label: string }[];
  note?: string;
  link?: CustomerLink;
  agentLink?: AgentLink;
  chat: ServiceChatLine[];
  lastSent?: string;
  /** When the customer's words last read as negative (the handover's sentiment lexicon). */
  negativeAt?: number;
  emotion?: EmotionView;
  /** The last emotion state written on the ticket, and when. */
  emotionRecorded?: { state: string; at: number };
  /** Live assist's nudges in this session, newest last (at most 20). */
  alerts?: AlertView[];
  /** The summary live assist drafted when the session ended (also on the ticket). */
  summaryDraft?: CallSummaryView;
}

interface AgentConn {
  staff: StaffRecord;
  listeners: Set<(view: DeskView) => void>;
  notice?: string;
  leaveTimer?: ReturnType<typeof setTimeout>;
}

/** Agents take one call (voice or video) at a time and up to three text chats beside it. */
const CAPACITY = { call: 1, chat: 3 } as const;
/** A skill an agent lists counts at this level (accounts have no levels yet). */
const LISTED_SKILL_LEVEL = 3;
/** How long a customer's negative words colour how they seem. */
const TEXT_MOOD_MS = 60_000;
/** A change of how the customer seems goes on the ticket at most this often. */
const EMOTION_RECORD_GAP_MS = 10_000;
/** An upset customer jumps ahead by this much priority (≈ 6 minutes of waiting). */
const UPSET_PRIORITY = 60;

/**
 * The service desk of this process: every hall's queue, the agents on duty, and the sessions
 * between them. Routing is `Router` (pure); this is what moves people: it writes the ticket
 * before anyone is told (durable first), offers customers to agents, tells each side what
 * changed, and closes a session as a call record on its ticket. A hall's instances reach it
 * through their service plugin; agents and supervisors through the desk API (REST + events).
 */
export class ServiceDesk {
  readonly #options: ServiceDeskOptions;
  readonly #storage: ServiceDeskOptions["storage"];
  readonly #router: Router;
  readonly #now: () => number;
  readonly #contacts = new Map<string, Contact>();
  readonly #agents = new Map<string, AgentConn>();
  readonly #floorWatchers = new Set<{ halls: readonly string[]; listener: (view: FloorView) => void }>();
  readonly #handleTimes = new HandleTimes();
  readonly #configs = new Map<string, Promise<HallDeskConfig>>();
  /** Requests being made now, by hall and customer. */
  readonly #requesting = new Map<string, Promise<ServiceView>>();
  readonly #hallNames = new Map<string, string>();
  readonly #views: DeskViews;
  readonly #whenEnded = new Set<(contact: Readonly<Contact>) => void>();
  #timer?: ReturnType<typeof setInterval>;
  #flushQueued = false;
  /**
   * The files of its sessions (set by the server once made): uploads, and `files.attachGeneratedFile(...)` for what
   * Atrium makes itself (a session's board as PNG and SVG on its ticket). Absent where files are not served.
   */
  files?: ServiceFiles;
  #dirtyAgents = new Set<string>();
  #floorDirty = false;

  constructor(options: ServiceDeskOptions) {
    this.#options = options;
    this.#storage = options.storage;
    this.#router = new Router({ ...DEFAULT_ROUTING, ...options.routing });
    this.#now = options.now ?? Date.now;
    this.#views = new DeskViews({
      router: this.#router,
      contacts: this.#contacts,
      hallName: (id) => this.#hallNames.get(id) ?? id,
      tickets: options.storage.tickets,
      handleTimes: this.#handleTimes,
      now: this.#now,
      log: options.log,
    });
  }

  start(): void {
    this.#timer ??= setInterval(() => this.#tick(), this.#options.tickMs ?? 250);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    for (const agent of this.#agents.values()) clearTimeout(agent.leaveTimer);
  }

  /** The routing engine's state (tests and the benchmark read it). */
  get router(): Router {
    return this.#router;
  }

  contact(contactId: string): Contact | undefined {
    return this.#contacts.get(contactId);
  }

  async config(hallId: string): Promise<HallDeskConfig> {
    let config = this.#configs.get(hallId);
    if (!config) {
      config = this.#options.configFor ? this.#options.configFor(hallId) : this.#sceneConfig(hallId);
      this.#configs.set(hallId, config);
      config.catch(() => this.#configs.delete(hallId));
    }
    return config;
  }

  // --- the customer's side (from the hall plugin) ---

  /**
   * "Talk to a person": opens (or reopens) their ticket with the concierge conversation and a
   * summary attached, and puts them in the hall's queue for the skill their questions need.
   * Outside the hall's service hours the ticket waits (pending) and the view says when people are back.
   */
  async request(input: ServiceRequestInput, link: CustomerLink): Promise<ServiceView> {
    // Two clicks (or two tabs) at once make one request: the second waits for the first.
    const key = `${input.hallId}/${input.customer.id}`;
    const pending = this.#requesting.get(key);
    if (pending) {
      await pending.catch(() => undefined);
      return this.request(input, link);
    }
    const making = this.#request(input, link);
    this.#requesting.set(key, making);
    try {
      return await making;
    } finally {
      this.#requesting.delete(key);
    }
  }

  async #request(input: ServiceRequestInput, link: CustomerLink): Promise<ServiceView> {
    for (const contact of [...this.#contacts.values()]) {
      if (contact.customer.id !== input.customer.id || contact.hallId !== input.hallId) continue;
      if (contact.phase === "queued" || contact.phase === "connecting" || contact.phase === "connected" || contact.phase === "closed") {
        // A second click (or a second tab): the same request, now reported to this page.
        contact.link = link;
        contact.customer.sessionId = input.customer.sessionId;
        contact.roomId = input.roomId;
        return this.#customerView(contact);
      }
      // An earlier session of theirs, over: this page no longer shows it.
      contact.link = undefined;
      this.#forgetIfDone(contact);
    }
    const now = this.#now();
    const config = await this.config(input.hallId);
    await this.#hallName(input.hallId);
    const turns = input.conversationId ? await this.#storage.conversations.forConversation(input.conversationId, 50) : [];
    const { subject, summary } =
      turns.length > 0
        ? summarizeConversation(turns.map((t) => ({ role: t.role, text: t.text, confidence: t.confidence })), input.lang)
        : { subject: input.lang === "zh-CN" ? "顾客在展厅中请求人工服务" : "Asked for a person in the hall", summary: "" };
    const skill = skillFor(config, turns);
    const open = isOpen(config.hours, now);
    const at = new Date(now).toISOString();
    const tickets = this.#storage.tickets;
    const terms = searchTerms([subject, summary, input.customer.name, ...turns.map((t) => t.text)].join("\n"));
    if (open && this.#router.waiting(input.hallId).length >= this.#router.config.queueCap) {
      // Refused before anything is written: the ticket and the queue stay as they were.
      throw new DeskRefusal("conflict", input.lang === "zh-CN" ? "排队人数已满，请稍后再试，或留言给我们。" : "The queue is full right now; please try again in a few minutes.");
    }
    const existing = await tickets.openFor(input.customer.id, input.hallId);
    const fields = {
      status: open ? ("open" as const) : ("pending" as const),
      priority: input.reason === "negative" ? ("high" as const) : existing?.priority ?? ("normal" as const),
      category: skill,
      // Out of hours nobody could answer: not a request the service level counts.
      queuedAt: open ? at : null,
      abandonedAt: null,
      // A reopened ticket waits afresh: who answered it last time, and when, no longer holds.
      answeredAt: null,
      firstResponseAt: null,
      agentId: null,
      agentName: null,
      resolvedAt: null,
    };
    const ticket = existing
      ? ((await tickets.update(existing.id, { ...fields, ...(turns.length > 0 ? { subject, summary } : {}) })) ?? existing)
      : await tickets.create(
          {
            ...fields,
            hallId: input.hallId,
            subject,
            summary,
            lang: input.lang,
            customerId: input.customer.id,
            customerName: input.customer.name,
            agentId: null,
            agentName: null,
            conversationId: input.conversationId ?? null,
            disposition: null,
            csat: null,
            csatComment: null,
            followUpAt: null,
            closedAt: null,
          },
          terms,
        );
    if (turns.length > 0) {
      await tickets.append(
        {
          ticketId: ticket.id,
          kind: "bot",
          authorId: null,
          authorName: null,
          text: summary || subject,
          data: { conversationId: input.conversationId, turns: turns.map((t) => ({ role: t.role, text: t.text, at: t.createdAt, confidence: t.confidence, sources: t.sources })) },
        },
        existing ? terms : [],
      );
    }
    await tickets.append({
      ticketId: ticket.id,
      kind: "queue",
      authorId: input.customer.id,
      authorName: input.customer.name,
      text: open ? `Asked for a person (${input.reason}); queued for ${skill}` : "Asked for a person outside service hours",
      data: { reason: input.reason, skill, lang: input.lang, open },
    }, [String(ticket.number)]);

    const contact: Contact = {
      id: randomUUID(),
      hallId: input.hallId,
      roomId: input.roomId,
      customer: { ...input.customer },
      lang: input.lang,
      reason: input.reason,
      skill,
      ticketId: ticket.id,
      ticketNumber: ticket.number,
      subject,
      summary,
      phase: open ? "queued" : "closed",
      callback: false,
      media: new Set<ServiceMedia>(["text"]),
      queuedAt: now,
      conversationId: input.conversationId ?? null,
      viewed: input.viewed,
      link,
      rated: false,
      wrappedUp: false,
      chat: [],
    };
    if (!open) {
      contact.hours = describeHours(config.hours, input.lang);
      this.#contacts.set(contact.id, contact);
      return this.#customerView(contact);
    }
    const queued = this.#router.enqueue(
      { id: contact.id, hallId: contact.hallId, skill, lang: contact.lang, kind: "call", basePriority: input.reason === "negative" ? UPSET_PRIORITY : 0 },
      now,
    );
    if (!queued.ok) {
      await tickets.append({ ticketId: ticket.id, kind: "queue", authorId: null, authorName: null, text: queued.code === "queue_full" ? "The queue was full" : "Already waiting", data: { code: queued.code } });
      throw new DeskRefusal("conflict", input.lang === "zh-CN" ? "排队人数已满，请稍后再试，或留言给我们。" : "The queue is full right now; please try again in a few minutes.");
    }
    this.#contacts.set(contact.id, contact);
    this.#changed(contact);
    this.#tick();
    return this.#customerView(contact);
  }

  /** Keep my place while I look around (and, if I leave the hall, call me back): the request stays in the queue. */
  async callback(contactId: string, customerId: string, note?: string): Promise<ServiceView> {
    const contact = this.#customerContact(contactId, customerId);
    if (contact.phase !== "queued" && contact.phase !== "closed") throw new DeskRefusal("conflict", "an agent is already with you");
    if (contact.callback && (!note || note === contact.note)) return this.#customerView(contact);
    contact.callback = true;
    if (note) contact.note = note;
    await this.#storage.tickets.append({ ticketId: contact.ticketId, kind: "queue", authorId: customerId, authorName: contact.customer.name, text: note ? `Asked to be called back: ${note}` : "Asked to be called back", data: { callback: true, note: note ?? null } }, note ? searchTerms(note) : []);
    this.#changed(contact);
    return this.#customerView(contact);
  }

  /**
   * The customer stopped waiting (`customer`), or left the hall (`left`: a callback request keeps
   * its place). An agent already with them ends the session instead.
   */
  async cancel(contactId: string, customerId: string, why: "customer" | "left"): Promise<void> {
    const contact = this.#customerContact(contactId, customerId);
    if (why === "left") contact.link = undefined;
    if (contact.phase === "connected") return this.end(contactId, "customer");
    if (contact.phase === "closed") {
      // Out of hours nothing was queued; the pending ticket keeps any note they left.
      this.#contacts.delete(contactId);
      return;
    }
    if (contact.phase !== "queued" && contact.phase !== "connecting") {
      this.#forgetIfDone(contact);
      return;
    }
    // A callback keeps its place while they are away — but not once an agent is on the way to them.
    if (why === "left" && contact.callback && contact.phase === "queued") return;
    const wasOffered = contact.phase === "connecting" ? contact.agentId : this.#offeredTo(contactId);
    this.#router.cancel(contactId, this.#now());
    contact.phase = "cancelled";
    const at = new Date(this.#now()).toISOString();
    if (contact.agentId) {
      // They gave up while the agent was on the way: the agent's session ends unanswered.
      this.#router.finish(contactId, this.#now());
      contact.endedAt = this.#now();
      contact.agentLink?.ended(contactId, "customer");
    }
    await this.#storage.tickets.update(contact.ticketId, contact.agentId ? {} : { abandonedAt: at });
    await this.#storage.tickets.append({ ticketId: contact.ticketId, kind: "queue", authorId: customerId, authorName: contact.customer.name, text: why === "left" ? "Left the hall before an agent answered" : "Stopped waiting for a person", data: { why, waitedMs: this.#now() - contact.queuedAt } });
    if (!contact.agentId) this.#contacts.delete(contactId);
    if (wasOffered) this.#dirtyAgents.add(wasOffered);
    this.#changed(contact);
    this.#tick();
  }

  /** The customer turned on their mic (voice) or camera (video) for the session. */
  async media(contactId: string, customerId: string, media: ServiceMedia): Promise<void> {
    const contact = this.#customerContact(contactId, customerId);
    if (contact.phase !== "connected") throw new DeskRefusal("conflict", "there is no session to add voice or video to");
    if (contact.media.has(media)) return;
    contact.media.add(media);
    if (media === "video") contact.media.add("voice");
    this.#changed(contact);
  }

  /** A rating for an ended session, once (1–5 and a comment). */
  async rate(contactId: string, customerId: string, score: number, comment?: string): Promise<void> {
    const contact = this.#customerContact(contactId, customerId);
    if (contact.phase !== "ended" || contact.attachedAt === undefined) throw new DeskRefusal("conflict", "you can rate a session once it has ended");
    if (contact.rated) throw new DeskRefusal("conflict", "you have already rated this session");
    contact.rated = true;
    await this.#storage.tickets.update(contact.ticketId, { csat: score, csatComment: comment ?? null });
    await this.#storage.tickets.append({ ticketId: contact.ticketId, kind: "csat", authorId: customerId, authorName: contact.customer.name, text: comment ?? "", data: { score } }, comment ? searchTerms(comment) : []);
    this.#changed(contact);
    this.#forgetIfDone(contact);
  }

  /**
   * How the consenting customer seems (derived on their device, never video), fused with their
   * words: negative words in the last minute make a calm or happy face read as frustrated. Goes
   * to the serving agent only; each change of state (at most every 10 s) goes on the ticket.
   */
  async emotion(contactId: string, customerId: string, sample: EmotionSample): Promise<EmotionView> {
    const contact = this.#customerContact(contactId, customerId);
    if (contact.phase !== "connected") throw new DeskRefusal("conflict", "there is no session to share it with");
    const now = this.#now();
    const textNegative = contact.negativeAt !== undefined && now - contact.negativeAt < TEXT_MOOD_MS;
    const overruled = textNegative && (sample.state === "neutral" || sample.state === "happy" || sample.state === "confused");
    const view: EmotionView = {
      valence: overruled ? Math.min(sample.valence, -0.4) : sample.valence,
      arousal: overruled ? Math.max(sample.arousal, 0.5) : sample.arousal,
      state: overruled ? "frustrated" : sample.state,
      faceState: sample.state,
      textNegative,
      at: new Date(now).toISOString(),
    };
    contact.emotion = view;
    contact.agentLink?.emotion?.(view);
    const last = contact.emotionRecorded;
    if (last?.state !== view.state && (!last || now - last.at >= EMOTION_RECORD_GAP_MS)) {
      contact.emotionRecorded = { state: view.state, at: now };
      await this.#storage.tickets.append({
        ticketId: contact.ticketId,
        kind: "emotion",
        authorId: null,
        authorName: null,
        text: view.state,
        data: { valence: Math.round(view.valence * 100) / 100, arousal: Math.round(view.arousal * 100) / 100, faceState: view.faceState, textNegative },
      });
    }
    return view;
  }

  // --- both sides ---

  /** A chat line between the customer and their agent: on the ticket before either side sees it. */
  async chat(contactId: string, from: { role: "customer" | "agent"; id: string; name: string }, text: string): Promise<ServiceChatLine> {
    const contact = this.#contacts.get(contactId);
    const member = contact && (from.role === "customer" ? contact.customer.id === from.id : contact.agentId === from.id);
    if (!contact || !member) throw new DeskRefusal("not_found", "you are not in this service session");
    if (contact.phase !== "connected" && contact.phase !== "connecting") throw new DeskRefusal("conflict", "the session has ended");
    // Card, phone and ID numbers, e-mail addresses are masked before the line is kept (and so as both sides see it).
    text = redact(text).text;
    const entry = await this.#storage.tickets.append({ ticketId: contact.ticketId, kind: "chat", authorId: from.id, authorName: from.name, text, data: { from: from.role } }, searchTerms(text));
    const line: ServiceChatLine = { id: entry.id, from: from.role, name: from.name, text, at: entry.at };
    if (from.role === "customer" && sentiment(text).negative) contact.negativeAt = this.#now();
    contact.chat.push(line);
    if (contact.chat.length > 200) contact.chat.shift();
    if (from.role === "agent" && contact.firstResponseAt === undefined) await this.#firstResponse(contact);
    contact.link?.chat(line);
    contact.agentLink?.chat(line);
    return line;
  }

  /** Either side ends the session: the call record goes on the ticket, the customer may rate, the agent wraps up. */
  async end(contactId: string, by: "customer" | "agent" | "system"): Promise<void> {
    const contact = this.#contacts.get(contactId);
    if (!contact || (contact.phase !== "connected" && contact.phase !== "connecting")) throw new DeskRefusal("conflict", "there is no session to end");
    const now = this.#now();
    contact.phase = "ended";
    contact.endedAt = now;
    this.#router.finish(contactId, now);
    if (contact.attachedAt !== undefined) {
      this.#handleTimes.record(now - contact.attachedAt);
      const record = await summarizeCall(this.#storage.callQuality, contact, by, now);
      await this.#storage.tickets.append({ ticketId: contact.ticketId, kind: "call", authorId: null, authorName: null, text: `Call with ${contact.agentName} (${Math.round(record.durationMs / 1000)} s, ${record.media.join(" → ")}), ended by ${by}`, data: { ...record } });
    }
    contact.agentLink?.ended(contactId, by);
    this.#changed(contact);
    this.#tick();
    for (const listener of this.#whenEnded) listener(contact);
  }

  /** Hear of every session that ends (after its call record is on the ticket): e.g. to put its whiteboard on the ticket. */
  onSessionEnded(listener: (contact: Readonly<Contact>) => void): () => void {
    this.#whenEnded.add(listener);
    return () => this.#whenEnded.delete(listener);
  }

  // --- live assist (the hall's assist plugin) ---

  /**
   * Live assist writes on a session's ticket — transcript lines, alerts, the call's summary, its
   * recording — durable before anyone is told. The text must already be redacted. Refused once
   * the session has been wrapped up (the ticket's call is over).
   */
  async record(contactId: string, entry: { kind: Extract<TimelineKind, "transcript" | "alert" | "summary" | "recording">; authorName: string | null; text: string; data: Record<string, unknown> }): Promise<TimelineEntry> {
    const contact = this.#contacts.get(contactId);
    if (!contact || contact.wrappedUp) throw new DeskRefusal("not_found", "no such live session");
    return this.#storage.tickets.append({ ticketId: contact.ticketId, kind: entry.kind, authorId: null, authorName: entry.authorName, text: entry.text, data: entry.data }, searchTerms(entry.text));
  }

  /** Stores the call's summary on the ticket and keeps it as the wrap-up form's draft. */
  async recordSummary(summary: CallSummaryView): Promise<void> {
    await this.record(summary.contactId, { kind: "summary", authorName: "Live assist", text: summary.summary, data: { keywords: summary.keywords, entities: summary.entities, disposition: summary.disposition ?? null, by: summary.by } });
    const contact = this.#contacts.get(summary.contactId);
    if (contact) contact.summaryDraft = summary;
  }

  /** A live-assist nudge in a session (stored by `record` first): the supervisor's floor shows it at once. */
  alert(contactId: string, alert: AlertView): void {
    const contact = this.#contacts.get(contactId);
    if (!contact) return;
    (contact.alerts ??= []).push(alert);
    if (contact.alerts.length > 20) contact.alerts.shift();
    this.#floorDirty = true;
    this.#flushSoon();
  }

  /** The draft summary live assist wrote for a session of this agent's (for the wrap-up form after a reload). */
  summaryDraft(contactId: string, staffId: string): CallSummaryView | undefined {
    const contact = this.#contacts.get(contactId);
    if (!contact || contact.agentId !== staffId) throw new DeskRefusal("not_found", "this is not one of your sessions");
    return contact.summaryDraft;
  }

  // --- the agent's side (desk API, and their hall connection) ---

  /** An agent's console connected: they are on the desk (away until they say otherwise) and get their view on every change. */
  connectAgent(staff: StaffRecord, listener: (view: DeskView) => void): () => void {
    let agent = this.#agents.get(staff.id);
    if (!agent) {
      agent = { staff, listeners: new Set() };
      this.#agents.set(staff.id, agent);
    }
    agent.staff = staff;
    clearTimeout(agent.leaveTimer);
    agent.listeners.add(listener);
    this.#router.upsertAgent(
      { id: staff.id, name: staff.displayName, skills: Object.fromEntries(staff.skills.map((s) => [s, LISTED_SKILL_LEVEL])), languages: staff.languages, hallIds: staff.hallIds, capacity: { ...CAPACITY } },
      this.#now(),
    );
    for (const hallId of staff.hallIds) void this.#hallName(hallId).catch(() => undefined);
    this.#dirtyAgents.add(staff.id);
    this.#floorDirty = true;
    this.#flushSoon();
    const conn = agent;
    return () => {
      conn.listeners.delete(listener);
      if (conn.listeners.size > 0) return;
      // A reload or a dropped connection: keep their place for a moment.
      conn.leaveTimer = setTimeout(() => this.#signOff(staff.id), this.#options.agentGraceMs ?? 15_000);
    };
  }

  setPresence(staffId: string, presence: AgentPresence): void {
    const agent = this.#agent(staffId);
    this.#router.setPresence(staffId, presence, this.#now());
    agent.notice = undefined;
    this.#dirtyAgents.add(staffId);
    this.#floorDirty = true;
    this.#tick();
  }

  /** Takes an offer: exactly one accept of a contact wins; the customer is told who is coming. */
  async accept(contactId: string, staffId: string): Promise<AcceptReply> {
    const agent = this.#agent(staffId);
    const contact = this.#contacts.get(contactId);
    if (!contact) throw new DeskRefusal("not_found", `there is no waiting customer "${contactId.slice(0, 64)}"`);
    const result = this.#router.accept(contactId, staffId, this.#now());
    if (!result.ok) {
      const messages: Record<string, [ConstructorParameters<typeof DeskRefusal>[0], string]> = {
        not_offered: ["conflict", "this customer was not offered to you"],
        not_yours: ["not_allowed", "this offer is someone else's"],
        expired: ["expired", "the offer has expired and passed to someone else"],
        unknown_contact: ["not_found", "this customer is no longer waiting"],
      };
      const routed = this.#router.contact(contactId);
      // It was theirs and passed on when its time ran out: say so, not "someone else's".
      const missed = result.code === "not_yours" && routed?.status === "waiting" && routed.passedBy.includes(staffId);
      const [code, message] = messages[missed ? "expired" : result.code] ?? ["conflict", "the offer cannot be taken"];
      this.#tick();
      throw new DeskRefusal(code, message);
    }
    const now = this.#now();
    contact.phase = "connecting";
    contact.agentId = staffId;
    contact.agentName = agent.staff.displayName;
    contact.answeredAt = now;
    await this.#storage.tickets.update(contact.ticketId, { agentId: staffId, agentName: agent.staff.displayName, answeredAt: new Date(now).toISOString(), status: "open" });
    await this.#storage.tickets.append({ ticketId: contact.ticketId, kind: "queue", authorId: staffId, authorName: agent.staff.displayName, text: `Answered by ${agent.staff.displayName} after ${Math.round((now - contact.queuedAt) / 1000)} s`, data: { waitedMs: now - contact.queuedAt, callback: contact.callback } });
    if (!contact.link) {
      // A callback whose customer has left the hall: the agent follows up from the ticket.
      contact.phase = "ended";
      contact.endedAt = now;
      this.#router.finish(contactId, now);
    }
    this.#changed(contact);
    this.#tick();
    return { contactId, hallId: contact.hallId, roomId: contact.roomId, ticketId: contact.ticketId, ticketNumber: contact.ticketNumber };
  }

  decline(contactId: string, staffId: string): void {
    this.#agent(staffId);
    if (!this.#contacts.has(contactId)) throw new DeskRefusal("not_found", "this customer is no longer waiting");
    const result = this.#router.decline(contactId, staffId, this.#now());
    if (result && typeof result === "object" && "ok" in result && !result.ok) throw new DeskRefusal("conflict", "this customer was not offered to you");
    this.#dirtyAgents.add(staffId);
    this.#tick();
  }

  /**
   * The agent's hall connection joins the session they accepted (same hall instance as the
   * customer): from now on the two are connected. Answers what the agent needs to know.
   */
  async attach(contactId: string, staffId: string, roomId: string, agentSessionId: string, link: AgentLink): Promise<ServiceContext> {
    const contact = this.#contacts.get(contactId);
    if (!contact || contact.agentId !== staffId) throw new DeskRefusal("not_found", "you have not accepted this customer");
    if (contact.roomId !== roomId) throw new DeskRefusal("conflict", "the customer is in another instance of this hall");
    if (contact.phase !== "connecting" && contact.phase !== "connected") throw new DeskRefusal("conflict", "this session has ended");
    if (!contact.link || !contact.customer.sessionId) throw new DeskRefusal("conflict", "the customer has left the hall");
    contact.agentSessionId = agentSessionId;
    contact.agentLink = link;
    if (contact.phase === "connecting") {
      contact.phase = "connected";
      contact.attachedAt = this.#now();
      if (contact.firstResponseAt === undefined) await this.#firstResponse(contact);
    }
    this.#changed(contact);
    return this.#context(contact);
  }

  /** The agent's wrap-up: disposition, notes, follow-up; on the ticket, and they are free for the next customer. */
  async wrapUp(contactId: string, staffId: string, request: { disposition: string; notes: string; followUp?: string; status: "resolved" | "pending" | "open" }): Promise<TicketRecord> {
    const contact = this.#contacts.get(contactId);
    if (!contact || contact.agentId !== staffId) throw new DeskRefusal("not_found", "this is not one of your sessions");
    if (contact.phase !== "ended" && contact.phase !== "cancelled") throw new DeskRefusal("conflict", "end the session before wrapping it up");
    const config = await this.config(contact.hallId);
    if (!config.dispositions.some((d) => d.code === request.disposition)) throw new DeskRefusal("invalid", `unknown disposition "${request.disposition.slice(0, 40)}"`);
    if (contact.wrappedUp) throw new DeskRefusal("conflict", "this session is already wrapped up");
    // Set before the writes: a second wrap-up sent meanwhile is refused, not written twice.
    contact.wrappedUp = true;
    const now = new Date(this.#now()).toISOString();
    const status = request.followUp ? "pending" : request.status;
    const ticket = await this.#storage.tickets.update(contact.ticketId, {
      disposition: request.disposition,
      status,
      followUpAt: request.followUp ?? null,
      ...(status === "resolved" ? { resolvedAt: now } : {}),
    });
    await this.#storage.tickets.append(
      { ticketId: contact.ticketId, kind: "wrap-up", authorId: staffId, authorName: contact.agentName ?? null, text: request.notes, data: { disposition: request.disposition, status, followUp: request.followUp ?? null } },
      searchTerms(request.notes),
    );
    this.#views.forgetStats();
    // Wrapping up ends their after-call work: they are ready for the next customer (unless they chose to be away).
    if (this.#router.agent(staffId)?.state === "after-call") this.#router.setPresence(staffId, "available", this.#now());
    this.#dirtyAgents.add(staffId);
    this.#floorDirty = true;
    this.#forgetIfDone(contact);
    this.#tick();
    if (!ticket) throw new DeskRefusal("not_found", "the ticket is gone");
    return ticket;
  }

  /** The agent ends a session of theirs from the console (also one whose hall they could not join). */
  async endByAgent(contactId: string, staffId: string): Promise<void> {
    const contact = this.#contacts.get(contactId);
    if (!contact || contact.agentId !== staffId) throw new DeskRefusal("not_found", "this is not one of your sessions");
    await this.end(contactId, "agent");
  }

  /** What an agent knows of a session of theirs (the console's context panel, again after a reload). */
  async context(contactId: string, staffId: string): Promise<ServiceContext> {
    const contact = this.#contacts.get(contactId);
    if (!contact || contact.agentId !== staffId) throw new DeskRefusal("not_found", "this is not one of your sessions");
    return this.#context(contact);
  }

  /** The desk view of one agent, now. */
  deskView(staffId: string): Promise<DeskView> {
    const agent = this.#agent(staffId);
    return this.#views.desk(agent.staff, agent.notice, this.config.bind(this));
  }

  /** A supervisor's live floor: queues, agents, today's figures; `halls` [] = every hall. */
  watchFloor(halls: readonly string[], listener: (view: FloorView) => void): () => void {
    const watcher = { halls, listener };
    this.#floorWatchers.add(watcher);
    void this.#views.floor(halls, (hallId) => this.config(hallId)).then(listener, (error: unknown) => this.#options.log.error("floor view failed", { error }));
    return () => this.#floorWatchers.delete(watcher);
  }

  floorView(halls: readonly string[]): Promise<FloorView> {
    return this.#views.floor(halls, (hallId) => this.config(hallId));
  }

  /** A hall's last instance closed: its waiting customers are gone with it (their tickets stay). */
  async closeHall(hallId: string): Promise<void> {
    for (const contact of [...this.#contacts.values()]) {
      if (contact.hallId !== hallId) continue;
      contact.link = undefined;
      if (contact.phase === "queued" && !contact.callback) await this.cancel(contact.id, contact.customer.id, "left").catch(() => undefined);
    }
  }

  // --- inside ---

  #tick(): void {
    const now = this.#now();
    for (const event of this.#router.tick(now)) {
      const contact = "contactId" in event ? this.#contacts.get(event.contactId) : undefined;
      if (event.type === "offer-expired") {
        const agent = this.#agents.get(event.agentId);
        if (agent) agent.notice = "missed-offer";
      }
      if (event.type === "offer" && contact) {
        void this.#storage.tickets
          .append({ ticketId: contact.ticketId, kind: "queue", authorId: null, authorName: null, text: `Offered to ${this.#agents.get(event.agentId)?.staff.displayName ?? event.agentId}`, data: { agentId: event.agentId } })
          .catch((error: unknown) => this.#options.log.warn("could not note an offer on its ticket", { error }));
      }
      this.#dirtyAgents.add(event.agentId);
      this.#floorDirty = true;
    }
    // Places and estimated waits move as others are served.
    for (const contact of this.#contacts.values()) if (contact.phase === "queued") this.#sendState(contact);
    this.#flushSoon();
  }

  #changed(contact: Contact): void {
    // Its ticket changed (queued, answered, abandoned, rated, wrapped up): today's figures are read again.
    this.#views.forgetStats();
    this.#sendState(contact, true);
    if (contact.agentId) this.#dirtyAgents.add(contact.agentId);
    const offered = this.#offeredTo(contact.id);
    if (offered) this.#dirtyAgents.add(offered);
    // Everyone who could take it sees the queue change.
    for (const [id, agent] of this.#agents) if (agent.staff.hallIds.length === 0 || agent.staff.hallIds.includes(contact.hallId)) this.#dirtyAgents.add(id);
    this.#floorDirty = true;
    this.#flushSoon();
  }

  #sendState(contact: Contact, force = false): void {
    if (!contact.link) return;
    const view = this.#customerView(contact);
    const key = JSON.stringify({ ...view, waitMs: view.waitMs === undefined ? undefined : Math.round(view.waitMs / 10_000) });
    if (!force && key === contact.lastSent) return;
    contact.lastSent = key;
    try {
      contact.link.state(view);
    } catch (error) {
      this.#options.log.warn("could not tell a customer about their request", { error });
    }
  }

  #customerView(contact: Contact): ServiceView {
    return this.#views.customer(contact);
  }

  #flushSoon(): void {
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    queueMicrotask(() => {
      this.#flushQueued = false;
      void this.#flush();
    });
  }

  async #flush(): Promise<void> {
    const agents = [...this.#dirtyAgents];
    this.#dirtyAgents.clear();
    for (const id of agents) {
      const agent = this.#agents.get(id);
      if (!agent || agent.listeners.size === 0) continue;
      try {
        const view = await this.#views.desk(agent.staff, agent.notice, (hallId) => this.config(hallId));
        for (const listener of agent.listeners) listener(view);
      } catch (error) {
        this.#options.log.error("desk view failed", { staffId: id, error });
      }
    }
    if (this.#floorDirty && this.#floorWatchers.size > 0) {
      this.#floorDirty = false;
      for (const watcher of this.#floorWatchers) {
        try {
          watcher.listener(await this.#views.floor(watcher.halls, (hallId) => this.config(hallId)));
        } catch (error) {
          this.#options.log.error("floor view failed", { error });
        }
      }
    }
  }

  #signOff(staffId: string): void {
    const agent = this.#agents.get(staffId);
    if (!agent || agent.listeners.size > 0) return;
    const serving = [...this.#contacts.values()].some((c) => c.agentId === staffId && (c.phase === "connected" || c.phase === "connecting"));
    if (serving) {
      // Still in a call from their hall connection: keep them on the desk, away from new offers.
      this.#router.setPresence(staffId, "away", this.#now());
      return;
    }
    this.#router.removeAgent(staffId, this.#now());
    this.#agents.delete(staffId);
    this.#floorDirty = true;
    this.#tick();
  }

  async #firstResponse(contact: Contact): Promise<void> {
    contact.firstResponseAt = this.#now();
    await this.#storage.tickets.update(contact.ticketId, { firstResponseAt: new Date(contact.firstResponseAt).toISOString() });
  }

  async #context(contact: Contact): Promise<ServiceContext> {
    const bot = contact.conversationId ? await this.#storage.conversations.forConversation(contact.conversationId, 50) : [];
    // Their tickets in this hall only: another company's hall is none of this agent's business.
    const earlier = (await this.#storage.tickets.list({ customerId: contact.customer.id, hallIds: [contact.hallId], limit: 11 })).filter((t) => t.id !== contact.ticketId).slice(0, 10);
    return {
      contactId: contact.id,
      ticketId: contact.ticketId,
      ticketNumber: contact.ticketNumber,
      customer: { id: contact.customer.id, name: contact.customer.name, lang: contact.lang, sessionId: contact.customer.sessionId },
      reason: contact.reason,
      skill: contact.skill,
      subject: contact.subject,
      summary: contact.summary,
      bot: bot.map((t) => ({ role: t.role, text: t.text, at: t.createdAt })),
      viewed: [...contact.viewed],
      earlierTickets: earlier.map((t) => ({ id: t.id, number: t.number, subject: t.subject, status: t.status, createdAt: t.createdAt })),
      chat: [...contact.chat],
      media: [...contact.media],
      ...(contact.emotion ? { emotion: contact.emotion } : {}),
    };
  }

  /** The agent a waiting customer is being offered to right now, if any. */
  #offeredTo(contactId: string): string | undefined {
    const routed = this.#router.contact(contactId);
    return routed?.status === "waiting" ? routed.offeredTo : undefined;
  }

  /** Gone from memory once the agent has wrapped up and the customer has rated, left, or has nothing to rate. */
  #forgetIfDone(contact: Contact): void {
    const canStillRate = contact.phase === "ended" && contact.attachedAt !== undefined && !contact.rated && contact.link !== undefined;
    if (contact.wrappedUp && !canStillRate) this.#contacts.delete(contact.id);
  }

  #customerContact(contactId: string, customerId: string): Contact {
    const contact = this.#contacts.get(contactId);
    if (!contact || contact.customer.id !== customerId) throw new DeskRefusal("not_found", "you have no such request");
    return contact;
  }

  #agent(staffId: string): AgentConn {
    const agent = this.#agents.get(staffId);
    if (!agent) throw new DeskRefusal("conflict", "open the agent console first (you are not on the desk)");
    return agent;
  }

  async #hallName(hallId: string): Promise<string> {
    const known = this.#hallNames.get(hallId);
    if (known) return known;
    const hall = await this.#storage.halls.get(hallId);
    const name = hall?.name ?? hallId;
    this.#hallNames.set(hallId, name);
    return name;
  }

  async #sceneConfig(hallId: string): Promise<HallDeskConfig> {
    const hall = await this.#storage.halls.get(hallId);
    return deskConfigFor(hall?.sceneId ?? "");
  }
}

