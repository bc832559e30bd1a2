import type { types } from "mediasoup";
import type { MediaSource, NewConsumer } from "../game-server/protocol/media.ts";
import type { ListenerRouters } from "./listener-routers.ts";
import type { MediaLimits } from "./media-limits.ts";
import { MediaNotice, type MediaNotify } from "./media-notices.ts";
import type { MediaPeer, PeerProducer } from "./media-peer.ts";
import type { PrivateCalls } from "./private-calls.ts";
import type { VideoPlanner } from "./video-plan.ts";

export interface RtpRoutingContext {
  router: types.Router;
  listeners: ListenerRouters;
  notify: MediaNotify;
  calls: PrivateCalls;
  canHear: (listenerId: string, speakerId: string) => boolean;
  video: VideoPlanner;
  limits: MediaLimits;
  /** Who speaks: every microphone is added to it. */
  levels: types.AudioLevelObserver;
}

/**
 * A room's audio and video: producers (one per source, under the sender's degradation ladder)
 * and their consumers towards browsers. Each consumer is created paused (never for someone a
 * private call keeps out) and flows only while its client is ready, the listener may hear the
 * speaker (`canHear`) or the video plan keeps it, and the listener's ladder allows its kind.
 */
export class RtpRouting {
  readonly #ctx: RtpRoutingContext;
  /** Consumers whose client has finished setting up and asked to receive. */
  readonly #clientReady = new Set<string>();

  constructor(ctx: RtpRoutingContext) {
    this.#ctx = ctx;
  }

  /** A producer of `peer` on `transport`, offered to every other peer in `peers`. */
  async produce(peer: MediaPeer, transport: types.Transport, kind: types.MediaKind, rtpParameters: types.RtpParameters, source: MediaSource, peers: Iterable<MediaPeer>): Promise<PeerProducer> {
    const { limits, levels } = this.#ctx;
    peer.mayProduce(kind, source);
    const producer: PeerProducer = await transport.produce({ kind, rtpParameters, appData: { source, peerId: peer.id } });
    peer.producers.set(producer.id, producer);
    producer.observer.once("close", () => {
      peer.producers.delete(producer.id);
      limits.producerClosed(producer.id);
    });
    await limits.applyToProducer(peer.id, producer);
    if (kind === "audio" && source === "mic") await levels.addProducer({ producerId: producer.id });
    for (const other of peers) if (other !== peer) await this.consume(other, producer);
    return producer;
  }

  async consume(peer: MediaPeer, producer: PeerProducer): Promise<void> {
    const { listeners, calls, video, notify } = this.#ctx;
    const transport = peer.recvTransport;
    if (!transport || !peer.rtpCapabilities) return;
    for (const c of peer.consumers.values()) if (c.producerId === producer.id) return;
    if (!calls.mayReceive(peer.id, producer.appData.peerId)) return;
    const home = listeners.byRouterId(String(transport.appData.routerId));
    if (home) await listeners.pipe(home, { producerId: producer.id });
    if (!(home?.router ?? this.#ctx.router).canConsume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities })) return;
    const { source } = producer.appData;
    // A video starts at the layer its distance calls for (the smallest if not seen yet), not at the top and then down.
    const layer = producer.kind === "video" ? video.initialLayer(peer.id, producer.appData.peerId, source) : undefined;
    const consumer = await transport.consume({
      producerId: producer.id,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true, // resumed once the client has set up its side, so no keyframe is lost
      preferredLayers: layer === undefined ? undefined : { spatialLayer: layer },
      appData: { fromPeerId: producer.appData.peerId, source },
    });
    // A private call may have opened while it was being made: it never reaches the peer.
    if (!calls.mayReceive(peer.id, producer.appData.peerId)) return consumer.close();
    peer.consumers.set(consumer.id, consumer);
    if (layer !== undefined) video.created(consumer.id, layer);
    if (home) home.slot.consumers++;
    consumer.observer.once("close", () => {
      if (home) home.slot.consumers--;
      this.#clientReady.delete(consumer.id);
      video.forget(consumer.id);
    });
    consumer.on("producerclose", () => {
      peer.consumers.delete(consumer.id);
      notify(peer.id, MediaNotice.consumerClosed, { consumerId: consumer.id });
    });
    consumer.on("transportclose", () => peer.consumers.delete(consumer.id));
    const message: NewConsumer = { consumerId: consumer.id, producerId: producer.id, peerId: producer.appData.peerId, kind: consumer.kind, rtpParameters: consumer.rtpParameters, source };
    notify(peer.id, MediaNotice.newConsumer, message);
  }

  /** The client has set up its side of the consumer; it flows unless a rule says otherwise. */
  async clientReady(peer: MediaPeer, consumer: types.Consumer): Promise<void> {
    this.#clientReady.add(consumer.id);
    await this.applyPause(peer, consumer);
  }

  /** Pauses or resumes every consumer of the peer by the rules as they are now. */
  async refresh(peer: MediaPeer): Promise<void> {
    const plan = this.#ctx.video.plan(peer.id, peer.consumers.values());
    for (const consumer of peer.consumers.values()) await this.applyPause(peer, consumer, plan);
  }

  async applyPause(peer: MediaPeer, consumer: types.Consumer, plan?: Map<string, number>): Promise<void> {
    if (consumer.closed) return;
    const { canHear, video, limits } = this.#ctx;
    let allowed: boolean;
    if (consumer.kind === "audio") allowed = canHear(peer.id, String(consumer.appData.fromPeerId));
    else {
      const layer = (plan ?? video.plan(peer.id, peer.consumers.values())).get(consumer.id);
      allowed = layer !== undefined;
      if (layer !== undefined) await video.applyLayer(consumer, layer);
    }
    const wanted = this.#clientReady.has(consumer.id) && allowed && limits.accepts(peer.id, consumer.kind);
    if (wanted && consumer.paused) await consumer.resume();
    if (!wanted && !consumer.paused) await consumer.pause();
  }

  /** Closes — not pauses — every consumer a private call now keeps from its peer, and tells them. */
  closeBarred(peers: Iterable<MediaPeer>): void {
    for (const peer of peers) {
      for (const consumer of [...peer.consumers.values()]) {
        if (this.#ctx.calls.mayReceive(peer.id, String(consumer.appData.fromPeerId))) continue;
        consumer.close();
        peer.consumers.delete(consumer.id);
        this.#ctx.notify(peer.id, MediaNotice.consumerClosed, { consumerId: consumer.id });
      }
    }
  }
}
