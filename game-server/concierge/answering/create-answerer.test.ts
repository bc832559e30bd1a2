import { afterAll, beforeAll, expect, it } from "vitest";
import { loadDemoKnowledge } from "../knowledge/demo-knowledge.ts";
import { createAnswerer } from "./create-answerer.ts";
import { LlmAnswerer } from "./llm-answerer.ts";
import { type ChatServer, startChatServer } from "./llm-test-server.ts";
import { RetrievalAnswerer } from "./retrieval-answerer.ts";

const articles = loadDemoKnowledge("meridian-bank");
let server: ChatServer;
beforeAll(async () => {
  server = await startChatServer();
});
afterAll(() => server.close());

it("answers by retrieval, offline, when no model is configured", async () => {
  const answerer = createAnswerer({}, articles);
  expect(answerer).toBeInstanceOf(RetrievalAnswerer);
  expect((await answerer.answer({ hallId: "bank", text: "I lost my card" })).sources[0]?.id).toBe("kb-lost-card");
  expect(server.requests).toHaveLength(0);
});

it("asks the configured model, and re-indexes the hall's edited articles", async () => {
  const answerer = createAnswerer({ llm: { url: server.url, model: "m", timeoutMs: 2000 } }, articles);
  expect(answerer).toBeInstanceOf(LlmAnswerer);
  await answerer.answer({ hallId: "bank", text: "I lost my card" });
  expect(server.requests).toHaveLength(1);
  answerer.rebuild([{ id: "kb-lost-card", lang: "en", title: "Lost card", tags: [], body: "Call 0800 000 0000 at once. We block it." }]);
  const answer = await answerer.answer({ hallId: "bank", text: "I lost my card" });
  expect(answer.text).toBe("Call 0800 000 0000 at once.");
});
