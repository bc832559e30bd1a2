import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ConciergeAnswer } from "../game-server/protocol/concierge.ts";
import type { AcceptReply, DeskView, FloorView, ServiceChatLine, ServiceContext, ServiceView, TicketDetail, TicketView } from "../game-server/protocol/service.ts";
import { EventStreamReader } from "../test-support/event-stream-reader.ts";
import { enterHallAs, rejection, until, type Visit } from "../test-support/hall-visit.ts";
import { signInStaff, staffHallVisit } from "../test-support/service-actors.ts";
import { newSessionToken, startTestServer, type TestServer } from "../test-support/start-test-server.ts";

/**
 * The handover over a real server (Colyseus, mediasoup, a SQLite file): a customer asks for a
 * person in the hall, agents on the desk (REST + events) get the offer, one accepts and joins the
 * customer's hall instance, they chat, it ends, the customer rates, the agent wraps up, and the
 * ticket tells the whole story. Then what must be refused, as a table.
 */
let server: TestServer;
const visits: { leave(): Promise<unknown> }[] = [];
const streams: EventStreamReader<unknown>[] = [];
const who: Record<string, Record<string, string>> = {};
const ids: Record<string, string> = {};

async function signIn(email: string): Promise<Record<string, string>> {
  const { headers, id } = await signInStaff(server.url, email);
  ids[email] = id;
  return headers;
}

function call(method: string, path: string, as: string, body?: unknown): Promise<Response> {
  const payload = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
  return fetch(`${server.url}${path}`, { method, headers: { ...(payload !== undefined ? { "content-type": "application/json" } : {}), ...who[as] }, body: payload });
}

async function json<T>(response: Response, status = 200): Promise<T> {
  const body = (await response.json()) as T & { error?: string };
  expect(response.status, body.error).toBe(status);
  return body;
}

async function desk(as: string): Promise<EventStreamReader<DeskView>> {
  const reader = await EventStreamReader.open<DeskView>(`${server.url}/api/desk/events`, "desk", who[as]!);
  streams.push(reader as EventStreamReader<unknown>);
  await reader.next(() => true);
  return reader;
}

/** A customer in the demo hall who records what the service desk tells them. */
async function customer(name: string): Promise<Visit & { views: ServiceView[]; lines: ServiceChatLine[] }> {
  const visit = await enterHallAs(server.url, name);
  visits.push(visit);
  const views: ServiceView[] = [];
  const lines: ServiceChatLine[] = [];
  visit.onMessage("service:state", (v: ServiceView) => views.push(v));
  visit.onMessage("service:chat", (l: ServiceChatLine) => lines.push(l));
  return Object.assign(visit, { views, lines });
}

/** The agent's hall connection, to the very instance their customer is in. */
async function agentInHall(as: string, roomId: string) {
  const room = await staffHallVisit(server.url, who[as]!, roomId);
  visits.push(room);
  return room;
}

beforeAll(async () => {
  server = await startTestServer({ ATRIUM_OFFER_SECONDS: "2", ATRIUM_AFTER_CALL_SECONDS: "1" });
  who.anonymous = {};
  who.customer = { authorization: `Bearer ${await newSessionToken(server.url, "Ada")}` };
  who.lin = await signIn("lin.wei@nova.example");
  who.sam = await signIn("sam.carter@nova.example");
  who.supervisor = await signIn("zhang.min@nova.example");
  who.marketer = await signIn("olivia.brown@nova.example");
  who.bankAgent = await signIn("chen.jing@meridian.example");
  who.admin = await signIn("admin@atrium.example");
}, 30_000);

afterAll(async () => {
  for (const s of streams) s.close();
  for (const v of visits) await v.leave().catch(() => undefined);
  await server?.stop();
});

