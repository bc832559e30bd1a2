/**
 * The one rate-limit mechanism of a hall instance: "at most `max` in any `windowMs`", kept per
 * visitor and per named rule. Every plugin declares its rules next to its handlers (see
 * `HallPlugin`); the room checks them before a handler runs. What happens past a limit — a
 * `rate_limited` error, or a silent drop for things like emotes — is the rule's `over`.
 */
export interface RateRule {
  /** Rules with the same name share one window (e.g. every message counts towards "all"). */
  readonly name: string;
  readonly max: number;
  readonly windowMs: number;
  /** Past the limit: refuse with an error the sender reads (default), or drop silently. */
  readonly over?: "refuse" | "drop";
  /** The sentence the sender reads when refused. */
  readonly message?: string;
}

/** Sliding windows: a log of accepted times per visitor and rule, never longer than `max`. */
export class RateLimits {
  readonly #logs = new Map<string, Map<string, number[]>>();

  /** Counts one use and says whether it is within the rule; a refused use is not counted. */
  take(visitorKey: string, rule: RateRule, now = Date.now()): boolean {
    let rules = this.#logs.get(visitorKey);
    if (!rules) this.#logs.set(visitorKey, (rules = new Map()));
    let log = rules.get(rule.name);
    if (!log) rules.set(rule.name, (log = []));
    while (log.length > 0 && now - log[0]! >= rule.windowMs) log.shift();
    if (log.length >= rule.max) return false;
    log.push(now);
    return true;
  }

  forget(visitorKey: string): void {
    this.#logs.delete(visitorKey);
  }
}
