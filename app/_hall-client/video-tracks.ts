import type { MediaSource } from "../../game-server/protocol/index.ts";

export interface RemoteVideo {
  consumerId: string;
  /** Colyseus sessionId of the sender. */
  peerId: string;
  source: MediaSource;
  track: MediaStreamTrack;
}

/**
 * The received videos (webcams and screen shares), by sender and source: where the media
 * client puts video consumers (as `SpatialVoices` takes the audio ones) and where the 3D view
 * finds the track for a panel or a screen. Subscribable for React (`useSyncExternalStore`).
 */
export class VideoTracks {
  readonly #byConsumer = new Map<string, RemoteVideo>();
  readonly #listeners = new Set<() => void>();
  /** Bumped on every change, a cheap snapshot for React. */
  version = 0;

  add(consumerId: string, peerId: string, track: MediaStreamTrack, source: MediaSource = "camera"): void {
    this.#byConsumer.set(consumerId, { consumerId, peerId, source, track });
    this.#changed();
  }

  remove(consumerId: string): void {
    if (this.#byConsumer.delete(consumerId)) this.#changed();
  }

  /** The newest video of this sender and source (after a media restart the old one is gone). */
  get(peerId: string, source: MediaSource): RemoteVideo | undefined {
    let found: RemoteVideo | undefined;
    for (const v of this.#byConsumer.values()) if (v.peerId === peerId && v.source === source) found = v;
    return found;
  }

  all(): RemoteVideo[] {
    return [...this.#byConsumer.values()];
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    this.version++;
    for (const l of this.#listeners) l();
  }
}
