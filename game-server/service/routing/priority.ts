/**
 * The order in which waiting contacts are served: effective priority, highest first, where
 * effective priority = basePriority + agingPerMinute × minutes waited; ties go to the earlier
 * enqueue.
 *
 * Every waiting contact's priority grows at the same rate, so the order between two of them
 * never changes while both wait. That makes a time-free key possible —
 * `basePriority × 60 000 − agingPerMinute × enqueuedAt` (priority-milliseconds, equal to
 * 60 000 × effective priority minus the same amount for everyone) — and lets a hall's queue stay
 * sorted once, instead of being re-sorted on every tick. With whole-number inputs the key is an
 * exact integer (well below 2^53 for epoch milliseconds), so ties are real ties.
 */

const MS_PER_MINUTE = 60_000;

export function effectivePriority(basePriority: number, enqueuedAt: number, now: number, agingPerMinute: number): number {
  return basePriority + (agingPerMinute * (now - enqueuedAt)) / MS_PER_MINUTE;
}

/** Compares like {@link effectivePriority} at any one `now`, without a `now`. */
export function servingKey(basePriority: number, enqueuedAt: number, agingPerMinute: number): number {
  return basePriority * MS_PER_MINUTE - agingPerMinute * enqueuedAt;
}

/** What the serving order needs of a waiting contact. */
export interface InServingOrder {
  /** {@link servingKey}. */
  readonly key: number;
  readonly enqueuedAt: number;
  /** Enqueue sequence: the last tie-break, so the order is total. */
  readonly seq: number;
}

/** Negative when `a` is served before `b`. */
export function compareServing(a: InServingOrder, b: InServingOrder): number {
  return b.key - a.key || a.enqueuedAt - b.enqueuedAt || a.seq - b.seq;
}