describe("the handover, end to end over the server", () => {
  it("goes from an unanswered question to a rated, wrapped-up ticket with its whole timeline", async () => {
    // A repair question needs the "returns" skill: Sam Carter has it (Lin Wei does not).
    const sam = await desk("sam");
    expect((await sam.next(() => true)).me.presence).toBe("away");
    await json(await call("POST", "/api/desk/presence", "sam", { presence: "available" }));
    await sam.next((v) => v.me.state === "available");
    const floor = await EventStreamReader.open<FloorView>(`${server.url}/api/supervisor/events`, "floor", who.supervisor!);
    streams.push(floor as EventStreamReader<unknown>);

    const ada = await customer("Ada");
    // Twice not sure in a row: the concierge offers a person (not after the first).
    const first = (await ada.request("concierge:ask", { text: "Can you repair my grandmother's fridge freezer?", lang: "en" })) as ConciergeAnswer;
    expect(first.offerHuman).toBe(false);
    const second = (await ada.request("concierge:ask", { text: "Do you sell replacement fridge door seals?", lang: "en" })) as ConciergeAnswer;
    expect(second.offerHuman).toBe(true);
    expect(second.handover).toBe("not-confident");

    const queued = (await ada.request("service:request", { reason: second.handover, lang: "en" })) as ServiceView;
    expect(queued.phase).toBe("queued");
    expect(queued.ticketNumber).toBeGreaterThan(1000);

    const offered = await sam.next((v) => v.offers.length > 0);
    const offer = offered.offers[0]!;
    expect(offer).toMatchObject({ customerName: "Ada", hallId: "demo", reason: "not-confident", skill: "returns", ticketNumber: queued.ticketNumber });
    expect(offer.subject.toLowerCase()).toContain("fridge");
    await floor.next((f) => f.agents.some((a) => a.name === "Sam Carter" && a.state === "offered"));

    const accepted = await json<AcceptReply>(await call("POST", `/api/desk/offers/${offer.contactId}/accept`, "sam"));
    expect(accepted.roomId).toBe(ada.roomId);
    await until(() => ada.views.some((v) => v.phase === "connecting" && v.agent?.name === "Sam Carter"));

    const agent = await agentInHall("sam", accepted.roomId);
    const context = (await agent.request("service:attach", { contactId: offer.contactId })) as ServiceContext;
    expect(context.customer.name).toBe("Ada");
    expect(context.bot.map((t) => t.text)).toContain("Do you sell replacement fridge door seals?");
    await until(() => ada.views.at(-1)?.phase === "connected");
    // The agent's avatar stands next to the customer, and the two are in a private call.
    const adaPose = ada.poses.own!;
    await until(() => ada.poses.of(agent.sessionId) !== undefined);
    const agentPose = ada.poses.of(agent.sessionId);
    expect(Math.hypot(agentPose!.x - adaPose.x, agentPose!.z - adaPose.z)).toBeLessThan(2);
    await floor.next((f) => f.agents.some((a) => a.name === "Sam Carter" && a.customer?.name === "Ada"));

    await agent.request("service:chat", { text: "Hello Ada, I am Sam; I can help with the fridge seals." });
    await ada.request("service:chat", { text: "Great, 谢谢! I need a seal for model FX-200." });
    await until(() => ada.lines.length === 2 && agent.lines.length === 2);
    expect(ada.lines.map((l) => l.from)).toEqual(["agent", "customer"]);
    await ada.request("service:media", { media: "voice" });

    // Her emotion signal (with her consent) reaches her agent, never a bystander in the same hall.
    const bystander = await customer("Eve");
    expect(bystander.roomId).toBe(ada.roomId);
    const heardByBystander: unknown[] = [];
    bystander.onMessage("service:emotion", (m: unknown) => heardByBystander.push(m));
    const agentHeard: { state: string }[] = [];
    agent.onMessage("service:emotion", (m: { state: string }) => agentHeard.push(m));
    ada.send("service:emotion", { valence: -0.6, arousal: 0.7, state: "frustrated" });
    await until(() => agentHeard.length === 1);
    expect(agentHeard[0]!.state).toBe("frustrated");
    bystander.send("service:emotion", { valence: 0.9, arousal: 0.9, state: "happy" });
    await new Promise((r) => setTimeout(r, 300));
    expect(heardByBystander).toEqual([]);
    expect(agentHeard.length, "a bystander cannot send one into someone's session").toBe(1);

    await agent.request("service:end");
    await until(() => ada.views.at(-1)?.phase === "ended");
    expect(ada.views.at(-1)!.canRate).toBe(true);
    await ada.request("service:rate", { score: 5, comment: "Quick and kind" });
    expect((await rejection(ada.request("service:rate", { score: 4 }))).code).toBe("not_allowed");

    const wrap = await sam.next((v) => v.sessions.some((s) => s.phase === "wrap-up"));
    expect(wrap.me.state).toBe("after-call");
    await json(await call("POST", `/api/desk/sessions/${offer.contactId}/wrap-up`, "sam", { disposition: "answered", notes: "Ordered seal FX-200-S; 密封条 ships Monday", status: "resolved" }));
    await sam.next((v) => v.sessions.length === 0 && v.me.state === "available");

    const detail = await json<TicketDetail>(await call("GET", `/api/tickets/${queued.ticketNumber}`, "supervisor"));
    expect(detail.ticket).toMatchObject({ status: "resolved", disposition: "answered", csat: 5, csatComment: "Quick and kind", agentName: "Sam Carter", customerName: "Ada" });
    const kinds = detail.timeline.map((e) => e.kind);
    for (const kind of ["bot", "queue", "chat", "call", "csat", "wrap-up"]) expect(kinds).toContain(kind);
    const record = detail.timeline.find((e) => e.kind === "call")!.data as { media: string[]; durationMs: number; endedBy: string };
    expect(record.media).toEqual(["text", "voice"]);
    expect(record.endedBy).toBe("agent");
    expect(detail.sla.firstResponse.state).toBe("met");
    expect(detail.sla.resolution.state).toBe("met");

    // Found by words said in the chat and in the wrap-up, in either language.
    for (const q of ["seals", "密封条", "FX-200"]) {
      const { tickets } = await json<{ tickets: TicketView[] }>(await call("GET", `/api/tickets?q=${encodeURIComponent(q)}`, "lin"));
      expect(tickets.map((t) => t.number), q).toContain(queued.ticketNumber);
    }
    const none = await json<{ tickets: TicketView[] }>(await call("GET", `/api/tickets?q=${encodeURIComponent("dishwasher")}`, "lin"));
    expect(none.tickets).toEqual([]);
    // The supervisor's figures count it: answered, rated 5.
    const today = await floor.next((f) => f.today.answered >= 1 && f.today.csatCount >= 1);
    expect(today.today.csatAvg).toBe(5);
    sam.close();
  }, 60_000);

  it("passes an offer nobody answers to the next agent, and sets the one who missed it away", async () => {
    const lin = await desk("lin");
    const sam = await desk("sam");
    await json(await call("POST", "/api/desk/presence", "lin", { presence: "available" }));
    await json(await call("POST", "/api/desk/presence", "sam", { presence: "available" }));
    const bo = await customer("Bo");
    const queued = (await bo.request("service:request", { reason: "button", lang: "en" })) as ServiceView;
    const firstTo = await Promise.race([lin.next((v) => v.offers.some((o) => o.contactId === queued.contactId)).then(() => "lin"), sam.next((v) => v.offers.some((o) => o.contactId === queued.contactId)).then(() => "sam")]);
    const [missed, next] = firstTo === "lin" ? [lin, sam] : [sam, lin];
    // Nobody touches it: after the offer time (2 s here) it rings for the other agent.
    await next.next((v) => v.offers.some((o) => o.contactId === queued.contactId), 6000);
    const after = await missed.next((v) => v.me.notice === "missed-offer");
    expect(after.me.presence).toBe("away");
    expect(after.offers).toEqual([]);
    // Accepting the expired offer is refused, the one who has it now may take it.
    const late = await call("POST", `/api/desk/offers/${queued.contactId}/accept`, firstTo);
    expect(late.status).toBe(409);
    const taker = firstTo === "lin" ? "sam" : "lin";
    await json(await call("POST", `/api/desk/offers/${queued.contactId}/accept`, taker));
    // Ended from the console (the agent never joined the hall): the customer is told, the agent is free again.
    expect((await call("POST", `/api/desk/sessions/${queued.contactId}/end`, firstTo)).status).toBe(404);
    await json(await call("POST", `/api/desk/sessions/${queued.contactId}/end`, taker));
    await until(() => bo.views.at(-1)?.phase === "ended");
    expect(bo.views.at(-1)!.canRate).toBe(false);
    lin.close();
    sam.close();
  }, 30_000);
});

