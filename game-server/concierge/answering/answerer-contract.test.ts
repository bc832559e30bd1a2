import { registerAnswererContractTests } from "../../../test-support/answerer-contract.ts";
import { LlmAnswerer } from "./llm-answerer.ts";
import { startChatServer } from "./llm-test-server.ts";
import { RetrievalAnswerer } from "./retrieval-answerer.ts";

registerAnswererContractTests("retrieval", async (articles) => ({ answerer: RetrievalAnswerer.fromArticles(articles) }));

registerAnswererContractTests("LLM over retrieval (local chat-completions server)", async (articles) => {
  const server = await startChatServer();
  return { answerer: LlmAnswerer.fromArticles(articles, { url: server.url, model: "test", timeoutMs: 2000 }), cleanup: () => server.close() };
});
