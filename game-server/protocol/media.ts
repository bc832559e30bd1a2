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

