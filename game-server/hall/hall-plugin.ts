import { RoomPlugin, type Client } from "@colyseus/core";
import type { Role } from "../auth/roles.ts";
import type { ErrorPayload } from "../protocol/errors.ts";
import type { ClientMessageType, Handler } from "../protocol/messages.ts";
import type { HallRoom, RequestContext } from "./hall-room.ts";
import type { RateRule } from "./rate-limits.ts";

/** How a plugin answers one client message: its limits, then its handler (given a validated payload). */
export interface MessageRule<T extends ClientMessageType> {
  /** Who may send it (their token's role); absent: anyone in the hall. Checked before the plugin's limits. */
  readonly roles?: readonly Role[];
  /** Checked, in order, after the room-wide limit; see `RateLimits`. */
  readonly limits?: readonly RateRule[];
  /** Answers a request with its `Reply<T>` (a plain message with nothing); throwing refuses it. */
  readonly handle: Handler<T, Client>;
}

export type MessageRules = { readonly [T in ClientMessageType]?: MessageRule<T> };

type ColyseusHandler = (client: Client, raw: unknown, ctx?: RequestContext) => unknown;

/**
 * One capability of a hall instance (presence, social, media, quality, and the ones to come),
 * as a Colyseus room plugin. A plugin owns its messages, their limits, its timers and its state;
 * the room core owns who is here. Its hooks run after the core has admitted a visitor
 * (`onJoin`), before the core forgets one (`onLeave`), and after the core has opened the hall
 * (`onCreate`); `onVisitorAway` / `onVisitorBack` follow a dropped connection.
 */
export abstract class HallPlugin extends RoomPlugin<HallRoom> {
  abstract override readonly pluginName: string;
  protected override order = { onCreate: "after", onJoin: "after", onLeave: "before", onDispose: "before" } as const;

  /** The plugin's messages, each passing the room's guard (limits, validation, error replies) first. */
  protected rules(rules: MessageRules): Record<string, ColyseusHandler> {
    const handlers: Record<string, ColyseusHandler> = {};
    for (const [type, rule] of Object.entries(rules) as [ClientMessageType, MessageRule<ClientMessageType>][]) {
      // Colyseus binds message handlers to the room; the arrow keeps the plugin's own `this`.
      handlers[type] = (client, raw, ctx) => this.room.dispatch(this, client, type, raw, ctx, rule);
    }
    return handlers;
  }

  /** The names of the messages this plugin answers (the room refuses two plugins claiming one). */
  messageNames(): string[] {
    return Object.keys(this.messages ?? {});
  }

  /** This plugin's own kind of refusal (e.g. the SFU's), as the error its sender reads; undefined: not ours. */
  refusal?(error: unknown, type: string): ErrorPayload | undefined;

  onVisitorAway?(client: Client): void;
  onVisitorBack?(client: Client): void;
}
