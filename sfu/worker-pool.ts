import { createWorker, type types } from "mediasoup";
import type { SfuSettings } from "./media-config.ts";

export interface PooledWorker {
  worker: types.Worker;
  webRtcServer: types.WebRtcServer;
  routers: number;
  /** Consumers on this worker's routers, for the per-worker budget (ListenerRouters). */
  consumers: number;
}

export interface WorkerPoolEvents {
  /** A worker died and was replaced; routers it held are gone. */
  onWorkerReplaced?: (pid: number, error: Error) => void;
}

/** One mediasoup worker per slot, each with its own WebRTC server; dead workers are replaced. */
export class WorkerPool {
  readonly #slots: PooledWorker[] = [];
  #closing = false;

  readonly #settings: SfuSettings;
  readonly #events: WorkerPoolEvents;

  constructor(settings: SfuSettings, events: WorkerPoolEvents = {}) {
    this.#settings = settings;
    this.#events = events;
  }

  async start(): Promise<void> {
    for (let i = 0; i < this.#settings.workers; i++) this.#slots.push(await this.#spawn(i));
  }

  get workers(): readonly PooledWorker[] {
    return this.#slots;
  }

  /** The live worker carrying the fewest routers. */
  leastLoaded(): PooledWorker {
    const live = this.#slots.filter((s) => !s.worker.closed);
    if (live.length === 0) throw new Error("no mediasoup worker is running");
    return live.reduce((a, b) => (b.routers < a.routers ? b : a));
  }

  /** A live worker, waiting briefly while a dead one is being replaced. */
  async available(timeoutMs = 5000): Promise<PooledWorker> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return this.leastLoaded();
      } catch (error) {
        if (Date.now() > deadline || this.#closing) throw error;
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  /** The live worker carrying the fewest consumers, other than those given; undefined if none. */
  fewestConsumers(exclude: readonly PooledWorker[]): PooledWorker | undefined {
    const live = this.#slots.filter((s) => !s.worker.closed && !exclude.includes(s));
    return live.length === 0 ? undefined : live.reduce((a, b) => (b.consumers < a.consumers ? b : a));
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const slot of this.#slots) slot.worker.close();
    this.#slots.length = 0;
  }

  async #spawn(index: number): Promise<PooledWorker> {
    const { listenIp, announcedAddress, rtcMinPort, rtcMaxPort, logLevel } = this.#settings;
    const worker = await createWorker({ logLevel, rtcMinPort, rtcMaxPort, appData: { index } });
    const portRange = { min: rtcMinPort, max: rtcMaxPort };
    const webRtcServer = await worker.createWebRtcServer({
      listenInfos: [
        { protocol: "udp", ip: listenIp, announcedAddress, portRange },
        { protocol: "tcp", ip: listenIp, announcedAddress, portRange },
      ],
    });
    const slot: PooledWorker = { worker, webRtcServer, routers: 0, consumers: 0 };
    worker.on("died", (error) => {
      if (this.#closing) return;
      const at = this.#slots.indexOf(slot);
      void this.#spawn(index).then((fresh) => {
        if (this.#closing) return fresh.worker.close();
        if (at >= 0) this.#slots[at] = fresh;
        this.#events.onWorkerReplaced?.(worker.pid, error);
      });
    });
    return slot;
  }
}
