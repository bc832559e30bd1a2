import { definePlugins, Room, type Client } from "@colyseus/core";
import type { Scene } from "../../scenes/scene-format.ts";
import type { GuestClaims } from "../auth/guest-token.ts";
import type { Role } from "../auth/roles.ts";
import type { HallPlace } from "../halls/hall-place.ts";
import { ErrorCode, type ErrorPayload } from "../protocol/errors.ts";
import { HallState, Visitor } from "../protocol/hall-state.ts";
import { normalizeAvatarChoice } from "../protocol/avatar-choice.ts";
import { Limits } from "../protocol/limits.ts";
import { ServerMessage } from "../protocol/media.ts";
import { ClientMessages, JoinOptions, type ClientMessageType } from "../protocol/messages.ts";
import { HALL_UPDATED, PreviewJoin, type HallUpdatedPayload } from "../protocol/studio.ts";
import type { HallPlugin, MessageRule } from "./hall-plugin.ts";
import type { HallServices } from "./hall-services.ts";
import { admit, MessageRejected } from "./message-guard.ts";
import { hallPlugins } from "./plugins/index.ts";
import { RateLimits, type RateRule } from "./rate-limits.ts";

/** What Colyseus hands a message handler: the request id (undefined for a plain message) and how to refuse it. */
export interface RequestContext {
  readonly id: number | undefined;
  reject(reason?: unknown): unknown;
}

/** Every message counts towards this before its own rule. */
const ALL_MESSAGES: RateRule = { name: "all", max: Limits.maxMessagesPerSecond, windowMs: 1000 };
/** At most this many error messages, so a misbehaving client cannot make us flood it. */
const ERROR_REPLIES: RateRule = { name: "error-replies", max: 1, windowMs: 200, over: "drop" };

/**
 * One instance of a hall: the core that admits visitors (auth, join, leave, reconnect) and keeps
 * the visitor index; each capability is a plugin (`plugins/`). Every client message passes
 * {@link dispatch} first: limits, validation, then the plugin's handler; a refused one is answered
 * with an error and changes nothing. What belongs to the whole hall lives in its `HallPlace`.
 */
export class HallRoom extends Room<{ state: HallState }> {
  /** Filled in by {@link defineHallRoom}; Colyseus constructs rooms itself. */
  services!: HallServices;
  scene!: Scene;
  /** The whole hall (every instance of it): its channel and its services. */
  hall!: HallPlace;
  readonly limits = new RateLimits();
  /** The studio preview's scene id, in a preview instance (a draft nobody but staff sees). */
  preview?: string;
  /** The hall place this instance belongs to: the hall's own, or a preview's apart from it. */
  #placeId = "";
  #offSceneChanges?: () => void;
  override plugins = definePlugins(hallPlugins());

  get hallId(): string {
    return this.state.hallId;
  }

  /** A visitor in this instance, by Colyseus session id. */
  visitor(sessionId: string): Visitor | undefined {
    return this.state.visitors.get(sessionId);
  }

