import { Room, type Client } from "@colyseus/core";
import type { types } from "mediasoup";
import type { MediaRoom } from "../../sfu/media-room.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import type { GuestClaims } from "../auth/guest-token.ts";
import { ErrorCode, type ErrorPayload } from "../protocol/errors.ts";
import { HallState, Visitor } from "../protocol/hall-state.ts";
import { normalizeAvatarChoice } from "../protocol/avatar-choice.ts";
import { Limits } from "../protocol/limits.ts";
import { ServerMessage, type MediaRestart } from "../protocol/media.ts";
import { ClientMessages, JoinOptions, type ClientMessage, type ClientMessageType } from "../protocol/messages.ts";
import type { HallServices } from "./hall-services.ts";
import { admit, MessageRejected, RateGate } from "./message-guard.ts";
import { canHear } from "./hearing.ts";
import { constrainMove } from "./movement.ts";

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
}

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
  #hearingBusy = false;

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
    this.#media = await this.services.media.openRoom(this.roomId, {
      notify: (peerId, type, payload) => this.clients.getById(peerId)?.send(type, payload),
      speaking: (peerIds) => this.state.visitors.forEach((v, id) => (v.speaking = peerIds.has(id))),
      restarted: (room) => this.#onMediaRebuilt(room),
    });
    this.clock.setInterval(() => void this.#updateHearing(), 250);

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
    this.state.visitors.set(
      client.sessionId,
      new Visitor({
        visitorId: auth.vid,
        name: auth.name,
        role: auth.role,
        avatar: normalizeAvatarChoice((options as { avatar?: unknown } | undefined)?.avatar),
        x: spawn.x + Math.cos(angle) * radius,
        z: spawn.z + Math.sin(angle) * radius,
        ry: Math.PI,
        mic: false,
        speaking: false,
      }),
    );
    this.#media.addPeer(client.sessionId);
    this.#guards.set(client.sessionId, { rate: new RateGate(), lastErrorAt: 0 });
    this.services.log.info("visitor joined", { roomId: this.roomId, sessionId: client.sessionId, visitorId: auth.vid });
  }

  override onLeave(client: Client): void {
    this.state.visitors.delete(client.sessionId);
    this.#media.removePeer(client.sessionId);
    this.#guards.delete(client.sessionId);
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
      const payload: ErrorPayload =
        error instanceof MessageRejected
          ? error.payload
          : { code: ErrorCode.mediaFailed, message: error instanceof Error ? error.message : String(error), type: String(type) };
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
      const visitor = this.state.visitors.get(client.sessionId);
      const guard = this.#guards.get(client.sessionId);
      if (!visitor || !guard) return;
      const now = performance.now();
      const last = guard.lastMoveAt ?? now - 1000 / 15;
      guard.lastMoveAt = now;
      const next = constrainMove(visitor, wanted, (now - last) / 1000, this.#scene.bounds);
      visitor.x = next.x;
      visitor.z = next.z;
      visitor.ry = next.ry;
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
      this.#refreshMicFlag(client.sessionId);
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
    "rtc:closeProducer": (client, m) => {
      this.#media.closeProducer(client.sessionId, m.producerId);
      this.#refreshMicFlag(client.sessionId);
      return { ok: true };
    },
    "rtc:restartIce": async (client, m) => ({ iceParameters: await this.#media.restartIce(client.sessionId, m.transportId) }),
  };

  /** Pauses, in the SFU, every voice a listener is out of earshot of (distance, booths). */
  async #updateHearing(): Promise<void> {
    if (this.#hearingBusy) return; // a slow pass must not overlap the next tick
    this.#hearingBusy = true;
    try {
      await this.#applyHearing();
    } catch (error) {
      this.services.log.warn("hearing update failed", { roomId: this.roomId, error });
    } finally {
      this.#hearingBusy = false;
    }
  }

  async #applyHearing(): Promise<void> {
    const zones = this.#scene.zones;
    const visitors = [...this.state.visitors.entries()];
    for (const [listenerId, listener] of visitors) {
      if (!this.#media.hasPeer(listenerId)) continue;
      for (const [speakerId, speaker] of visitors) {
        if (speakerId === listenerId) continue;
        await this.#media.setAudible(listenerId, speakerId, canHear(listener, speaker, zones, Limits.hearingRadius));
      }
    }
  }

  /** The SFU rebuilt this hall's media on another worker: tell every peer, with its new transports. */
  #onMediaRebuilt(room: MediaRoom): void {
    this.#media = room;
    this.state.visitors.forEach((v) => {
      v.mic = false;
      v.speaking = false;
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

  #refreshMicFlag(sessionId: string): void {
    const visitor = this.state.visitors.get(sessionId);
    if (visitor) visitor.mic = this.#media.producingSources(sessionId).has("mic");
  }
}

/** The room class Colyseus registers, bound to this server's services. */
export function defineHallRoom(services: HallServices): typeof HallRoom {
  return class BoundHallRoom extends HallRoom {
    protected override services = services;
  };
}
