import { z } from "zod";
import { Limits } from "./limits.ts";
import { DataLabel, type TransportOptions } from "./media.ts";
import { DegradeRequest, QoeReport } from "./qoe.ts";
import { ChatLine, ChatScope, ChatText, EmoteName } from "./social.ts";
import { Article, ArticleRequest, ConciergeAnswer, ConciergeQuestion, WalkReply, WalkRequest } from "./concierge.ts";
import { BoardClear, BoardClose, BoardCursor, BoardLock, BoardOpen, BoardOps, BoardStroke, type BoardOpsReply, type BoardSnapshot } from "./board.ts";
import { AttachRequest, CallbackRequest, EmotionSample, MediaStep, RateRequest, ServiceChat, ServiceContext, ServiceRequest, ServiceView } from "./service.ts";

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

/** Client → server message names; use these rather than string literals. */
export const ClientMessageName = {
  // Plain messages (`room.send`): fire and forget, a refusal comes back as an `error` message.
  move: "move",
  emote: "emote",
  videoDisplay: "rtc:videoDisplay",
  // Requests (`room.request`): answered with their `Replies` entry, or rejected with an `ErrorPayload`.
  chat: "chat",
  chatHistory: "chat:history",
  capabilities: "rtc:capabilities",
  join: "rtc:join",
  createTransport: "rtc:createTransport",
  connectTransport: "rtc:connectTransport",
  produce: "rtc:produce",
  produceData: "rtc:produceData",
  subscribeData: "rtc:subscribeData",
  resumeConsumer: "rtc:resumeConsumer",
  closeProducer: "rtc:closeProducer",
  restartIce: "rtc:restartIce",
  qoe: "rtc:qoe",
  degrade: "rtc:degrade",
  ask: "concierge:ask",
  walk: "concierge:walk",
  article: "concierge:article",
  serviceRequest: "service:request",
  serviceCancel: "service:cancel",
  serviceCallback: "service:callback",
  serviceAttach: "service:attach",
  serviceChat: "service:chat",
  serviceMedia: "service:media",
  serviceEnd: "service:end",
  serviceRate: "service:rate",
  serviceEmotion: "service:emotion",
  boardOpen: "board:open",
  boardClose: "board:close",
  boardOps: "board:ops",
  boardStroke: "board:stroke",
  boardCursor: "board:cursor",
  boardLock: "board:lock",
  boardClear: "board:clear",
} as const;
const N = ClientMessageName;

/**
 * Client → server messages and their payload schemas. Requests (those with an entry in
 * {@link Replies}) are sent with `room.request` and answered with the handler's result or
 * rejected with an {@link ErrorPayload}; plain ones are sent with `room.send` and get an
 * `error` message back when refused.
 */
