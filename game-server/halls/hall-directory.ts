import type { Presence } from "@colyseus/core";
import type { Logger } from "../logging/logger.ts";
import { PresenceHallChannel } from "./hall-channel.ts";
import { HallPlace, type HallServiceFactory } from "./hall-place.ts";

/**
 * The halls open in this process, each shared by all of its instances. A hall instance enters
 * its hall when it opens and leaves when it closes; the hall's services start with its first
 * instance and close with its last.
 */
export class HallDirectory {
  readonly #presence: Presence;
  readonly #log: Logger;
  readonly #factories: readonly HallServiceFactory[];
  readonly #halls = new Map<string, HallPlace>();

  constructor(presence: Presence, log: Logger, factories: readonly HallServiceFactory[] = []) {
    this.#presence = presence;
    this.#log = log;
    this.#factories = factories;
  }

  /** `placeId` keeps a hall's instances apart from its other ones (a studio preview): its own channel and services. */
  enter(hallId: string, instanceId: string, placeId = hallId): HallPlace {
    let hall = this.#halls.get(placeId);
    if (!hall) {
      hall = new HallPlace(hallId, new PresenceHallChannel(this.#presence, placeId), this.#log.child({ hallId }), this.#factories);
      this.#halls.set(placeId, hall);
    }
    hall.attach(instanceId);
    return hall;
  }

  async leave(placeId: string, instanceId: string): Promise<void> {
    const hall = this.#halls.get(placeId);
    if (!hall || !hall.detach(instanceId)) return;
    this.#halls.delete(placeId);
    await hall.close();
  }

  get(hallId: string): HallPlace | undefined {
    return this.#halls.get(hallId);
  }

  async close(): Promise<void> {
    const halls = [...this.#halls.values()];
    this.#halls.clear();
    for (const hall of halls) await hall.close();
  }
}