  override async onCreate(options: unknown): Promise<void> {
    const { hallId } = JoinOptions.pick({ hallId: true }).parse(options);
    const hall = await this.services.storage.halls.get(hallId);
    if (!hall) throw new Error(`hall "${hallId}" does not exist`);
    if (this.services.previewScene) {
      this.preview = PreviewJoin.parse(options).preview;
      const draft = await this.services.previewScene(this.preview);
      if (!draft) throw new Error(`scene "${this.preview}" has no draft to preview`);
      this.scene = draft;
    } else {
      const scene = this.services.findScene(hall.sceneId);
      if (!scene) throw new Error(`hall "${hallId}" uses unknown scene "${hall.sceneId}"`);
      this.scene = scene;
      this.#watchScene(hallId);
    }
    this.maxClients = this.services.capacity;
    // Colyseus drops a client outright past this; our own, lower limits answer with errors first.
    this.maxMessagesPerSecond = Limits.maxMessagesPerSecond * 4;
    this.setPatchRate(50);
    this.setState(new HallState({ hallId }));
    // A preview is a hall of its own (its chat and services apart from the live hall's), with the hall's knowledge.
    this.#placeId = this.preview ? `${hallId}~preview~${this.preview}` : hallId;
    this.hall = this.services.halls.enter(hallId, this.roomId, this.#placeId);
    // Types no plugin answers: an `unknown_message` error, through the same guard.
    this.onMessage("*", (client, type, message) => this.dispatch(undefined, client, String(type), message, undefined, { handle: () => undefined }));
    this.services.log.info("hall opened", { roomId: this.roomId, hallId });
  }

  override async onAuth(_client: Client, options: unknown): Promise<GuestClaims> {
    const parsed = JoinOptions.safeParse(options);
    if (!parsed.success) throw new Error("join needs { hallId, token }");
    if (parsed.data.hallId !== this.state.hallId) throw new Error("token is for another hall");
    const claims = await this.services.tokens.verify(parsed.data.token);
    if (this.preview && claims.role !== "marketer" && claims.role !== "admin") throw new Error("a studio preview is for marketers and admins");
    return claims;
  }

  override onJoin(client: Client, options: unknown, auth: GuestClaims): void {
    this.state.visitors.set(
      client.sessionId,
      new Visitor({
        visitorId: auth.vid,
        name: auth.name,
        role: auth.role,
        avatar: normalizeAvatarChoice((options as { avatar?: unknown } | undefined)?.avatar),
        n: this.#freeNumber(),
        away: false,
        mic: false,
        speaking: false,
        camera: false,
        screen: false,
        screenId: "",
      }),
    );
    this.services.log.info("visitor joined", { roomId: this.roomId, sessionId: client.sessionId, visitorId: auth.vid });
  }

  /** The connection dropped without a goodbye: keep their place (and their media) while they come back. */
  override onDrop(client: Client): void {
    const visitor = this.visitor(client.sessionId);
    if (visitor) visitor.away = true;
    for (const plugin of this.#plugins()) plugin.onVisitorAway?.(client);
    this.services.log.info("visitor dropped, waiting for them", { roomId: this.roomId, sessionId: client.sessionId });
    void this.allowReconnection(client, Limits.reconnectSeconds).catch(() => undefined);
  }

  override onReconnect(client: Client): void {
    const visitor = this.visitor(client.sessionId);
    if (!visitor) return;
    visitor.away = false;
    for (const plugin of this.#plugins()) plugin.onVisitorBack?.(client);
    this.services.log.info("visitor reconnected", { roomId: this.roomId, sessionId: client.sessionId });
  }

  /** Plugins have forgotten the visitor by now (their `onLeave` runs first). */
  override onLeave(client: Client): void {
    this.state.visitors.delete(client.sessionId);
    this.limits.forget(client.sessionId);
    this.services.log.info("visitor left", { roomId: this.roomId, sessionId: client.sessionId });
  }

  override async onDispose(): Promise<void> {
    this.#offSceneChanges?.();
    if (this.hall) await this.services.halls.leave(this.#placeId, this.roomId);
    this.services.log.info("hall closed", { roomId: this.roomId });
  }

  /**
   * The guard every client message passes: the room-wide limit, a known type of bounded size and
   * valid shape, the role it needs, the plugin's own limits, then its handler. Any refusal goes back to the sender
   * (as the request's rejection, or an `error` message) and nothing else changes.
   */
  async dispatch<T extends ClientMessageType>(plugin: HallPlugin | undefined, client: Client, type: string, raw: unknown, ctx: RequestContext | undefined, rule: MessageRule<T>): Promise<unknown> {
    const name = type.slice(0, 40);
    try {
      if (!this.limits.take(client.sessionId, ALL_MESSAGES)) throw rateLimited(ALL_MESSAGES, name);
      const message = admit<T>(type, raw);
      const role = this.visitor(client.sessionId)?.role;
      if (rule.roles && !rule.roles.includes(role as Role)) {
        throw new MessageRejected({ code: ErrorCode.notAllowed, message: `"${name}" is for ${rule.roles.join(", ")} only`, type: name });
      }
      for (const limit of rule.limits ?? []) {
        if (this.limits.take(client.sessionId, limit)) continue;
        if (limit.over === "drop") return undefined;
        throw rateLimited(limit, name);
      }
      return await rule.handle(client, message);
    } catch (error) {
      let payload: ErrorPayload | undefined = error instanceof MessageRejected ? error.payload : plugin?.refusal?.(error, name);
      if (!payload) {
        // Ours, not the sender's: log it whole, tell them only that it failed.
        this.services.log.error("request failed", { roomId: this.roomId, sessionId: client.sessionId, type: name, error });
        payload = { code: ErrorCode.internal, message: "The server could not do that just now; please try again.", type: name };
      }
      if (ctx?.id !== undefined) return ctx.reject(payload);
      if (this.limits.take(`${client.sessionId}`, ERROR_REPLIES)) client.send(ServerMessage.error, payload);
      return undefined;
    }
  }

  /**
   * When the hall's scene is published anew (or the hall gets another scene), this instance keeps
   * its scene — nothing moves under anyone — tells its visitors, and takes nobody new: newcomers
   * get a fresh instance with the new version, and this one closes when its last visitor leaves.
   */
  #watchScene(hallId: string): void {
    const sceneId = this.scene.id;
    const shown = this.services.scenes?.liveVersion(sceneId);
    this.#offSceneChanges = this.services.scenes?.onChange((change) => {
      const outdated = "hallId" in change ? change.hallId === hallId : change.sceneId === sceneId && change.version !== shown;
      if (!outdated) return;
      void this.lock();
      const payload: HallUpdatedPayload = { hallId, ...("version" in change ? { version: change.version } : {}) };
      this.broadcast(HALL_UPDATED, payload);
      this.services.log.info("hall updated under an open instance: told its visitors, taking nobody new", { roomId: this.roomId, hallId });
    });
  }

  #plugins(): HallPlugin[] {
    return Object.values(this.plugins) as HallPlugin[];
  }

