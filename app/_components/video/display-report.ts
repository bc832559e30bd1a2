import type { VideoDisplay } from "../../../game-server/protocol/index.ts";

/** Below this many pixels tall a video is a thumbnail (the 180p layer is plenty)… */
const SMALL_BELOW_PX = 60;
/** …and it takes this many to count as normal again (a gap, so a slow walk does not flap). */
const NORMAL_ABOVE_PX = 80;
/** The SFU is told at most this often per video. */
const MIN_GAP_MS = 500;

/** How big a video is on the page from its height in CSS pixels (undefined: not in view). */
export function displayFor(heightPx: number | undefined, previous: VideoDisplay): VideoDisplay {
  if (heightPx === undefined) return "hidden";
  if (heightPx < SMALL_BELOW_PX) return "small";
  if (heightPx > NORMAL_ABOVE_PX) return "normal";
  return previous === "small" ? "small" : "normal";
}

/**
 * Tells the SFU how big one received video is on screen, only when that changes and at most
 * every half second, so a panel can call it every frame.
 */
export class DisplayReporter {
  readonly #send: (consumerId: string, display: VideoDisplay) => void;
  #consumerId?: string;
  #sent: VideoDisplay = "normal";
  #current: VideoDisplay = "normal";
  #sentAt = -Infinity;

  constructor(send: (consumerId: string, display: VideoDisplay) => void) {
    this.#send = send;
  }

  /** `display` overrides the measured size (the full-screen view). */
  update(consumerId: string | undefined, heightPx: number | undefined, now: number, display?: VideoDisplay): VideoDisplay {
    if (consumerId !== this.#consumerId) {
      // A new consumer starts as "normal" in the SFU.
      this.#consumerId = consumerId;
      this.#sent = "normal";
      this.#current = "normal";
      this.#sentAt = -Infinity;
    }
    this.#current = display ?? displayFor(heightPx, this.#current);
    if (consumerId && this.#current !== this.#sent && now - this.#sentAt >= MIN_GAP_MS) {
      this.#send(consumerId, this.#current);
      this.#sent = this.#current;
      this.#sentAt = now;
    }
    return this.#current;
  }
}
