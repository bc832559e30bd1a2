import type { RequestOptions } from "@colyseus/sdk";
import type { ClientPayload, ErrorCode, ErrorPayload, PlainMessageType, Reply, RequestType } from "../../game-server/protocol/index.ts";

/** What `request` / `send` need of a Colyseus room (a real `Room`, or a fake in tests). */
export interface RequestRoom {
  request(type: string, payload?: unknown, options?: RequestOptions): Promise<unknown>;
  send(type: string, payload?: unknown): void;
}

/** The payload argument: optional for requests that carry none (`chat:history`, `rtc:capabilities`). */
type PayloadArgs<K extends RequestType | PlainMessageType> = undefined extends ClientPayload<K> ? [payload?: ClientPayload<K>] : [payload: ClientPayload<K>];

/**
 * A request that failed: the server refused it (`code` is its `ErrorCode`, `message` its own
 * explanation, fit to show a visitor), or no answer came (timeout, connection closed: `code`
 * undefined, `cause` the SDK's error).
 */
export class RequestError extends Error {
  override readonly name = "RequestError";
  readonly type: RequestType;
  readonly code: ErrorCode | undefined;

  constructor(type: RequestType, message: string, code?: ErrorCode, options?: ErrorOptions) {
    super(message, options);
    this.type = type;
    this.code = code;
  }

  /** The server answered with a refusal (as opposed to no answer at all). */
  get refused(): boolean {
    return this.code !== undefined;
  }
}

/**
 * Sends request `type` and resolves to its typed reply (`Replies` in the protocol), or
 * rejects with a {@link RequestError} carrying the server's `ErrorPayload`. The only place
 * in the page that calls `room.request`.
 */
export async function request<K extends RequestType>(room: RequestRoom, type: K, ...args: [...PayloadArgs<K>, options?: RequestOptions]): Promise<Reply<K>> {
  const [payload, options] = args as unknown as [ClientPayload<K> | undefined, RequestOptions | undefined];
  try {
    // The server's handler is typed to answer `Reply<K>` (protocol `Handler<K>`): the wire is trusted, not re-parsed.
    return (await room.request(type, payload, options)) as Reply<K>;
  } catch (error) {
    throw toRequestError(type, error);
  }
}

/** Sends plain message `type` (no answer; a refusal comes back as an `error` message). */
export function send<K extends PlainMessageType>(room: RequestRoom, type: K, ...[payload]: PayloadArgs<K>): void {
  room.send(type, payload);
}

/** The SDK rejects a refused request with `{ name: "rejected", reason }`; anything else is its own error. */
function toRequestError(type: RequestType, error: unknown): RequestError {
  const reason = (error as { reason?: unknown } | null)?.reason;
  if (isErrorPayload(reason)) return new RequestError(type, reason.message, reason.code, { cause: error });
  const message = error instanceof Error ? error.message : String(error);
  return new RequestError(type, message, undefined, { cause: error });
}

function isErrorPayload(value: unknown): value is ErrorPayload {
  return typeof value === "object" && value !== null && typeof (value as ErrorPayload).code === "string" && typeof (value as ErrorPayload).message === "string";
}
