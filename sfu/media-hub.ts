import type { types } from "mediasoup";
import type { SfuSettings } from "./media-config.ts";
import { mediaCodecs } from "./media-config.ts";
import type { RouterSupply } from "./listener-routers.ts";
import { MediaRoom, type ConsumerStats, type MediaRoomEvents } from "./media-room.ts";
import { WorkerPool, type WorkerPoolEvents } from "./worker-pool.ts";

export interface MediaHubHealth {
  ok: boolean;
  workers: { pid: number; alive: boolean; routers: number }[];
  rooms: number;
}

/**
 * The one interface game-server uses to reach the SFU. It knows nothing of Colyseus:
 * a hall opens a MediaRoom and passes a notify callback for messages to its peers.
 */
export class MediaHub {
  readonly #pool: WorkerPool;
  readonly #rooms = new Map<string, MediaRoom>();
  readonly #onError?: (message: string, error: unknown) => void;
  #closing = false;
  /** Lends rooms routers on other workers once theirs is at its consumer budget. */
  readonly #supply: RouterSupply;

  constructor(settings: SfuSettings, events: WorkerPoolEvents & { onError?: (message: string, error: unknown) => void } = {}) {
    this.#pool = new WorkerPool(settings, events);
    this.#onError = events.onError;
    this.#supply = {
      consumersPerWorker: settings.consumersPerWorker ?? 500,
      open: async (roomId, exclude) => {
        const slot = this.#pool.fewestConsumers(exclude);
        if (!slot) return undefined;
        const router = await slot.worker.createRouter({ mediaCodecs, appData: { roomId, listenersOnly: true } });
        slot.routers++;
        router.observer.once("close", () => slot.routers--);
        return { router, slot };
      },
    };
  }

  async start(): Promise<void> {
    await this.#pool.start();
  }

  async openRoom(id: string, events: MediaRoomEvents): Promise<MediaRoom> {
    const existing = this.#rooms.get(id);
    if (existing && !existing.closed) return existing;
    const slot = await this.#pool.available();
    const router = await slot.worker.createRouter({ mediaCodecs, appData: { roomId: id } });
    slot.routers++;
    const room = await MediaRoom.open(id, { router, slot }, events, this.#supply);
    router.observer.once("close", () => {
      slot.routers--;
      if (this.#rooms.get(id) === room) this.#rooms.delete(id);
      if (!room.closedOnPurpose && !this.#closing) void this.#rebuild(room, events);
    });
    this.#rooms.set(id, room);
    return room;
  }

  /** A worker died under `lost`: open the room again on a live worker with the same peers. */
  async #rebuild(lost: MediaRoom, events: MediaRoomEvents): Promise<void> {
    try {
      const room = await this.openRoom(lost.id, events);
      for (const peerId of lost.peerIds) {
        room.addPeer(peerId);
        // The browsers' capabilities did not change: the peers need not join again.
        const caps = lost.peerCapabilities(peerId);
        if (caps) await room.join(peerId, caps.rtpCapabilities, caps.dataChannels, caps.dataLabels);
      }
      // Before anyone sends again, so a private call never leaks into the rebuilt room.
      for (const { callId, peerIds } of lost.privateCalls()) await room.openPrivateCall(callId, peerIds);
      events.restarted?.(room);
    } catch (error) {
      this.#onError?.(`could not rebuild media room ${lost.id}`, error);
    }
  }

  /**
   * A router of its own on the least-loaded worker, for a short network check (`NetworkProbe`),
   * with that worker's WebRTC server so the check uses the hall's own ports. Never rebuilt:
   * whoever holds it closes it.
   */
  async openProbeRouter(): Promise<{ router: types.Router; webRtcServer: types.WebRtcServer }> {
    const slot = await this.#pool.available();
    const router = await slot.worker.createRouter({ mediaCodecs, appData: { probe: true } });
    slot.routers++;
    router.observer.once("close", () => slot.routers--);
    return { router, webRtcServer: slot.webRtcServer };
  }

  room(id: string): MediaRoom | undefined {
    return this.#rooms.get(id);
  }

  /** The rooms open now (one per hall instance). */
  rooms(): MediaRoom[] {
    return [...this.#rooms.values()];
  }

  async consumerStats(): Promise<Record<string, ConsumerStats[]>> {
    const out: Record<string, ConsumerStats[]> = {};
    for (const [id, room] of this.#rooms) if (!room.closed) out[id] = await room.consumerStats();
    return out;
  }

  /** Consumers each worker carries now (the budget `consumersPerWorker` applies to these). */
  workerLoads(): { pid: number; consumers: number }[] {
    return this.#pool.workers.map((s) => ({ pid: s.worker.pid, consumers: s.consumers }));
  }

  health(): MediaHubHealth {
    const workers = this.#pool.workers.map((s) => ({ pid: s.worker.pid, alive: !s.worker.closed, routers: s.routers }));
    return { ok: workers.length > 0 && workers.every((w) => w.alive), workers, rooms: this.#rooms.size };
  }

  async close(): Promise<void> {
    this.#closing = true;
    for (const room of this.#rooms.values()) room.close();
    this.#rooms.clear();
    await this.#pool.close();
  }
}
