import type { types } from "mediasoup";
import type { MediaSource } from "../game-server/protocol/media.ts";
import type { DataLabel } from "./data-labels.ts";
import { MediaRefused } from "./media-refused.ts";

export type PeerProducer = types.Producer<{ source: MediaSource; peerId: string }>;
export type PeerDataProducer = types.DataProducer<{ peerId: string; label: DataLabel }>;
export type PeerDataConsumer = types.DataConsumer<{ fromPeerId: string; label: DataLabel }>;

/** A data message delivered to a server peer (its data consumers are on a DirectTransport). */
export interface ReceivedData {
  fromPeerId: string;
  label: DataLabel;
  message: Buffer;
  /** SCTP payload protocol id: 51 text, 53 binary. */
  ppid: number;
}

/**
 * One participant's media objects inside a MediaRoom: a browser (WebRTC transports) or a
 * server peer (plain or direct transports, see server-peers.ts). Closing the transports
 * closes the rest.
 */
export class MediaPeer {
  rtpCapabilities?: types.RtpCapabilities;
  /** Whether the browser asked for data channels (SCTP) on its transports. */
  dataChannels = false;
  readonly transports = new Map<string, types.WebRtcTransport>();
  /** A server peer's transports: a PlainTransport its voice comes in on, a DirectTransport for its data. */
  readonly serverTransports = new Set<types.Transport>();
  /** A server peer's DirectTransport: where its data producers live and its data consumers are made. */
  direct?: types.DirectTransport;
  /** A server peer's listener for the data it receives. */
  onData?: (data: ReceivedData) => void;
  readonly producers = new Map<string, PeerProducer>();
  readonly dataProducers = new Map<string, PeerDataProducer>();
  readonly consumers = new Map<string, types.Consumer>();
  readonly dataConsumers = new Map<string, PeerDataConsumer>();

  readonly id: string;

  constructor(id: string) {
    this.id = id;
  }

  get recvTransport(): types.WebRtcTransport | undefined {
    for (const t of this.transports.values()) if (t.appData.direction === "recv") return t;
    return undefined;
  }

  /** Where this peer's data consumers go: its direct transport, or its receive transport if it has SCTP. */
  get dataRecvTransport(): types.Transport | undefined {
    if (this.direct && !this.direct.closed) return this.direct;
    const recv = this.recvTransport;
    return this.dataChannels && recv?.sctpParameters ? recv : undefined;
  }

  /** A WebRTC transport of this browser on `router` (an earlier one of the same direction closes). */
  async openTransport(router: types.Router, webRtcServer: types.WebRtcServer, direction: "send" | "recv", maxDataMessageBytes: number): Promise<types.WebRtcTransport> {
    for (const t of this.transports.values()) if (t.appData.direction === direction) t.close();
    const transport = await router.createWebRtcTransport({
      webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      enableSctp: this.dataChannels,
      // SCTP drops larger messages, and the browser learns the cap (sctpParameters.maxMessageSize) and refuses to send them.
      maxReceiveMessageSize: maxDataMessageBytes,
      maxSendMessageSize: maxDataMessageBytes,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction, routerId: router.id },
    });
    this.transports.set(transport.id, transport);
    transport.observer.once("close", () => this.transports.delete(transport.id));
    return transport;
  }

  /** One producer per source, of the matching kind: a page cannot make everyone receive ten cameras. */
  mayProduce(kind: types.MediaKind, source: MediaSource): void {
    if ((kind === "audio") !== (source === "mic")) throw new MediaRefused(`${source} must be ${source === "mic" ? "audio" : "video"}`);
    for (const p of this.producers.values()) if (p.appData.source === source && !p.closed) throw new MediaRefused(`already sending ${source}; stop it first`);
  }

  consumer(id: string, kind?: types.MediaKind): types.Consumer {
    const consumer = this.consumers.get(id);
    if (!consumer || (kind && consumer.kind !== kind)) throw new MediaRefused(`no ${kind ? `${kind} ` : ""}consumer ${id} for this peer`);
    return consumer;
  }

  transport(id: string): types.WebRtcTransport {
    const transport = this.transports.get(id);
    if (!transport) throw new MediaRefused(`no transport ${id} for this peer`);
    return transport;
  }

  close(): void {
    for (const t of this.transports.values()) t.close();
    for (const t of this.serverTransports) t.close();
    this.transports.clear();
    this.serverTransports.clear();
    this.producers.clear();
    this.dataProducers.clear();
    this.consumers.clear();
    this.dataConsumers.clear();
  }
}