export const ClientMessages = {
  [N.move]: Move,
  [N.chat]: z.object({ text: ChatText, scope: ChatScope }),
  [N.chatHistory]: z.undefined(),
  [N.emote]: z.object({ emote: EmoteName }),
  [N.capabilities]: z.undefined(),
  /**
   * `dataChannels`: whether the peer's transports carry SCTP (data channels), see `MediaClient`.
   * `dataLabels`: the hall channels the page receives (a page that names none receives every
   * hall channel, as before labels existed); `rtc:subscribeData` changes them later.
   */
  [N.join]: z.object({ rtpCapabilities: Blob, dataChannels: z.boolean(), dataLabels: z.array(DataLabel).max(8).optional() }),
  [N.createTransport]: z.object({ direction: Direction }),
  [N.connectTransport]: z.object({ transportId: id, dtlsParameters: Blob }),
  [N.produce]: z.object({
    transportId: id,
    kind: z.enum(["audio", "video"]),
    rtpParameters: Blob,
    source: z.enum(["mic", "camera", "screen"]),
  }),
  [N.produceData]: z.object({
    transportId: id,
    sctpStreamParameters: Blob,
    label: z.string().max(32),
    protocol: z.string().max(32),
  }),
  /** The hall channels the page receives from now on, replacing earlier ones (a feature turned on or off). */
  [N.subscribeData]: z.object({ labels: z.array(DataLabel).max(8) }),
  [N.resumeConsumer]: z.object({ consumerId: id }),
  /** How big a received video is on the page (see `VideoDisplay`); sent on change. */
  [N.videoDisplay]: z.object({ consumerId: id, display: z.enum(["hidden", "small", "normal", "full"]) }),
  [N.closeProducer]: z.object({ producerId: id }),
  [N.restartIce]: z.object({ transportId: id }),
  /** The page's network measurements (see qoe.ts). */
  [N.qoe]: QoeReport,
  /** The page moved on its degradation ladder; the SFU stops (or resumes) those kinds to and from it. */
  [N.degrade]: DegradeRequest,
  /** A question to the hall's concierge (see concierge.ts). */
  [N.ask]: ConciergeQuestion,
  /** Walk me to a booth the concierge spoke of. */
  [N.walk]: WalkRequest,
  /** A knowledge-base article, shown as an answer's source. */
  [N.article]: ArticleRequest,
  /** Customer: "Talk to a person" — join the hall's queue (see service.ts). */
  [N.serviceRequest]: ServiceRequest,
  /** Customer: leave the queue (or stop waiting for the agent who is connecting). */
  [N.serviceCancel]: z.undefined(),
  /** Customer: keep my place while I look around; `note` says how to reach me. */
  [N.serviceCallback]: CallbackRequest,
  /** Agent: this hall connection serves the session they accepted (opens the private call, places their avatar). */
  [N.serviceAttach]: AttachRequest,
  /** Either side of a session: a chat line to the other. */
  [N.serviceChat]: ServiceChat,
  /** Customer: the session moved to voice or video (their mic or camera is on). */
  [N.serviceMedia]: MediaStep,
  /** Either side: end the session. */
  [N.serviceEnd]: z.undefined(),
  /** Customer: rate the ended session (once). */
  [N.serviceRate]: RateRequest,
  /** Customer, with their consent: how they seem now (derived on their device from their face; never video). Plain, ≤ 2 a second. */
  [N.serviceEmotion]: EmotionSample,
  /** Open a board (a scene's whiteboard, a session's board or marks; see board.ts); `since` after a reconnect. */
  [N.boardOpen]: BoardOpen,
  /** Stop receiving a board. Plain. */
  [N.boardClose]: BoardClose,
  /** Put elements (add, change, delete): answered once they are stored. */
  [N.boardOps]: BoardOps,
  /** A stroke being drawn (relayed, not stored). Plain, dropped over the rate. */
  [N.boardStroke]: BoardStroke,
  /** Where my pointer (or laser) is on a board. Plain, dropped over the rate. */
  [N.boardCursor]: BoardCursor,
  /** Staff: lock a board (others only view) or unlock it. */
  [N.boardLock]: BoardLock,
  /** Staff: clear a board. */
  [N.boardClear]: BoardClear,
} as const satisfies { readonly [K in (typeof ClientMessageName)[keyof typeof ClientMessageName]]: z.ZodType };
export type ClientMessageType = keyof typeof ClientMessages;
/** A message's payload as the server handles it (after validation). */
export type ClientMessage<T extends ClientMessageType> = z.infer<(typeof ClientMessages)[T]>;
/** A message's payload as a client sends it (before validation: trimming and the like). */
export type ClientPayload<T extends ClientMessageType> = z.input<(typeof ClientMessages)[T]>;

const Ok = z.object({ ok: z.literal(true) });
const TransportReply: z.ZodType<TransportOptions> = z.object({
  id: z.string(),
  iceParameters: z.unknown(),
  iceCandidates: z.array(z.unknown()),
  dtlsParameters: z.unknown(),
  sctpParameters: z.unknown().optional(),
});

