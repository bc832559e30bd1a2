import type { types } from "mediasoup";
import type { MediaSource, VideoDisplay } from "../game-server/protocol/media.ts";

export interface VideoWish {
  /** Preferred simulcast spatial layer, 0 the smallest; clamped by the SFU to what the sender sends. */
  spatialLayer: number;
  /** Lower is more important; beyond `maxVideosPerPeer` the highest ranks are paused. */
  rank: number;
}

/** Whether, and how well, `viewerId` should receive `senderId`'s camera or screen now (undefined: not at all). */
export type ViewVideo = (viewerId: string, senderId: string, source: MediaSource) => VideoWish | undefined;

/** Highest spatial layer we ask for; a 3-layer simulcast camera has layers 0, 1, 2. */
export const TOP_LAYER = 2;

/** What the planner needs of a consumer (a mediasoup Consumer, or a stand-in in tests). */
export type PlannedConsumer = Pick<types.Consumer, "id" | "kind" | "closed" | "appData">;

/**
 * Per viewer, which of the videos they receive may flow and at which simulcast layer: those the
 * hall lets them see (`viewVideo`), not hidden on their page, at most `maxVideosPerPeer`, the
 * lowest rank first. Remembers how big each video is on its viewer's page and the layer last
 * asked of each consumer, so a pass only sends the worker changes.
 */
export class VideoPlanner {
  readonly #viewVideo: ViewVideo;
  readonly #maxVideosPerPeer: number;
  /** How big each video consumer is on its viewer's page (absent: normal). */
  readonly #display = new Map<string, VideoDisplay>();
  /** The spatial layer last asked of each simulcast consumer. */
  readonly #layer = new Map<string, number>();

  constructor(viewVideo: ViewVideo | undefined, maxVideosPerPeer = 12) {
    this.#viewVideo = viewVideo ?? (() => ({ spatialLayer: TOP_LAYER, rank: 0 }));
    this.#maxVideosPerPeer = maxVideosPerPeer;
  }

  /** The layer a new consumer starts at: what its distance calls for, the smallest if not seen yet. */
  initialLayer(viewerId: string, senderId: string, source: MediaSource): number {
    return this.#viewVideo(viewerId, senderId, source)?.spatialLayer ?? 0;
  }

  created(consumerId: string, layer: number): void {
    this.#layer.set(consumerId, layer);
  }

  forget(consumerId: string): void {
    this.#display.delete(consumerId);
    this.#layer.delete(consumerId);
  }

  /** The viewer's page says how big a video is; one full-screen view at a time among `viewerConsumers`. */
  setDisplay(viewerConsumers: ReadonlyMap<string, unknown>, consumerId: string, display: VideoDisplay): void {
    if (display === "full") for (const [id, d] of this.#display) if (d === "full" && viewerConsumers.has(id)) this.#display.set(id, "normal");
    this.#display.set(consumerId, display);
  }

  /** Consumer id → layer for the viewer's videos that may flow now. */
  plan(viewerId: string, consumers: Iterable<PlannedConsumer>): Map<string, number> {
    const wanted: { id: string; layer: number; rank: number }[] = [];
    for (const consumer of consumers) {
      if (consumer.kind !== "video" || consumer.closed) continue;
      const display = this.#display.get(consumer.id) ?? "normal";
      if (display === "hidden") continue;
      const wish = this.#viewVideo(viewerId, String(consumer.appData.fromPeerId), consumer.appData.source as MediaSource);
      if (!wish) continue;
      const layer = display === "full" ? TOP_LAYER : display === "small" ? 0 : wish.spatialLayer;
      wanted.push({ id: consumer.id, layer, rank: wish.rank });
    }
    if (wanted.length > this.#maxVideosPerPeer) wanted.sort((a, b) => a.rank - b.rank);
    return new Map(wanted.slice(0, this.#maxVideosPerPeer).map((w) => [w.id, w.layer]));
  }

  /** Asks a simulcast consumer for `layer` unless it was the last layer asked. */
  async applyLayer(consumer: types.Consumer, layer: number): Promise<void> {
    if (consumer.type !== "simulcast" || this.#layer.get(consumer.id) === layer) return;
    this.#layer.set(consumer.id, layer);
    await consumer.setPreferredLayers({ spatialLayer: layer });
  }
}
