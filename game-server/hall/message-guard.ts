import type { z } from "zod";
import { ErrorCode, type ErrorPayload } from "../protocol/errors.ts";
import { BoardLimits } from "../protocol/board.ts";
import { ClientMessages, DrawingMessageTypes, isClientMessageType, SignalMessageTypes, type ClientMessage, type ClientMessageType } from "../protocol/messages.ts";
import { Limits } from "../protocol/limits.ts";

/** A refusal the sender is told about; nothing else is affected. */
export class MessageRejected extends Error {
  readonly payload: ErrorPayload;

  constructor(payload: ErrorPayload) {
    super(payload.message);
    this.payload = payload;
    this.name = payload.code;
  }
}

function payloadSize(message: unknown): number {
  try {
    return JSON.stringify(message ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY; // cyclic or otherwise unserialisable: treat as too large
  }
}

/**
 * The boundary every client message passes: known type, bounded size, valid shape.
 * Returns the typed payload or throws {@link MessageRejected}.
 */
export function admit<T extends ClientMessageType>(type: string | number, message: unknown): ClientMessage<T> {
  if (!isClientMessageType(type)) {
    throw new MessageRejected({ code: ErrorCode.unknownMessage, message: `unknown message type "${String(type).slice(0, 40)}"`, type: String(type).slice(0, 40) });
  }
  const limit = SignalMessageTypes.has(type) ? Limits.maxSignalPayloadChars : DrawingMessageTypes.has(type) ? BoardLimits.payloadChars : Limits.maxPayloadChars;
  const size = payloadSize(message);
  if (size > limit) {
    throw new MessageRejected({ code: ErrorCode.payloadTooLarge, message: `"${type}" payload is ${Number.isFinite(size) ? size : "too many"} characters; the limit is ${limit}`, type });
  }
  const schema = ClientMessages[type] as z.ZodType;
  const result = schema.safeParse(message);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw new MessageRejected({ code: ErrorCode.invalidPayload, message: `invalid "${type}" payload${where}: ${issue?.message ?? "bad shape"}`, type });
  }
  return result.data as ClientMessage<T>;
}
