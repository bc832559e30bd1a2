import { describe, expect, it } from "vitest";
import { seededRandom } from "../../../avatars/seed-hash.ts";
import { Router, type AgentProfile, type ContactRequest, type RoutingConfig, type RoutingEvent, type RoutingSnapshot, type WorkKind } from "./router.ts";

const T0 = 1_767_225_600_000;
const S = 1000;
const MIN = 60_000;

const profile = (id: string, over: Partial<AgentProfile> = {}): AgentProfile => ({
  id,
  name: id.toUpperCase(),
  skills: {},
  languages: ["en"],
  hallIds: ["bank"],
  capacity: { call: 1, chat: 3 },
  ...over,
});
const contact = (id: string, over: Partial<ContactRequest> = {}): ContactRequest => ({ id, hallId: "bank", skill: "general", lang: "en", kind: "call", ...over });

/** Signs an agent in and makes them available at `at` (their idleSince). */
function online(router: Router, id: string, at: number, over: Partial<AgentProfile> = {}): void {
  router.upsertAgent(profile(id, over), at);
  router.setPresence(id, "available", at);
}
const offers = (events: readonly RoutingEvent[]) => events.flatMap((e) => (e.type === "offer" ? [[e.contactId, e.agentId]] : []));

describe("who may take a contact", () => {
  it.each<{ case: string; agent: Partial<AgentProfile>; request: Partial<ContactRequest>; offered: boolean }>([
    { case: "skill at the level", agent: { skills: { loans: 3 } }, request: { skill: "loans", minLevel: 3 }, offered: true },
    { case: "skill below the level", agent: { skills: { loans: 2 } }, request: { skill: "loans", minLevel: 3 }, offered: false },
    { case: "another skill", agent: { skills: { cards: 5 } }, request: { skill: "loans" }, offered: false },
    { case: "general needs no skill", agent: { skills: {} }, request: { skill: "general" }, offered: true },
    { case: "another language", agent: { languages: ["zh-CN"] }, request: { lang: "en" }, offered: false },
    { case: "one of two languages", agent: { languages: ["zh-CN", "en"] }, request: { lang: "en" }, offered: true },
    { case: "another hall", agent: { hallIds: ["shop"] }, request: {}, offered: false },
    { case: "every hall ([])", agent: { hallIds: [] }, request: {}, offered: true },
    { case: "no chat capacity", agent: { capacity: { call: 1, chat: 0 } }, request: { kind: "chat" }, offered: false },
  ])("$case: offered $offered", ({ agent, request, offered }) => {
    const router = new Router();
    online(router, "ann", T0, agent);
    router.enqueue(contact("c1", request), T0);
    expect(offers(router.tick(T0))).toEqual(offered ? [["c1", "ann"]] : []);
  });

  it("gives the right skill to the skilled agent even when another has been idle longer", () => {
    const router = new Router();
    online(router, "generalist", T0);
    online(router, "expert", T0 + S, { skills: { mortgage: 5 } });
    router.enqueue(contact("needs-expert", { skill: "mortgage", minLevel: 4 }), T0 + 2 * S);
    router.enqueue(contact("anyone"), T0 + 2 * S);
    expect(offers(router.tick(T0 + 2 * S))).toEqual([
      ["needs-expert", "expert"],
      ["anyone", "generalist"],
    ]);
  });

  it("makes no offer until tick: methods only change the state", () => {
    const router = new Router();
    online(router, "ann", T0);
    expect(router.enqueue(contact("c1"), T0)).toEqual({ ok: true, position: 1 });
    expect(router.offerFor("ann")).toBeUndefined();
    expect(router.agent("ann")?.state).toBe("available");
    router.tick(T0);
    expect(router.offerFor("ann")).toEqual({ contactId: "c1", agentId: "ann", expiresAt: T0 + 20 * S });
    expect(router.agent("ann")?.state).toBe("offered");
  });
});

