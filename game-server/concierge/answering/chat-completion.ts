import { z } from "zod";
import type { LlmConfig } from "./llm-answerer.ts";

export interface ChatMessage {
  role: "system" | "user" | "assistant";
  content: string;
}

const Completion = z.object({
  choices: z.array(z.object({ message: z.object({ content: z.string().trim().min(1) }) })).min(1),
});

/**
 * One request to an OpenAI-compatible chat-completions endpoint (`{url}/v1/chat/completions`):
 * the reply's text, or an Error saying why not (a status other than 200, a body that is not a
 * completion, the timeout — which covers reading the body too: a server that stalls mid-answer
 * is as slow as one that never answers). Callers fall back to their own embedded answer.
 */
export async function chatCompletion(config: LlmConfig, messages: readonly ChatMessage[], options: { maxTokens?: number; temperature?: number } = {}): Promise<string> {
  const url = `${config.url.replace(/\/+$/, "")}/v1/chat/completions`;
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(config.key ? { authorization: `Bearer ${config.key}` } : {}) },
    body: JSON.stringify({ model: config.model, messages, temperature: options.temperature ?? 0.2, max_tokens: options.maxTokens ?? 300 }),
    signal: AbortSignal.timeout(config.timeoutMs),
  });
  if (response.status !== 200) throw new Error(`the model endpoint answered ${response.status}`);
  const parsed = Completion.safeParse(await response.json());
  if (!parsed.success) throw new Error("the model endpoint's answer is not a chat completion");
  return parsed.data.choices[0]?.message.content ?? "";
}
