import type { Client } from "@colyseus/core";
import type { types } from "mediasoup";
import { MediaRefused, type DataLabel, type MediaRoom, type VideoWish } from "../../../sfu/index.ts";
import { ErrorCode, type ErrorPayload } from "../../protocol/errors.ts";
import { Limits } from "../../protocol/limits.ts";
import { ServerMessage, type MediaRestart, type MediaSource } from "../../protocol/media.ts";
import { HallPlugin } from "../hall-plugin.ts";
import { audibleSpeakers, type Speaker } from "../hearing.ts";
import { cameraWish, pickShareScreen, shareWish } from "../video-visibility.ts";

/** How often who-hears-whom is worked out again and applied in the SFU. */
const HEARING_MS = 250;

/**
 * Media signalling: relays each page's WebRTC requests to the hall's `MediaRoom`, and tells the
 * SFU the hall's rules — who hears whom (distance, booth walls, nearest voices), who sees whose
 * video and how sharp — and what others see of a visitor's media (mic, camera, screen flags).
 * Rebuilds every page's transports when the SFU moved the hall to another worker.
 */
export class MediaPlugin extends HallPlugin {
  readonly pluginName = "media" as const;
  #media!: MediaRoom;
  #hearingBusy = false;
  /** Per listener, the voices forwarded to them; worked out lazily, cleared on every hearing pass. */
  readonly #voices = new Map<string, Set<string>>();
  /**
   * Server voices (the concierge) that are speaking now. The SFU's audio level observer reads
   * levels from an RTP header extension browsers send and server voices do not, so their owner
   * says when they speak, and the speaking flag counts them as the observer counts people.
   */
  readonly #serverSpeaking = new Set<string>();
  /** Told of a media room rebuilt on another worker (server participants open their media again). */
  readonly #rebuiltListeners = new Set<(room: MediaRoom) => void>();

