import { describe, expect, it } from "vitest";
import { ErrorCode, Limits, type ConciergeAnswer, type ErrorPayload } from "../../game-server/protocol/index.ts";
import { ConciergeClient, InvalidQuestion, type ConciergeRoom } from "./concierge-client.ts";
import { RequestError } from "./room-request.ts";
import { WalkRoute } from "./walk-route.ts";

const warranty: ConciergeAnswer = {
  id: "a1",
  text: "The Nova Phone 12 comes with a two-year warranty.",
  lang: "en",
  confidence: 0.82,
  sources: [{ id: "kb-nova-phone-12", title: "Nova Phone 12" }],
  boothId: "nova-phone-12",
  boothLabel: "Nova Phone 12",
  offerHuman: false,
};

/** A hall room that answers requests with `answer(type, payload)` and lets the test push server messages. */
function fakeRoom(answer: (type: string, payload: unknown) => Promise<unknown>) {
  const requests: { type: string; payload: unknown }[] = [];
  const handlers = new Map<string, (message: unknown) => void>();
  const room: ConciergeRoom = {
    request: (type, payload) => {
      requests.push({ type, payload });
      return answer(type, payload);
    },
    send: () => {
      throw new Error("the concierge only sends requests");
    },
    onMessage: (type, callback) => void handlers.set(type, callback as (message: unknown) => void),
  };
  const push = (type: string, message: unknown) => handlers.get(type)?.(message);
  return { room, requests, push };
}

/** What @colyseus/sdk rejects with when the server refuses a request. */
const rejected = (reason: ErrorPayload) => Object.assign(new Error("request rejected"), { name: "rejected", reason });

describe("ConciergeClient", () => {
  it("sends a question with the page's language and keeps the conversation", async () => {
    const { room, requests } = fakeRoom(async () => warranty);
    const concierge = new ConciergeClient(room, new WalkRoute());
    const seen: boolean[] = [];
    concierge.subscribe(() => seen.push(concierge.state.asking));

    const pending = concierge.ask("  How long is the warranty on the Nova Phone 12? ", "en");
    expect(concierge.state.asking).toBe(true);
    expect(await pending).toEqual(warranty);

    expect(requests).toEqual([{ type: "concierge:ask", payload: { text: "How long is the warranty on the Nova Phone 12?", lang: "en" } }]);
    expect(concierge.state.asking).toBe(false);
    expect(concierge.state.turns.map((t) => t.kind)).toEqual(["question", "answer"]);
    expect(concierge.state.turns[1]).toEqual({ kind: "answer", id: "a1", answer: warranty });
    expect(seen).toEqual([true, false]);
  });

  it("refuses an empty or overlong question without sending it", async () => {
    const { room, requests } = fakeRoom(async () => warranty);
    const concierge = new ConciergeClient(room, new WalkRoute());
    const empty = await concierge.ask("   ", "zh-CN").catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(InvalidQuestion);
    expect(empty).toMatchObject({ reason: "empty", message: "question is empty" });
    const long = await concierge.ask("x".repeat(Limits.conciergeQuestionMax + 1), "en").catch((e: unknown) => e);
    expect(long).toMatchObject({ reason: "invalid", message: `question is longer than ${Limits.conciergeQuestionMax} characters` });
    expect(requests).toEqual([]);
    expect(concierge.state.turns).toEqual([]);
  });

  it("passes the server's refusal on with its words and is ready for the next question", async () => {
    const refusal: ErrorPayload = { code: ErrorCode.rateLimited, message: "you are asking too fast; wait a few seconds", type: "concierge:ask" };
    const { room } = fakeRoom(async () => Promise.reject(rejected(refusal)));
    const concierge = new ConciergeClient(room, new WalkRoute());
    const error = await concierge.ask("退货政策是什么？", "zh-CN").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect(error).toMatchObject({ code: "rate_limited", message: refusal.message });
    expect(concierge.state.asking).toBe(false);
    expect(concierge.state.turns).toEqual([{ kind: "question", id: expect.any(String), text: "退货政策是什么？", lang: "zh-CN" }]);
  });

  it("walks the avatar along the server's path to the booth", async () => {
    const path = [
      { x: 0, z: 4.5 },
      { x: -2.5, z: 0.2 },
      { x: -6.2, z: -2.4 },
    ];
    const { room, requests } = fakeRoom(async () => ({ metres: 9.3, path }));
    const route = new WalkRoute();
    const concierge = new ConciergeClient(room, route);
    expect(await concierge.walkTo("nova-phone-12")).toEqual({ metres: 9.3, path });
    expect(requests).toEqual([{ type: "concierge:walk", payload: { boothId: "nova-phone-12" } }]);
    expect(route.remaining).toEqual(path);
  });

  it("does not move the avatar when the server knows no such booth", async () => {
    const { room } = fakeRoom(async () => Promise.reject(rejected({ code: ErrorCode.notFound, message: 'no booth "moon"', type: "concierge:walk" })));
    const route = new WalkRoute();
    route.follow([{ x: 1, z: 1 }]);
    const concierge = new ConciergeClient(room, route);
    await expect(concierge.walkTo("moon")).rejects.toMatchObject({ code: "not_found", message: 'no booth "moon"' });
    expect(route.remaining).toEqual([{ x: 1, z: 1 }]);
  });

  it("fetches a source article in the page's language", async () => {
    const article = { id: "kb-returns", lang: "zh-CN", title: "退货政策", body: "购买后 30 天内可退货。" };
    const { room, requests } = fakeRoom(async () => article);
    const concierge = new ConciergeClient(room, new WalkRoute());
    expect(await concierge.article("kb-returns", "zh-CN")).toEqual(article);
    expect(requests).toEqual([{ type: "concierge:article", payload: { id: "kb-returns", lang: "zh-CN" } }]);
  });

  it("tells listeners when the concierge speaks unasked, and adds it to the conversation", () => {
    const { room, push } = fakeRoom(async () => undefined);
    const concierge = new ConciergeClient(room, new WalkRoute());
    const heard: string[] = [];
    const stop = concierge.onSaid((s) => heard.push(`${s.lang}: ${s.text}`));
    push("concierge:said", { text: "Hello, I'm Mia. Ask me anything.", lang: "en" });
    stop();
    push("concierge:said", { text: "欢迎光临！", lang: "zh-CN" });
    expect(heard).toEqual(["en: Hello, I'm Mia. Ask me anything."]);
    expect(concierge.state.turns.map((t) => (t.kind === "said" ? t.text : t.kind))).toEqual(["Hello, I'm Mia. Ask me anything.", "欢迎光临！"]);
  });
});
