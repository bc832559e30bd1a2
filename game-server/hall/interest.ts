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

/**
 * Scratch space for `interestTiers`, reused call after call: a 500-person hall recomputes
 * ~2,500 viewers a second, and fresh arrays of candidate objects were most of its cost.
 */
let scratchD2 = new Float64Array(512);
let scratchN = new Int32Array(512);

/**
 * Picks, for one viewer, who is near and who is far: the nearest `nearMax` within `nearRadius`
 * are near, the next `farMax` within `farRadius` far (the viewer itself, by `n`, is skipped). Only the `nearMax + farMax` nearest are
 * ever ordered (a selection, then a small sort), so a crowd costs O(people), not a full sort.
 */
export function interestTiers(viewer: { x: number; z: number; n?: number }, others: Iterable<PoseEntry>, policy: InterestPolicy): Map<number, Tier> {
  const farR2 = policy.farRadius * policy.farRadius;
  const nearR2 = policy.nearRadius * policy.nearRadius;
  let count = 0;
  for (const o of others) {
    if (o.n === viewer.n) continue; // the viewer, when `others` is everyone
    const dx = o.x - viewer.x;
    const dz = o.z - viewer.z;
    const d2 = dx * dx + dz * dz;
    if (d2 > farR2) continue;
    if (count === scratchD2.length) {
      const d = new Float64Array(count * 2);
      d.set(scratchD2);
      scratchD2 = d;
      const n = new Int32Array(count * 2);
      n.set(scratchN);
      scratchN = n;
    }
    scratchD2[count] = d2;
    scratchN[count] = o.n;
    count++;
  }
  let kept = count;
  // With room for everyone in the near tier, order does not matter.
  if (count > policy.nearMax) {
    kept = Math.min(count, policy.nearMax + policy.farMax);
    if (kept < count) selectNearest(scratchD2, scratchN, count, kept);
    sortByDistance(scratchD2, scratchN, kept);
  }
  const tiers = new Map<number, Tier>();
  let near = 0;
  let far = 0;
  for (let i = 0; i < kept; i++) {
    if (near < policy.nearMax && scratchD2[i]! <= nearR2) {
      tiers.set(scratchN[i]!, "near");
      near++;
    } else if (far < policy.farMax) {
      tiers.set(scratchN[i]!, "far");
      far++;
    }
  }
  return tiers;
}

function swap(d2: Float64Array, ids: Int32Array, i: number, j: number): void {
  const d = d2[i]!;
  d2[i] = d2[j]!;
  d2[j] = d;
  const n = ids[i]!;
  ids[i] = ids[j]!;
  ids[j] = n;
}

/** Quickselect (Hoare): afterwards the first `k` of `count` entries are the `k` nearest, in no order. */
function selectNearest(d2: Float64Array, ids: Int32Array, count: number, k: number): void {
  let lo = 0;
  let hi = count - 1;
  const target = k - 1;
  while (lo < hi) {
    const pivot = d2[(lo + hi) >> 1]!;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (d2[i]! < pivot) i++;
      while (d2[j]! > pivot) j--;
      if (i <= j) swap(d2, ids, i++, j--);
    }
    if (target <= j) hi = j;
    else if (target >= i) lo = i;
    else return;
  }
}

/** Insertion sort of the first `count` entries: they are few (≤ nearMax + farMax). */
function sortByDistance(d2: Float64Array, ids: Int32Array, count: number): void {
  for (let i = 1; i < count; i++) {
    const d = d2[i]!;
    const n = ids[i]!;
    let j = i - 1;
    while (j >= 0 && d2[j]! > d) {
      d2[j + 1] = d2[j]!;
      ids[j + 1] = ids[j]!;
      j--;
    }
    d2[j + 1] = d;
    ids[j + 1] = n;
  }
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
    viewer.tiers = interestTiers(me, this.#subjects.values(), this.#policy);
  }
}
