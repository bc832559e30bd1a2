import type { types } from "mediasoup";
import type { MediaSource } from "../game-server/protocol/media.ts";
import type { DataLabel } from "./data-labels.ts";
import type { MediaPeer, PeerDataProducer, PeerProducer, ReceivedData } from "./media-peer.ts";
import { MediaRefused } from "./media-refused.ts";
import type { PrivateCalls } from "./private-calls.ts";
import { ServerTap, ServerVoice, type ServerVoiceOptions } from "./server-peers.ts";

/** What a room lends its server participants: its router, its peers and its rules. */
export interface ServerParticipantsRoom {
  router: types.Router;
  calls: PrivateCalls;
  maxDataMessageBytes: number;
  peer(peerId: string): MediaPeer;
  produce(peer: MediaPeer, transport: types.Transport, kind: types.MediaKind, rtpParameters: types.RtpParameters, source: MediaSource): Promise<PeerProducer>;
  produceData(peer: MediaPeer, transport: types.Transport, label: string, protocol: string): Promise<PeerDataProducer>;
  subscribeData(peerId: string, labels: readonly DataLabel[]): Promise<void>;
}

/**
 * A room's peers that are not browsers (server-peers.ts): a server peer is added with
 * `MediaRoom.addPeer` like anyone, and is then given a voice, data channels, or taps of
 * others' media. The hall's rules apply to them as to browsers. A room rebuilt after a worker
 * death does not carry them: their owner opens them again on `restarted`.
 */
export class ServerParticipants {
  readonly #room: ServerParticipantsRoom;
  readonly #taps = new Set<ServerTap>();

  constructor(room: ServerParticipantsRoom) {
    this.#room = room;
  }

  /** The peer's voice: Opus RTP sent from this process, produced as its `mic` (hearing, private calls and the ladder apply). */
  async openVoice(peerId: string, options: ServerVoiceOptions = {}): Promise<ServerVoice> {
    const peer = this.#room.peer(peerId);
    return ServerVoice.open(this.#room.router, peerId, options, async (transport, rtpParameters) => {
      peer.serverTransports.add(transport);
      transport.observer.once("close", () => peer.serverTransports.delete(transport));
      return this.#room.produce(peer, transport, "audio", rtpParameters, "mic");
    });
  }

  /**
   * A tap of `peerId`'s `source` as RTP to this process. With `callId`, the peer must be in that
   * private call and the tap closes with the call; without, the peer must not be in any call
   * (a tap of the open hall closes if its peer goes private). It also closes with the producer.
   */
  async openTap(peerId: string, source: MediaSource, options: { callId?: string } = {}): Promise<ServerTap> {
    const producer = [...this.#room.peer(peerId).producers.values()].find((p) => p.appData.source === source && !p.closed);
    if (!producer) throw new MediaRefused(`${peerId} is not sending ${source}`);
    if (this.#room.calls.callOf(peerId) !== options.callId) throw new MediaRefused(options.callId ? `${peerId} is not in call ${options.callId}` : `${peerId} is in a private call`);
    const tap = await ServerTap.open(this.#room.router, producer, { peerId, source }, options.callId);
    this.#taps.add(tap);
    tap.onClose(() => this.#taps.delete(tap));
    return tap;
  }

  /**
   * Data channels for a server peer on a DirectTransport (mediasoup-demo's Bot): it receives
   * the labels in `receive` under the same rules as a browser, through `onData`; the returned
   * function opens a data producer on a hall channel (its `send` reaches the subscribers).
   */
  async openData(peerId: string, receive: readonly DataLabel[], onData?: (data: ReceivedData) => void): Promise<(label: DataLabel, protocol?: string) => Promise<PeerDataProducer>> {
    const peer = this.#room.peer(peerId);
    const bytes = this.#room.maxDataMessageBytes;
    const direct = (peer.direct ??= await this.#room.router.createDirectTransport({ maxSendMessageSize: bytes, maxReceiveMessageSize: bytes, appData: { routerId: this.#room.router.id } }));
    peer.serverTransports.add(direct);
    peer.onData = onData;
    await this.#room.subscribeData(peerId, receive);
    return (label, protocol = "") => this.#room.produceData(peer, direct, label, protocol);
  }

  /** The taps open now. */
  get taps(): readonly ServerTap[] {
    return [...this.#taps];
  }

  /** Closes every tap the private calls no longer allow (its call ended, or its peer went private). */
  closeBarredTaps(): void {
    for (const tap of [...this.#taps]) if (this.#room.calls.callOf(tap.fromPeerId) !== tap.callId) tap.close();
  }
}