describe("relaxing a request as the customer waits", () => {
  // Each agent fails the fresh request in one way only; which relaxation lets each one in, and when.
  const request = contact("c1", { skill: "mortgage", minLevel: 4, lang: "zh-CN" });
  it.each<{ agent: string; over: Partial<AgentProfile>; notAt: number; at: number }>([
    { agent: "level 1 of the skill", over: { skills: { mortgage: 1 }, languages: ["zh-CN"] }, notAt: 59 * S, at: 60 * S },
    { agent: "no such skill", over: { skills: { cards: 5 }, languages: ["zh-CN"] }, notAt: 119 * S, at: 120 * S },
    { agent: "the skill but not the language", over: { skills: { mortgage: 5 }, languages: ["en"] }, notAt: 299 * S, at: 300 * S },
  ])("an agent with $agent may take it after $at ms, not before", ({ over, notAt, at }) => {
    const router = new Router();
    router.enqueue(request, T0);
    online(router, "ann", T0, over);
    expect(offers(router.tick(T0))).toEqual([]);
    expect(offers(router.tick(T0 + notAt))).toEqual([]);
    expect(offers(router.tick(T0 + at))).toEqual([["c1", "ann"]]);
  });

  it("follows the configured times", () => {
    const router = new Router({ relaxSkillAfterMs: 5 * S });
    router.enqueue(request, T0);
    online(router, "ann", T0, { skills: { mortgage: 2 }, languages: ["zh-CN"] });
    expect(offers(router.tick(T0 + 4 * S))).toEqual([]);
    expect(offers(router.tick(T0 + 5 * S))).toEqual([["c1", "ann"]]);
  });

  it("never relaxes the hall", () => {
    const router = new Router();
    router.enqueue(request, T0);
    online(router, "elsewhere", T0, { hallIds: ["shop"], skills: { mortgage: 5 }, languages: ["zh-CN"] });
    expect(offers(router.tick(T0 + 60 * MIN))).toEqual([]);
  });
});

describe("offers that are not taken", () => {
  function twoAgents(config: Partial<RoutingConfig> = {}) {
    const router = new Router(config);
    online(router, "ann", T0);
    online(router, "bob", T0 + S);
    router.enqueue(contact("c1"), T0 + 2 * S);
    expect(offers(router.tick(T0 + 2 * S))).toEqual([["c1", "ann"]]);
    return router;
  }

  it("passes a timed-out offer to the next agent; the agent who missed it is set away and never offered it again", () => {
    const router = twoAgents();
    expect(router.tick(T0 + 21 * S)).toEqual([]);
    expect(router.tick(T0 + 22 * S)).toEqual([
      { type: "offer-expired", contactId: "c1", agentId: "ann" },
      { type: "offer", contactId: "c1", agentId: "bob", expiresAt: T0 + 42 * S },
    ]);
    expect(router.agent("ann")).toMatchObject({ presence: "away", state: "away" });
    expect(router.position("c1")).toBe(1);
    // Bob misses it too; Ann comes back and is still not offered it.
    router.tick(T0 + 42 * S);
    router.setPresence("ann", "available", T0 + 43 * S);
    expect(offers(router.tick(T0 + 43 * S))).toEqual([]);
    expect(router.contact("c1")).toMatchObject({ status: "waiting", passedBy: ["ann", "bob"] });
  });

  it("leaves the agent available after a missed offer when so configured, for the next contact only", () => {
    const router = twoAgents({ missedOfferPresence: "available" });
    router.enqueue(contact("c2"), T0 + 3 * S);
    // Bob got nothing: c2 needed no one else, but at one offer per agent Bob is next for c2.
    expect(router.offerFor("bob")).toBeUndefined();
    router.tick(T0 + 3 * S);
    expect(router.offerFor("bob")?.contactId).toBe("c2");
    const events = router.tick(T0 + 22 * S);
    expect(events).toEqual([{ type: "offer-expired", contactId: "c1", agentId: "ann" }]);
    expect(router.agent("ann")).toMatchObject({ presence: "available", state: "available" });
  });

  it("on decline, offers the contact to the next agent and keeps its place; the one who declined stays available", () => {
    const router = twoAgents();
    router.enqueue(contact("c2"), T0 + 3 * S);
    expect(router.decline("c1", "ann", T0 + 5 * S)).toEqual({ ok: true });
    expect(router.agent("ann")?.state).toBe("available");
    expect(router.position("c1")).toBe(1);
    expect(offers(router.tick(T0 + 5 * S))).toEqual([
      ["c1", "bob"],
      ["c2", "ann"],
    ]);
    expect(router.decline("c1", "ann", T0 + 6 * S)).toEqual({ ok: false, code: "not_yours" });
  });

  it("withdraws an offer when the customer leaves, and says so on the next tick", () => {
    const router = twoAgents();
    expect(router.cancel("c1", T0 + 3 * S)).toBe(true);
    expect(router.cancel("c1", T0 + 3 * S)).toBe(false);
    expect(router.agent("ann")?.state).toBe("available");
    expect(router.tick(T0 + 3 * S)).toEqual([{ type: "offer-withdrawn", contactId: "c1", agentId: "ann" }]);
    expect(router.accept("c1", "ann", T0 + 4 * S)).toEqual({ ok: false, code: "unknown_contact" });
  });

  it("withdraws an agent's offer when they go away, and offers it to the next one", () => {
    const router = twoAgents();
    expect(router.setPresence("ann", "away", T0 + 3 * S)).toEqual({ ok: true, state: "away" });
    expect(router.tick(T0 + 3 * S)).toEqual([
      { type: "offer-withdrawn", contactId: "c1", agentId: "ann" },
      { type: "offer", contactId: "c1", agentId: "bob", expiresAt: T0 + 23 * S },
    ]);
  });

  it("returns a signed-out agent's offer to the queue, in its place, and may offer it to them again should they return", () => {
    const router = new Router();
    online(router, "ann", T0);
    router.enqueue(contact("c1"), T0);
    router.enqueue(contact("c2"), T0 + S);
    router.tick(T0 + S);
    expect(router.removeAgent("ann", T0 + 2 * S)).toBe(true);
    expect(router.removeAgent("ann", T0 + 2 * S)).toBe(false);
    expect(router.agent("ann")).toBeUndefined();
    expect(router.position("c1")).toBe(1);
    online(router, "ann", T0 + 3 * S);
    expect(router.tick(T0 + 3 * S)).toEqual([
      { type: "offer-withdrawn", contactId: "c1", agentId: "ann" },
      { type: "offer", contactId: "c1", agentId: "ann", expiresAt: T0 + 23 * S },
    ]);
  });
});

