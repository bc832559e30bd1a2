import type { IncomingMessage, ServerResponse } from "node:http";

/** A comment line this often keeps proxies and the browser from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/**
 * A server-sent events stream (`text/event-stream`): the agent console and the supervisor view
 * get their live views this way (plain HTTP, the browser's EventSource reconnects by itself).
 * `subscribe` gets the function that sends one event and returns what to undo when the page goes.
 */
export function openEventStream(req: IncomingMessage, res: ServerResponse, subscribe: (send: (event: string, data: unknown) => void) => () => void): void {
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", connection: "keep-alive", "x-accel-buffering": "no" });
  res.write("retry: 2000\n\n");
  let closed = false;
  const send = (event: string, data: unknown) => {
    if (closed) return;
    res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const unsubscribe = subscribe(send);
  const heartbeat = setInterval(() => !closed && res.write(": keep-alive\n\n"), HEARTBEAT_MS);
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(heartbeat);
    unsubscribe();
  };
  req.on("close", close);
  res.on("close", close);
}
