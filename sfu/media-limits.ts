import type { types } from "mediasoup";

/** Which kinds a peer's degradation ladder lets flow to and from it. */
export interface MediaAllowance {
  audio: boolean;
  video: boolean;
}

/** What the ladder needs of a producer (a mediasoup Producer, or a stand-in in tests). */
export type LimitedProducer = Pick<types.Producer, "id" | "kind" | "closed" | "paused" | "pause" | "resume">;

/**
 * The degradation ladder's side in the SFU: per peer, the kinds allowed to flow to and from it.
 * Its producers of other kinds are paused here (nobody receives them) and only those it paused
 * are resumed when the limit lifts; its consumers of other kinds are paused by the room's
 * pause rule, which asks `accepts`.
 */
export class MediaLimits {
  readonly #limits = new Map<string, MediaAllowance>();
  /** Producers paused by their peer's limit, the only ones lifting it resumes. */
  readonly #paused = new Set<string>();

  set(peerId: string, allowed: MediaAllowance): void {
    if (allowed.audio && allowed.video) this.#limits.delete(peerId);
    else this.#limits.set(peerId, { ...allowed });
  }

  forget(peerId: string): void {
    this.#limits.delete(peerId);
  }

  /** Whether media of this kind may flow to and from the peer now. */
  accepts(peerId: string, kind: types.MediaKind): boolean {
    return this.#limits.get(peerId)?.[kind] ?? true;
  }

  /** Pauses the producer if its peer's limit bars its kind, resumes it if the limit paused it and no longer does. */
  async applyToProducer(peerId: string, producer: LimitedProducer): Promise<void> {
    if (producer.closed) return;
    const allowed = this.accepts(peerId, producer.kind);
    if (!allowed && !producer.paused) {
      await producer.pause();
      this.#paused.add(producer.id);
    } else if (allowed && this.#paused.delete(producer.id) && producer.paused) {
      await producer.resume();
    }
  }

  producerClosed(producerId: string): void {
    this.#paused.delete(producerId);
  }
}
