import type { Logger } from "../logging/logger.ts";
import type { HallChannel } from "./hall-channel.ts";

/** A service that belongs to a whole hall, not to one instance of it (queue, boards, concierge…). */
export interface HallService {
  readonly name: string;
  /** The hall's last instance closed; durable state is already in storage. */
  close?(): void | Promise<void>;
}

/** Makes a hall's service when the hall opens (its first instance); one per hall and name. */
export type HallServiceFactory = (hall: HallPlace) => HallService;

/**
 * One hall, all of its instances together: its channel and its services. Hall instances (Colyseus
 * rooms, `ATRIUM_HALL_CAPACITY` visitors each) come and go; the place lives while any is open.
 */
export class HallPlace {
  readonly hallId: string;
  readonly channel: HallChannel;
  readonly log: Logger;
  readonly #instances = new Set<string>();
  readonly #services = new Map<string, HallService>();

  constructor(hallId: string, channel: HallChannel, log: Logger, factories: readonly HallServiceFactory[]) {
    this.hallId = hallId;
    this.channel = channel;
    this.log = log;
    for (const make of factories) {
      const service = make(this);
      if (this.#services.has(service.name)) throw new Error(`hall service "${service.name}" is defined twice`);
      this.#services.set(service.name, service);
    }
  }

  /** The ids of the hall's open instances (Colyseus room ids). */
  get instances(): ReadonlySet<string> {
    return this.#instances;
  }

  /** A hall service by name; throws for one that was never defined (a wiring mistake, not bad input). */
  service<T extends HallService>(name: string): T {
    const service = this.#services.get(name);
    if (!service) throw new Error(`hall "${this.hallId}" has no service "${name}"`);
    return service as T;
  }

  attach(instanceId: string): void {
    this.#instances.add(instanceId);
  }

  /** Returns true when this was the last instance. */
  detach(instanceId: string): boolean {
    this.#instances.delete(instanceId);
    return this.#instances.size === 0;
  }

  async close(): Promise<void> {
    for (const service of this.#services.values()) {
      try {
        await service.close?.();
      } catch (error) {
        this.log.error("hall service failed to close", { hallId: this.hallId, service: service.name, error });
      }
    }
  }
}
