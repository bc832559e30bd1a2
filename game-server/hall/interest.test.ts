import { describe, expect, it } from "vitest";
import { seededRandom } from "../../avatars/seed-hash.ts";
import { decodePosePacket, encodePosePacket, type PoseEntry } from "../protocol/pose-packet.ts";
import { INTEREST_EVERYONE, INTEREST_MANAGED, interestTiers, PoseFanout, type InterestPolicy } from "./interest.ts";

const policy: InterestPolicy = { nearRadius: 5, nearMax: 2, farRadius: 12, farMax: 2, farEvery: 4, keepaliveEvery: 20 };

describe("interest tiers", () => {
  it("keeps the nearest people at full rate, the next ones at reduced rate, and nobody beyond the radius", () => {
    const others = [
      { n: 1, x: 1, z: 0, ry: 0 },
      { n: 2, x: 2, z: 0, ry: 0 },
      { n: 3, x: 3, z: 0, ry: 0 }, // near by distance, but the near tier is full
      { n: 4, x: 8, z: 0, ry: 0 },
      { n: 5, x: 11, z: 0, ry: 0 }, // would be third in the far tier
      { n: 6, x: 30, z: 0, ry: 0 },
    ];
    const tiers = interestTiers({ x: 0, z: 0 }, others, policy);
    expect(Object.fromEntries(tiers)).toEqual({ 1: "near", 2: "near", 3: "far", 4: "far" });
  });
});

/** The rule written plainly (sort everyone), to check the fast selection against. */
function referenceTiers(viewer: { x: number; z: number }, others: PoseEntry[], p: InterestPolicy): Record<number, string> {
  const byDistance = others
    .map((o) => ({ n: o.n, d2: (o.x - viewer.x) ** 2 + (o.z - viewer.z) ** 2 }))
    .filter((c) => c.d2 <= p.farRadius ** 2)
    .sort((a, b) => a.d2 - b.d2 || a.n - b.n);
  const out: Record<number, string> = {};
  let near = 0;
  let far = 0;
  for (const c of byDistance) {
    if (near < p.nearMax && c.d2 <= p.nearRadius ** 2) {
      out[c.n] = "near";
      near++;
    } else if (far < p.farMax) {
      out[c.n] = "far";
      far++;
    }
  }
  return out;
}

describe("interest tiers in a crowd", () => {
  it("picks exactly the nearest people, as a full sort would, for crowds of every size", () => {
    const random = seededRandom(42);
    for (const size of [0, 1, 10, 30, 64, 65, 200, 600]) {
      for (let trial = 0; trial < 5; trial++) {
        // Positions on a 10 cm grid, so ties in distance happen, and a few far outliers.
        const others = Array.from({ length: size }, (_, n) => ({ n, x: Math.round((random() * 40 - 20) * 10) / 10, z: Math.round((random() * 24 - 12) * 10) / 10, ry: 0 }));
        const viewer = { x: random() * 10 - 5, z: random() * 6 - 3 };
        const fast = Object.fromEntries(interestTiers(viewer, others, INTEREST_MANAGED));
        const expected = referenceTiers(viewer, others, INTEREST_MANAGED);
        // With equal distances at the cut, either of the tied people is right: compare distances per tier.
        const distances = (tiers: Record<number, string>, tier: string) =>
          Object.entries(tiers)
            .filter(([, t]) => t === tier)
            .map(([n]) => Math.round(((others[Number(n)]!.x - viewer.x) ** 2 + (others[Number(n)]!.z - viewer.z) ** 2) * 1e6))
            .sort((a, b) => a - b);
        expect(distances(fast, "near"), `near tier, ${size} people`).toEqual(distances(expected, "near"));
        expect(distances(fast, "far"), `far tier, ${size} people`).toEqual(distances(expected, "far"));
      }
    }
  });

  it("leaves the viewer out when handed everyone, itself included", () => {
    const everyone = [{ n: 7, x: 0, z: 0, ry: 0 }, { n: 8, x: 1, z: 0, ry: 0 }];
    expect(Object.fromEntries(interestTiers({ x: 0, z: 0, n: 7 }, everyone, INTEREST_MANAGED))).toEqual({ 8: "near" });
  });
});

