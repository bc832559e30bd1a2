/** Error codes a client can receive in an `error` message or a rejected request. */
export const ErrorCode = {
  invalidPayload: "invalid_payload",
  unknownMessage: "unknown_message",
  payloadTooLarge: "payload_too_large",
  rateLimited: "rate_limited",
  notAllowed: "not_allowed",
  notFound: "not_found",
  /** The SFU refused a media request; the message says why. */
  mediaFailed: "media_failed",
  /** Something failed on our side; details are in the server log, not in the message. */
  internal: "internal_error",
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ErrorPayload {
  code: ErrorCode;
  message: string;
  /** The message type the error answers, when there is one. */
  type?: string;
}
