import type { types } from "mediasoup";
import type { MediaPeer } from "./media-peer.ts";

/**
 * The SFU's own view of one peer's network, from mediasoup's stats: what arrives from the
 * peer (its producers, as received here) and what the peer reports of what we send it (its
 * receiver reports on our consumers). Two snapshots make a window; the maths is pure.
 */

interface StreamCounters {
  packetCount: number;
  packetsLost: number;
}

export interface PeerStatsSnapshot {
  /** ms, monotonic. */
  at: number;
  /** The peer's producers as received by the SFU; `jitterMs` is this moment's estimate. */
  producers: Map<string, StreamCounters & { jitterMs: number }>;
  /** Our consumers towards the peer, with what the peer's receiver reports say. */
  consumers: Map<string, StreamCounters & { rttMs: number | null }>;
  /** bit/s the SFU receives from the peer and sends to it, over mediasoup's own recent window. */
  recvBitrate: number;
  sendBitrate: number;
  /** Whether the peer has a transport whose ICE is up (no window is measured otherwise). */
  connected: boolean;
}

export interface PeerQualityWindow {
  rttMs: number | null;
  jitterMs: number | null;
  /** Lost on the way to the peer (its receiver reports). */
  lossInPct: number | null;
  /** Lost on the way from the peer (gaps the SFU saw). */
  lossOutPct: number | null;
  kbpsIn: number;
  kbpsOut: number;
  connected: boolean;
}

const MIN_PACKETS = 10;

function clockRateOf(producer: types.Producer): number {
  return producer.rtpParameters.codecs[0]?.clockRate ?? (producer.kind === "audio" ? 48_000 : 90_000);
}

/** Asks the worker for the peer's transport, producer and consumer stats (skipping what closes meanwhile). */
export async function collectPeerStats(peer: MediaPeer, now = performance.now()): Promise<PeerStatsSnapshot> {
  const snapshot: PeerStatsSnapshot = { at: now, producers: new Map(), consumers: new Map(), recvBitrate: 0, sendBitrate: 0, connected: false };
  for (const transport of peer.transports.values()) {
    const stats = await transport.getStats().catch(() => []);
    for (const s of stats) {
      snapshot.recvBitrate += s.recvBitrate;
      snapshot.sendBitrate += s.sendBitrate;
      if (s.iceState === "connected" || s.iceState === "completed") snapshot.connected = true;
    }
  }
  for (const producer of peer.producers.values()) {
    if (producer.closed || producer.paused) continue;
    const stats = await producer.getStats().catch(() => []);
    // Simulcast: one entry per layer; the sums say how much of everything arrived.
    let packetCount = 0;
    let packetsLost = 0;
    let jitter = 0;
    for (const s of stats) {
      packetCount += s.packetCount;
      packetsLost += s.packetsLost;
      jitter = Math.max(jitter, s.jitter);
    }
    snapshot.producers.set(producer.id, { packetCount, packetsLost, jitterMs: (jitter * 1000) / clockRateOf(producer) });
  }
  for (const consumer of peer.consumers.values()) {
    if (consumer.closed || consumer.paused || consumer.producerPaused) continue;
    const stats = await consumer.getStats().catch(() => []);
    const outbound = stats.find((s) => s.type === "outbound-rtp");
    if (!outbound) continue;
    snapshot.consumers.set(consumer.id, { packetCount: outbound.packetCount, packetsLost: outbound.packetsLost, rttMs: outbound.roundTripTime && outbound.roundTripTime > 0 ? outbound.roundTripTime : null });
  }
  return snapshot;
}

const grew = (now: number, before: number | undefined) => Math.max(0, now - (before ?? 0));

/** The window between two snapshots of one peer. Streams that appeared meanwhile count from zero. */
export function peerQualityBetween(prev: PeerStatsSnapshot, curr: PeerStatsSnapshot): PeerQualityWindow {
  let inSent = 0;
  let inLost = 0;
  let rtt: number | null = null;
  for (const [id, c] of curr.consumers) {
    const p = prev.consumers.get(id);
    inSent += grew(c.packetCount, p?.packetCount);
    inLost += grew(c.packetsLost, p?.packetsLost);
    if (c.rttMs !== null) rtt = Math.max(rtt ?? 0, c.rttMs);
  }
  let outGot = 0;
  let outLost = 0;
  let jitter: number | null = null;
  for (const [id, c] of curr.producers) {
    const p = prev.producers.get(id);
    const got = grew(c.packetCount, p?.packetCount);
    if (got === 0) continue;
    outGot += got;
    outLost += grew(c.packetsLost, p?.packetsLost);
    jitter = Math.max(jitter ?? 0, c.jitterMs);
  }
  const pct = (part: number, whole: number) => Math.min(100, (100 * part) / whole);
  return {
    rttMs: rtt,
    jitterMs: jitter,
    // The peer's reports count what it lost of what we sent; a report lags, so bound it by what was sent.
    lossInPct: inSent >= MIN_PACKETS ? pct(Math.min(inLost, inSent), inSent) : null,
    lossOutPct: outGot + outLost >= MIN_PACKETS ? pct(outLost, outGot + outLost) : null,
    kbpsIn: curr.sendBitrate / 1000,
    kbpsOut: curr.recvBitrate / 1000,
    connected: curr.connected,
  };
}

/** Keeps each peer's last snapshot so that every call to {@link measure} yields the window since the previous one. */
export class PeerQualityMeter {
  readonly #last = new Map<string, PeerStatsSnapshot>();

  /** The window since the last call for this peer; undefined the first time and while the peer is not connected. */
  async measure(peer: MediaPeer): Promise<PeerQualityWindow | undefined> {
    const snapshot = await collectPeerStats(peer);
    const prev = this.#last.get(peer.id);
    this.#last.set(peer.id, snapshot);
    return prev && snapshot.connected ? peerQualityBetween(prev, snapshot) : undefined;
  }

  forget(peerId: string): void {
    this.#last.delete(peerId);
  }
}
