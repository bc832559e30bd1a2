import type { IncomingMessage } from "node:http";

const LOOPBACK = new Set(["127.0.0.1", "::1", "::ffff:127.0.0.1"]);

/**
 * Whether a request comes from this machine itself. Operator-only endpoints (SFU internals:
 * session ids, packet counts) answer such requests, and otherwise only a signed-in admin; behind
 * a reverse proxy on the same host every request looks local, so the proxy must not forward those paths.
 */
export function fromThisMachine(req: Pick<IncomingMessage, "socket">): boolean {
  return LOOPBACK.has(req.socket.remoteAddress ?? "");
}
