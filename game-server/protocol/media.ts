import { z } from "zod";

/**
 * The data channels of the hall, one per feature: `events` (hall events between pages, ordered),
 * `face` (face frames for digital humans: unordered, not retransmitted), `board` (whiteboard
 * strokes, ordered). The SFU forwards each by its own rules (`sfu/data-labels.ts`); a page
 * receives only the labels it subscribed to, and only from people the hall lets it receive.
 */
export const DataLabel = z.enum(["events", "face", "board"]);
export type DataLabel = z.infer<typeof DataLabel>;

/**
 * Signalling payloads the server sends. Typed loosely where mediasoup-client
 * owns the exact shape (RTP parameters, ICE/DTLS parameters).
 */
export type MediaSource = "mic" | "camera" | "screen";

/**
 * How big a received video is on this visitor's screen, as their page tells the server:
 * `hidden` (off-screen or covered: the SFU pauses it), `small` (a few dozen pixels: the
 * lowest simulcast layer), `normal` (the layer follows distance), `full` (the full-screen
 * view: the highest layer).
 */
export type VideoDisplay = "hidden" | "small" | "normal" | "full";

export interface TransportOptions {
  id: string;
  iceParameters: unknown;
  iceCandidates: unknown[];
  dtlsParameters: unknown;
  sctpParameters?: unknown;
}

export interface NewConsumer {
  consumerId: string;
  producerId: string;
  /** Colyseus sessionId of the visitor whose media this is. */
  peerId: string;
  kind: "audio" | "video";
  rtpParameters: unknown;
  source: MediaSource;
}

export interface NewDataConsumer {
  dataConsumerId: string;
  dataProducerId: string;
  peerId: string;
  sctpStreamParameters: unknown;
  label: string;
  protocol: string;
}

/** Sent when the SFU lost a hall's media: fresh transports, already created for this peer. */
export interface MediaRestart {
  reason: string;
  send: TransportOptions;
  recv: TransportOptions;
}

/** Server → client message names. */
export const ServerMessage = {
  error: "error",
  newConsumer: "rtc:newConsumer",
  newDataConsumer: "rtc:newDataConsumer",
  consumerClosed: "rtc:consumerClosed",
  dataConsumerClosed: "rtc:dataConsumerClosed",
  /** The SFU lost this hall's media (a worker died); set up transports again. */
  restart: "rtc:restart",
} as const;