/**
 * What each request is answered with. A message listed here is a request; every other
 * client message is plain. RTP capabilities and ICE parameters are opaque records here:
 * mediasoup (server) and mediasoup-client (page) own their exact shapes.
 */
export const Replies = {
  /** Once the line is stored and delivered. */
  [N.chat]: z.object({ id: z.string() }),
  /** The latest hall-wide lines (`Limits.chatHistory`), oldest first. */
  [N.chatHistory]: z.array(ChatLine),
  /** The router's RTP capabilities, for `Device.load`. */
  [N.capabilities]: Blob,
  [N.join]: Ok,
  [N.createTransport]: TransportReply,
  [N.connectTransport]: Ok,
  [N.produce]: z.object({ producerId: z.string() }),
  [N.produceData]: z.object({ dataProducerId: z.string() }),
  [N.subscribeData]: Ok,
  [N.resumeConsumer]: Ok,
  [N.closeProducer]: Ok,
  [N.restartIce]: z.object({ iceParameters: z.unknown() }),
  /** How many windows were stored, once they are durable. */
  [N.qoe]: z.object({ stored: z.number().int().nonnegative() }),
  /** Once the SFU has paused (or resumed) the kinds the rung forbids. */
  [N.degrade]: Ok,
  /** Once both turns are stored; the concierge also says it aloud at its desk. */
  [N.ask]: ConciergeAnswer,
  [N.walk]: WalkReply,
  [N.article]: Article,
  [N.serviceRequest]: ServiceView,
  [N.serviceCancel]: Ok,
  [N.serviceCallback]: ServiceView,
  [N.serviceAttach]: ServiceContext,
  /** Once the line is on the ticket. */
  [N.serviceChat]: z.object({ id: z.string() }),
  [N.serviceMedia]: Ok,
  [N.serviceEnd]: Ok,
  /** Once the rating is on the ticket. */
  [N.serviceRate]: Ok,
  [N.boardOpen]: z.custom<BoardSnapshot>(),
  /** Once the accepted puts are stored. */
  [N.boardOps]: z.custom<BoardOpsReply>(),
  [N.boardLock]: Ok,
  [N.boardClear]: Ok,
} as const satisfies { readonly [K in ClientMessageType]?: z.ZodType };

/** Messages answered with a reply (`room.request`). */
export type RequestType = keyof typeof Replies;
/** Fire-and-forget messages (`room.send`). */
export type PlainMessageType = Exclude<ClientMessageType, RequestType>;
/** The reply to request `K`. */
export type Reply<K extends RequestType> = z.infer<(typeof Replies)[K]>;

/**
 * A server-side handler of message `K`: given the validated payload, a request resolves to
 * its reply (or throws, which rejects it with an `ErrorPayload`); a plain message returns
 * nothing. `Client` is the server's client type (`@colyseus/core`'s `Client`).
 */
export type Handler<K extends ClientMessageType, Client> = (client: Client, message: ClientMessage<K>) => Answer<K> | Promise<Answer<K>>;
type Answer<K extends ClientMessageType> = K extends RequestType ? Reply<K> : void;
/** One handler per client message. */
export type Handlers<Client> = { [K in ClientMessageType]: Handler<K, Client> };

/** Messages whose payloads carry RTP descriptions and may be larger. */
export const SignalMessageTypes: ReadonlySet<string> = new Set<ClientMessageType>([N.join, N.produce, N.produceData, N.connectTransport]);
/** Board messages that carry drawings, bounded by `BoardLimits.payloadChars` instead of the usual limit. */
export const DrawingMessageTypes: ReadonlySet<string> = new Set<ClientMessageType>([N.boardOps, N.boardStroke]);

export function isClientMessageType(type: unknown): type is ClientMessageType {
  return typeof type === "string" && Object.hasOwn(ClientMessages, type);
}

export function isRequestType(type: unknown): type is RequestType {
  return typeof type === "string" && Object.hasOwn(Replies, type);
}
