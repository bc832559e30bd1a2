/**
 * When one transport should restart ICE: at once when the browser says its network changed
 * (Wi-Fi to mobile, a cable pulled: the old path may be dead although ICE has not noticed
 * yet) or when ICE failed; after a short grace when it is merely disconnected, since ICE
 * often finds its way back by itself. Restarts are spaced out, twice as far each time while
 * the transport stays down, so a dead network is not hammered with signalling.
 */
export interface IcePolicyConfig {
  /** How long "disconnected" may last before we restart, ms. */
  graceMs: number;
  /** Shortest gap between two restarts of one transport, ms; doubles per attempt. */
  minGapMs: number;
  maxGapMs: number;
}

export const DEFAULT_ICE_POLICY: IcePolicyConfig = { graceMs: 2500, minGapMs: 2000, maxGapMs: 30_000 };

export class IceRestartPolicy {
  readonly #config: IcePolicyConfig;
  #state = "new";
  #since = 0;
  #lastRestart = Number.NEGATIVE_INFINITY;
  #attempts = 0;

  constructor(config: IcePolicyConfig = DEFAULT_ICE_POLICY) {
    this.#config = config;
  }

  /** The transport's connection state changed (mediasoup-client `connectionstatechange`). */
  observe(state: string, now: number): void {
    if (state === this.#state) return;
    this.#state = state;
    this.#since = now;
    if (state === "connected") this.#attempts = 0;
  }

  /** Restarts attempted since the transport was last connected. */
  get attempts(): number {
    return this.#attempts;
  }

  /**
   * Whether to restart ICE now. Ask on every state change, on every network change, and
   * periodically (a disconnected transport's grace runs out between events). A yes counts as
   * a restart attempt.
   */
  shouldRestart(now: number, networkChanged = false): boolean {
    if (this.#state === "new" || this.#state === "closed") return false;
    const gap = this.#attempts === 0 ? 0 : Math.min(this.#config.maxGapMs, this.#config.minGapMs * 2 ** (this.#attempts - 1));
    if (now - this.#lastRestart < gap) return false;
    const due = networkChanged || this.#state === "failed" || (this.#state === "disconnected" && now - this.#since >= this.#config.graceMs);
    if (!due) return false;
    this.#lastRestart = now;
    this.#attempts++;
    return true;
  }
}
