import { randomUUID } from "node:crypto";
import type { types } from "mediasoup";
import { checkDataProducer } from "./data-labels.ts";

/** What a browser needs to open one of the probe's transports (mediasoup-client `TransportOptions`). */
export interface ProbeTransportOptions {
  id: string;
  iceParameters: types.IceParameters;
  iceCandidates: types.IceCandidate[];
  dtlsParameters: types.DtlsParameters;
  sctpParameters?: types.SctpParameters;
}

export interface ProbeDataConsumerOptions {
  dataConsumerId: string;
  dataProducerId: string;
  sctpStreamParameters: types.SctpStreamParameters;
  label: string;
  protocol: string;
}

/** The SFU's own view of a probe: proof that the browser's pings really passed through it. */
export interface ProbeStats {
  id: string;
  expiresAt: number;
  /** Transport protocol of the ICE pair the SFU selected, per direction (undefined until connected). */
  ice: { send?: types.TransportProtocol; recv?: types.TransportProtocol };
  sctp: { send?: types.SctpState; recv?: types.SctpState };
  /** Messages the browser's data producer delivered to the SFU. */
  messagesReceived: number;
  /** Messages the SFU forwarded back to the browser's data consumer. */
  messagesSent: number;
}

/** The probe carries small pings only; anything larger is refused by SCTP itself. */
const maxMessageBytes = 1024;

/**
 * A short-lived network check for one browser, on a router of its own: a send and a receive
 * WebRTC transport (SCTP only), one data producer, and a data consumer of that very producer
 * on the receive transport. The browser's pings go browser → SFU → browser, so the echo time
 * it measures is a real round trip through the media server, on the same ports as the hall.
 */
export class NetworkProbe {
  readonly id = randomUUID();
  readonly expiresAt: number;
  readonly #router: types.Router;
  readonly #send: types.WebRtcTransport;
  readonly #recv: types.WebRtcTransport;
  #dataProducer?: types.DataProducer;
  #dataConsumer?: types.DataConsumer;
  readonly #closeListeners = new Set<() => void>();
  readonly #expiry: NodeJS.Timeout;

  private constructor(router: types.Router, send: types.WebRtcTransport, recv: types.WebRtcTransport, ttlMs: number) {
    this.#router = router;
    this.#send = send;
    this.#recv = recv;
    this.expiresAt = Date.now() + ttlMs;
    // unref: a pending probe must never keep the process alive at shutdown.
    this.#expiry = setTimeout(() => this.close(), ttlMs).unref();
    // The router goes when its worker dies or the hub closes: the probe goes with it.
    router.observer.once("close", () => this.close());
  }

  /** Opens both transports on `router`, which the probe owns from now on (closing it closes the router). */
  static async open(router: types.Router, webRtcServer: types.WebRtcServer, ttlMs: number): Promise<NetworkProbe> {
    try {
      const options: types.WebRtcTransportOptions = {
        webRtcServer,
        enableUdp: true,
        enableTcp: true,
        preferUdp: true,
        enableSctp: true,
        maxReceiveMessageSize: maxMessageBytes,
        maxSendMessageSize: maxMessageBytes,
      };
      const send = await router.createWebRtcTransport({ ...options, appData: { direction: "send" } });
      const recv = await router.createWebRtcTransport({ ...options, appData: { direction: "recv" } });
      return new NetworkProbe(router, send, recv, ttlMs);
    } catch (error) {
      router.close();
      throw error;
    }
  }

  get closed(): boolean {
    return this.#router.closed;
  }

  get routerRtpCapabilities(): types.RouterRtpCapabilities {
    return this.#router.rtpCapabilities;
  }

  get send(): ProbeTransportOptions {
    return transportOptions(this.#send);
  }

  get recv(): ProbeTransportOptions {
    return transportOptions(this.#recv);
  }

  onClose(listener: () => void): void {
    this.#closeListeners.add(listener);
  }

  /** DTLS parameters from the browser for one of the two transports. */
  async connect(transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.#transport(transportId).connect({ dtlsParameters });
  }

  /** The browser's ping channel, on the send transport: one per probe, the `probe` label (data-labels.ts: unordered, echoed to itself only). */
  async produceData(sctpStreamParameters: types.SctpStreamParameters, label: string, protocol: string): Promise<string> {
    if (this.#dataProducer) throw new ProbeStateError("this probe already has its data producer");
    checkDataProducer(label, "self", sctpStreamParameters);
    this.#dataProducer = await this.#send.produceData({ sctpStreamParameters, label, protocol });
    return this.#dataProducer.id;
  }

  /** The echo: the probe's own data producer, consumed on the receive transport. */
  async consumeData(): Promise<ProbeDataConsumerOptions> {
    if (!this.#dataProducer) throw new ProbeStateError("produce data before consuming it");
    if (this.#dataConsumer) throw new ProbeStateError("this probe already has its data consumer");
    const consumer = (this.#dataConsumer = await this.#recv.consumeData({ dataProducerId: this.#dataProducer.id }));
    return {
      dataConsumerId: consumer.id,
      dataProducerId: consumer.dataProducerId,
      sctpStreamParameters: consumer.sctpStreamParameters!,
      label: consumer.label,
      protocol: consumer.protocol,
    };
  }

  async stats(): Promise<ProbeStats> {
    const [produced] = (await this.#dataProducer?.getStats().catch(() => undefined)) ?? [];
    const [consumed] = (await this.#dataConsumer?.getStats().catch(() => undefined)) ?? [];
    return {
      id: this.id,
      expiresAt: this.expiresAt,
      ice: { send: this.#send.iceSelectedTuple?.protocol, recv: this.#recv.iceSelectedTuple?.protocol },
      sctp: { send: this.#send.sctpState, recv: this.#recv.sctpState },
      messagesReceived: produced?.messagesReceived ?? 0,
      messagesSent: consumed?.messagesSent ?? 0,
    };
  }

  close(): void {
    clearTimeout(this.#expiry);
    if (!this.#router.closed) this.#router.close();
    const listeners = [...this.#closeListeners];
    this.#closeListeners.clear();
    for (const listener of listeners) listener();
  }

  #transport(id: string): types.WebRtcTransport {
    if (id === this.#send.id) return this.#send;
    if (id === this.#recv.id) return this.#recv;
    throw new ProbeStateError(`no transport ${id} in this probe`);
  }
}

/** A request that does not fit the probe's state (wrong transport, second producer, …). */
export class ProbeStateError extends Error {}

function transportOptions(t: types.WebRtcTransport): ProbeTransportOptions {
  return { id: t.id, iceParameters: t.iceParameters, iceCandidates: t.iceCandidates, dtlsParameters: t.dtlsParameters, sctpParameters: t.sctpParameters };
}
