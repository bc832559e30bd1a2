import { Room, type Client } from "@colyseus/core";
import type { types } from "mediasoup";
import type { MediaRoom, VideoWish } from "../../sfu/media-room.ts";
import { MediaRefused } from "../../sfu/media-refused.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import type { GuestClaims } from "../auth/guest-token.ts";
import { ErrorCode, type ErrorPayload } from "../protocol/errors.ts";
import { HallState, Visitor } from "../protocol/hall-state.ts";
import { normalizeAvatarChoice } from "../protocol/avatar-choice.ts";
import { Limits } from "../protocol/limits.ts";
import { ServerMessage, type MediaRestart, type MediaSource } from "../protocol/media.ts";
import { ClientMessages, JoinOptions, type ClientMessage, type ClientMessageType } from "../protocol/messages.ts";
import { encodePosePacket, POSES_MESSAGE } from "../protocol/pose-packet.ts";
import { SocialMessage, type ChatLine, type EmoteEvent } from "../protocol/social.ts";
import { ladderCode, ladderFromCode, LINK_MESSAGE, mediaAllowed, qualityCode, type LinkReport } from "../protocol/qoe.ts";
import type { ChatRecord } from "../storage/storage.ts";
import type { HallServices } from "./hall-services.ts";
import { admit, MessageRejected, RateGate } from "./message-guard.ts";
import { CallQualityRecorder } from "./call-quality.ts";
import { audibleSpeakers, canHear, type Speaker } from "./hearing.ts";
import { PoseFanout } from "./interest.ts";
import { constrainMove } from "./movement.ts";
import { cameraWish, pickShareScreen, shareWish } from "./video-visibility.ts";

interface RequestContext {
  readonly id: number | undefined;
  reject(reason?: unknown): unknown;
}

type Handlers = { [T in ClientMessageType]: (client: Client, message: ClientMessage<T>) => unknown };

/** What the room tracks per connected client, beyond its visible state. */
interface ClientGuard {
  rate: RateGate;
  /** performance.now() of the last accepted move, for the speed limit. */
  lastMoveAt?: number;
  /** Date.now() of the last error message sent, to space them out. */
  lastErrorAt: number;
  /** Date.now() of recent chat messages, for the chat rate limit. */
  chatTimes: number[];
  lastEmoteAt: number;
}

/** Pose packets go out at this pace; clients send their moves at ~15 Hz. */
const POSE_TICK_MS = 50;
/** How often the SFU's own view of every peer's network is sampled and stored. */
const SERVER_QUALITY_MS = 10_000;
/** How often each page is told the SFU's hop-by-hop view of its link (its ladder's evidence for the way up). */
const LINK_REPORT_MS = 2000;

/**
 * One instance of a hall: who is in it, where they stand, and the signalling for their media.
 * Every client message passes {@link admit} first; a refused one is answered with an error
 * and changes nothing.
 */
export class HallRoom extends Room<{ state: HallState }> {
  /** Filled in by {@link defineHallRoom}; Colyseus constructs rooms itself. */
  protected services!: HallServices;
  #scene!: Scene;
  #media!: MediaRoom;
  readonly #guards = new Map<string, ClientGuard>();
  #fanout!: PoseFanout;
  #hearingBusy = false;
  /** Per listener, the voices forwarded to them; worked out lazily, cleared on every hearing pass. */
  readonly #voices = new Map<string, Set<string>>();
  #quality!: CallQualityRecorder;
  #qualityBusy = false;
  #linksBusy = false;

