import type { types } from "mediasoup";
import type { MediaPeer } from "./media-peer.ts";

/**
 * The SFU's own view of one peer's network, from mediasoup's stats, hop by hop — what a
 * sender lost before the SFU is not counted against this peer: gaps in what arrives from the
 * peer (its producers as received here); on the way to it, what its receiver reports say it
 * lost minus what was already missing upstream, and transport-wide congestion-control
 * feedback where there is some (video: mediasoup sends that header extension with video
 * only); the round trip from its receiver reports; bitrates. Two snapshots make a window;
 * the maths is pure.
 */

/** Loss on a peer's own link right now, from transport-wide feedback (mediasoup's recent average), %. */
export interface TransportLoss {
  lossDownPct: number | null;
  lossUpPct: number | null;
}

interface StreamCounters {
  packetCount: number;
  packetsLost: number;
}

export interface PeerStatsSnapshot {
  /** ms, monotonic. */
  at: number;
  /** The peer's producers as received by the SFU; `jitterMs` is this moment's estimate. */
  producers: Map<string, StreamCounters & { jitterMs: number }>;
  /** Our consumers towards the peer: what the peer's receiver reports say, and what its producer stream lost upstream. */
  consumers: Map<string, StreamCounters & { upstreamLost: number; rttMs: number | null }>;
  /** bit/s the SFU receives from the peer and sends to it, over mediasoup's own recent window. */
  recvBitrate: number;
  sendBitrate: number;
  link: TransportLoss;
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
/** Transport-level figures only: cheap enough to ask every couple of seconds for every peer. */
export async function collectPeerLink(peer: MediaPeer): Promise<{ link: TransportLoss; recvBitrate: number; sendBitrate: number; connected: boolean }> {
  const out = { link: { lossDownPct: null, lossUpPct: null } as TransportLoss, recvBitrate: 0, sendBitrate: 0, connected: false };
  const worse = (a: number | null, b: number) => (a === null ? b : Math.max(a, b));
  for (const transport of peer.transports.values()) {
    const stats = await transport.getStats().catch(() => []);
    for (const s of stats) {
      out.recvBitrate += s.recvBitrate;
      out.sendBitrate += s.sendBitrate;
      if (s.iceState === "connected" || s.iceState === "completed") out.connected = true;
      // Only while RTP flows: the average keeps its last value when the stream stops.
      if (s.rtpPacketLossSent !== undefined && s.rtpSendBitrate > 0) out.link.lossDownPct = worse(out.link.lossDownPct, s.rtpPacketLossSent * 100);
      if (s.rtpPacketLossReceived !== undefined && s.rtpRecvBitrate > 0) out.link.lossUpPct = worse(out.link.lossUpPct, s.rtpPacketLossReceived * 100);
    }
  }
  return out;
}

export async function collectPeerStats(peer: MediaPeer, now = performance.now()): Promise<PeerStatsSnapshot> {
  const snapshot: PeerStatsSnapshot = { at: now, producers: new Map(), consumers: new Map(), ...(await collectPeerLink(peer)) };
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
    const upstream = stats.filter((s) => s.type === "inbound-rtp").reduce((n, s) => n + s.packetsLost, 0);
    snapshot.consumers.set(consumer.id, { packetCount: outbound.packetCount, packetsLost: outbound.packetsLost, upstreamLost: upstream, rttMs: outbound.roundTripTime && outbound.roundTripTime > 0 ? outbound.roundTripTime : null });
  }
  return snapshot;
}

const grew = (now: number, before: number | undefined) => Math.max(0, now - (before ?? 0));
const worse = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/** The window between two snapshots of one peer. Streams that appeared meanwhile count from zero. */
export function peerQualityBetween(prev: PeerStatsSnapshot, curr: PeerStatsSnapshot): PeerQualityWindow {
  // The peer's receiver reports count sequence gaps end to end: a sender's own losses are
  // in them (the SFU keeps their gaps), so those are taken off again.
  let sent = 0;
  let lostHere = 0;
  let rtt: number | null = null;
  for (const [id, c] of curr.consumers) {
    const p = prev.consumers.get(id);
    sent += grew(c.packetCount, p?.packetCount);
    lostHere += Math.max(0, grew(c.packetsLost, p?.packetsLost) - grew(c.upstreamLost, p?.upstreamLost));
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
    lossInPct: worse(sent >= MIN_PACKETS ? pct(Math.min(lostHere, sent), sent) : null, curr.link.lossDownPct),
    lossOutPct: outGot + outLost >= MIN_PACKETS ? pct(outLost, outGot + outLost) : curr.link.lossUpPct,
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
