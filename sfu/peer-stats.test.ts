import { describe, expect, it } from "vitest";
import { peerQualityBetween, type PeerStatsSnapshot } from "./peer-stats.ts";

function snapshot(at: number, p: { got: number; gaps: number; sent: number; reported: number; rtt?: number | null }, connected = true): PeerStatsSnapshot {
  return {
    at,
    producers: new Map([["mic", { packetCount: p.got, packetsLost: p.gaps, jitterMs: 6.5 }]]),
    consumers: new Map([["voice-of-bob", { packetCount: p.sent, packetsLost: p.reported, rttMs: p.rtt === undefined ? 48 : p.rtt }]]),
    recvBitrate: 42_000,
    sendBitrate: 38_500,
    connected,
  };
}

describe("peerQualityBetween", () => {
  it("reads loss both ways, round trip, jitter and bitrate from the SFU's side", () => {
    const w = peerQualityBetween(snapshot(0, { got: 1000, gaps: 10, sent: 900, reported: 0 }), snapshot(10_000, { got: 1450, gaps: 60, sent: 1400, reported: 25 }));
    expect(w.lossOutPct).toBeCloseTo(10); // 50 gaps in 500 expected from the peer
    expect(w.lossInPct).toBeCloseTo(5); // the peer reported 25 of 500 lost
    expect(w).toMatchObject({ rttMs: 48, jitterMs: 6.5, kbpsIn: 38.5, kbpsOut: 42, connected: true });
  });

  it("says nothing of loss when too few packets moved, and counts new streams from zero", () => {
    const before: PeerStatsSnapshot = { ...snapshot(0, { got: 0, gaps: 0, sent: 0, reported: 0 }), producers: new Map(), consumers: new Map() };
    const w = peerQualityBetween(before, snapshot(10_000, { got: 5, gaps: 0, sent: 300, reported: 3, rtt: null }));
    expect(w.lossOutPct).toBeNull();
    expect(w.lossInPct).toBeCloseTo(1);
    expect(w.rttMs).toBeNull();
  });
});
