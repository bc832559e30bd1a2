import type { types } from "mediasoup";
import { ServerMessage, type MediaSource, type NewConsumer, type NewDataConsumer, type TransportOptions, type VideoDisplay } from "../game-server/protocol/media.ts";
import { ListenerRouters, type RoomRouter, type RouterSupply } from "./listener-routers.ts";
import { MediaPeer } from "./media-peer.ts";
import { MediaRefused } from "./media-refused.ts";
import { PrivateSessions } from "./private-sessions.ts";
import { collectPeerLink, PeerQualityMeter, type PeerQualityWindow, type TransportLoss } from "./peer-stats.ts";

/** How a MediaRoom tells a peer about media it should start or stop receiving. */
export type MediaNotify = (peerId: string, type: (typeof ServerMessage)[keyof typeof ServerMessage], payload: object) => void;

export interface MediaRoomEvents {
  notify: MediaNotify;
  /** The peers whose microphones are above the speaking threshold right now (empty on silence). */
  speaking?: (peerIds: ReadonlySet<string>) => void;
  /**
   * The worker under this room died and the room was rebuilt on another one: every peer must
   * set up its transports again (their ids are kept).
   */
  restarted?: (room: MediaRoom) => void;
  /**
   * Whether a listener may receive a speaker's media right now (distance, booth walls). Asked
   * for every consumer as it is created and on each `refreshHearing`; without it, everyone hears everyone.
   */
  canHear?: (listenerId: string, speakerId: string) => boolean;
  /**
   * Whether, and how well, a viewer should receive someone's camera or screen right now:
   * undefined pauses it in the SFU; otherwise the simulcast layer to prefer and a rank (lower is
   * more important, e.g. metres away) for the per-viewer cap. Asked like `canHear`; without it,
   * everyone sees everyone at the highest layer.
   */
  viewVideo?: (viewerId: string, senderId: string, source: MediaSource) => VideoWish | undefined;
  /** At most this many videos flow to one peer, lowest rank first (default 12). */
  maxVideosPerPeer?: number;
}

export interface VideoWish {
  /** Preferred simulcast spatial layer, 0 the smallest; clamped by the SFU to what the sender sends. */
  spatialLayer: number;
  /** Lower is more important; beyond `maxVideosPerPeer` the highest ranks are paused. */
  rank: number;
}

/** Highest spatial layer we ask for; a 3-layer simulcast camera has layers 0, 1, 2. */
const TOP_LAYER = 2;

export interface ConsumerStats {
  consumerId: string;
  peerId: string;
  fromPeerId: string;
  kind: string;
  source: MediaSource;
  paused: boolean;
  packetCount: number;
  byteCount: number;
  /** Simulcast video only: the spatial layer asked for, and the one being forwarded now. */
  preferredSpatialLayer?: number;
  currentSpatialLayer?: number;
}

/**
 * The media side of one hall instance: a router on one worker and the peers in it.
 * Modelled on mediasoup-demo's Room: it owns its peers, and every consumer is created
 * here, paused, and resumed only when the receiving client says it is ready.
 */
export class MediaRoom {
  readonly #peers = new Map<string, MediaPeer>();
  #closed = false;

  readonly id: string;
  readonly router: types.Router;
  readonly #webRtcServer: types.WebRtcServer;
  /** Where receive transports go: this router, or — past a worker's consumer budget — another worker's. */
  #listeners!: ListenerRouters;
  readonly #notify: MediaNotify;
  readonly #levels: types.AudioLevelObserver;
  readonly #canHear: (listenerId: string, speakerId: string) => boolean;
  readonly #watched = new Set<string>();
  /** Consumers whose client has finished setting up and asked to receive. */
  readonly #clientReady = new Set<string>();
  readonly #viewVideo: (viewerId: string, senderId: string, source: MediaSource) => VideoWish | undefined;
  readonly #maxVideosPerPeer: number;
  /** How big each video consumer is on its viewer's page (absent: normal). */
  readonly #display = new Map<string, VideoDisplay>();
  /** The spatial layer last asked of each simulcast consumer, so a pass only sends changes. */
  readonly #layer = new Map<string, number>();
  /** Kinds a peer's degradation ladder allows to flow to and from it (absent: everything). */
  readonly #limits = new Map<string, { audio: boolean; video: boolean }>();
  /** Producers paused by their peer's limit, the only ones lifting it resumes. */
  readonly #limitPaused = new Set<string>();
  readonly #quality = new PeerQualityMeter();
  /** Service sessions whose media only their members may receive: consumers are never even created for others. */
  readonly #private = new PrivateSessions();