  override async onCreate(options: unknown): Promise<void> {
    const { hallId } = JoinOptions.pick({ hallId: true }).parse(options);
    const hall = await this.services.storage.getHall(hallId);
    if (!hall) throw new Error(`hall "${hallId}" does not exist`);
    const scene = this.services.findScene(hall.sceneId);
    if (!scene) throw new Error(`hall "${hallId}" uses unknown scene "${hall.sceneId}"`);
    this.#scene = scene;
    this.maxClients = this.services.capacity;
    // Colyseus drops a client outright past this; our own, lower limits answer with errors first.
    this.maxMessagesPerSecond = Limits.maxMessagesPerSecond * 4;
    this.setPatchRate(50);
    this.setState(new HallState({ hallId }));
    this.#fanout = new PoseFanout(this.services.interest);
    // Its own timer, not `clock.setInterval`: the clock only advances with each 50 ms state
    // patch, so a 50 ms clock interval fired every 50 or every 100 ms depending on jitter.
    this.setTimestep(() => this.#sendPoses(), POSE_TICK_MS);
    this.#media = await this.services.media.openRoom(this.roomId, {
      notify: (peerId, type, payload) => this.clients.getById(peerId)?.send(type, payload),
      speaking: (peerIds) => this.state.visitors.forEach((v, id) => (v.speaking = peerIds.has(id))),
      restarted: (room) => this.#onMediaRebuilt(room),
      canHear: (listenerId, speakerId) => this.#canHear(listenerId, speakerId),
      viewVideo: (viewerId, senderId, source) => this.#viewVideo(viewerId, senderId, source),
      maxVideosPerPeer: Limits.maxVideosPerVisitor,
    });
    this.clock.setInterval(() => void this.#updateHearing(), 250);
    this.#quality = new CallQualityRecorder(this.services.storage, this.roomId, hallId);
    this.clock.setInterval(() => void this.#sampleServerQuality(), SERVER_QUALITY_MS);
    this.clock.setInterval(() => void this.#reportLinks(), LINK_REPORT_MS);

    for (const type of Object.keys(ClientMessages) as ClientMessageType[]) {
      this.onMessage(type, (client, message, ctx) => this.#dispatch(client, type, message, ctx));
    }
    this.onMessage("*", (client, type, message) => this.#dispatch(client, type, message, { id: undefined, reject: () => undefined }));
    this.services.log.info("hall opened", { roomId: this.roomId, hallId });
  }

  override onAuth(_client: Client, options: unknown): GuestClaims {
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success) throw new Error("join needs { hallId, token }");
    if (parsed.data.hallId !== this.state.hallId) throw new Error("token is for another hall");
    return this.services.tokens.verify(parsed.data.token);
  }

  override onJoin(client: Client, options: unknown, auth: GuestClaims): void {
    const spawn = this.#scene.spawn;
    const angle = Math.random() * Math.PI * 2;
    const radius = Math.random() * spawn.radius;
    const n = this.#freeNumber();
    this.state.visitors.set(
      client.sessionId,
      new Visitor({
        visitorId: auth.vid,
        name: auth.name,
        role: auth.role,
        avatar: normalizeAvatarChoice((options as { avatar?: unknown } | undefined)?.avatar),
        n,
        away: false,
        mic: false,
        speaking: false,
        camera: false,
        screen: false,
        screenId: "",
      }),
    );
    this.#fanout.add({ n, x: spawn.x + Math.cos(angle) * radius, z: spawn.z + Math.sin(angle) * radius, ry: Math.PI });
    this.#media.addPeer(client.sessionId);
    this.#guards.set(client.sessionId, { rate: new RateGate(), lastErrorAt: 0, chatTimes: [], lastEmoteAt: 0 });
    this.services.log.info("visitor joined", { roomId: this.roomId, sessionId: client.sessionId, visitorId: auth.vid });
  }

  /** The connection dropped without a goodbye: keep their place (and their media) while they come back. */
  override onDrop(client: Client): void {
    const visitor = this.state.visitors.get(client.sessionId);
    if (visitor) visitor.away = true;
    this.services.log.info("visitor dropped, waiting for them", { roomId: this.roomId, sessionId: client.sessionId });
    void this.allowReconnection(client, Limits.reconnectSeconds).catch(() => undefined);
  }

  override onReconnect(client: Client): void {
    const visitor = this.state.visitors.get(client.sessionId);
    if (!visitor) return;
    visitor.away = false;
    // Pose packets sent while they were gone are lost: tell them everything again.
    this.#fanout.forget(visitor.n);
    this.services.log.info("visitor reconnected", { roomId: this.roomId, sessionId: client.sessionId });
  }

  override onLeave(client: Client): void {
    const visitor = this.state.visitors.get(client.sessionId);
    if (visitor) this.#fanout.remove(visitor.n);
    this.state.visitors.delete(client.sessionId);
    this.#media.removePeer(client.sessionId);
    this.#guards.delete(client.sessionId);
    this.#quality.forget(client.sessionId);
    this.services.log.info("visitor left", { roomId: this.roomId, sessionId: client.sessionId });
  }

  override onDispose(): void {
    this.#media?.close();
    this.services.log.info("hall closed", { roomId: this.roomId });
  }

  async #dispatch(client: Client, type: string | number, raw: unknown, ctx: RequestContext): Promise<unknown> {
    try {
      const rate = this.#guards.get(client.sessionId)?.rate;
      if (rate && (!rate.allow("all", Limits.maxMessagesPerSecond) || (type === "move" && !rate.allow("move", Limits.maxMovesPerSecond)))) {
        const name = String(type).slice(0, 40);
        throw new MessageRejected({ code: ErrorCode.rateLimited, message: `too many "${name}" messages; slow down`, type: name });
      }
      const message = admit(type, raw);
      const handler = this.#handlers[type as ClientMessageType] as (client: Client, message: unknown) => unknown;
      return await handler(client, message);
    } catch (error) {
      let payload: ErrorPayload;
      if (error instanceof MessageRejected) payload = error.payload;
      else if (error instanceof MediaRefused) payload = { code: ErrorCode.mediaFailed, message: error.message, type: String(type) };
      else {
        // Ours, not the sender's: log it whole, tell them only that it failed.
        this.services.log.error("request failed", { roomId: this.roomId, sessionId: client.sessionId, type: String(type).slice(0, 40), error });
        payload = { code: ErrorCode.internal, message: "The server could not do that just now; please try again.", type: String(type).slice(0, 40) };
      }
      if (ctx.id !== undefined) return ctx.reject(payload);
      this.#sendError(client, payload);
      return undefined;
    }
  }

  /** At most a few error messages per second, so a misbehaving client cannot make us flood it. */
  #sendError(client: Client, payload: ErrorPayload): void {
    const guard = this.#guards.get(client.sessionId);
    const now = Date.now();
    if (!guard || now - guard.lastErrorAt < 200) return;
    guard.lastErrorAt = now;
    client.send(ServerMessage.error, payload);
  }

  readonly #handlers: Handlers = {
    move: (client, wanted) => {
      const n = this.state.visitors.get(client.sessionId)?.n;
      const current = n === undefined ? undefined : this.#fanout.pose(n);
      const guard = this.#guards.get(client.sessionId);
      if (n === undefined || !current || !guard) return;
      const now = performance.now();
      const last = guard.lastMoveAt ?? now - 1000 / 15;
      guard.lastMoveAt = now;
      this.#fanout.update({ n, ...constrainMove(current, wanted, (now - last) / 1000, this.#scene) });
    },
    chat: async (client, m) => {
      const visitor = this.state.visitors.get(client.sessionId);
      const guard = this.#guards.get(client.sessionId);
      if (!visitor || !guard) throw new MessageRejected({ code: ErrorCode.notAllowed, message: "you are not in this hall", type: "chat" });
      const now = Date.now();
      guard.chatTimes = guard.chatTimes.filter((t) => now - t < 10_000);
      if (guard.chatTimes.length >= Limits.chatPerTenSeconds) {
        throw new MessageRejected({ code: ErrorCode.rateLimited, message: "you are sending messages too fast; wait a few seconds", type: "chat" });
      }
      guard.chatTimes.push(now);
      // Stored before anyone sees it: an acknowledged message survives a crash.
      const record = await this.services.storage.appendChat({
        hallId: this.state.hallId,
        visitorId: visitor.visitorId,
        name: visitor.name,
        role: visitor.role as ChatRecord["role"],
        scope: m.scope,
        text: m.text,
      });
      const line = chatLine(record, client.sessionId);
      for (const other of this.clients) {
        if (m.scope === "hall" || other.sessionId === client.sessionId || this.#isNearby(client.sessionId, other.sessionId)) other.send(SocialMessage.chat, line);
      }
      return { id: record.id };
    },
    "chat:history": async () => (await this.services.storage.recentChat(this.state.hallId, Limits.chatHistory)).map((r) => chatLine(r)),
    emote: (client, m) => {
      const guard = this.#guards.get(client.sessionId);
      const now = Date.now();
      if (!guard || now - guard.lastEmoteAt < Limits.emoteGapMs) return;
      guard.lastEmoteAt = now;
      this.broadcast(SocialMessage.emote, { from: client.sessionId, emote: m.emote } satisfies EmoteEvent);
    },
    "rtc:capabilities": () => this.#media.rtpCapabilities,
    "rtc:join": async (client, m) => {
      await this.#media.join(client.sessionId, m.rtpCapabilities as types.RtpCapabilities, m.dataChannels);
      return { ok: true };
    },
    "rtc:createTransport": (client, m) => this.#media.createTransport(client.sessionId, m.direction),
    "rtc:connectTransport": async (client, m) => {
      await this.#media.connectTransport(client.sessionId, m.transportId, m.dtlsParameters as types.DtlsParameters);
      return { ok: true };
    },
    "rtc:produce": async (client, m) => {
      const producerId = await this.#media.produce(client.sessionId, m.transportId, m.kind, m.rtpParameters as types.RtpParameters, m.source);
      this.#refreshMediaFlags(client.sessionId);
      return { producerId };
    },
    "rtc:produceData": async (client, m) => {
      const dataProducerId = await this.#media.produceData(client.sessionId, m.transportId, m.sctpStreamParameters as types.SctpStreamParameters, m.label, m.protocol);
      return { dataProducerId };
    },
    "rtc:resumeConsumer": async (client, m) => {
      await this.#media.resumeConsumer(client.sessionId, m.consumerId);
      return { ok: true };
    },
    "rtc:videoDisplay": (client, m) => this.#media.setVideoDisplay(client.sessionId, m.consumerId, m.display),
    "rtc:closeProducer": (client, m) => {
      this.#media.closeProducer(client.sessionId, m.producerId);
      this.#refreshMediaFlags(client.sessionId);
      return { ok: true };
    },
    "rtc:restartIce": async (client, m) => ({ iceParameters: await this.#media.restartIce(client.sessionId, m.transportId) }),
    "rtc:qoe": async (client, m) => {
      const visitor = this.state.visitors.get(client.sessionId);
      if (!visitor) throw new MessageRejected({ code: ErrorCode.notAllowed, message: "you are not in this hall", type: "rtc:qoe" });
      if (!this.#guards.get(client.sessionId)?.rate.allow("qoe", 1)) throw new MessageRejected({ code: ErrorCode.rateLimited, message: "network reports come at most once a second", type: "rtc:qoe" });
      // Stored before it is acknowledged (and before others see the new level).
      const { stored, level } = await this.#quality.recordPage({ sessionId: client.sessionId, visitorId: visitor.visitorId }, m.samples);
      visitor.net = qualityCode(level);
      return { stored };
    },
    "rtc:degrade": async (client, m) => {
      if (!this.#guards.get(client.sessionId)?.rate.allow("degrade", 2)) throw new MessageRejected({ code: ErrorCode.rateLimited, message: "too many network level changes; slow down", type: "rtc:degrade" });
      await this.#media.limitMedia(client.sessionId, mediaAllowed(m.level));
      const visitor = this.state.visitors.get(client.sessionId);
      if (visitor) visitor.fallback = ladderCode(m.level);
      return { ok: true };
    },
  };

  /** Tells each connected page how its own link looks from the SFU (see `LinkReport`). */
  async #reportLinks(): Promise<void> {
    if (this.#linksBusy) return;
    this.#linksBusy = true;
    try {
      for (const client of this.clients) {
        const link = await this.#media.peerLink(client.sessionId);
        if (!link || (link.lossUpPct === null && link.lossDownPct === null)) continue;
        const round = (v: number | null) => (v === null ? null : Math.round(v * 10) / 10);
        client.send(LINK_MESSAGE, { lossUpPct: round(link.lossUpPct), lossDownPct: round(link.lossDownPct) } satisfies LinkReport);
      }
    } catch (error) {
      this.services.log.warn("link report failed", { roomId: this.roomId, error });
    } finally {
      this.#linksBusy = false;
    }
  }

  /** The SFU's view of every connected peer, stored per call; stands in for pages that stopped reporting. */
  async #sampleServerQuality(): Promise<void> {
    if (this.#qualityBusy) return;
    this.#qualityBusy = true;
    try {
      const views = [];
      for (const [sessionId, visitor] of this.state.visitors) {
        const window = await this.#media.peerQuality(sessionId);
        if (window) views.push({ sessionId, visitorId: visitor.visitorId, ladder: ladderFromCode(visitor.fallback), window });
      }
      if (views.length === 0) return;
      const standIn = await this.#quality.recordServer(views);
      for (const [sessionId, level] of standIn) {
        const visitor = this.state.visitors.get(sessionId);
        if (visitor) visitor.net = qualityCode(level);
      }
    } catch (error) {
      this.services.log.warn("server quality sample failed", { roomId: this.roomId, error });
    } finally {
      this.#qualityBusy = false;
    }
  }

  /** Pauses, in the SFU, every voice a listener is out of earshot of (distance, booths). */
  async #updateHearing(): Promise<void> {
    if (this.#hearingBusy) return; // a slow pass must not overlap the next tick
    this.#hearingBusy = true;
    this.#voices.clear(); // people moved: work out again who hears whom
    try {
      await this.#media.refreshHearing();
    } catch (error) {
      this.services.log.warn("hearing update failed", { roomId: this.roomId, error });
    } finally {
      this.#hearingBusy = false;
    }
  }

  /** Whether the SFU forwards a speaker's voice to a listener: in earshot and among their nearest voices. */
  #canHear(listenerId: string, speakerId: string): boolean {
    let voices = this.#voices.get(listenerId);
    if (!voices) {
      const listener = this.#poseOf(listenerId);
      if (!listener) return false;
      const speakers: Speaker[] = [];
      this.state.visitors.forEach((v, id) => {
        const pose = this.#poseOf(id);
        // The speaker asked about counts even before their mic flag is set (their producer is being made).
        if (pose && id !== listenerId && (v.mic || id === speakerId)) speakers.push({ id, x: pose.x, z: pose.z });
      });
      voices = audibleSpeakers(listener, speakers, this.#scene.zones, Limits.hearingRadius, Limits.maxVoices);
      this.#voices.set(listenerId, voices);
    }
    return voices.has(speakerId);
  }

  /** Webcams follow the hearing rules at a longer range; screen shares, the screen they are on. */
  #viewVideo(viewerId: string, senderId: string, source: MediaSource): VideoWish | undefined {
    const viewer = this.#poseOf(viewerId);
    const sender = this.#poseOf(senderId);
    if (!viewer || !sender) return undefined;
    if (source === "camera") return cameraWish(viewer, sender, this.#scene.zones, Limits.videoRadius);
    const screenId = this.state.visitors.get(senderId)?.screenId;
    return shareWish(viewer, sender, this.#scene.screens.find((s) => s.id === screenId), this.#scene.zones);
  }

  /** "Nearby" follows the hearing rules, at a shorter range: booth walls keep chat in too. */
  #isNearby(fromId: string, toId: string): boolean {
    const from = this.#poseOf(fromId);
    const to = this.#poseOf(toId);
    return !!from && !!to && canHear(to, from, this.#scene.zones, Limits.nearbyChatRadius);
  }

  #poseOf(sessionId: string): { x: number; z: number } | undefined {
    const n = this.state.visitors.get(sessionId)?.n;
    return n === undefined ? undefined : this.#fanout.pose(n);
  }

  #sendPoses(): void {
    const packets = this.#fanout.tick();
    for (const client of this.clients) {
      const n = this.state.visitors.get(client.sessionId)?.n;
      const packet = n === undefined ? undefined : packets.get(n);
      if (packet) client.sendBytes(POSES_MESSAGE, encodePosePacket(packet));
    }
  }

  /** The smallest number not in use, so numbers stay small in a long-lived hall. */
  #freeNumber(): number {
    const used = new Set<number>();
    this.state.visitors.forEach((v) => used.add(v.n));
    let n = 0;
    while (used.has(n)) n++;
    return n;
  }

  /** The SFU rebuilt this hall's media on another worker: tell every peer, with its new transports. */
  #onMediaRebuilt(room: MediaRoom): void {
    this.#media = room;
    this.state.visitors.forEach((v) => {
      v.mic = false;
      v.speaking = false;
      v.camera = false;
      v.screen = false;
      v.screenId = "";
    });
    this.services.log.warn("media rebuilt after a worker died", { roomId: this.roomId });
    for (const client of this.clients) {
      if (!room.hasPeer(client.sessionId)) continue;
      // Creating the transports here saves each page two round trips while it reconnects.
      void Promise.all([room.createTransport(client.sessionId, "send"), room.createTransport(client.sessionId, "recv")]).then(
        ([send, recv]) => client.send(ServerMessage.restart, { reason: "media server restarted", send, recv } satisfies MediaRestart),
        (error: unknown) => this.services.log.error("could not recreate transports", { sessionId: client.sessionId, error }),
      );
    }
  }

  /** What others see of a visitor's media: mic, camera and screen flags, and the screen their share is on. */
  #refreshMediaFlags(sessionId: string): void {
    const visitor = this.state.visitors.get(sessionId);
    if (!visitor) return;
    const sources = this.#media.producingSources(sessionId);
    visitor.mic = sources.has("mic");
    visitor.camera = sources.has("camera");
    const sharing = sources.has("screen");
    if (sharing && !visitor.screen) {
      // Chosen once, where the share starts: it stays on that screen while the sharer walks about.
      const taken = new Set<string>();
      this.state.visitors.forEach((v) => v.screenId && taken.add(v.screenId));
      const at = this.#poseOf(sessionId);
      visitor.screenId = at ? (pickShareScreen(this.#scene.screens, this.#scene.zones, at, taken)?.id ?? "") : "";
    }
    if (!sharing) visitor.screenId = "";
    visitor.screen = sharing;
  }
}

function chatLine(record: ChatRecord, from?: string): ChatLine {
  return { id: record.id, from, visitorId: record.visitorId, name: record.name, role: record.role, scope: record.scope, text: record.text, at: record.createdAt };
}

/** The room class Colyseus registers, bound to this server's services. */
export function defineHallRoom(services: HallServices): typeof HallRoom {
  return class BoundHallRoom extends HallRoom {
    protected override services = services;
  };
}
