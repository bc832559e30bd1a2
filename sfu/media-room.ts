import type { types } from "mediasoup";
import type { MediaSource, TransportOptions, VideoDisplay } from "../game-server/protocol/media.ts";
import { collectConsumerStats, listDataConsumers, type ConsumerStats, type DataConsumerInfo } from "./consumer-stats.ts";
import { DEFAULT_MAX_DATA_MESSAGE_BYTES, DEFAULT_DATA_LABELS, type DataLabel } from "./data-labels.ts";
import { DataRouting } from "./data-routing.ts";
import { ListenerRouters, type RoomRouter, type RouterSupply } from "./listener-routers.ts";
import { MediaLimits, type MediaAllowance } from "./media-limits.ts";
import { watchSpeaking, type MediaRoomEvents } from "./media-room-events.ts";
import { MediaPeer } from "./media-peer.ts";
import { MediaRefused } from "./media-refused.ts";
import { collectPeerLink, PeerQualityMeter, type PeerQualityWindow, type TransportLoss } from "./peer-stats.ts";
import { PrivateCalls } from "./private-calls.ts";
import { RtpRouting } from "./rtp-routing.ts";
import { ServerParticipants } from "./server-participants.ts";
import { VideoPlanner } from "./video-plan.ts";

export type { ConsumerStats, DataConsumerInfo } from "./consumer-stats.ts";
export type { MediaNotify } from "./media-notices.ts";
export type { MediaRoomEvents } from "./media-room-events.ts";
export type { VideoWish } from "./video-plan.ts";

/**
 * The media side of one hall instance: a router on one worker and the peers in it — browsers
 * and server peers. Modelled on mediasoup-demo's Room: it owns its peers, and every consumer is
 * made here, under the rules of rtp-routing.ts (audio/video), data-routing.ts (data channels)
 * and private-calls.ts.
 */
export class MediaRoom {
  readonly #peers = new Map<string, MediaPeer>();
  #closed = false;
  readonly id: string;
  readonly router: types.Router;
  readonly #webRtcServer: types.WebRtcServer;
  /** Where receive transports go: this router, or — past a worker's consumer budget — another worker's. */
  readonly #listeners: ListenerRouters;
  readonly #quality = new PeerQualityMeter();
  readonly #calls = new PrivateCalls();
  readonly #limits = new MediaLimits();
  readonly #video: VideoPlanner;
  readonly #rtp: RtpRouting;
  readonly #data: DataRouting;
  /** Peers that are not browsers: their voices, data channels and taps (server-participants.ts). */
  readonly server: ServerParticipants;
  readonly #maxDataMessageBytes: number;