describe("accepting", () => {
  function offered() {
    const router = new Router();
    online(router, "ann", T0);
    online(router, "bob", T0 + S);
    router.enqueue(contact("c1"), T0 + 2 * S);
    router.tick(T0 + 2 * S);
    return router;
  }

  it("lets exactly one accept win when two agents race, and the loser changes nothing", () => {
    const router = offered();
    expect(router.accept("c1", "bob", T0 + 3 * S)).toEqual({ ok: false, code: "not_yours" });
    expect(router.accept("c1", "ann", T0 + 3 * S)).toEqual({ ok: true });
    const after = router.snapshot();
    expect(router.accept("c1", "bob", T0 + 3 * S)).toEqual({ ok: false, code: "not_offered" });
    expect(router.snapshot()).toEqual(after);
    expect(router.workOf("ann")).toEqual([{ contactId: "c1", agentId: "ann", kind: "call", hallId: "bank", acceptedAt: T0 + 3 * S }]);
    expect(router.workOf("bob")).toEqual([]);
    expect(router.position("c1")).toBeUndefined();
    expect(router.contact("c1")).toMatchObject({ status: "in-work", agentId: "ann" });
  });

  it("refuses the same agent's second accept without counting the contact twice", () => {
    const router = offered();
    expect(router.accept("c1", "ann", T0 + 3 * S)).toEqual({ ok: true });
    expect(router.accept("c1", "ann", T0 + 3 * S)).toEqual({ ok: false, code: "not_offered" });
    expect(router.agent("ann")?.work).toEqual({ call: 1, chat: 0 });
    expect(router.workOf("ann")).toHaveLength(1);
  });

  it("refuses an accept after the offer's time even before tick has expired it", () => {
    const router = offered();
    expect(router.accept("c1", "ann", T0 + 22 * S)).toEqual({ ok: false, code: "expired" });
    expect(router.workOf("ann")).toEqual([]);
    expect(router.tick(T0 + 22 * S)[0]).toEqual({ type: "offer-expired", contactId: "c1", agentId: "ann" });
    expect(router.accept("c1", "ann", T0 + 23 * S)).toEqual({ ok: false, code: "not_yours" });
  });

  it.each([
    { case: "a contact never queued", contactId: "nobody", code: "unknown_contact" },
    { case: "a waiting contact not offered", contactId: "c2", code: "not_offered" },
  ])("refuses $case", ({ contactId, code }) => {
    const router = offered();
    router.enqueue(contact("c2", { skill: "nobody-has-this" }), T0 + 2 * S);
    expect(router.accept(contactId, "ann", T0 + 3 * S)).toEqual({ ok: false, code });
  });
});