describe("what the desk refuses (role × action)", () => {
  const routes: [string, string, unknown?][] = [
    ["GET", "/api/desk"],
    ["POST", "/api/desk/presence", { presence: "available" }],
    ["POST", "/api/desk/offers/x/accept"],
    ["POST", "/api/desk/sessions/x/wrap-up", { disposition: "answered" }],
    ["GET", "/api/supervisor/floor"],
    ["GET", "/api/tickets"],
    ["GET", "/api/tickets/1001"],
    ["PATCH", "/api/tickets/1001", { status: "closed" }],
    ["POST", "/api/tickets/1001/notes", { text: "hello" }],
  ];
  const expected: Record<string, number[]> = {
    // [desk, presence, accept, wrap-up, floor, tickets, ticket, patch, note]: 4xx refusals only; "ok" is anything else
    anonymous: [401, 401, 401, 401, 401, 401, 401, 401, 401],
    customer: [401, 401, 401, 401, 401, 401, 401, 401, 401],
    marketer: [403, 403, 403, 403, 403, 403, 403, 403, 403],
    lin: [0, 0, 0, 0, 403, 0, 0, 0, 0],
  };
  for (const [role, statuses] of Object.entries(expected)) {
    it(`answers ${role} as the table says, and changes nothing when it refuses`, async () => {
      const before = await json<{ tickets: TicketView[] }>(await call("GET", "/api/tickets?limit=500", "admin"));
      for (const [i, [method, path, body]] of routes.entries()) {
        const response = await call(method, path, role, body);
        if (statuses[i]) expect(response.status, `${role} ${method} ${path}`).toBe(statuses[i]);
        else expect(response.status, `${role} ${method} ${path}`).not.toBe(401);
      }
      if (role !== "lin") {
        const after = await json<{ tickets: TicketView[] }>(await call("GET", "/api/tickets?limit=500", "admin"));
        expect(after.tickets).toEqual(before.tickets);
      }
    });
  }

  it("refuses bad input with a clear reason and leaves the queue as it was", async () => {
    const lin = await desk("lin");
    const cases: [string, string, string, unknown, number, RegExp][] = [
      ["lin", "POST", "/api/desk/presence", { presence: "sleeping" }, 400, /presence/],
      ["lin", "POST", "/api/desk/offers/no-such-customer/accept", undefined, 404, /no longer waiting|no waiting customer/],
      ["lin", "POST", "/api/desk/sessions/no-such/wrap-up", { disposition: "answered" }, 404, /not one of your sessions/],
      ["lin", "POST", "/api/desk/sessions/x/wrap-up", { disposition: "answered", notes: "x".repeat(4001) }, 400, /notes/],
      ["lin", "POST", "/api/desk/sessions/x/wrap-up", { disposition: "" }, 400, /disposition/],
      ["lin", "GET", "/api/tickets/999999", undefined, 404, /no ticket/],
      ["lin", "GET", "/api/tickets/not-a-ticket", undefined, 404, /no ticket/],
      ["lin", "GET", "/api/tickets?status=lost", undefined, 400, /status/],
      ["lin", "GET", "/api/tickets?limit=100000", undefined, 400, /limit/],
      ["lin", "GET", "/api/tickets?hall=bank", undefined, 403, /bank/],
      ["bankAgent", "GET", "/api/tickets/1001", undefined, 404, /no ticket/],
      ["lin", "PATCH", "/api/tickets/1001", { status: "lost" }, 400, /status/],
      ["lin", "PATCH", "/api/tickets/1001", {}, 400, /nothing to change/],
      ["lin", "POST", "/api/tickets/1001/notes", { text: "   " }, 400, /empty/],
      ["lin", "POST", "/api/tickets/1001/notes", { text: "n".repeat(4001) }, 400, /4000/],
    ];
    const places = (view: DeskView) => view.queue.map(({ waitedMs: _, ...rest }) => rest);
    const queueBefore = places(await lin.next(() => true));
    for (const [as, method, path, body, status, message] of cases) {
      const response = await call(method, path, as, body);
      const answer = (await response.json()) as { error: string };
      expect(response.status, `${method} ${path}`).toBe(status);
      expect(answer.error, `${method} ${path}`).toMatch(message);
    }
    expect(places(await call("GET", "/api/desk", "lin").then((r) => r.json() as Promise<DeskView>))).toEqual(queueBefore);
    lin.close();
  });

  it("lets exactly one of two racing accepts win", async () => {
    const lin = await desk("lin");
    // Sam may still be on the desk from an earlier test: the offer must come to Lin.
    await call("POST", "/api/desk/presence", "sam", { presence: "away" });
    await json(await call("POST", "/api/desk/presence", "lin", { presence: "available" }));
    const cy = await customer("Cy");
    const queued = (await cy.request("service:request", { reason: "button", lang: "en" })) as ServiceView;
    await lin.next((v) => v.offers.some((o) => o.contactId === queued.contactId));
    const answers = await Promise.all([call("POST", `/api/desk/offers/${queued.contactId}/accept`, "lin"), call("POST", `/api/desk/offers/${queued.contactId}/accept`, "lin")]);
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    lin.close();
  });

  it("refuses staff messages from customers and customer messages from staff in the hall", async () => {
    const dee = await customer("Dee");
    const attach = await rejection(dee.request("service:attach", { contactId: "anything" }));
    expect(attach.code).toBe("not_allowed");
    expect((await rejection(dee.request("service:rate", { score: 9 }))).code).toBe("invalid_payload");
    expect((await rejection(dee.request("service:chat", { text: "hello?" }))).code).toBe("not_found");
    expect((await rejection(dee.request("service:end"))).code).toBe("not_found");
    const agent = await agentInHall("sam", dee.roomId);
    expect((await rejection(agent.request("service:request", { reason: "button", lang: "en" }))).code).toBe("not_allowed");
    // Attaching to a session that is not theirs: refused, nothing opens.
    const queued = (await dee.request("service:request", { reason: "button", lang: "en" })) as ServiceView;
    expect((await rejection(agent.request("service:attach", { contactId: queued.contactId }))).code).toBe("not_found");
    expect(dee.views.at(-1)?.phase).toBe("queued");
  });
});