  protected override messages = this.rules({
    "rtc:capabilities": { handle: () => this.#media.rtpCapabilities },
    "rtc:join": {
      handle: async (client, m) => {
        await this.#media.join(client.sessionId, m.rtpCapabilities as types.RtpCapabilities, m.dataChannels, m.dataLabels);
        return { ok: true };
      },
    },
    "rtc:createTransport": { handle: (client, m) => this.#media.createTransport(client.sessionId, m.direction) },
    "rtc:connectTransport": {
      handle: async (client, m) => {
        await this.#media.connectTransport(client.sessionId, m.transportId, m.dtlsParameters as types.DtlsParameters);
        return { ok: true };
      },
    },
    "rtc:produce": {
      handle: async (client, m) => {
        const producerId = await this.#media.produce(client.sessionId, m.transportId, m.kind, m.rtpParameters as types.RtpParameters, m.source);
        this.#refreshMediaFlags(client.sessionId);
        return { producerId };
      },
    },
    "rtc:produceData": {
      handle: async (client, m) => {
        const dataProducerId = await this.#media.produceData(client.sessionId, m.transportId, m.sctpStreamParameters as types.SctpStreamParameters, m.label, m.protocol);
        return { dataProducerId };
      },
    },
    "rtc:subscribeData": {
      handle: async (client, m) => {
        await this.#media.subscribeData(client.sessionId, m.labels);
        return { ok: true };
      },
    },
    "rtc:resumeConsumer": {
      handle: async (client, m) => {
        await this.#media.resumeConsumer(client.sessionId, m.consumerId);
        return { ok: true };
      },
    },
    "rtc:videoDisplay": { handle: (client, m) => this.#media.setVideoDisplay(client.sessionId, m.consumerId, m.display) },
    "rtc:closeProducer": {
      handle: (client, m) => {
        this.#media.closeProducer(client.sessionId, m.producerId);
        this.#refreshMediaFlags(client.sessionId);
        return { ok: true };
      },
    },
    "rtc:restartIce": { handle: async (client, m) => ({ iceParameters: await this.#media.restartIce(client.sessionId, m.transportId) }) },
  });

  /** The SFU's refusals (no such transport, already sending…) reach the sender with their reason. */
  override refusal(error: unknown, type: string): ErrorPayload | undefined {
    return error instanceof MediaRefused ? { code: ErrorCode.mediaFailed, message: error.message, type } : undefined;
  }

  /** The hall instance's media room (replaced when the SFU rebuilds it on another worker). */
  get mediaRoom(): MediaRoom {
    return this.#media;
  }

  /** A server voice started or stopped speaking (its `speaking` flag: the avatar's jaw moves on every page). */
  setServerSpeaking(peerId: string, speaking: boolean): void {
    if (speaking) this.#serverSpeaking.add(peerId);
    else this.#serverSpeaking.delete(peerId);
    const visitor = this.room.visitor(peerId);
    if (visitor) visitor.speaking = speaking;
  }

  /** Calls `listener` with the new media room each time the SFU rebuilds this hall's media; returns how to stop. */
  onRebuilt(listener: (room: MediaRoom) => void): () => void {
    this.#rebuiltListeners.add(listener);
    return () => this.#rebuiltListeners.delete(listener);
  }

  protected override async onCreate(): Promise<void> {
    this.#media = await this.room.services.media.openRoom(this.room.roomId, {
      notify: (peerId, type, payload) => this.room.clients.getById(peerId)?.send(type, payload),
      speaking: (peerIds) => this.room.state.visitors.forEach((v, id) => (v.speaking = peerIds.has(id) || this.#serverSpeaking.has(id))),
      restarted: (room) => this.#onMediaRebuilt(room),
      canHear: (listenerId, speakerId) => this.#canHear(listenerId, speakerId),
      viewVideo: (viewerId, senderId, source) => this.#viewVideo(viewerId, senderId, source),
      canReceiveData: (receiverId, senderId, label) => this.#canReceiveData(receiverId, senderId, label),
      maxVideosPerPeer: Limits.maxVideosPerVisitor,
      maxDataMessageBytes: Limits.maxDataMessageBytes,
    });
    this.room.clock.setInterval(() => void this.#updateHearing(), HEARING_MS);
  }

  protected override onJoin(client: Client): void {
    this.#media.addPeer(client.sessionId);
  }

  protected override onLeave(client: Client): void {
    this.#media.removePeer(client.sessionId);
  }

  protected override onDispose(): void {
    this.#media?.close();
  }

  /** Pauses, in the SFU, every voice a listener is out of earshot of (distance, booths). */
  async #updateHearing(): Promise<void> {
    if (this.#hearingBusy) return; // a slow pass must not overlap the next tick
    this.#hearingBusy = true;
    this.#voices.clear(); // people moved: work out again who hears whom
    try {
      await this.#media.refreshHearing();
    } catch (error) {
      this.room.services.log.warn("hearing update failed", { roomId: this.room.roomId, error });
    } finally {
      this.#hearingBusy = false;
    }
  }

  /** Whether the SFU forwards a speaker's voice to a listener: in earshot and among their nearest voices. */
  #canHear(listenerId: string, speakerId: string): boolean {
    let voices = this.#voices.get(listenerId);
    if (!voices) {
      const presence = this.room.plugins.presence;
      const listener = presence.poseOf(listenerId);
      if (!listener) return false;
      const speakers: Speaker[] = [];
      this.room.state.visitors.forEach((v, id) => {
        const pose = presence.poseOf(id);
        // The speaker asked about counts even before their mic flag is set (their producer is being made).
        if (pose && id !== listenerId && (v.mic || id === speakerId)) speakers.push({ id, x: pose.x, z: pose.z });
      });
      voices = audibleSpeakers(listener, speakers, this.room.scene.zones, Limits.hearingRadius, Limits.maxVoices);
      this.#voices.set(listenerId, voices);
    }
    return voices.has(speakerId);
  }

  /** Webcams follow the hearing rules at a longer range; screen shares, the screen they are on. */
  #viewVideo(viewerId: string, senderId: string, source: MediaSource): VideoWish | undefined {
    const viewer = this.room.plugins.presence.poseOf(viewerId);
    const sender = this.room.plugins.presence.poseOf(senderId);
    if (!viewer || !sender) return undefined;
    const { zones, screens } = this.room.scene;
    if (source === "camera") return cameraWish(viewer, sender, zones, Limits.videoRadius);
    const screenId = this.room.visitor(senderId)?.screenId;
    return shareWish(viewer, sender, screens.find((s) => s.id === screenId), zones);
  }

  /**
   * Whether a data channel reaches a receiver (private calls are the SFU's own rule): a face
   * animates an avatar one can see, so face frames follow webcam visibility (distance, booth
   * glass); hall events and board strokes reach everyone in the instance who subscribed.
   */
  #canReceiveData(receiverId: string, senderId: string, label: DataLabel): boolean {
    if (label !== "face") return this.room.visitor(receiverId) !== undefined;
    return this.#viewVideo(receiverId, senderId, "camera") !== undefined;
  }

  /** The SFU rebuilt this hall's media on another worker: tell every peer, with its new transports. */
  #onMediaRebuilt(room: MediaRoom): void {
    this.#media = room;
    this.room.state.visitors.forEach((v) => {
      v.mic = false;
      v.speaking = false;
      v.camera = false;
      v.screen = false;
      v.screenId = "";
    });
    this.room.services.log.warn("media rebuilt after a worker died", { roomId: this.room.roomId });
    for (const client of this.room.clients) {
      if (!room.hasPeer(client.sessionId)) continue;
      // Creating the transports here saves each page two round trips while it reconnects.
      void Promise.all([room.createTransport(client.sessionId, "send"), room.createTransport(client.sessionId, "recv")]).then(
        ([send, recv]) => client.send(ServerMessage.restart, { reason: "media server restarted", send, recv } satisfies MediaRestart),
        (error: unknown) => this.room.services.log.error("could not recreate transports", { sessionId: client.sessionId, error }),
      );
    }
    for (const listener of this.#rebuiltListeners) listener(room);
  }

  /** What others see of a visitor's media: mic, camera and screen flags, and the screen their share is on. */
  #refreshMediaFlags(sessionId: string): void {
    const visitor = this.room.visitor(sessionId);
    if (!visitor) return;
    const sources = this.#media.producingSources(sessionId);
    visitor.mic = sources.has("mic");
    visitor.camera = sources.has("camera");
    const sharing = sources.has("screen");
    if (sharing && !visitor.screen) {
      // Chosen once, where the share starts: it stays on that screen while the sharer walks about.
      const taken = new Set<string>();
      this.room.state.visitors.forEach((v) => v.screenId && taken.add(v.screenId));
      const at = this.room.plugins.presence.poseOf(sessionId);
      visitor.screenId = at ? (pickShareScreen(this.room.scene.screens, this.room.scene.zones, at, taken)?.id ?? "") : "";
    }
    if (!sharing) visitor.screenId = "";
    visitor.screen = sharing;
  }
}