describe("fairness: the longest idle agent first", () => {
  it("spreads several contacts over agents in the order they became idle", () => {
    const router = new Router();
    online(router, "cat", T0 + 2 * S);
    online(router, "ann", T0);
    online(router, "bob", T0 + S);
    for (const id of ["c1", "c2", "c3"]) router.enqueue(contact(id), T0 + 3 * S);
    expect(offers(router.tick(T0 + 3 * S))).toEqual([
      ["c1", "ann"],
      ["c2", "bob"],
      ["c3", "cat"],
    ]);
  });

  it("puts an agent back at the end of the line once their work and wrap-up have ended", () => {
    const router = new Router({ afterCallMs: 10 * S });
    online(router, "ann", T0);
    online(router, "bob", T0 + S);
    router.enqueue(contact("c1"), T0 + 2 * S);
    router.tick(T0 + 2 * S);
    router.accept("c1", "ann", T0 + 3 * S);
    router.finish("c1", T0 + 60 * S);
    router.tick(T0 + 70 * S); // Ann's wrap-up ends: idle since 70 s, Bob since 1 s.
    online(router, "cat", T0 + 71 * S);
    for (const id of ["c2", "c3", "c4"]) router.enqueue(contact(id), T0 + 72 * S);
    expect(offers(router.tick(T0 + 72 * S))).toEqual([
      ["c2", "bob"],
      ["c3", "ann"],
      ["c4", "cat"],
    ]);
  });

  it("prefers an agent with nothing in hand to one already chatting, however long ago the latter's last work ended", () => {
    const router = new Router();
    online(router, "ann", T0);
    router.enqueue(contact("chat1", { kind: "chat" }), T0);
    router.tick(T0);
    router.accept("chat1", "ann", T0 + S);
    online(router, "bob", T0 + 10 * S);
    router.enqueue(contact("chat2", { kind: "chat" }), T0 + 11 * S);
    expect(offers(router.tick(T0 + 11 * S))).toEqual([["chat2", "bob"]]);
  });
});

describe("capacity", () => {
  it("takes one call and three chats at once, a call not stopping chats, and is busy only when both are full", () => {
    const router = new Router();
    online(router, "ann", T0);
    const take = (id: string, kind: WorkKind, at: number) => {
      router.enqueue(contact(id, { kind }), at);
      const made = offers(router.tick(at));
      if (made.length > 0) router.accept(id, "ann", at);
      return made.length > 0;
    };
    expect(take("call1", "call", T0)).toBe(true);
    expect(router.agent("ann")).toMatchObject({ state: "available", work: { call: 1, chat: 0 } });
    expect(take("call2", "call", T0 + S)).toBe(false);
    expect(take("chat1", "chat", T0 + 2 * S)).toBe(true);
    expect(take("chat2", "chat", T0 + 3 * S)).toBe(true);
    expect(take("chat3", "chat", T0 + 4 * S)).toBe(true);
    expect(router.agent("ann")).toMatchObject({ state: "busy", work: { call: 1, chat: 3 } });
    expect(take("chat4", "chat", T0 + 5 * S)).toBe(false);
    // A chat ends: room for one more chat, and no wrap-up while other work is in hand.
    expect(router.finish("chat1", T0 + 6 * S)).toEqual({ ok: true, agentId: "ann" });
    expect(router.agent("ann")?.state).toBe("available");
    expect(offers(router.tick(T0 + 6 * S))).toEqual([["chat4", "ann"]]);
  });

  it("shows an agent who went away with work in hand as busy, and gives them nothing new", () => {
    const router = new Router();
    online(router, "ann", T0);
    router.enqueue(contact("chat1", { kind: "chat" }), T0);
    router.tick(T0);
    router.accept("chat1", "ann", T0);
    router.setPresence("ann", "away", T0 + S);
    expect(router.agent("ann")?.state).toBe("busy");
    router.enqueue(contact("chat2", { kind: "chat" }), T0 + S);
    expect(offers(router.tick(T0 + S))).toEqual([]);
    router.finish("chat1", T0 + 2 * S);
    router.tick(T0 + 40 * S);
    expect(router.agent("ann")?.state).toBe("away");
  });
});

