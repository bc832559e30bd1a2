import type { types } from "mediasoup";
import type { PooledWorker } from "./worker-pool.ts";

/** A router of one room on one worker, with that worker's WebRTC server. */
export interface RoomRouter {
  router: types.Router;
  slot: PooledWorker;
}

/** What MediaHub lends a room so it can spread its listeners over workers. */
export interface RouterSupply {
  /** Consumers a worker should carry before new listeners go to another worker. */
  consumersPerWorker: number;
  /** A router for this room on the live worker with the fewest consumers, other than those given. */
  open(roomId: string, exclude: readonly PooledWorker[]): Promise<RoomRouter | undefined>;
}

/**
 * Where a room's listeners receive their media. Every producer lives on the room's first
 * router; once its worker carries `consumersPerWorker` consumers, new receive transports go
 * to a router of the same room on another worker, and each producer is piped there once
 * (`pipeToRouter`), so one busy hall spreads over the cores instead of saturating one.
 */
export class ListenerRouters {
  readonly #primary: RoomRouter;
  readonly #supply?: RouterSupply;
  readonly #roomId: string;
  readonly #extra: RoomRouter[] = [];
  readonly #onLost?: () => void;
  /** router id → producer / data producer ids already piped there. */
  readonly #piped = new Map<string, Set<string>>();

  /**
   * `onLost`: one of the extra routers closed while the room is open (its worker died) — the
   * room's media goes with it, so that MediaHub rebuilds it as for its own router.
   */
  constructor(roomId: string, primary: RoomRouter, supply?: RouterSupply, onLost?: () => void) {
    this.#roomId = roomId;
    this.#primary = primary;
    this.#supply = supply;
    this.#onLost = onLost;
  }

  get all(): readonly RoomRouter[] {
    return [this.#primary, ...this.#extra];
  }

  /** The router a new receive transport should be made on. */
  async forListener(): Promise<RoomRouter> {
    const budget = this.#supply?.consumersPerWorker ?? Infinity;
    const roomy = this.all.find((r) => !r.router.closed && r.slot.consumers < budget);
    if (roomy) return roomy;
    const fresh = await this.#supply?.open(this.#roomId, this.all.map((r) => r.slot));
    if (fresh) {
      this.#extra.push(fresh);
      fresh.router.observer.once("close", () => {
        if (this.#extra.includes(fresh)) this.#onLost?.();
      });
      return fresh;
    }
    // Every worker is at its budget: the least loaded of ours takes them.
    return this.all.filter((r) => !r.router.closed).reduce((a, b) => (b.slot.consumers < a.slot.consumers ? b : a));
  }

  byRouterId(routerId: string): RoomRouter | undefined {
    return this.all.find((r) => r.router.id === routerId);
  }

  /** Makes a producer of the primary router consumable on `target` (once). */
  async pipe(target: RoomRouter, ids: { producerId?: string; dataProducerId?: string }): Promise<void> {
    if (target === this.#primary) return;
    const done = this.#piped.get(target.router.id) ?? new Set<string>();
    this.#piped.set(target.router.id, done);
    const id = ids.producerId ?? ids.dataProducerId!;
    if (done.has(id)) return;
    done.add(id);
    try {
      await this.#primary.router.pipeToRouter({ ...ids, router: target.router });
    } catch (error) {
      done.delete(id);
      throw error;
    }
  }

  close(): void {
    const extra = this.#extra.splice(0);
    for (const r of extra) r.router.close();
    this.#piped.clear();
  }
}