  /** The smallest number not in use, so numbers stay small in a long-lived hall. */
  #freeNumber(): number {
    const used = new Set<number>();
    this.state.visitors.forEach((v) => used.add(v.n));
    let n = 0;
    while (used.has(n)) n++;
    return n;
  }
}

function rateLimited(rule: RateRule, type: string): MessageRejected {
  return new MessageRejected({ code: ErrorCode.rateLimited, message: rule.message ?? `too many "${type}" messages; slow down`, type });
}

/**
 * Refuses plugin sets in which two plugins claim one message, or no plugin answers a message
 * of the protocol: at server start, not at the first visitor (Colyseus itself would only notice
 * a clash when the first room is built, and a missing handler never).
 */
export function checkPluginMessages(plugins: readonly HallPlugin[], protocol: readonly string[] = Object.keys(ClientMessages)): void {
  const owners = new Map<string, string>();
  for (const plugin of plugins) {
    for (const name of plugin.messageNames()) {
      const owner = owners.get(name);
      if (owner) throw new Error(`hall plugins "${owner}" and "${plugin.pluginName}" both claim the message "${name}"`);
      owners.set(name, plugin.pluginName);
    }
  }
  const unanswered = protocol.filter((name) => !owners.has(name));
  if (unanswered.length > 0) throw new Error(`no hall plugin answers ${unanswered.map((n) => `"${n}"`).join(", ")}`);
}

/** The room class Colyseus registers, bound to this server's services. */
export function defineHallRoom(services: HallServices): typeof HallRoom {
  checkPluginMessages(hallPlugins());
  return class BoundHallRoom extends HallRoom {
    override services = services;
  };
}
