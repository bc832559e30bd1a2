import type { RequestOptions } from "@colyseus/sdk";
import { describe, expect, expectTypeOf, it } from "vitest";
import { ClientMessageName as Msg, ErrorCode, type ChatLine, type ErrorPayload } from "../../game-server/protocol/index.ts";
import { request, RequestError, send, type RequestRoom } from "./room-request.ts";

/** A room whose `request` answers with `answer(type, payload)`, recording what was sent. */
function fakeRoom(answer: (type: string, payload: unknown) => Promise<unknown>) {
  const requests: { type: string; payload: unknown; options?: RequestOptions }[] = [];
  const sent: { type: string; payload: unknown }[] = [];
  const room: RequestRoom = {
    request: (type, payload, options) => {
      requests.push({ type, payload, options });
      return answer(type, payload);
    },
    send: (type, payload) => void sent.push({ type, payload }),
  };
  return { room, requests, sent };
}

/** What @colyseus/sdk rejects with when the server's handler called `ctx.reject(reason)`. */
function rejected(reason: unknown): Error {
  return Object.assign(new Error("request rejected"), { name: "rejected", reason });
}

describe("request", () => {
  it("sends the type, payload and options and resolves to the reply", async () => {
    const { room, requests } = fakeRoom(async () => ({ id: "c1" }));
    const reply = await request(room, Msg.chat, { text: "hello", scope: "hall" }, { timeout: 5000 });
    expect(reply).toEqual({ id: "c1" });
    expect(requests).toEqual([{ type: "chat", payload: { text: "hello", scope: "hall" }, options: { timeout: 5000 } }]);
  });

  it("needs no payload for requests that carry none", async () => {
    const { room, requests } = fakeRoom(async () => []);
    expect(await request(room, Msg.chatHistory)).toEqual([]);
    await request(room, Msg.capabilities, undefined, { timeout: 1 });
    expect(requests.map((r) => [r.type, r.payload, r.options])).toEqual([
      ["chat:history", undefined, undefined],
      ["rtc:capabilities", undefined, { timeout: 1 }],
    ]);
  });

  it("turns the server's ErrorPayload into a RequestError with its code and message", async () => {
    const payload: ErrorPayload = { code: ErrorCode.rateLimited, message: "you are sending messages too fast; wait a few seconds", type: "chat" };
    const { room } = fakeRoom(async () => Promise.reject(rejected(payload)));
    const error = await request(room, Msg.chat, { text: "hi", scope: "nearby" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ name: "RequestError", type: "chat", code: "rate_limited", refused: true, message: payload.message });
    expect((error as RequestError).cause).toBeInstanceOf(Error);
  });

  it("wraps a request that got no answer (timeout, closed connection) without a code", async () => {
    const timeout = new Error('request "rtc:join" timed out after 30000ms.');
    const { room } = fakeRoom(async () => Promise.reject(timeout));
    const error = await request(room, Msg.join, { rtpCapabilities: {}, dataChannels: true }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ type: "rtc:join", code: undefined, refused: false, message: timeout.message, cause: timeout });
  });

  it("does not take a malformed rejection reason for the server's word", async () => {
    const { room } = fakeRoom(async () => Promise.reject(rejected("nope")));
    const error = (await request(room, Msg.degrade, { level: "audio" }).catch((e: unknown) => e)) as RequestError;
    expect(error.code).toBeUndefined();
    expect(error.message).toBe("request rejected");
  });

  it("types each reply after the protocol's Replies", () => {
    const { room } = fakeRoom(async () => undefined);
    expectTypeOf(request(room, Msg.chat, { text: "x", scope: "hall" })).resolves.toEqualTypeOf<{ id: string }>();
    expectTypeOf(request(room, Msg.chatHistory)).resolves.toEqualTypeOf<ChatLine[]>();
    expectTypeOf(request(room, Msg.produce, { transportId: "t", kind: "audio", rtpParameters: {}, source: "mic" })).resolves.toEqualTypeOf<{ producerId: string }>();
    expectTypeOf(request(room, Msg.qoe, { samples: [] })).resolves.toEqualTypeOf<{ stored: number }>();
    expectTypeOf(request(room, Msg.restartIce, { transportId: "t" })).resolves.toEqualTypeOf<{ iceParameters: unknown }>();
    expectTypeOf(request(room, Msg.degrade, { level: "text" })).resolves.toEqualTypeOf<{ ok: true }>();
    // @ts-expect-error a plain message is not a request
    void request(room, Msg.move, { x: 0, z: 0, ry: 0 }).catch(() => undefined);
    // @ts-expect-error the payload is checked against the protocol's schema
    void request(room, Msg.chat, { text: "x", scope: "everyone" }).catch(() => undefined);
    // @ts-expect-error a request with a payload needs it
    void request(room, Msg.restartIce).catch(() => undefined);
  });
});

describe("send", () => {
  it("sends a plain message as it is", () => {
    const { room, sent } = fakeRoom(async () => undefined);
    send(room, Msg.emote, { emote: "wave" });
    send(room, Msg.move, { x: 1, z: 2, ry: 0.5 });
    expect(sent).toEqual([
      { type: "emote", payload: { emote: "wave" } },
      { type: "move", payload: { x: 1, z: 2, ry: 0.5 } },
    ]);
    // @ts-expect-error a request is not sent with `send`
    send(room, Msg.chat, { text: "x", scope: "hall" });
  });
});
