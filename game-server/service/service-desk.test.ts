import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../logging/logger.ts";
import type { AlertView, CallSummaryView } from "../protocol/assist.ts";
import type { DeskView, FloorView, ServiceChatLine, ServiceView } from "../protocol/service.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";
import type { StaffRecord } from "../storage/storage.ts";
import { deskConfigFor, type HallDeskConfig } from "./desk-config.ts";
import { DeskRefusal } from "./desk-refusal.ts";
import { ServiceDesk } from "./service-desk.ts";

/** The desk over a real SQLite file with a hand-moved clock: service hours, callbacks, places in the queue. */
let dir: string;
let storage: SqliteStorage;
let now: number;
let config: HallDeskConfig;
let desk: ServiceDesk;

const staff = (id: string, name: string): StaffRecord => ({
  id,
  email: `${id}@nova.example`,
  displayName: name,
  role: "agent",
  passwordHash: "x",
  hallIds: ["demo"],
  skills: ["phones"],
  languages: ["en"],
  disabled: false,
  failedLogins: 0,
  lockedUntil: null,
  createdAt: "2026-01-01T00:00:00Z",
});

function customerLink() {
  const views: ServiceView[] = [];
  const lines: ServiceChatLine[] = [];
  return { views, lines, link: { state: (v: ServiceView) => views.push(v), chat: (l: ServiceChatLine) => lines.push(l) } };
}

const ask = (name: string, link = customerLink().link) =>
  desk.request({ hallId: "demo", roomId: "room-1", customer: { id: `v-${name}`, name, sessionId: `s-${name}` }, lang: "en", reason: "button", viewed: [] }, link);

/** Lets the desk's microtask flush (views go out after the change that caused them). */
const settle = () => new Promise((r) => setTimeout(r, 0));

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "atrium-desk-"));
  storage = new SqliteStorage(join(dir, "atrium.db"));
  await storage.migrate();
  await storage.halls.put({ id: "demo", name: "Nova", sceneId: "nova-electronics" });
  now = Date.parse("2026-12-07T10:00:00+08:00"); // a Monday morning in Shanghai
  config = deskConfigFor("nova-electronics");
  desk = new ServiceDesk({ storage, log: createLogger("error", {}, () => undefined), now: () => now, configFor: async () => config, routing: { offerTimeoutMs: 10_000, afterCallMs: 5_000 } });
});