describe("priority and aging", () => {
  it("lets a later upset customer overtake those who waited less than its head start", () => {
    const router = new Router();
    router.enqueue(contact("calm"), T0);
    expect(router.enqueue(contact("upset", { basePriority: 60 }), T0 + 2 * MIN)).toEqual({ ok: true, position: 1 });
    expect(router.position("calm")).toBe(2);
    online(router, "ann", T0 + 2 * MIN);
    expect(offers(router.tick(T0 + 2 * MIN))).toEqual([["upset", "ann"]]);
  });

  it("serves an old contact before a newer high-priority one once it has waited enough minutes longer", () => {
    const router = new Router();
    router.enqueue(contact("old"), T0);
    expect(router.enqueue(contact("upset", { basePriority: 60 }), T0 + 7 * MIN)).toEqual({ ok: true, position: 2 });
    online(router, "ann", T0 + 7 * MIN);
    expect(offers(router.tick(T0 + 7 * MIN))).toEqual([["old", "ann"]]);
  });

  it("reports effective priorities in the snapshot, growing with the wait", () => {
    const router = new Router({ agingPerMinute: 10 });
    router.enqueue(contact("c1", { basePriority: 5 }), T0);
    expect(router.snapshot(T0 + 3 * MIN).waiting[0]).toMatchObject({ waitedMs: 3 * MIN, priority: 35 });
  });
});

describe("the queue", () => {
  it("refuses contacts beyond the cap per hall, and has room again when one leaves", () => {
    const router = new Router({ queueCap: 2 });
    expect(router.enqueue(contact("a"), T0)).toEqual({ ok: true, position: 1 });
    expect(router.enqueue(contact("b"), T0)).toEqual({ ok: true, position: 2 });
    expect(router.enqueue(contact("c"), T0)).toEqual({ ok: false, code: "queue_full" });
    expect(router.enqueue(contact("s", { hallId: "shop" }), T0)).toEqual({ ok: true, position: 1 });
    router.cancel("a", T0 + S);
    expect(router.enqueue(contact("c"), T0 + S)).toEqual({ ok: true, position: 2 });
  });

  it("refuses a contact already waiting or in work, and takes it again once finished", () => {
    const router = new Router();
    online(router, "ann", T0);
    router.enqueue(contact("c1"), T0);
    expect(router.enqueue(contact("c1"), T0)).toEqual({ ok: false, code: "duplicate" });
    router.tick(T0);
    router.accept("c1", "ann", T0);
    expect(router.enqueue(contact("c1"), T0 + S)).toEqual({ ok: false, code: "duplicate" });
    router.finish("c1", T0 + 2 * S);
    expect(router.enqueue(contact("c1"), T0 + 3 * S)).toEqual({ ok: true, position: 1 });
  });

  it("keeps a callback customer's place and routes them as before", () => {
    const router = new Router();
    router.enqueue(contact("first"), T0);
    router.enqueue(contact("caller"), T0 + S);
    router.enqueue(contact("third"), T0 + 2 * S);
    expect(router.requestCallback("caller", T0 + 3 * S)).toBe(true);
    expect(router.requestCallback("nobody", T0 + 3 * S)).toBe(false);
    expect(router.waiting("bank").map((w) => [w.contact.id, w.position, w.contact.callback])).toEqual([
      ["first", 1, false],
      ["caller", 2, true],
      ["third", 3, false],
    ]);
    router.enqueue(contact("asked-up-front", { callback: true }), T0 + 4 * S);
    expect(router.position("asked-up-front")).toBe(4);
    online(router, "ann", T0 + 5 * S);
    online(router, "bob", T0 + 6 * S);
    expect(offers(router.tick(T0 + 6 * S))).toEqual([
      ["first", "ann"],
      ["caller", "bob"],
    ]);
  });

  it("moves everyone up as those ahead are served or leave", () => {
    const router = new Router();
    for (const [i, id] of ["a", "b", "c", "d"].entries()) router.enqueue(contact(id), T0 + i * S);
    expect(["a", "b", "c", "d"].map((id) => router.position(id))).toEqual([1, 2, 3, 4]);
    online(router, "ann", T0 + 5 * S);
    router.tick(T0 + 5 * S);
    expect(router.position("a")).toBe(1); // offered, not yet served: still in line
    router.accept("a", "ann", T0 + 6 * S);
    router.cancel("c", T0 + 6 * S);
    expect(["a", "b", "c", "d"].map((id) => router.position(id))).toEqual([undefined, 1, undefined, 2]);
    expect(router.waiting().map((w) => w.contact.id)).toEqual(["b", "d"]);
  });
});

