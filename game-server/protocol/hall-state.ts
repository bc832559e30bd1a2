import { schema, t, type SchemaType } from "@colyseus/schema";

/** One person in a hall, as every client sees them. Keyed by Colyseus sessionId. */
export const Visitor = schema(
  {
    visitorId: t.string(),
    name: t.string(),
    role: t.string(), // "customer" | "agent" | "concierge"
    /** The look chosen in the lobby (see avatar-choice.ts); "" derives one from visitorId. */
    avatar: t.string(),
    /** Short number identifying this visitor in pose packets (pose-packet.ts); poses are not in the state. */
    n: t.uint16(),
    /** Their connection dropped; their place is kept while they reconnect. */
    away: t.boolean(),
    /** Their network quality, as their page measures it (`qualityCode` in qoe.ts: 0 not measured, 1 good … 4 bad). */
    net: t.uint8().default(0),
    /** Their rung on the degradation ladder (`ladderCode`: 0 full media, 1 voice only, 2 text only). */
    fallback: t.uint8().default(0),
    /** Whether this visitor is producing microphone audio right now. */
    mic: t.boolean(),
    /** Whether their voice is above the speaking threshold (drives the speaking ring). */
    speaking: t.boolean(),
    /** Whether they are sending their webcam (a video panel beside their avatar). */
    camera: t.boolean(),
    /** Whether they are sharing their screen. */
    screen: t.boolean(),
    /** The scene screen (`scene.screens[].id`) their share is shown on; "" when none is free or they are not sharing. */
    screenId: t.string(),
  },
  "Visitor",
);
export type Visitor = SchemaType<typeof Visitor>;

export const HallState = schema(
  {
    hallId: t.string(),
    visitors: t.map(Visitor),
  },
  "HallState",
);
export type HallState = SchemaType<typeof HallState>;
