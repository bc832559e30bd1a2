import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { loadDemoKnowledge } from "../knowledge/demo-knowledge.ts";
import { LlmAnswerer } from "./llm-answerer.ts";
import { type ChatServer, startChatServer } from "./llm-test-server.ts";
import { RetrievalAnswerer } from "./retrieval-answerer.ts";

const articles = loadDemoKnowledge("nova-electronics");
const timeoutMs = 400;
let server: ChatServer;
let fallbacks: string[];
let answerer: LlmAnswerer;

beforeAll(async () => {
  server = await startChatServer(3000);
});
afterAll(() => server.close());
beforeEach(() => {
  server.behave("answer");
  server.requests.length = 0;
  fallbacks = [];
  answerer = LlmAnswerer.fromArticles(articles, { url: `${server.url}/`, model: "test-model", key: "sk-test", timeoutMs }, (reason) => fallbacks.push(reason));
});

describe("the LLM answerer", () => {
  it("asks the model with the retrieved articles and answers in its words, citing them", async () => {
    const answer = await answerer.answer({ hallId: "demo", text: "how long is the warranty on a phone?" });
    expect(server.requests).toHaveLength(1);
    const request = server.requests[0]!;
    expect(request.path).toBe("/v1/chat/completions");
    expect(request.headers.authorization).toBe("Bearer sk-test");
    expect(request.body.model).toBe("test-model");
    const system = request.body.messages?.[0]?.content ?? "";
    expect(system).toContain("[kb-warranty] Warranty");
    expect(system).toContain("two-year manufacturer's warranty");
    expect(system).toContain("Answer in English");
    expect(request.body.messages?.at(-1)).toEqual({ role: "user", content: "how long is the warranty on a phone?" });

    expect(answer.text).toBe("Every Nova device comes with a two-year manufacturer's warranty from the date of purchase; accessories are covered for one year.");
    expect(answer.sources[0]).toEqual({ id: "kb-warranty", title: "Warranty" });
    expect(answer.lang).toBe("en");
    expect(fallbacks).toEqual([]);
  });

  it("asks for a Chinese answer to a Chinese question, with the Chinese articles", async () => {
    const answer = await answerer.answer({ hallId: "demo", text: "退货政策是怎样的？", lang: "en" });
    const system = server.requests[0]?.body.messages?.[0]?.content ?? "";
    expect(system).toContain("Simplified Chinese");
    expect(system).toContain("[kb-returns] 退货政策");
    expect(answer).toMatchObject({ lang: "zh-CN", sources: [{ id: "kb-returns", title: "退货政策" }] });
    expect(answer.text).toMatch(/^收货后 30 天内均可退货/);
  });

  it("passes the conversation so far to the model", async () => {
    await answerer.answer({
      hallId: "demo",
      text: "and how much is it?",
      history: [
        { role: "customer", text: "tell me about the Nova Watch" },
        { role: "concierge", text: "It tracks heart rate and sleep." },
      ],
    });
    const roles = server.requests[0]?.body.messages?.map((m) => m.role);
    expect(roles).toEqual(["system", "user", "assistant", "user"]);
  });

  it("gives the retrieval answer within the timeout when the model is slow", async () => {
    server.behave("slow");
    const started = performance.now();
    const answer = await answerer.answer({ hallId: "demo", text: "how long is the warranty?" });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(timeoutMs - 20);
    expect(elapsed).toBeLessThan(timeoutMs + 1500);
    expect(answer).toEqual(await RetrievalAnswerer.fromArticles(articles).answer({ hallId: "demo", text: "how long is the warranty?" }));
    expect(fallbacks).toHaveLength(1);
  });

  it("gives the retrieval answer when the model answers 500, a malformed body, or cannot be reached", async () => {
    const retrieval = RetrievalAnswerer.fromArticles(articles);
    const question = { hallId: "demo", text: "do you deliver to China?" };
    const expected = await retrieval.answer(question);
    for (const behaviour of ["error", "malformed"] as const) {
      server.behave(behaviour);
      expect(await answerer.answer(question), behaviour).toEqual(expected);
    }
    const unreachable = LlmAnswerer.fromArticles(articles, { url: "http://127.0.0.1:9", model: "m", timeoutMs });
    expect(await unreachable.answer(question)).toEqual(expected);
    expect(fallbacks).toEqual(["the model endpoint answered 500", "the model endpoint's answer is not a chat completion"]);
  });

  it("does not ask the model when there is nothing to answer from, or the customer wants a person", async () => {
    const none = await answerer.answer({ hallId: "demo", text: "what's the weather like on Mars?" });
    const person = await answerer.answer({ hallId: "demo", text: "转人工" });
    expect(server.requests).toHaveLength(0);
    expect(none).toMatchObject({ sources: [], offerHuman: true });
    expect(person).toMatchObject({ sources: [], offerHuman: true, lang: "zh-CN" });
  });
});
