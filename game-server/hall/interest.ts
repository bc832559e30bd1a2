import type { PoseEntry, PosePacket } from "../protocol/pose-packet.ts";

/**
 * Interest management: a visitor receives the nearest people at full rate, people further
 * away at a reduced rate, and nobody beyond a radius or beyond a head count. The count
 * caps keep a crowded hall as cheap as a sparse one. The people list does not depend on
 * this: it comes from the room state, which everyone receives whole.
 */
export interface InterestPolicy {
  /** Full rate within this distance (metres)… */
  nearRadius: number;
  /** …for at most this many people, the nearest first. */
  nearMax: number;
  /** Reduced rate up to this distance… */
  farRadius: number;
  /** …for at most this many more people. */
  farMax: number;
  /** Far people are sent every this many ticks; interest is also recomputed at this pace. */
  farEvery: number;
  /** Someone standing still is re-sent this often (ticks), so a lost packet heals. */
  keepaliveEvery: number;
}

export const INTEREST_MANAGED: InterestPolicy = { nearRadius: 10, nearMax: 24, farRadius: 24, farMax: 40, farEvery: 4, keepaliveEvery: 40 };
/** The baseline for benchmarks: everyone, every tick. */
export const INTEREST_EVERYONE: InterestPolicy = { nearRadius: Infinity, nearMax: Infinity, farRadius: Infinity, farMax: 0, farEvery: 4, keepaliveEvery: 40 };

type Tier = "near" | "far";

interface Subject extends PoseEntry {
  /** Bumped whenever the pose changes, to tell who needs re-sending. */
  version: number;
}

interface Viewer {
  tiers: Map<number, Tier>;
  sent: Map<number, { version: number; tick: number }>;
  /** Version of our own pose last told to this viewer. */
  ownVersion: number;
}

/** Picks, for one viewer, who is near and who is far. Pure, for tests. */
export function interestTiers(viewer: { x: number; z: number }, others: Iterable<PoseEntry>, policy: InterestPolicy): Map<number, Tier> {
  const farR2 = policy.farRadius * policy.farRadius;
  const nearR2 = policy.nearRadius * policy.nearRadius;
  const candidates: { n: number; d2: number }[] = [];
  for (const o of others) {
    const dx = o.x - viewer.x;
    const dz = o.z - viewer.z;
    const d2 = dx * dx + dz * dz;
    if (d2 <= farR2) candidates.push({ n: o.n, d2 });
  }
  if (candidates.length > policy.nearMax) candidates.sort((a, b) => a.d2 - b.d2);
  const tiers = new Map<number, Tier>();
  let near = 0;
  let far = 0;
  for (const c of candidates) {
    if (near < policy.nearMax && c.d2 <= nearR2) {
      tiers.set(c.n, "near");
      near++;
    } else if (far < policy.farMax) {
      tiers.set(c.n, "far");
      far++;
    }
  }
  return tiers;
}

/**
 * Decides, tick by tick, which poses each viewer is sent. Only changed poses (and the
 * occasional keepalive) go out, so people standing still cost nothing.
 */
export class PoseFanout {
  readonly #policy: InterestPolicy;
  readonly #subjects = new Map<number, Subject>();
  readonly #viewers = new Map<number, Viewer>();
  #tick = 0;

  constructor(policy: InterestPolicy) {
    this.#policy = policy;
  }

  get policy(): InterestPolicy {
    return this.#policy;
  }

  /** Someone arrived: they are both seen and a viewer. */
  add(pose: PoseEntry): void {
    this.#subjects.set(pose.n, { ...pose, version: 1 });
    this.#viewers.set(pose.n, { tiers: new Map(), sent: new Map(), ownVersion: 0 });
    this.#recompute(pose.n);
    // Show the newcomer at once to those with room for them; the next recomputation settles the rest.
    for (const [viewerN, viewer] of this.#viewers) {
      if (viewerN === pose.n) continue;
      const me = this.#subjects.get(viewerN)!;
      const tier = this.#tierWithRoom(viewer, Math.hypot(me.x - pose.x, me.z - pose.z));
      if (tier) viewer.tiers.set(pose.n, tier);
    }
  }

  update(pose: PoseEntry): void {
    const s = this.#subjects.get(pose.n);
    if (!s || (s.x === pose.x && s.z === pose.z && s.ry === pose.ry)) return;
    s.x = pose.x;
    s.z = pose.z;
    s.ry = pose.ry;
    s.version++;
  }

  pose(n: number): PoseEntry | undefined {
    return this.#subjects.get(n);
  }

  /** The viewer missed packets (a dropped connection): send them everything again. */
  forget(n: number): void {
    const viewer = this.#viewers.get(n);
    if (!viewer) return;
    viewer.sent.clear();
    viewer.ownVersion = 0;
  }

  remove(n: number): void {
    this.#subjects.delete(n);
    this.#viewers.delete(n);
    // Their departure reaches everyone through the room state; no "gone" entry is needed.
    for (const v of this.#viewers.values()) {
      v.tiers.delete(n);
      v.sent.delete(n);
    }
  }

  /** Advances one tick and returns the packet for each viewer that has something to hear. */
  tick(): Map<number, PosePacket> {
    const tick = ++this.#tick;
    const { farEvery, keepaliveEvery } = this.#policy;
    const packets = new Map<number, PosePacket>();
    for (const [viewerN, viewer] of this.#viewers) {
      // Spread the recomputation over the ticks instead of doing every viewer at once.
      if ((tick + viewerN) % farEvery === 0) this.#recompute(viewerN);
      const packet: PosePacket = { poses: [], gone: [] };
      const own = this.#subjects.get(viewerN);
      if (own && own.version !== viewer.ownVersion) {
        packet.poses.push(own);
        viewer.ownVersion = own.version;
      }
      for (const [n, tier] of viewer.tiers) {
        if (tier === "far" && (tick + n) % farEvery !== 0) continue;
        const subject = this.#subjects.get(n);
        if (!subject) continue;
        const sent = viewer.sent.get(n);
        if (sent && sent.version === subject.version && tick - sent.tick < keepaliveEvery) continue;
        packet.poses.push(subject);
        viewer.sent.set(n, { version: subject.version, tick });
      }
      for (const n of viewer.sent.keys()) {
        if (viewer.tiers.has(n)) continue;
        viewer.sent.delete(n);
        packet.gone.push(n);
      }
      if (packet.poses.length > 0 || packet.gone.length > 0) packets.set(viewerN, packet);
    }
    return packets;
  }

  #tierWithRoom(viewer: Viewer, distance: number): Tier | undefined {
    const { nearRadius, nearMax, farRadius, farMax } = this.#policy;
    if (distance > farRadius) return undefined;
    let near = 0;
    for (const t of viewer.tiers.values()) if (t === "near") near++;
    if (distance <= nearRadius && near < nearMax) return "near";
    return viewer.tiers.size - near < farMax ? "far" : undefined;
  }

  #recompute(viewerN: number): void {
    const viewer = this.#viewers.get(viewerN);
    const me = this.#subjects.get(viewerN);
    if (!viewer || !me) return;
    viewer.tiers = interestTiers(me, this.#others(viewerN), this.#policy);
  }

  *#others(viewerN: number): Iterable<Subject> {
    for (const s of this.#subjects.values()) if (s.n !== viewerN) yield s;
  }
}