afterEach(async () => {
  desk.close();
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("the service desk", () => {
  it("outside service hours keeps the request as a pending ticket and says when people are back", async () => {
    config = { ...config, hours: { timeZone: "Asia/Shanghai", weekly: { mon: [["09:00", "18:00"]], tue: [["09:00", "18:00"]] } } };
    now = Date.parse("2026-12-07T20:00:00+08:00");
    const view = await ask("Ada");
    expect(view.phase).toBe("closed");
    expect(view.hours).toContain("09:00");
    const ticket = (await storage.tickets.byNumber(view.ticketNumber))!;
    expect(ticket.status).toBe("pending");
    // A note left for a call back goes on the ticket.
    await desk.callback(view.contactId, "v-Ada", "Call me on 555-0100 about my phone");
    expect((await storage.tickets.timeline(ticket.id)).map((e) => e.text)).toContain("Asked to be called back: Call me on 555-0100 about my phone");
    // No agent is offered anything while closed.
    const views: DeskView[] = [];
    desk.connectAgent(staff("a1", "Lin"), (v) => views.push(v));
    desk.setPresence("a1", "available");
    await settle();
    expect(views.at(-1)!.offers).toEqual([]);
  });

  it("moves everyone up as the one ahead is served, and estimates the wait from handle times", async () => {
    const ada = customerLink();
    const bo = customerLink();
    const first = await ask("Ada", ada.link);
    const second = await ask("Bo", bo.link);
    expect(second.position).toBe(2);
    expect(second.waitMs).toBeGreaterThan(0);
    const views: DeskView[] = [];
    desk.connectAgent(staff("a1", "Lin"), (v) => views.push(v));
    desk.setPresence("a1", "available");
    await settle();
    expect(views.at(-1)!.offers[0]!.contactId).toBe(first.contactId);
    await desk.accept(first.contactId, "a1");
    await settle();
    expect(bo.views.at(-1)).toMatchObject({ phase: "queued", position: 1 });
    expect(ada.views.at(-1)).toMatchObject({ phase: "connecting", agent: { name: "Lin" } });
  });

  it("keeps a callback's place when the customer leaves the hall, and gives the agent the ticket to follow up", async () => {
    const ada = customerLink();
    const view = await ask("Ada", ada.link);
    await desk.callback(view.contactId, "v-Ada", "email ada@example.com");
    await desk.cancel(view.contactId, "v-Ada", "left");
    const views: DeskView[] = [];
    desk.connectAgent(staff("a1", "Lin"), (v) => views.push(v));
    desk.setPresence("a1", "available");
    await settle();
    const offer = views.at(-1)!.offers[0]!;
    expect(offer).toMatchObject({ contactId: view.contactId, callback: true });
    await desk.accept(view.contactId, "a1");
    await settle();
    // Nobody to join in the hall: the session is straight at wrap-up, the ticket keeps the note.
    expect(views.at(-1)!.sessions[0]).toMatchObject({ contactId: view.contactId, phase: "wrap-up" });
    await expect(desk.attach(view.contactId, "a1", "room-1", "s-agent", { chat: () => undefined, ended: () => undefined })).rejects.toThrow(DeskRefusal);
    await desk.wrapUp(view.contactId, "a1", { disposition: "follow-up", notes: "Emailed Ada", status: "pending", followUp: "2026-12-08" });
    expect(await storage.tickets.byNumber(view.ticketNumber)).toMatchObject({ status: "pending", followUpAt: "2026-12-08T00:00:00.000Z", disposition: "follow-up" });
  });

  it("refuses an unknown disposition and leaves the session to wrap up", async () => {
    const view = await ask("Ada");
    desk.connectAgent(staff("a1", "Lin"), () => undefined);
    desk.setPresence("a1", "available");
    await desk.accept(view.contactId, "a1");
    await desk.attach(view.contactId, "a1", "room-1", "s-agent", { chat: () => undefined, ended: () => undefined });
    await desk.end(view.contactId, "customer");
    await expect(desk.wrapUp(view.contactId, "a1", { disposition: "made-up", notes: "", status: "resolved" })).rejects.toThrow(/unknown disposition/);
    expect((await storage.tickets.byNumber(view.ticketNumber))!.disposition).toBeNull();
    await desk.wrapUp(view.contactId, "a1", { disposition: "answered", notes: "", status: "resolved" });
    expect((await storage.tickets.byNumber(view.ticketNumber))!.status).toBe("resolved");
  });

  it("links a second request of the same customer to their open ticket", async () => {
    const first = await ask("Ada");
    await desk.cancel(first.contactId, "v-Ada", "customer");
    const second = await ask("Ada");
    expect(second.ticketNumber).toBe(first.ticketNumber);
    expect(second.contactId).not.toBe(first.contactId);
  });

  it("makes one request of two clicks at once", async () => {
    const [a, b] = await Promise.all([ask("Ada"), ask("Ada")]);
    expect(a.contactId).toBe(b.contactId);
    expect((await storage.tickets.list({ customerId: "v-Ada" })).length).toBe(1);
  });

  it("counts a reopened ticket as waiting afresh, not as answered last time", async () => {
    const first = await ask("Ada");
    desk.connectAgent(staff("a1", "Lin"), () => undefined);
    desk.setPresence("a1", "available");
    await desk.accept(first.contactId, "a1");
    await desk.attach(first.contactId, "a1", "room-1", "s-agent", { chat: () => undefined, ended: () => undefined });
    await desk.end(first.contactId, "agent");
    await desk.wrapUp(first.contactId, "a1", { disposition: "follow-up", notes: "", status: "pending" });
    desk.setPresence("a1", "away");
    const again = await ask("Ada");
    expect(again.ticketNumber).toBe(first.ticketNumber);
    expect(await storage.tickets.byNumber(again.ticketNumber)).toMatchObject({ status: "open", answeredAt: null, firstResponseAt: null, agentId: null });
  });

  it("passes the consenting customer's emotion to the serving agent only, fused with their words, and notes changes on the ticket", async () => {
    const view = await ask("Ada");
    desk.connectAgent(staff("a1", "Lin"), () => undefined);
    desk.setPresence("a1", "available");
    await expect(desk.emotion(view.contactId, "v-Ada", { valence: 0.1, arousal: 0.2, state: "neutral" })).rejects.toThrow(/no session/);
    await desk.accept(view.contactId, "a1");
    const seen: string[] = [];
    await desk.attach(view.contactId, "a1", "room-1", "s-agent", { chat: () => undefined, ended: () => undefined, emotion: (e) => seen.push(e.state) });
    await desk.emotion(view.contactId, "v-Ada", { valence: 0.6, arousal: 0.4, state: "happy" });
    // Angry words with a smiling face still read as frustrated, for a minute.
    await desk.chat(view.contactId, { role: "customer", id: "v-Ada", name: "Ada" }, "This is ridiculous, the phone is broken again and nobody helps!");
    now += 11_000;
    const fused = await desk.emotion(view.contactId, "v-Ada", { valence: 0.5, arousal: 0.3, state: "happy" });
    expect(fused).toMatchObject({ state: "frustrated", faceState: "happy", textNegative: true });
    now += 61_000;
    expect((await desk.emotion(view.contactId, "v-Ada", { valence: 0.5, arousal: 0.3, state: "happy" })).state).toBe("happy");
    expect(seen).toEqual(["happy", "frustrated", "happy"]);
    // Someone else cannot speak for her.
    await expect(desk.emotion(view.contactId, "v-Bo", { valence: 0, arousal: 0, state: "sad" })).rejects.toThrow(DeskRefusal);
    const ticket = (await storage.tickets.byNumber(view.ticketNumber))!;
    expect((await storage.tickets.timeline(ticket.id)).filter((e) => e.kind === "emotion").map((e) => e.text)).toEqual(["happy", "frustrated", "happy"]);
  });
});

describe("the service desk with live assist", () => {
  /** Ada asks, Lin accepts and joins from the hall: a connected session, with what each side has been sent. */
  async function connected() {
    const ada = customerLink();
    const view = await ask("Ada", ada.link);
    desk.connectAgent(staff("a1", "Lin"), () => undefined);
    desk.setPresence("a1", "available");
    await desk.accept(view.contactId, "a1");
    const agentLines: ServiceChatLine[] = [];
    await desk.attach(view.contactId, "a1", "room-1", "s-agent", { chat: (l) => agentLines.push(l), ended: () => undefined });
    const ticket = (await storage.tickets.byNumber(view.ticketNumber))!;
    return { contactId: view.contactId, ticket, ada, agentLines };
  }

  const alert = (contactId: string, id: string): AlertView => ({
    contactId,
    id,
    ruleId: "blaming-the-customer",
    severity: "critical",
    atMs: 42_000,
    speaker: "agent",
    message: { en: "\"calm down\" can sound dismissive.", "zh-CN": "“冷静点”听起来像在推脱。" },
    evidence: "calm down",
  });

  it("masks a card and a phone number in a customer's chat line: on the ticket, in its search terms and on both screens", async () => {
    const { contactId, ticket, ada, agentLines } = await connected();
    const line = await desk.chat(contactId, { role: "customer", id: "v-Ada", name: "Ada" }, "My card is 4111 1111 1111 1111 and my phone is 415-555-2671, please call.");
    const masked = "My card is •••• 1111 and my phone is [phone •••• 2671], please call.";
    expect(line.text).toBe(masked);
    expect(ada.lines.map((l) => l.text)).toEqual([masked]);
    expect(agentLines.map((l) => l.text)).toEqual([masked]);
    const stored = (await storage.tickets.timeline(ticket.id)).filter((e) => e.kind === "chat");
    expect(stored.map((e) => e.text)).toEqual([masked]);
    for (const text of [line.text, stored[0]!.text]) {
      expect(text).not.toMatch(/4111[\s-]?1111|555-?2671/);
    }
    // The raw digits are not even a search term: nobody finds the ticket by the card's first digits.
    expect(await storage.tickets.list({ terms: ["4111"] })).toEqual([]);
    expect(await storage.tickets.list({ terms: ["555"] })).toEqual([]);
    expect((await storage.tickets.list({ terms: ["card"] })).map((t) => t.id)).toEqual([ticket.id]);
  });

  it("records transcript lines on the session's ticket, and refuses a session it does not know", async () => {
    const { contactId, ticket } = await connected();
    const entry = await desk.record(contactId, { kind: "transcript", authorName: "Ada", text: "I would like a refund for my phone", data: { speaker: "customer", startMs: 1200, endMs: 3400 } });
    expect(entry).toMatchObject({ ticketId: ticket.id, kind: "transcript", authorId: null, authorName: "Ada", text: "I would like a refund for my phone", data: { speaker: "customer", startMs: 1200, endMs: 3400 } });
    expect((await storage.tickets.timeline(ticket.id)).filter((e) => e.kind === "transcript").map((e) => e.id)).toEqual([entry.id]);
    // The transcript is searchable like the chat.
    expect((await storage.tickets.list({ terms: ["refund"] })).map((t) => t.id)).toEqual([ticket.id]);

    const before = (await storage.tickets.timeline(ticket.id)).length;
    await expect(desk.record("no-such-contact", { kind: "transcript", authorName: "Ada", text: "hello", data: {} })).rejects.toThrow(DeskRefusal);
    expect((await storage.tickets.timeline(ticket.id)).length).toBe(before);
  });

  it("shows an alert on the serving agent's row of the supervisor's floor", async () => {
    const { contactId, ticket } = await connected();
    const floors: FloorView[] = [];
    const stop = desk.watchFloor([], (v) => floors.push(v));
    const linRow = () => floors.at(-1)?.agents.find((a) => a.id === "a1");
    await vi.waitFor(() => expect(linRow()?.customer).toMatchObject({ name: "Ada", ticketNumber: ticket.number }));
    expect(linRow()!.customer!.alerts ?? []).toEqual([]);

    desk.alert(contactId, alert(contactId, "al-1"));
    await vi.waitFor(() => expect(linRow()!.customer!.alerts).toEqual([alert(contactId, "al-1")]));
    // The floor keeps the latest few, newest last.
    for (const id of ["al-2", "al-3", "al-4"]) desk.alert(contactId, alert(contactId, id));
    await vi.waitFor(() => expect(linRow()!.customer!.alerts!.map((a) => a.id)).toEqual(["al-2", "al-3", "al-4"]));
    stop();
  });

  it("keeps the call's summary as the wrap-up draft for its own agent only, and writes nothing once wrapped up", async () => {
    const { contactId, ticket } = await connected();
    expect(desk.summaryDraft(contactId, "a1")).toBeUndefined();
    await desk.end(contactId, "agent");
    const summary: CallSummaryView = { contactId, summary: "Ada wants a refund for her Nova phone; card ending 1111.", keywords: ["refund", "phone"], entities: [{ kind: "card", text: "•••• 1111", value: "1111" }], disposition: "answered", by: "extract" };
    await desk.recordSummary(summary);
    expect(desk.summaryDraft(contactId, "a1")).toEqual(summary);
    expect(() => desk.summaryDraft(contactId, "a2")).toThrow(DeskRefusal);
    expect(() => desk.summaryDraft("no-such-contact", "a1")).toThrow(DeskRefusal);
    const entries = (await storage.tickets.timeline(ticket.id)).filter((e) => e.kind === "summary");
    expect(entries).toMatchObject([{ authorName: "Live assist", text: summary.summary, data: { keywords: ["refund", "phone"], disposition: "answered" } }]);

    await desk.wrapUp(contactId, "a1", { disposition: "answered", notes: "", status: "resolved" });
    await expect(desk.record(contactId, { kind: "transcript", authorName: "Ada", text: "late line", data: {} })).rejects.toThrow(DeskRefusal);
    expect((await storage.tickets.timeline(ticket.id)).map((e) => e.text)).not.toContain("late line");
  });
});
