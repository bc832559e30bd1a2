import { z } from "zod";
import { Limits } from "./limits.ts";
import { DegradeRequest, QoeReport } from "./qoe.ts";
import { ChatScope, ChatText, EmoteName } from "./social.ts";

/** Room name under which every hall instance is registered. */
export const HALL_ROOM = "hall";

const finite = z.number().finite();
const id = z.string().min(1).max(64);

export const DisplayName = z
  .string()
  .trim()
  .min(1, "name is empty")
  .max(Limits.displayNameMax, `name is longer than ${Limits.displayNameMax} characters`)
  .regex(/^[^\u0000-\u001f<>]+$/u, "name has control characters or angle brackets");

/** Options a client passes to `joinOrCreate(HALL_ROOM, …)`. */
export const JoinOptions = z.object({
  hallId: z.string().regex(/^[a-z0-9-]{1,40}$/),
  token: z.string().min(1).max(1024),
  /** Checked by `normalizeAvatarChoice`; a bad one falls back to the default look. */
  avatar: z.unknown().optional(),
});
export type JoinOptions = z.infer<typeof JoinOptions>;

/** A visitor's desired pose; the server clamps it to speed and bounds. */
export const Move = z.object({ x: finite, z: finite, ry: finite });
export type Move = z.infer<typeof Move>;

const Direction = z.enum(["send", "recv"]);
// mediasoup validates these deeply itself; here we only bound their shape and size.
const Blob = z.record(z.string(), z.unknown());

/**
 * Client → server messages. Request messages (sent with `room.request`) are answered with
 * the handler's result or rejected with an {@link ErrorPayload}; plain ones get an `error`
 * message back when refused.
 */
export const ClientMessages = {
  move: Move,
  /** A request: answered with `{ id }` once the line is stored and delivered. */
  chat: z.object({ text: ChatText, scope: ChatScope }),
  /** A request: answered with the latest hall-wide chat lines. */
  "chat:history": z.undefined(),
  emote: z.object({ emote: EmoteName }),
  "rtc:capabilities": z.undefined(),
  "rtc:join": z.object({ rtpCapabilities: Blob, dataChannels: z.boolean() }),
  "rtc:createTransport": z.object({ direction: Direction }),
  "rtc:connectTransport": z.object({ transportId: id, dtlsParameters: Blob }),
  "rtc:produce": z.object({
    transportId: id,
    kind: z.enum(["audio", "video"]),
    rtpParameters: Blob,
    source: z.enum(["mic", "camera", "screen"]),
  }),
  "rtc:produceData": z.object({
    transportId: id,
    sctpStreamParameters: Blob,
    label: z.string().max(32),
    protocol: z.string().max(32),
  }),
  "rtc:resumeConsumer": z.object({ consumerId: id }),
  /** How big a received video is on the page (see `VideoDisplay`); plain message, sent on change. */
  "rtc:videoDisplay": z.object({ consumerId: id, display: z.enum(["hidden", "small", "normal", "full"]) }),
  "rtc:closeProducer": z.object({ producerId: id }),
  "rtc:restartIce": z.object({ transportId: id }),
  /** A request: the page's network measurements (see qoe.ts), answered `{ stored }` once they are durable. */
  "rtc:qoe": QoeReport,
  /** A request: the page moved on its degradation ladder; the SFU stops (or resumes) those kinds to and from it. */
  "rtc:degrade": DegradeRequest,
} as const;
export type ClientMessageType = keyof typeof ClientMessages;
export type ClientMessage<T extends ClientMessageType> = z.infer<(typeof ClientMessages)[T]>;

/** Messages whose payloads carry RTP descriptions and may be larger. */
export const SignalMessageTypes: ReadonlySet<string> = new Set(["rtc:join", "rtc:produce", "rtc:produceData", "rtc:connectTransport"]);

export function isClientMessageType(type: unknown): type is ClientMessageType {
  return typeof type === "string" && Object.hasOwn(ClientMessages, type);
}
