import type { HallPlace, HallService, HallServiceFactory } from "../halls/hall-place.ts";
import type { ServiceDesk } from "./service-desk.ts";

/**
 * A hall's service queue as its instances see it: one per hall (not per instance), opened with
 * the hall's first instance. Routing needs every hall's agents at once (an agent may work in
 * several halls), so the queue itself is kept by the process's `ServiceDesk`; this is the hall's
 * door to it, and closing the hall takes its waiting customers out of the queue.
 */
export class HallQueue implements HallService {
  readonly name = "service";
  readonly hallId: string;
  readonly desk: ServiceDesk;

  constructor(hallId: string, desk: ServiceDesk) {
    this.hallId = hallId;
    this.desk = desk;
  }

  async close(): Promise<void> {
    await this.desk.closeHall(this.hallId);
  }
}

/** The factory `hostColyseus` takes: each open hall's door to the desk. */
export function hallQueues(desk: ServiceDesk): HallServiceFactory {
  return (hall: HallPlace) => new HallQueue(hall.hallId, desk);
}