  private constructor(id: string, primary: RoomRouter, listeners: ListenerRouters, levels: types.AudioLevelObserver, events: MediaRoomEvents) {
    this.id = id;
    this.router = primary.router;
    this.#webRtcServer = primary.slot.webRtcServer;
    this.#listeners = listeners;
    this.#maxDataMessageBytes = events.maxDataMessageBytes ?? DEFAULT_MAX_DATA_MESSAGE_BYTES;
    this.#video = new VideoPlanner(events.viewVideo, events.maxVideosPerPeer);
    const common = { listeners, notify: events.notify, calls: this.#calls };
    this.#rtp = new RtpRouting({ ...common, router: this.router, canHear: events.canHear ?? (() => true), video: this.#video, limits: this.#limits, levels });
    this.#data = new DataRouting({ ...common, canReceiveData: events.canReceiveData ?? (() => true) });
    this.server = new ServerParticipants({
      router: this.router,
      calls: this.#calls,
      maxDataMessageBytes: this.#maxDataMessageBytes,
      peer: (peerId) => this.#peer(peerId),
      produce: (peer, transport, kind, rtpParameters, source) => this.#rtp.produce(peer, transport, kind, rtpParameters, source, this.#peers.values()),
      produceData: (peer, transport, label, protocol) => this.#data.produce(peer, transport, undefined, label, protocol, this.#peers.values()),
      subscribeData: (peerId, labels) => this.subscribeData(peerId, labels),
    });
  }

  static async open(id: string, primary: RoomRouter, events: MediaRoomEvents, supply?: RouterSupply): Promise<MediaRoom> {
    const levels = await watchSpeaking(primary.router, events.speaking);
    // A listeners' router lost with its worker takes the room's media with it: closing our own router, not on purpose, makes MediaHub rebuild the room.
    const listeners = new ListenerRouters(id, primary, supply, () => {
      if (!primary.router.closed) primary.router.close();
    });
    return new MediaRoom(id, primary, listeners, levels, events);
  }

  get closed(): boolean {
    return this.#closed || this.router.closed;
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

  hasPeer(peerId: string): boolean {
    return this.#peers.has(peerId);
  }

  addPeer(peerId: string): void {
    if (!this.#peers.has(peerId)) this.#peers.set(peerId, new MediaPeer(peerId));
  }

  /** What a peer told us about its browser, to carry into a rebuilt room. */
  peerCapabilities(peerId: string): { rtpCapabilities: types.RtpCapabilities; dataChannels: boolean; dataLabels: DataLabel[] } | undefined {
    const peer = this.#peers.get(peerId);
    return peer?.rtpCapabilities ? { rtpCapabilities: peer.rtpCapabilities, dataChannels: peer.dataChannels, dataLabels: this.#data.subscriptions(peerId) } : undefined;
  }

  removePeer(peerId: string): void {
    this.#calls.leave(peerId);
    this.#peers.get(peerId)?.close();
    this.#peers.delete(peerId);
    this.#limits.forget(peerId);
    this.#data.forget(peerId);
    this.#quality.forget(peerId);
    this.server.closeBarredTaps(); // a two-person call ends with its member
  }

  /** Makes these people's media and data private to them (a service call): others' consumers of it close, none are made until the call closes. */
  async openPrivateCall(callId: string, peerIds: readonly string[]): Promise<void> {
    for (const peerId of peerIds) this.#peer(peerId);
    this.#calls.open(callId, peerIds);
    this.#rtp.closeBarred(this.#peers.values());
    for (const peer of this.#peers.values()) await this.#data.sync(peer, this.#peers.values());
    this.server.closeBarredTaps();
    // Members may have missed each other's media while one of them was private elsewhere.
    for (const peerId of peerIds) await this.#consumeEverythingFor(this.#peer(peerId));
  }

  /** Ends a private call: the hall may receive its members' media again (hearing rules apply); its taps close. */
  async closePrivateCall(callId: string): Promise<void> {
    this.#calls.close(callId);
    this.server.closeBarredTaps();
    for (const peer of this.#peers.values()) await this.#consumeEverythingFor(peer);
  }

  /** The private calls open now, with their members. */
  privateCalls(): { callId: string; peerIds: string[] }[] {
    return this.#calls.list();
  }

  /** Applies the hall's rules as they are now: pauses or resumes audio/video consumers, closes or makes data consumers. */
  async refreshHearing(): Promise<void> {
    for (const peer of this.#peers.values()) await this.#rtp.refresh(peer);
    for (const peer of this.#peers.values()) await this.#data.sync(peer, this.#peers.values());
  }

  /** Records what the browser can receive and which data channels (default DEFAULT_DATA_LABELS), then consumes what others send. */
  async join(peerId: string, rtpCapabilities: types.RtpCapabilities, dataChannels: boolean, dataLabels?: readonly DataLabel[]): Promise<void> {
    const peer = this.#peer(peerId);
    peer.rtpCapabilities = rtpCapabilities;
    peer.dataChannels = dataChannels;
    this.#data.subscribe(peerId, dataChannels ? (dataLabels ?? DEFAULT_DATA_LABELS) : []);
    await this.#consumeEverythingFor(peer);
  }

  /** The data channels the peer receives from now on (replacing earlier ones); unknown labels are refused. */
  async subscribeData(peerId: string, labels: readonly string[]): Promise<void> {
    const peer = this.#peer(peerId);
    this.#data.subscribe(peerId, labels);
    await this.#data.sync(peer, this.#peers.values());
  }

  async createTransport(peerId: string, direction: "send" | "recv"): Promise<TransportOptions> {
    const peer = this.#peer(peerId);
    // Producers all live on the room's own router; listeners may be spread over workers.
    const home = direction === "recv" ? await this.#listeners.forListener() : undefined;
    const transport = await peer.openTransport(home?.router ?? this.router, home?.slot.webRtcServer ?? this.#webRtcServer, direction, this.#maxDataMessageBytes);
    if (direction === "recv") await this.#consumeEverythingFor(peer);
    const { id, iceParameters, iceCandidates, dtlsParameters, sctpParameters } = transport;
    return { id, iceParameters, iceCandidates, dtlsParameters, sctpParameters };
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
    return (await this.#rtp.produce(peer, transport, kind, rtpParameters, source, this.#peers.values())).id;
  }

  async produceData(peerId: string, transportId: string, sctpStreamParameters: types.SctpStreamParameters, label: string, protocol: string): Promise<string> {
    const peer = this.#peer(peerId);
    return (await this.#data.produce(peer, peer.transport(transportId), sctpStreamParameters, label, protocol, this.#peers.values())).id;
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
    const peer = this.#peer(peerId);
    await this.#rtp.clientReady(peer, peer.consumer(consumerId));
  }

  /** The page says how big a video it receives is on screen: hidden ones pause, small ones drop to the lowest layer. */
  async setVideoDisplay(peerId: string, consumerId: string, display: VideoDisplay): Promise<void> {
    const peer = this.#peer(peerId);
    const consumer = peer.consumer(consumerId, "video");
    this.#video.setDisplay(peer.consumers, consumerId, display);
    await this.#rtp.applyPause(peer, consumer);
  }

  /** The peer's degradation ladder: only these kinds flow to and from it (media-limits.ts). */
  async limitMedia(peerId: string, allowed: MediaAllowance): Promise<void> {
    const peer = this.#peer(peerId);
    this.#limits.set(peerId, allowed);
    for (const producer of peer.producers.values()) await this.#limits.applyToProducer(peerId, producer);
    await this.#rtp.refresh(peer);
  }

  /** The SFU's own view of a peer's network since the last call for it (peer-stats.ts); undefined the first time or while not connected. */
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

  consumerStats(): Promise<ConsumerStats[]> {
    return collectConsumerStats(this.#peers.values());
  }

  /** Every data consumer now: who receives whose channel. */
  dataConsumers(): DataConsumerInfo[] {
    return listDataConsumers(this.#peers.values());
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    for (const peer of this.#peers.values()) peer.close();
    this.#peers.clear();
    this.#listeners.close();
    this.router.close();
  }

  #peer(peerId: string): MediaPeer {
    const peer = this.#peers.get(peerId);
    if (!peer) throw new MediaRefused("not a member of this hall's media");
    return peer;
  }

  async #consumeEverythingFor(peer: MediaPeer): Promise<void> {
    for (const other of this.#peers.values()) {
      if (other === peer) continue;
      for (const producer of other.producers.values()) await this.#rtp.consume(peer, producer);
    }
    await this.#data.sync(peer, this.#peers.values());
  }
}
