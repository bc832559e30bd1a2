import type { Presence } from "@colyseus/core";

/** What travels on a hall channel: plain JSON, because with Redis presence it crosses processes. */
export type ChannelPayload = string | number | boolean | null | readonly ChannelPayload[] | { readonly [key: string]: ChannelPayload | undefined };

/**
 * Hall-wide messages between the instances of one hall (and the hall's own services). Topics
 * are per hall. Delivery is at most once, in order per publisher; nothing is stored — what must
 * survive goes through storage first.
 */
export interface HallChannel {
  publish(topic: string, payload: ChannelPayload): void;
  /** Returns the function that unsubscribes. */
  subscribe(topic: string, handler: (payload: ChannelPayload) => void): () => void;
}

/**
 * A hall channel over Colyseus' presence pub/sub: in-process with the default `LocalPresence`,
 * across processes as soon as the matchmaker is set up with `RedisPresence` — nothing here changes.
 */
export class PresenceHallChannel implements HallChannel {
  readonly #presence: Presence;
  readonly #prefix: string;

  constructor(presence: Presence, hallId: string) {
    this.#presence = presence;
    this.#prefix = `atrium:hall:${hallId}:`;
  }

  publish(topic: string, payload: ChannelPayload): void {
    void this.#presence.publish(this.#prefix + topic, payload);
  }

  subscribe(topic: string, handler: (payload: ChannelPayload) => void): () => void {
    const name = this.#prefix + topic;
    // Redis presence hands over a fresh copy; the local one the publisher's object: copy it so
    // a subscriber never shares (or mutates) the publisher's data either way.
    const listener = (payload: ChannelPayload) => handler(structuredClone(payload));
    void this.#presence.subscribe(name, listener);
    return () => void this.#presence.unsubscribe(name, listener);
  }
}