describe("after-call work", () => {
  function afterCall() {
    const router = new Router({ afterCallMs: 30 * S });
    online(router, "ann", T0);
    router.enqueue(contact("c1"), T0);
    router.tick(T0);
    router.accept("c1", "ann", T0 + S);
    expect(router.finish("c1", T0 + 60 * S)).toEqual({ ok: true, agentId: "ann", afterCallEndsAt: T0 + 90 * S });
    router.enqueue(contact("c2"), T0 + 61 * S);
    return router;
  }

  it("keeps the agent out of routing for the wrap-up, then back in with the wrap-up's end as idle time", () => {
    const router = afterCall();
    expect(router.agent("ann")).toMatchObject({ state: "after-call", afterCallEndsAt: T0 + 90 * S });
    expect(router.tick(T0 + 89 * S)).toEqual([]);
    expect(router.tick(T0 + 91 * S)).toEqual([
      { type: "after-call-ended", agentId: "ann" },
      { type: "offer", contactId: "c2", agentId: "ann", expiresAt: T0 + 111 * S },
    ]);
    expect(router.agent("ann")?.idleSince).toBe(T0 + 90 * S);
  });

  it("ends early when the agent says they are available", () => {
    const router = afterCall();
    expect(router.setPresence("ann", "available", T0 + 70 * S)).toEqual({ ok: true, state: "available" });
    expect(router.agent("ann")).toMatchObject({ idleSince: T0 + 70 * S });
    expect(router.agent("ann")?.afterCallEndsAt).toBeUndefined();
    expect(offers(router.tick(T0 + 70 * S))).toEqual([["c2", "ann"]]);
    expect(router.tick(T0 + 89 * S)).toEqual([]); // the old wrap-up's timer is gone
  });

  it("rejects finishing what is not in work", () => {
    const router = afterCall();
    expect(router.finish("c1", T0 + 61 * S)).toEqual({ ok: false, code: "not_in_work" });
    expect(router.finish("c2", T0 + 61 * S)).toEqual({ ok: false, code: "not_in_work" });
  });
});

