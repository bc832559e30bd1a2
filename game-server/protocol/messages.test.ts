import { describe, expect, expectTypeOf, it } from "vitest";
import { ClientMessageName, ClientMessages, isClientMessageType, isRequestType, Replies, type Handler, type PlainMessageType, type Reply, type RequestType } from "./messages.ts";

describe("client messages", () => {
  it("names every message once, each with a payload schema", () => {
    const names = Object.values(ClientMessageName);
    expect(new Set(names).size).toBe(names.length);
    expect(Object.keys(ClientMessages).sort()).toEqual([...names].sort());
    for (const name of names) expect(isClientMessageType(name)).toBe(true);
    expect(isClientMessageType("constructor")).toBe(false);
  });

  it("marks requests (a reply schema) and plain messages apart", () => {
    for (const type of Object.keys(Replies)) expect(isClientMessageType(type)).toBe(true);
    const plain = Object.keys(ClientMessages).filter((t) => !isRequestType(t));
    expect(plain.sort()).toEqual(["board:close", "board:cursor", "board:stroke", "emote", "move", "rtc:videoDisplay", "service:emotion"]);
    expect(isRequestType("chat")).toBe(true);
    expect(isRequestType("toString")).toBe(false);
    expectTypeOf<PlainMessageType>().toEqualTypeOf<"move" | "emote" | "rtc:videoDisplay" | "service:emotion" | "board:close" | "board:stroke" | "board:cursor">();
  });

  it("describes what the hall answers to each request", () => {
    const ok = { ok: true };
    const samples: { [K in RequestType]: Reply<K> } = {
      chat: { id: "42" },
      "chat:history": [{ id: "1", visitorId: "v", name: "Ada", role: "guest", scope: "hall", text: "hi", at: "2026-01-01T00:00:00Z" }],
      "rtc:capabilities": { codecs: [], headerExtensions: [] },
      "rtc:join": { ok: true },
      "rtc:createTransport": { id: "t", iceParameters: {}, iceCandidates: [], dtlsParameters: {}, sctpParameters: { port: 5000 } },
      "rtc:connectTransport": { ok: true },
      "rtc:produce": { producerId: "p" },
      "rtc:produceData": { dataProducerId: "d" },
      "rtc:subscribeData": { ok: true },
      "rtc:resumeConsumer": { ok: true },
      "rtc:closeProducer": { ok: true },
      "rtc:restartIce": { iceParameters: { usernameFragment: "u", password: "p" } },
      "rtc:qoe": { stored: 3 },
      "rtc:degrade": { ok: true },
      "concierge:ask": { id: "a1", text: "Two years.", lang: "en", confidence: 0.8, sources: [{ id: "kb-warranty", title: "Warranty" }], offerHuman: false },
      "concierge:walk": { metres: 6.5, path: [{ x: 0, z: 1 }] },
      "concierge:article": { id: "kb-warranty", lang: "zh-CN", title: "保修", body: "两年。" },
      "service:request": { contactId: "c1", ticketNumber: 1001, phase: "queued", position: 2, waitMs: 90_000, callback: false, media: ["text"], canRate: false },
      "service:cancel": { ok: true },
      "service:callback": { contactId: "c1", ticketNumber: 1001, phase: "queued", position: 1, callback: true, media: ["text"], canRate: false },
      "service:attach": {
        contactId: "c1",
        ticketId: "t1",
        ticketNumber: 1001,
        customer: { id: "v1", name: "Ada", lang: "en" },
        reason: "not-confident",
        skill: "general",
        subject: "Fridge repair",
        summary: "",
        bot: [{ role: "customer", text: "Can you fix my fridge?", at: "2026-01-01T00:00:00Z" }],
        viewed: [],
        earlierTickets: [],
        chat: [],
        media: ["text"],
      },
      "service:chat": { id: "l1" },
      "service:media": { ok: true },
      "service:end": { ok: true },
      "service:rate": { ok: true },
      "board:open": { boardId: "surface:wb-1", kind: "surface", title: "Ideas", locked: false, clock: 3, full: true, elements: [], canDraw: true, canModerate: false },
      "board:ops": { clock: 4, stale: [] },
      "board:lock": { ok: true },
      "board:clear": { ok: true },
    };
    for (const [type, reply] of Object.entries(samples)) expect(Replies[type as RequestType].safeParse(reply).success, type).toBe(true);
    expect(Replies.chat.safeParse({ id: 42 }).success).toBe(false);
    expect(Replies["rtc:join"].safeParse({ ok: false }).success).toBe(false);
    expect(Replies["rtc:qoe"].safeParse({ stored: -1 }).success).toBe(false);
    expect(Replies["rtc:createTransport"].safeParse({ ...ok, id: "t" }).success).toBe(false);
    expect(Replies["service:request"].safeParse({ contactId: "c1", ticketNumber: 1001, phase: "waiting", callback: false, media: [], canRate: false }).success).toBe(false);
  });

  it("types server handlers after the same contract", () => {
    type Client = { sessionId: string };
    const chat: Handler<"chat", Client> = async (_client, m) => ({ id: m.text });
    const move: Handler<"move", Client> = () => undefined;
    expectTypeOf(chat).returns.toEqualTypeOf<{ id: string } | Promise<{ id: string }>>();
    expectTypeOf(move).parameter(1).toEqualTypeOf<{ x: number; z: number; ry: number }>();
    // @ts-expect-error a request's handler must answer with its reply
    const bad: Handler<"rtc:produce", Client> = () => ({ id: "p" });
    void bad;
  });
});
