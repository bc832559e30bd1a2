import type { types } from "mediasoup";
import { NetworkProbe } from "./network-probe.ts";

export interface NetworkProbeLimits {
  /** Longest a probe lives, whatever the browser asks for. */
  maxTtlMs: number;
  /** Open probes one owner (a client address) may hold at once. */
  perOwner: number;
  /** Open probes on this server at once. */
  total: number;
  /** Probes one owner may open in any 60 s, so open-close-open churn cannot keep a worker busy. */
  perOwnerPerMinute: number;
}

export const defaultProbeLimits: NetworkProbeLimits = { maxTtlMs: 30_000, perOwner: 3, total: 24, perOwnerPerMinute: 20 };

/** Where probes get their routers: a dedicated one on a live worker (`MediaHub.openProbeRouter`). */
export type ProbeRouterSource = () => Promise<{ router: types.Router; webRtcServer: types.WebRtcServer }>;

/** Refused because too many probes are open, for this owner (`owner`) or on the server (`total`). */
export class ProbeLimitError extends Error {
  readonly scope: "owner" | "total";
  constructor(scope: "owner" | "total", message: string) {
    super(message);
    this.scope = scope;
  }
}

/**
 * The open network probes, each tied to its owner. Probes cost a router and two transports,
 * so they are few, short-lived and capped per owner and in total; an owner only ever sees
 * its own probes.
 */
export class NetworkProbes {
  readonly #probes = new Map<string, { probe: NetworkProbe; owner: string }>();
  /** Probes being opened right now count against the limits too, so a burst cannot slip past. */
  readonly #opening = new Map<string, number>();
  /** owner → when its recent probes were opened (ms), oldest first; entries older than a minute are dropped. */
  readonly #recent = new Map<string, number[]>();
  readonly #routers: ProbeRouterSource;
  readonly limits: NetworkProbeLimits;

  constructor(routers: ProbeRouterSource, limits: NetworkProbeLimits = defaultProbeLimits) {
    this.#routers = routers;
    this.limits = limits;
  }

  get size(): number {
    return this.#probes.size;
  }

  async open(owner: string, ttlMs: number = this.limits.maxTtlMs): Promise<NetworkProbe> {
    const openingTotal = [...this.#opening.values()].reduce((a, b) => a + b, 0);
    if (this.#probes.size + openingTotal >= this.limits.total) throw new ProbeLimitError("total", "too many network checks are running on this server; try again in a minute");
    if (this.#countFor(owner) + (this.#opening.get(owner) ?? 0) >= this.limits.perOwner) {
      throw new ProbeLimitError("owner", `at most ${this.limits.perOwner} network checks may run at once from one address`);
    }
    const now = Date.now();
    const recent = (this.#recent.get(owner) ?? []).filter((t) => now - t < 60_000);
    if (recent.length >= this.limits.perOwnerPerMinute) {
      throw new ProbeLimitError("owner", `at most ${this.limits.perOwnerPerMinute} network checks a minute from one address`);
    }
    recent.push(now);
    this.#recent.set(owner, recent);
    this.#forgetQuietOwners(now);
    this.#opening.set(owner, (this.#opening.get(owner) ?? 0) + 1);
    try {
      const { router, webRtcServer } = await this.#routers();
      const probe = await NetworkProbe.open(router, webRtcServer, Math.min(Math.max(ttlMs, 1), this.limits.maxTtlMs));
      this.#probes.set(probe.id, { probe, owner });
      probe.onClose(() => this.#probes.delete(probe.id));
      return probe;
    } finally {
      const left = (this.#opening.get(owner) ?? 1) - 1;
      if (left > 0) this.#opening.set(owner, left);
      else this.#opening.delete(owner);
    }
  }

  /** The probe, if it is open and belongs to `owner`; someone else's probe is as good as absent. */
  get(id: string, owner: string): NetworkProbe | undefined {
    const entry = this.#probes.get(id);
    return entry && entry.owner === owner && !entry.probe.closed ? entry.probe : undefined;
  }

  closeAll(): void {
    for (const { probe } of [...this.#probes.values()]) probe.close();
  }

  /** Keeps the rate memory from growing with every address ever seen. */
  #forgetQuietOwners(now: number): void {
    if (this.#recent.size < 1000) return;
    for (const [owner, times] of this.#recent) if (now - times.at(-1)! >= 60_000) this.#recent.delete(owner);
  }

  #countFor(owner: string): number {
    let n = 0;
    for (const entry of this.#probes.values()) if (entry.owner === owner) n++;
    return n;
  }
}