describe("queries", () => {
  it("gives a snapshot that is plain JSON", () => {
    const router = new Router();
    online(router, "ann", T0, { skills: { loans: 3 } });
    router.enqueue(contact("c1"), T0);
    router.enqueue(contact("c2", { kind: "chat" }), T0);
    router.tick(T0);
    router.decline("c1", "ann", T0);
    router.tick(T0);
    const snapshot = router.snapshot(T0 + S);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
    expect(snapshot.agents[0]).toMatchObject({ id: "ann", state: "offered", offer: { contactId: "c2" } });
    expect(snapshot.waiting.map((w) => [w.id, w.offeredTo, w.passedBy])).toEqual([
      ["c1", undefined, ["ann"]],
      ["c2", "ann", []],
    ]);
    expect(router.contact("c2")).toMatchObject({ status: "waiting", offeredTo: "ann", offerExpiresAt: T0 + 20 * S });
  });

  it("keeps its own copy of a profile, and a profile update applies to the next offers", () => {
    const router = new Router();
    const mine = profile("ann");
    online(router, "ann", T0, mine);
    mine.languages.push("zh-CN");
    router.enqueue(contact("c1", { lang: "zh-CN" }), T0);
    expect(offers(router.tick(T0))).toEqual([]);
    router.upsertAgent({ ...profile("ann"), languages: ["zh-CN"] }, T0 + S);
    expect(router.agent("ann")?.presence).toBe("available");
    expect(offers(router.tick(T0 + S))).toEqual([["c1", "ann"]]);
  });

  it("says since when each agent has shown their state", () => {
    const router = new Router({ afterCallMs: 10 * S });
    router.upsertAgent(profile("ann"), T0);
    expect(router.agent("ann")).toMatchObject({ state: "away", since: T0 });
    router.setPresence("ann", "available", T0 + S);
    router.enqueue(contact("c1"), T0 + 2 * S);
    expect(router.agent("ann")).toMatchObject({ state: "available", since: T0 + S });
    router.tick(T0 + 3 * S);
    expect(router.agent("ann")).toMatchObject({ state: "offered", since: T0 + 3 * S });
    router.accept("c1", "ann", T0 + 4 * S);
    expect(router.agent("ann")).toMatchObject({ state: "available", since: T0 + 4 * S, work: { call: 1, chat: 0 } });
    router.finish("c1", T0 + 9 * S);
    router.tick(T0 + 30 * S);
    // The wrap-up ended at 19 s, when the tick ran does not matter.
    expect(router.agent("ann")).toMatchObject({ state: "available", since: T0 + 19 * S, idleSince: T0 + 19 * S });
    router.setPresence("ann", "available", T0 + 31 * S);
    expect(router.agent("ann")?.since).toBe(T0 + 19 * S);
  });

  it("answers unknown agents plainly", () => {
    const router = new Router();
    expect(router.setPresence("ghost", "available", T0)).toEqual({ ok: false, code: "unknown_agent" });
    expect([router.agent("ghost"), router.offerFor("ghost"), router.workOf("ghost"), router.contact("ghost"), router.position("ghost")]).toEqual([
      undefined,
      undefined,
      [],
      undefined,
      undefined,
    ]);
  });
});

/**
 * The rule read literally, over a snapshot taken just before a tick: expire, end wrap-ups, then
 * every waiting contact by effective priority, each to the eligible agent with the least work,
 * then the longest idle. The router's indexes and shortcuts must make the same offers.
 */
function literalOffers(s: RoutingSnapshot, now: number): string[][] {
  const c = s.config;
  const agents = s.agents.map((a, order) => ({ ...a, order }));
  const waiting = s.waiting.map((w, order) => ({ ...w, order }));
  for (const w of waiting) {
    if (w.offeredTo !== undefined && now >= w.offerExpiresAt!) {
      w.passedBy.push(w.offeredTo);
      agents.find((a) => a.id === w.offeredTo)!.presence = c.missedOfferPresence;
      agents.find((a) => a.id === w.offeredTo)!.offer = undefined;
      w.offeredTo = undefined;
    }
  }
  for (const a of agents) {
    if (a.afterCallEndsAt !== undefined && now >= a.afterCallEndsAt) {
      a.idleSince = a.afterCallEndsAt;
      a.afterCallEndsAt = undefined;
    }
  }
  const priority = (w: (typeof waiting)[number]) => w.contact.basePriority + (c.agingPerMinute * (now - w.enqueuedAt)) / MIN;
  waiting.sort((x, y) => priority(y) - priority(x) || x.enqueuedAt - y.enqueuedAt || x.order - y.order);
  const made: string[][] = [];
  for (const w of waiting) {
    if (w.offeredTo !== undefined) continue;
    const waited = now - w.enqueuedAt;
    const anySkill = w.contact.skill === "general" || waited >= c.relaxAnyAgentAfterMs;
    const level = waited >= c.relaxSkillAfterMs ? 1 : w.contact.minLevel;
    const eligible = agents.filter(
      (a) =>
        a.presence === "available" &&
        !a.offer &&
        a.afterCallEndsAt === undefined &&
        a.profile.capacity[w.contact.kind] - a.work[w.contact.kind] > 0 &&
        (a.profile.hallIds.length === 0 || a.profile.hallIds.includes(w.contact.hallId)) &&
        (waited >= c.relaxLanguageAfterMs || a.profile.languages.includes(w.contact.lang)) &&
        (anySkill || (a.profile.skills[w.contact.skill] ?? 0) >= level) &&
        !w.passedBy.includes(a.id),
    );
    const load = (a: (typeof agents)[number]) => a.work.call + a.work.chat;
    eligible.sort((x, y) => load(x) - load(y) || x.idleSince - y.idleSince || x.order - y.order);
    const pick = eligible[0];
    if (!pick) continue;
    pick.offer = { contactId: w.contact.id, agentId: pick.id, expiresAt: now + c.offerTimeoutMs };
    made.push([w.contact.id, pick.id]);
  }
  return made;
}

