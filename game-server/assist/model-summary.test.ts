import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChatServer, type ChatServer } from "../concierge/answering/llm-test-server.ts";
import { modelSummary } from "./model-summary.ts";

/** The summary written by a chat model, against a local server that speaks the protocol (no model runs here). */
let chat: ChatServer;
beforeAll(async () => {
  chat = await startChatServer(1500);
});
afterAll(async () => {
  await chat.close();
});

const lines = [
  { speaker: "customer" as const, text: "My Nova Phone 12 screen is cracked, my card is •••• 1111", startMs: 1000, endMs: 3000, source: "speech" as const },
  { speaker: "agent" as const, text: "I will book a free screen repair for Monday", startMs: 4000, endMs: 6000, source: "speech" as const },
];

describe("modelSummary", () => {
  it("asks the model with the redacted transcript and the extract, in the call's language, and redacts its answer", async () => {
    chat.behave("answer");
    const config = { url: chat.url, model: "summariser", key: "k-1", timeoutMs: 1000 };
    const text = await modelSummary(config, lines, "Customer: screen cracked", "zh-CN");
    expect(text).toBe("The customer said: My Nova Phone 12 screen is cracked, my card is •••• 1111");
    const sent = chat.requests.at(-1)!;
    expect(sent.headers.authorization).toBe("Bearer k-1");
    expect(sent.body.model).toBe("summariser");
    expect(sent.body.messages![0]!.content).toContain("Simplified Chinese");
    expect(sent.body.messages![1]!.content).toContain("Agent: I will book a free screen repair for Monday");
    expect(sent.body.messages![1]!.content).toContain("Customer: screen cracked");
  });

  it("throws when the model fails, so the extract stands: an error, a body that is no completion, too slow", async () => {
    const config = { url: chat.url, model: "m", timeoutMs: 500 };
    for (const behaviour of ["error", "malformed", "slow"] as const) {
      chat.behave(behaviour);
      await expect(modelSummary(config, lines, "draft", "en"), behaviour).rejects.toThrow();
    }
    chat.behave("answer");
  });
});
