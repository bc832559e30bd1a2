import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * For tests only: a small local server that speaks the OpenAI chat-completions protocol, the one
 * stand-in the LLM adapter is tested against (no model runs on these machines). Its "model" is
 * grounded the way a real one is asked to be: it answers with the first sentence of the first
 * article in the system prompt and cites it ("… [kb-warranty]"). It can be told to misbehave.
 */
export type ChatServerBehaviour = "answer" | "slow" | "error" | "malformed";

export interface ReceivedChatRequest {
  headers: IncomingHttpHeaders;
  path: string;
  body: { model?: string; messages?: { role: string; content: string }[] };
}

export interface ChatServer {
  /** The base URL to configure (`ATRIUM_LLM_URL`). */
  url: string;
  requests: ReceivedChatRequest[];
  behave(behaviour: ChatServerBehaviour): void;
  close(): Promise<void>;
}

export async function startChatServer(slowMs = 3000): Promise<ChatServer> {
  let behaviour: ChatServerBehaviour = "answer";
  const requests: ReceivedChatRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as ReceivedChatRequest["body"];
      requests.push({ headers: req.headers, path: req.url ?? "", body });
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return void res.writeHead(404).end();
      if (behaviour === "error") return void res.writeHead(500, { "content-type": "application/json" }).end('{"error":{"message":"overloaded"}}');
      if (behaviour === "malformed") return void res.writeHead(200, { "content-type": "application/json" }).end('{"choices":[]}');
      const reply = () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(completion(groundedReply(body))));
      if (behaviour === "slow") setTimeout(reply, slowMs);
      else reply();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    behave: (next) => void (behaviour = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function groundedReply(body: ReceivedChatRequest["body"]): string {
  const system = body.messages?.find((m) => m.role === "system")?.content ?? "";
  // Asked for a call's summary (live assist): the customer's first line, as a model grounded in the transcript would start.
  if (system.includes("summary of a customer service call")) {
    const user = body.messages?.find((m) => m.role === "user")?.content ?? "";
    const first = /^Customer: (.+)$/m.exec(user)?.[1] ?? "nothing was said";
    return `The customer said: ${first}`;
  }
  const first = /\[(kb-[a-z0-9-]+)\] [^\n]*\n([^\n]+)/.exec(system);
  if (!first) return "I don't know.";
  const sentence = /^[^.!?。！？]+[.!?。！？]?/u.exec(first[2] ?? "")?.[0] ?? "";
  return `${sentence} [${first[1]}]`;
}

function completion(content: string) {
  return {
    id: "chatcmpl-test",
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: "test",
    choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
  };
}