describe("the fast tick", () => {
  it("makes the same offers as the rule read literally, through random days at the desk", () => {
    const random = seededRandom(2026);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const skills = ["loans", "cards", "mortgage", "fx"];
    const halls = ["bank", "shop", "branch"];
    const langs = ["en", "zh-CN", "fr"];
    // Aging 6 a minute over 10 s steps keeps effective priorities whole numbers: no float ties.
    const router = new Router({ agingPerMinute: 6, offerTimeoutMs: 20 * S, afterCallMs: 30 * S, queueCap: 30 });
    let offersSeen = 0;
    let contacts = 0;
    for (let step = 0; step < 600; step++) {
      const now = T0 + step * 10 * S;
      for (let op = 0; op < 6; op++) {
        const r = random();
        const snap = router.snapshot();
        if (r < 0.12) {
          const id = `agent${Math.floor(random() * 25)}`;
          router.upsertAgent(
            profile(id, {
              skills: Object.fromEntries(skills.filter(() => random() < 0.4).map((s) => [s, 1 + Math.floor(random() * 5)])),
              languages: langs.filter(() => random() < 0.5),
              hallIds: halls.filter(() => random() < 0.4),
              capacity: { call: Math.floor(random() * 2), chat: Math.floor(random() * 4) },
            }),
            now,
          );
        } else if (r < 0.3 && snap.agents.length > 0) {
          router.setPresence(pick(snap.agents).id, random() < 0.75 ? "available" : "away", now);
        } else if (r < 0.55) {
          router.enqueue(
            contact(`c${contacts++}`, {
              hallId: pick(halls),
              skill: random() < 0.2 ? "general" : pick(skills),
              minLevel: 1 + Math.floor(random() * 5),
              lang: pick(langs),
              kind: random() < 0.5 ? "call" : "chat",
              basePriority: pick([0, 0, 0, 30, 60]),
            }),
            now,
          );
        } else if (r < 0.7) {
          const offered = snap.waiting.filter((w) => w.offeredTo !== undefined);
          if (offered.length > 0) {
            const w = pick(offered);
            if (random() < 0.7) router.accept(w.id, w.offeredTo!, now);
            else router.decline(w.id, w.offeredTo!, now);
          }
        } else if (r < 0.85 && snap.work.length > 0) {
          router.finish(pick(snap.work).contactId, now);
        } else if (r < 0.95 && snap.waiting.length > 0) {
          router.cancel(pick(snap.waiting).contact.id, now);
        } else if (r >= 0.98 && snap.agents.length > 0) {
          router.removeAgent(pick(snap.agents).id, now);
        }
      }
      const expected = literalOffers(router.snapshot(), now);
      const made = offers(router.tick(now));
      expect(made, `step ${step}`).toEqual(expected);
      offersSeen += made.length;
    }
    // The scenario must actually exercise the rule.
    expect(offersSeen).toBeGreaterThan(300);
  });
});