describe("pose fanout", () => {
  function walkers(fanout: PoseFanout, count: number, spacing: number): void {
    for (let n = 0; n < count; n++) fanout.add({ n, x: n * spacing, z: 0, ry: 0 });
  }

  it("sends a near walker every tick and a far walker every few ticks", () => {
    const fanout = new PoseFanout(policy);
    fanout.add({ n: 0, x: 0, z: 0, ry: 0 });
    fanout.add({ n: 1, x: 2, z: 0, ry: 0 });
    fanout.add({ n: 2, x: 9, z: 0, ry: 0 });
    const seen = { near: 0, far: 0 };
    for (let t = 0; t < 40; t++) {
      fanout.update({ n: 1, x: 2 + t * 0.01, z: 0, ry: 0 });
      fanout.update({ n: 2, x: 9 + t * 0.01, z: 0, ry: 0 });
      const packet = fanout.tick().get(0);
      if (packet?.poses.some((p) => p.n === 1)) seen.near++;
      if (packet?.poses.some((p) => p.n === 2)) seen.far++;
    }
    expect(seen.near).toBe(40);
    expect(seen.far).toBeGreaterThanOrEqual(9);
    expect(seen.far).toBeLessThanOrEqual(11);
  });

  it("sends nothing about people standing still, apart from a rare keepalive", () => {
    const fanout = new PoseFanout(policy);
    walkers(fanout, 3, 1);
    fanout.tick(); // first sight of everyone
    let entries = 0;
    for (let t = 0; t < 19; t++) for (const p of fanout.tick().values()) entries += p.poses.length;
    expect(entries).toBe(0);
  });

  it("tells a viewer when someone walks out of range, and shows them again on return", () => {
    const fanout = new PoseFanout(policy);
    fanout.add({ n: 0, x: 0, z: 0, ry: 0 });
    fanout.add({ n: 1, x: 2, z: 0, ry: 0 });
    fanout.tick();
    fanout.update({ n: 1, x: 40, z: 0, ry: 0 });
    const gone = [];
    for (let t = 0; t < policy.farEvery; t++) gone.push(...(fanout.tick().get(0)?.gone ?? []));
    expect(gone).toEqual([1]);
    fanout.update({ n: 1, x: 3, z: 0, ry: 0 });
    const back = [];
    for (let t = 0; t < policy.farEvery; t++) back.push(...(fanout.tick().get(0)?.poses.map((p) => p.n) ?? []));
    expect(back).toContain(1);
  });

  it("tells each viewer its own corrected pose once per change", () => {
    const fanout = new PoseFanout(policy);
    fanout.add({ n: 7, x: 0, z: 0, ry: 0 });
    expect(fanout.tick().get(7)?.poses).toEqual([expect.objectContaining({ n: 7, x: 0 })]);
    expect(fanout.tick().get(7)).toBeUndefined();
    fanout.update({ n: 7, x: 1, z: 0, ry: 0 });
    expect(fanout.tick().get(7)?.poses[0]).toMatchObject({ n: 7, x: 1 });
  });

  it("in a crowd, sends each viewer far fewer poses than the everyone-to-everyone baseline", () => {
    const count = 200;
    const managed = new PoseFanout(INTEREST_MANAGED);
    const everyone = new PoseFanout(INTEREST_EVERYONE);
    const total = { managed: 0, everyone: 0 };
    for (const f of [managed, everyone]) for (let n = 0; n < count; n++) f.add({ n, x: (n % 20) * 2, z: Math.floor(n / 20) * 2, ry: 0 });
    for (let t = 0; t < 20; t++) {
      for (const [key, f] of [["managed", managed], ["everyone", everyone]] as const) {
        for (let n = 0; n < count; n++) f.update({ n, x: (n % 20) * 2 + t * 0.05, z: Math.floor(n / 20) * 2, ry: 0 });
        for (const p of f.tick().values()) total[key] += p.poses.length;
      }
    }
    expect(total.everyone).toBe(20 * count * count); // own pose + 199 others, every tick
    expect(total.managed / total.everyone).toBeLessThan(0.2);
  });
});

describe("pose packet", () => {
  it("round-trips poses to a centimetre and gone lists exactly", () => {
    const packet = { poses: [{ n: 3, x: 12.345, z: -7.891, ry: 3.1 }, { n: 65535, x: -300, z: 300, ry: -3.14159 }], gone: [1, 2] };
    const back = decodePosePacket(encodePosePacket(packet));
    expect(back.gone).toEqual([1, 2]);
    back.poses.forEach((p, i) => {
      const want = packet.poses[i]!;
      expect(p.n).toBe(want.n);
      expect(Math.abs(p.x - want.x)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(p.z - want.z)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(p.ry - want.ry)).toBeLessThan(0.001);
    });
  });

  it("refuses truncated bytes", () => {
    const bytes = encodePosePacket({ poses: [{ n: 1, x: 0, z: 0, ry: 0 }], gone: [] });
    expect(() => decodePosePacket(bytes.slice(0, 6))).toThrow(/truncated/);
    expect(() => decodePosePacket(new Uint8Array([9, 0, 0, 0, 0]))).toThrow(/not a pose packet/);
  });
});