  private constructor(id: string, router: types.Router, webRtcServer: types.WebRtcServer, levels: types.AudioLevelObserver, events: MediaRoomEvents) {
    this.id = id;
    this.router = router;
    this.#webRtcServer = webRtcServer;
    this.#notify = events.notify;
    this.#levels = levels;
    this.#canHear = events.canHear ?? (() => true);
    this.#viewVideo = events.viewVideo ?? (() => ({ spatialLayer: TOP_LAYER, rank: 0 }));
    this.#maxVideosPerPeer = events.maxVideosPerPeer ?? 12;
    const speaking = events.speaking;
    if (speaking) {
      levels.on("volumes", (volumes) => speaking(new Set(volumes.map((v) => String(v.producer.appData.peerId)))));
      levels.on("silence", () => speaking(new Set()));
    }
  }

  static async open(id: string, primary: RoomRouter, events: MediaRoomEvents, supply?: RouterSupply): Promise<MediaRoom> {
    // -55 dBov over 400 ms marks speech without flickering on breath noise.
    const levels = await primary.router.createAudioLevelObserver({ maxEntries: 16, threshold: -55, interval: 400 });
    const room = new MediaRoom(id, primary.router, primary.slot.webRtcServer, levels, events);
    room.#listeners = new ListenerRouters(id, primary, supply);
    return room;
  }

  get closed(): boolean {
    return this.#closed || this.router.closed;
  }

  get peerCount(): number {
    return this.#peers.size;
  }

