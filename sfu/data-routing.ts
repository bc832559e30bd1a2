import type { types } from "mediasoup";
import type { NewDataConsumer } from "../game-server/protocol/media.ts";
import { checkDataProducer, DATA_LABELS, isDataLabel, type DataLabel } from "./data-labels.ts";
import type { ListenerRouters } from "./listener-routers.ts";
import { MediaNotice, type MediaNotify } from "./media-notices.ts";
import type { MediaPeer, PeerDataConsumer, PeerDataProducer } from "./media-peer.ts";
import { MediaRefused } from "./media-refused.ts";
import type { PrivateCalls } from "./private-calls.ts";

/** Whether `receiverId` may receive `senderId`'s data on channel `label` now (distance, booth walls…). */
export type CanReceiveData = (receiverId: string, senderId: string, label: DataLabel) => boolean;

export interface DataRoutingContext {
  listeners: ListenerRouters;
  notify: MediaNotify;
  calls: PrivateCalls;
  canReceiveData: CanReceiveData;
}

/**
 * A room's data channels, routed by label (data-labels.ts). A peer receives a label only if it
 * subscribed to it, and a sender's channel only while a private call does not keep it out and
 * `canReceiveData` allows it. A data consumer is not paused when that changes but closed
 * (the page is told `rtc:dataConsumerClosed`) and made again when it allows it once more:
 * what is sent in between is not for that receiver, and a closed one holds no SCTP stream
 * on its transport. So a hall where nobody subscribes to a channel carries no data consumers of it.
 */
export class DataRouting {
  readonly #ctx: DataRoutingContext;
  readonly #subscriptions = new Map<string, ReadonlySet<DataLabel>>();

  constructor(ctx: DataRoutingContext) {
    this.#ctx = ctx;
  }

  /** The labels `peerId` receives from now on (replacing earlier ones); refuses unknown labels and those never fanned out. */
  subscribe(peerId: string, labels: readonly string[]): void {
    for (const label of labels) {
      if (!isDataLabel(label) || DATA_LABELS[label].fanOut !== "hall") throw new MediaRefused(`cannot subscribe to data channel "${label}"`);
    }
    this.#subscriptions.set(peerId, new Set(labels as DataLabel[]));
  }

  subscriptions(peerId: string): DataLabel[] {
    return [...(this.#subscriptions.get(peerId) ?? [])];
  }

  forget(peerId: string): void {
    this.#subscriptions.delete(peerId);
  }

  /** A data producer of `peer` on `transport`, if its label and channel fit the rules; offered to the other `peers`. */
  async produce(peer: MediaPeer, transport: types.Transport, sctpStreamParameters: types.SctpStreamParameters | undefined, label: string, protocol: string, peers: Iterable<MediaPeer>): Promise<PeerDataProducer> {
    const known = checkDataProducer(label, "hall", sctpStreamParameters);
    const dataProducer: PeerDataProducer = await transport.produceData({ sctpStreamParameters, label, protocol, appData: { peerId: peer.id, label: known } });
    peer.dataProducers.set(dataProducer.id, dataProducer);
    dataProducer.observer.once("close", () => peer.dataProducers.delete(dataProducer.id));
    for (const other of peers) if (other !== peer) await this.consume(other, dataProducer);
    return dataProducer;
  }

  /** Whether `receiver` should hold a data consumer of `senderId`'s channel `label` now. */
  #allowed(receiver: MediaPeer, senderId: string, label: DataLabel): boolean {
    return (
      receiver.id !== senderId &&
      (this.#subscriptions.get(receiver.id)?.has(label) ?? false) &&
      this.#ctx.calls.mayReceive(receiver.id, senderId) &&
      this.#ctx.canReceiveData(receiver.id, senderId, label)
    );
  }

  /** Makes `receiver`'s data consumers match the rules: closes those no longer allowed, creates the missing ones. */
  async sync(receiver: MediaPeer, peers: Iterable<MediaPeer>): Promise<void> {
    for (const consumer of [...receiver.dataConsumers.values()]) {
      if (!this.#allowed(receiver, consumer.appData.fromPeerId, consumer.appData.label)) this.#close(receiver, consumer);
    }
    if (!this.#subscriptions.get(receiver.id)?.size || !receiver.dataRecvTransport) return;
    for (const sender of peers) {
      if (sender === receiver) continue;
      for (const dataProducer of sender.dataProducers.values()) await this.consume(receiver, dataProducer);
    }
  }

  /** A data consumer of `dataProducer` for `receiver`, if the rules allow and it has none yet. */
  async consume(receiver: MediaPeer, dataProducer: PeerDataProducer): Promise<void> {
    const { peerId: senderId, label } = dataProducer.appData;
    const transport = receiver.dataRecvTransport;
    if (!transport || dataProducer.closed || !this.#allowed(receiver, senderId, label)) return;
    for (const c of receiver.dataConsumers.values()) if (c.dataProducerId === dataProducer.id) return;
    const home = this.#ctx.listeners.byRouterId(String(transport.appData.routerId));
    if (home) await this.#ctx.listeners.pipe(home, { dataProducerId: dataProducer.id });
    // SCTP consumers mirror the producer's channel; a server peer's direct producer has none, so its lossy labels say so here.
    const lossy = dataProducer.type === "direct" && transport.type !== "direct" && DATA_LABELS[label].delivery === "lossy";
    const dataConsumer: PeerDataConsumer = await transport.consumeData({
      dataProducerId: dataProducer.id,
      ...(lossy ? { ordered: false, maxRetransmits: 0 } : {}),
      appData: { fromPeerId: senderId, label },
    });
    // A private call may have opened, or the receiver moved away, while it was being made.
    if (!this.#allowed(receiver, senderId, label) || receiver.dataRecvTransport !== transport) return dataConsumer.close();
    receiver.dataConsumers.set(dataConsumer.id, dataConsumer);
    dataConsumer.on("dataproducerclose", () => {
      receiver.dataConsumers.delete(dataConsumer.id);
      this.#ctx.notify(receiver.id, MediaNotice.dataConsumerClosed, { dataConsumerId: dataConsumer.id });
    });
    dataConsumer.on("transportclose", () => receiver.dataConsumers.delete(dataConsumer.id));
    if (receiver.onData) {
      const deliver = receiver.onData;
      dataConsumer.on("message", (message, ppid) => deliver({ fromPeerId: senderId, label, message, ppid }));
    }
    const notice: NewDataConsumer = {
      dataConsumerId: dataConsumer.id,
      dataProducerId: dataProducer.id,
      peerId: senderId,
      sctpStreamParameters: asSent(dataConsumer.sctpStreamParameters),
      label: dataConsumer.label,
      protocol: dataConsumer.protocol,
    };
    this.#ctx.notify(receiver.id, MediaNotice.newDataConsumer, notice);
  }

  #close(receiver: MediaPeer, consumer: PeerDataConsumer): void {
    consumer.close();
    receiver.dataConsumers.delete(consumer.id);
    this.#ctx.notify(receiver.id, MediaNotice.dataConsumerClosed, { dataConsumerId: consumer.id });
  }
}

/**
 * A data consumer's channel as the worker sends it. mediasoup 3.27 reads a zero back as absent
 * (`maxRetransmits: 0` dumps as unset), while its worker sends an unordered channel without
 * either limit with no retransmission at all: that is what the page is told.
 */
function asSent(sctp: types.SctpStreamParameters | undefined): types.SctpStreamParameters | undefined {
  if (sctp?.ordered === false && sctp.maxRetransmits === undefined && sctp.maxPacketLifeTime === undefined) return { ...sctp, maxRetransmits: 0 };
  return sctp;
}
