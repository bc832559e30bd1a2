import type { types } from "mediasoup-client";
import { mediaAllowed, type LadderLevel } from "../../game-server/protocol/qoe.ts";

/**
 * The sending half of the degradation ladder: pauses this page's producers of the kinds the
 * current rung does not allow (video at "audio"; video and audio at "text") and resumes them
 * on the way back up. It sees every producer of the send transport, whoever created it
 * (microphone, camera, screen share), by kind; a producer the visitor paused themselves is
 * left paused. The receiving half is the server's: `rtc:degrade` pauses our consumers there.
 */
export class MediaLimiter {
  #level: LadderLevel = "video";
  readonly #producers = new Set<types.Producer>();
  /** Producers paused by the ladder, the only ones it may resume. */
  readonly #pausedByLadder = new Set<types.Producer>();

  get level(): LadderLevel {
    return this.#level;
  }

  /** Follows a (new) send transport's producers, including those created later. */
  watch(send: types.Transport): void {
    send.observer.on("newproducer", (producer: types.Producer) => {
      this.#producers.add(producer);
      producer.observer.once("close", () => {
        this.#producers.delete(producer);
        this.#pausedByLadder.delete(producer);
      });
      this.#apply(producer);
    });
  }

  setLevel(level: LadderLevel): void {
    this.#level = level;
    for (const producer of this.#producers) this.#apply(producer);
  }

  /** How many producers the ladder holds paused now, by kind (for tests and the HUD). */
  get paused(): { audio: number; video: number } {
    const count = { audio: 0, video: 0 };
    for (const p of this.#pausedByLadder) count[p.kind]++;
    return count;
  }

  #apply(producer: types.Producer): void {
    if (producer.closed) return;
    const allowed = mediaAllowed(this.#level)[producer.kind];
    if (!allowed && !producer.paused) {
      producer.pause();
      this.#pausedByLadder.add(producer);
    } else if (allowed && this.#pausedByLadder.delete(producer) && producer.paused) {
      producer.resume();
    }
  }
}