  get peerIds(): string[] {
    return [...this.#peers.keys()];
  }

  /** True when this room was closed on purpose (the hall emptied), not by a dying worker. */
  get closedOnPurpose(): boolean {
    return this.#closed;
  }

  get rtpCapabilities(): types.RouterRtpCapabilities {
    return this.router.rtpCapabilities;
  }

  addPeer(peerId: string): void {
    if (!this.#peers.has(peerId)) this.#peers.set(peerId, new MediaPeer(peerId));
  }

  /** What a peer told us about its browser, to carry into a rebuilt room. */
  peerCapabilities(peerId: string): { rtpCapabilities: types.RtpCapabilities; dataChannels: boolean } | undefined {
    const peer = this.#peers.get(peerId);
    return peer?.rtpCapabilities ? { rtpCapabilities: peer.rtpCapabilities, dataChannels: peer.dataChannels } : undefined;
  }

  removePeer(peerId: string): void {
    this.#private.leave(peerId);
    this.#peers.get(peerId)?.close();
    this.#peers.delete(peerId);
    this.#limits.delete(peerId);
    this.#quality.forget(peerId);
  }

  /**
   * Makes these people's media private to them (a service call): everyone else's consumers of
   * it are closed — not paused — and no new ones are made until the session closes.
   */
  async openPrivateSession(sessionId: string, peerIds: readonly string[]): Promise<void> {
    for (const peerId of peerIds) this.#peer(peerId);
    this.#private.open(sessionId, peerIds);
    for (const peer of this.#peers.values()) {
      for (const consumer of [...peer.consumers.values()]) {
        if (this.#private.mayReceive(peer.id, String(consumer.appData.fromPeerId))) continue;
        consumer.close();
        peer.consumers.delete(consumer.id);
        this.#notify(peer.id, ServerMessage.consumerClosed, { consumerId: consumer.id });
      }
    }
    // Members may have missed each other's media while one of them was private elsewhere.
    for (const peerId of peerIds) await this.#consumeEverythingFor(this.#peer(peerId));
  }

  /** Ends a private session: the hall may receive its members' media again (hearing rules apply). */
  async closePrivateSession(sessionId: string): Promise<void> {
    this.#private.close(sessionId);
    for (const peer of this.#peers.values()) await this.#consumeEverythingFor(peer);
  }

  /** The private sessions open now, by id, with their members. */
  privateSessions(): { sessionId: string; peerIds: string[] }[] {
    return this.#private.list();
  }

  /**
   * Pauses, in the SFU, every consumer whose listener may no longer hear its speaker, and
   * resumes those that may again: no bytes flow to someone out of earshot. Costs one
   * `canHear` per existing consumer, so a hall of people without microphones costs nothing.
   */
  async refreshHearing(): Promise<void> {
    for (const peer of this.#peers.values()) {
      const plan = this.#videoPlan(peer);
      for (const consumer of peer.consumers.values()) await this.#applyPause(peer.id, consumer, plan);
    }
  }

  hasPeer(peerId: string): boolean {
    return this.#peers.has(peerId);
  }

  /** Records what the peer's browser can receive, then starts consuming what others already send. */
  async join(peerId: string, rtpCapabilities: types.RtpCapabilities, dataChannels: boolean): Promise<void> {
    const peer = this.#peer(peerId);
    peer.rtpCapabilities = rtpCapabilities;
    peer.dataChannels = dataChannels;
    await this.#consumeEverythingFor(peer);
  }

  async createTransport(peerId: string, direction: "send" | "recv"): Promise<TransportOptions> {
    const peer = this.#peer(peerId);
    for (const t of peer.transports.values()) if (t.appData.direction === direction) t.close();
    // Producers all live on the room's own router; listeners may be spread over workers.
    const home = direction === "recv" ? await this.#listeners.forListener() : undefined;
    if (home && home.router !== this.router) this.#watchExtraRouter(home);
    const transport = await (home?.router ?? this.router).createWebRtcTransport({
      webRtcServer: home?.slot.webRtcServer ?? this.#webRtcServer,
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      enableSctp: peer.dataChannels,
      initialAvailableOutgoingBitrate: 1_000_000,
      appData: { direction, routerId: (home?.router ?? this.router).id },
    });
    peer.transports.set(transport.id, transport);
    transport.observer.once("close", () => peer.transports.delete(transport.id));
    if (direction === "recv") await this.#consumeEverythingFor(peer);
    return {
      id: transport.id,
      iceParameters: transport.iceParameters,
      iceCandidates: transport.iceCandidates,
      dtlsParameters: transport.dtlsParameters,
      sctpParameters: transport.sctpParameters,
    };
  }

  async connectTransport(peerId: string, transportId: string, dtlsParameters: types.DtlsParameters): Promise<void> {
    await this.#peer(peerId).transport(transportId).connect({ dtlsParameters });
  }

  async restartIce(peerId: string, transportId: string): Promise<types.IceParameters> {
    return this.#peer(peerId).transport(transportId).restartIce();
  }

  async produce(peerId: string, transportId: string, kind: types.MediaKind, rtpParameters: types.RtpParameters, source: MediaSource): Promise<string> {
    const peer = this.#peer(peerId);
    const transport = peer.transport(transportId);
    if (transport.appData.direction !== "send") throw new MediaRefused("produce needs a send transport");
    // One producer per source, of the matching kind: a page cannot make everyone receive ten cameras.
    if ((kind === "audio") !== (source === "mic")) throw new MediaRefused(`${source} must be ${source === "mic" ? "audio" : "video"}`);
    for (const p of peer.producers.values()) if (p.appData.source === source && !p.closed) throw new MediaRefused(`already sending ${source}; stop it first`);
    const producer = await transport.produce({ kind, rtpParameters, appData: { source, peerId } });
    peer.producers.set(producer.id, producer);
    producer.observer.once("close", () => peer.producers.delete(producer.id));
    producer.observer.once("close", () => this.#limitPaused.delete(producer.id));
    await this.#limitProducer(peerId, producer);
    if (kind === "audio" && source === "mic") await this.#levels.addProducer({ producerId: producer.id });
    for (const other of this.#peers.values()) if (other !== peer) await this.#consume(other, producer);
    return producer.id;
  }

  async produceData(peerId: string, transportId: string, sctpStreamParameters: types.SctpStreamParameters, label: string, protocol: string): Promise<string> {
    const peer = this.#peer(peerId);
    const transport = peer.transport(transportId);
    const dataProducer = await transport.produceData({ sctpStreamParameters, label, protocol, appData: { peerId } });
    peer.dataProducers.set(dataProducer.id, dataProducer);
    dataProducer.observer.once("close", () => peer.dataProducers.delete(dataProducer.id));
    for (const other of this.#peers.values()) if (other !== peer) await this.#consumeData(other, dataProducer);
    return dataProducer.id;
  }

  closeProducer(peerId: string, producerId: string): void {
    const producer = this.#peer(peerId).producers.get(producerId);
    if (!producer) throw new MediaRefused(`no producer ${producerId} for this peer`);
    producer.close();
  }

  /** Which of the peer's producers are live, by source (the hall shows a mic icon from this). */
  producingSources(peerId: string): Set<MediaSource> {
    return new Set([...(this.#peers.get(peerId)?.producers.values() ?? [])].map((p) => p.appData.source));
  }

  /** The client is ready to receive; the consumer flows unless the listener is out of earshot. */
  async resumeConsumer(peerId: string, consumerId: string): Promise<void> {
    const consumer = this.#peer(peerId).consumers.get(consumerId);
    if (!consumer) throw new MediaRefused(`no consumer ${consumerId} for this peer`);
    this.#clientReady.add(consumer.id);
    await this.#applyPause(peerId, consumer);
  }

  /** The page says how big a video it receives is on screen: hidden ones pause, small ones drop to the lowest layer. */
  async setVideoDisplay(peerId: string, consumerId: string, display: VideoDisplay): Promise<void> {
    const peer = this.#peer(peerId);
    const consumer = peer.consumers.get(consumerId);
    if (!consumer || consumer.kind !== "video") throw new MediaRefused(`no video consumer ${consumerId} for this peer`);
    // One full-screen view at a time: an earlier one goes back to following distance.
    if (display === "full") for (const [id, d] of this.#display) if (d === "full" && peer.consumers.has(id)) this.#display.set(id, "normal");
    this.#display.set(consumerId, display);
    await this.#applyPause(peerId, consumer, this.#videoPlan(peer));
  }

  /**
   * Which of a peer's video consumers may flow and at which layer: those the hall lets them
   * see, not hidden on their page, at most `maxVideosPerPeer` of them, the lowest rank first.
   */
  #videoPlan(peer: MediaPeer): Map<string, number> {
    const wanted: { id: string; layer: number; rank: number }[] = [];
    for (const consumer of peer.consumers.values()) {
      if (consumer.kind !== "video" || consumer.closed) continue;
      const display = this.#display.get(consumer.id) ?? "normal";
      if (display === "hidden") continue;
      const wish = this.#viewVideo(peer.id, String(consumer.appData.fromPeerId), consumer.appData.source as MediaSource);
      if (!wish) continue;
      const layer = display === "full" ? TOP_LAYER : display === "small" ? 0 : wish.spatialLayer;
      wanted.push({ id: consumer.id, layer, rank: wish.rank });
    }
    if (wanted.length > this.#maxVideosPerPeer) wanted.sort((a, b) => a.rank - b.rank);
    return new Map(wanted.slice(0, this.#maxVideosPerPeer).map((w) => [w.id, w.layer]));
  }

  async #applyPause(listenerId: string, consumer: types.Consumer, plan?: Map<string, number>): Promise<void> {
    if (consumer.closed) return;
    let allowed: boolean;
    if (consumer.kind === "audio") allowed = this.#canHear(listenerId, String(consumer.appData.fromPeerId));
    else {
      const layer = (plan ?? this.#videoPlan(this.#peer(listenerId))).get(consumer.id);
      allowed = layer !== undefined;
      if (layer !== undefined && consumer.type === "simulcast" && this.#layer.get(consumer.id) !== layer) {
        this.#layer.set(consumer.id, layer);
        await consumer.setPreferredLayers({ spatialLayer: layer });
      }
    }
    const wanted = this.#clientReady.has(consumer.id) && allowed && this.#accepts(listenerId, consumer.kind);
    if (wanted && consumer.paused) await consumer.resume();
    if (!wanted && !consumer.paused) await consumer.pause();
  }

  /**
   * The peer's degradation ladder: only these kinds flow to and from it. Its consumers of the
   * other kinds pause here, and so do its producers of those kinds (nobody receives them);
   * lifting the limit resumes only what the limit paused.
   */
  async limitMedia(peerId: string, allowed: { audio: boolean; video: boolean }): Promise<void> {
    const peer = this.#peer(peerId);
    if (allowed.audio && allowed.video) this.#limits.delete(peerId);
    else this.#limits.set(peerId, { ...allowed });
    for (const producer of peer.producers.values()) await this.#limitProducer(peerId, producer);
    const plan = this.#videoPlan(peer);
    for (const consumer of peer.consumers.values()) await this.#applyPause(peerId, consumer, plan);
  }

  /**
   * The SFU's own view of a peer's network since the last call for that peer (see
   * peer-stats.ts); undefined the first time, for an unknown peer, or one not connected.
   */
  async peerQuality(peerId: string): Promise<PeerQualityWindow | undefined> {
    const peer = this.#peers.get(peerId);
    return peer ? this.#quality.measure(peer) : undefined;
  }

  /** Loss on a peer's own link both ways, hop by hop (transport stats only: cheap); undefined while it is not connected. */
  async peerLink(peerId: string): Promise<TransportLoss | undefined> {
    const peer = this.#peers.get(peerId);
    if (!peer) return undefined;
    const { link, connected } = await collectPeerLink(peer);
    return connected ? link : undefined;
  }

  #accepts(peerId: string, kind: types.MediaKind): boolean {
    return this.#limits.get(peerId)?.[kind] ?? true;
  }

  async #limitProducer(peerId: string, producer: types.Producer): Promise<void> {
    if (producer.closed) return;
    const allowed = this.#accepts(peerId, producer.kind);
    if (!allowed && !producer.paused) {
      await producer.pause();
      this.#limitPaused.add(producer.id);
    } else if (allowed && this.#limitPaused.delete(producer.id) && producer.paused) {
      await producer.resume();
    }
  }

  async consumerStats(): Promise<ConsumerStats[]> {
    const rows: ConsumerStats[] = [];
    for (const peer of this.#peers.values()) {
      for (const consumer of peer.consumers.values()) {
        if (consumer.closed) continue;
        // A consumer can close while we ask (its producer left, its worker died): skip it.
        const stats = await consumer.getStats().catch(() => undefined);
        if (!stats) continue;
        const outbound = stats.find((s) => s.type === "outbound-rtp");
        rows.push({
          consumerId: consumer.id,
          peerId: peer.id,
          fromPeerId: String(consumer.appData.fromPeerId ?? ""),
          kind: consumer.kind,
          source: consumer.appData.source as MediaSource,
          paused: consumer.paused,
          packetCount: outbound?.packetCount ?? 0,
          byteCount: outbound?.byteCount ?? 0,
          preferredSpatialLayer: consumer.preferredLayers?.spatialLayer,
          currentSpatialLayer: consumer.currentLayers?.spatialLayer,
        });
      }
    }
    return rows;
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.#listeners.close();
    this.router.close();
  }

  /**
   * A listeners' router lost (its worker died) takes this room's media with it: closing our
   * own router, not on purpose, makes MediaHub rebuild the whole room and every page reconnect.
   */
  #watchExtraRouter(extra: RoomRouter): void {
    if (this.#watched.has(extra.router.id)) return;
    this.#watched.add(extra.router.id);
    extra.router.observer.once("close", () => {
      if (!this.#closed && !this.router.closed) this.router.close();
    });
  }

  #peer(peerId: string): MediaPeer {
    const peer = this.#peers.get(peerId);
    if (!peer) throw new MediaRefused("not a member of this hall's media");
    return peer;
  }

  async #consumeEverythingFor(peer: MediaPeer): Promise<void> {
    for (const other of this.#peers.values()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) await this.#consume(peer, producer);
      for (const dataProducer of other.dataProducers.values()) await this.#consumeData(peer, dataProducer);
    }
  }

  async #consume(peer: MediaPeer, producer: types.Producer<{ source: MediaSource; peerId: string }>): Promise<void> {
    const transport = peer.recvTransport;
    if (!transport || !peer.rtpCapabilities) return;
    for (const c of peer.consumers.values()) if (c.producerId === producer.id) return;
    if (!this.#private.mayReceive(peer.id, producer.appData.peerId)) return;
    const home = this.#listeners.byRouterId(String(transport.appData.routerId));
    if (home) await this.#listeners.pipe(home, { producerId: producer.id });
    if (!(home?.router ?? this.router).canConsume({ producerId: producer.id, rtpCapabilities: peer.rtpCapabilities })) return;
    const { source } = producer.appData;
    // A video starts at the layer its distance calls for (the smallest if not seen yet), not at the top and then down.
    const layer = producer.kind === "video" ? (this.#viewVideo(peer.id, producer.appData.peerId, source)?.spatialLayer ?? 0) : undefined;
    const consumer = await transport.consume({
      producerId: producer.id,
      rtpCapabilities: peer.rtpCapabilities,
      paused: true, // resumed once the client has set up its side, so no keyframe is lost
      preferredLayers: layer === undefined ? undefined : { spatialLayer: layer },
      appData: { fromPeerId: producer.appData.peerId, source },
    });
    peer.consumers.set(consumer.id, consumer);
    if (layer !== undefined) this.#layer.set(consumer.id, layer);
    if (home) home.slot.consumers++;
    consumer.observer.once("close", () => {
      if (home) home.slot.consumers--;
      this.#clientReady.delete(consumer.id);
      this.#display.delete(consumer.id);
      this.#layer.delete(consumer.id);
    });
    const forget = () => {
      peer.consumers.delete(consumer.id);
      this.#notify(peer.id, ServerMessage.consumerClosed, { consumerId: consumer.id });
    };
    consumer.on("producerclose", forget);
    consumer.on("transportclose", () => peer.consumers.delete(consumer.id));
    const message: NewConsumer = {
      consumerId: consumer.id,
      producerId: producer.id,
      peerId: producer.appData.peerId,
      kind: consumer.kind,
      rtpParameters: consumer.rtpParameters,
      source: producer.appData.source,
    };
    this.#notify(peer.id, ServerMessage.newConsumer, message);
  }

  async #consumeData(peer: MediaPeer, dataProducer: types.DataProducer<{ peerId: string }>): Promise<void> {
    const transport = peer.recvTransport;
    if (!transport || !peer.dataChannels || !transport.sctpParameters) return;
    for (const c of peer.dataConsumers.values()) if (c.dataProducerId === dataProducer.id) return;
    const home = this.#listeners.byRouterId(String(transport.appData.routerId));
    if (home) await this.#listeners.pipe(home, { dataProducerId: dataProducer.id });
    const dataConsumer = await transport.consumeData({ dataProducerId: dataProducer.id });
    peer.dataConsumers.set(dataConsumer.id, dataConsumer);
    dataConsumer.on("dataproducerclose", () => {
      peer.dataConsumers.delete(dataConsumer.id);
      this.#notify(peer.id, ServerMessage.dataConsumerClosed, { dataConsumerId: dataConsumer.id });
    });
    dataConsumer.on("transportclose", () => peer.dataConsumers.delete(dataConsumer.id));
    const message: NewDataConsumer = {
      dataConsumerId: dataConsumer.id,
      dataProducerId: dataProducer.id,
      peerId: dataProducer.appData.peerId,
      sctpStreamParameters: dataConsumer.sctpStreamParameters,
      label: dataConsumer.label,
      protocol: dataConsumer.protocol,
    };
    this.#notify(peer.id, ServerMessage.newDataConsumer, message);
  }
}
