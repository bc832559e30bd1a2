import type { types } from "mediasoup";
import type { MediaSource } from "../game-server/protocol/media.ts";
import { MediaRefused } from "./media-refused.ts";

/** One participant's media objects inside a MediaRoom. Closing the transports closes the rest. */
export class MediaPeer {
  rtpCapabilities?: types.RtpCapabilities;
  /** Whether the browser asked for data channels (SCTP) on its transports. */
  dataChannels = false;
  readonly transports = new Map<string, types.WebRtcTransport>();
  readonly producers = new Map<string, types.Producer<{ source: MediaSource; peerId: string }>>();
  readonly dataProducers = new Map<string, types.DataProducer<{ peerId: string }>>();
  readonly consumers = new Map<string, types.Consumer>();
  readonly dataConsumers = new Map<string, types.DataConsumer>();

  readonly id: string;

  constructor(id: string) {
    this.id = id;
  }

  get recvTransport(): types.WebRtcTransport | undefined {
    for (const t of this.transports.values()) if (t.appData.direction === "recv") return t;
    return undefined;
  }

  transport(id: string): types.WebRtcTransport {
    const transport = this.transports.get(id);
    if (!transport) throw new MediaRefused(`no transport ${id} for this peer`);
    return transport;
  }

  close(): void {
    for (const t of this.transports.values()) t.close();
    this.transports.clear();
    this.producers.clear();
    this.dataProducers.clear();
    this.consumers.clear();
    this.dataConsumers.clear();
  }
}
