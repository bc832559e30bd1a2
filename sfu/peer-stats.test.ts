import { describe, expect, it } from "vitest";
import { peerQualityBetween, type PeerStatsSnapshot } from "./peer-stats.ts";

function snapshot(at: number, p: { got: number; gaps: number; sent: number; reported: number; upstream?: number; rtt?: number | null; down?: number | null; up?: number | null }, connected = true): PeerStatsSnapshot {
  return {
    at,
    producers: new Map([["mic", { packetCount: p.got, packetsLost: p.gaps, jitterMs: 6.5 }]]),
    consumers: new Map([["voice-of-bob", { packetCount: p.sent, packetsLost: p.reported, upstreamLost: p.upstream ?? 0, rttMs: p.rtt === undefined ? 48 : p.rtt }]]),
    recvBitrate: 42_000,
    sendBitrate: 38_500,
    link: { lossDownPct: p.down ?? null, lossUpPct: p.up ?? null },
    connected,
  };
}

describe("peerQualityBetween", () => {
  it("reads loss both ways, round trip, jitter and bitrate from the SFU's side", () => {
    // The peer's receiver reports say 200 of 500 lost, 175 of them already missing when Bob's voice reached the SFU.
    const w = peerQualityBetween(snapshot(0, { got: 1000, gaps: 10, sent: 900, reported: 0 }), snapshot(10_000, { got: 1450, gaps: 60, sent: 1400, reported: 200, upstream: 175 }));
    expect(w.lossOutPct).toBeCloseTo(10); // 50 gaps in 500 expected from the peer
    expect(w.lossInPct).toBeCloseTo(5); // 25 of 500 lost on this peer's own way down
    // Transport-wide feedback (video) is hop by hop too; the worse view counts.
    expect(peerQualityBetween(snapshot(0, { got: 0, gaps: 0, sent: 0, reported: 0 }), snapshot(10_000, { got: 0, gaps: 0, sent: 500, reported: 0, down: 12 })).lossInPct).toBe(12);
    expect(w).toMatchObject({ rttMs: 48, jitterMs: 6.5, kbpsIn: 38.5, kbpsOut: 42, connected: true });
  });

  it("falls back to the transport-wide view of the way up when too few packets came, and knows nothing without either", () => {
    const before: PeerStatsSnapshot = { ...snapshot(0, { got: 0, gaps: 0, sent: 0, reported: 0 }), producers: new Map(), consumers: new Map() };
    const w = peerQualityBetween(before, snapshot(10_000, { got: 5, gaps: 0, sent: 300, reported: 3, rtt: null, up: 2.5, down: null }));
    expect(w.lossOutPct).toBe(2.5);
    expect(w.lossInPct).toBeCloseTo(1); // 3 of 300
    expect(w.rttMs).toBeNull();
    const quiet = peerQualityBetween(before, snapshot(10_000, { got: 5, gaps: 0, sent: 0, reported: 0, down: null }));
    expect([quiet.lossOutPct, quiet.lossInPct]).toEqual([null, null]);
  });
});
