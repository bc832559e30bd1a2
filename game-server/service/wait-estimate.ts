/**
 * The wait a queued customer is shown. Agents' recent conversation lengths give a typical
 * handle time (the median, so one marathon call does not inflate every estimate); the queue
 * moves one handle time per wave of agents.
 */
export class HandleTimes {
  readonly #size: number;
  readonly #defaultMs: number;
  /** The most recent durations, oldest first, at most `size`. */
  readonly #recent: number[] = [];

  /** `size`: how many recent conversations count; `defaultMs`: the typical time before any is recorded. */
  constructor(size = 20, defaultMs = 180_000) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`HandleTimes size must be a positive integer, not ${size}`);
    this.#size = size;
    this.#defaultMs = defaultMs;
  }

  /** One finished conversation's length; a negative or non-finite one (a clock glitch) is ignored. */
  record(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) return;
    this.#recent.push(ms);
    if (this.#recent.length > this.#size) this.#recent.shift();
  }

  /** The median of the recent conversations, or the default when there are none. */
  typicalMs(): number {
    if (this.#recent.length === 0) return this.#defaultMs;
    const sorted = [...this.#recent].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
  }
}

/**
 * How long the customer at `position` (1 = next) will wait. The first `agentsServing`
 * positions go to an agent as one comes free — 0 for the first in line when an agent is free —
 * and every further wave of that many waits one more typical handle time. With no agent on
 * duty each position waits a whole handle time per place, as if one agent were coming.
 */
export function estimateWaitMs(position: number, agentsServing: number, typicalHandleMs: number): number {
  if (!(position >= 1) || !(typicalHandleMs > 0) || !Number.isFinite(typicalHandleMs)) return 0;
  const agents = Math.floor(agentsServing);
  const waves = agents >= 1 ? Math.ceil(position / agents) - 1 : Math.ceil(position);
  return Math.max(0, Math.round(waves * typicalHandleMs));
}
