import { rateQuality, worseOf, type QualityRating } from "../../game-server/protocol/qoe.ts";

/**
 * Quality of experience from the browser's own WebRTC statistics. Every ~2 s the page takes
 * a {@link StatsSnapshot} of its send and receive transports (`getStats()`); two snapshots
 * make a {@link QoeSample}. Everything here is pure so it can be tested on recorded stats.
 */

/** One entry of an `RTCStatsReport`, typed only as far as we read it. */
export interface StatsEntry {
  id: string;
  type: string;
  timestamp?: number;
  [key: string]: unknown;
}

interface InboundCounters {
  kind: string;
  packetsReceived: number;
  packetsLost: number;
  /** Seconds, as the browser reports it. */
  jitter: number;
  concealedSamples: number;
  silentConcealedSamples: number;
  totalSamplesReceived: number;
  freezeCount: number;
  /** Seconds. */
  totalFreezesDuration: number;
}

interface OutboundCounters {
  packetsSent: number;
  /** From the SFU's receiver reports (remote-inbound-rtp). */
  remotePacketsLost: number;
  remoteReports: number;
  remoteRttMs: number | null;
}

interface PairCounters {
  requestsSent: number;
  responsesReceived: number;
  rttMs: number | null;
}

/** Cumulative counters of both transports at one moment, keyed by direction-prefixed stats ids. */
export interface StatsSnapshot {
  /** ms, on the clock of `now` passed to {@link takeSnapshot}. */
  at: number;
  inbound: Map<string, InboundCounters>;
  outbound: Map<string, OutboundCounters>;
  pairs: Map<string, PairCounters>;
  bytesReceived: number;
  bytesSent: number;
  /** False when a transport had lost its connection (disconnected or failed) when the snapshot was taken. */
  connected: boolean;
}

/** One measurement window. Null means "not measured in this window" (too few packets to tell). */
export interface QoeSample {
  /** When the window ended, ms (Date.now()). */
  at: number;
  windowMs: number;
  rttMs: number | null;
  jitterMs: number | null;
  lossInPct: number | null;
  lossOutPct: number | null;
  /** Unanswered ICE connectivity checks, the only loss we can see while no media flows. */
  stunLossPct: number | null;
  kbpsIn: number;
  kbpsOut: number;
  freezes: number;
  freezeShare: number;
  concealPct: number | null;
  connected: boolean;
}

/** Fewer packets than this in a window say nothing about loss. */
const MIN_PACKETS = 10;
/** Fewer connectivity checks than this say nothing about loss either. */
const MIN_CHECKS = 3;
/** Less than 0.1 s of received audio says nothing about concealment. */
const MIN_AUDIO_SAMPLES = 4800;

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const optNum = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/**
 * Reads the counters out of each transport's stats report. `connectionStates` are the
 * transports' own (mediasoup-client `connectionState`), since not every browser reports ICE
 * state in its stats. A transport that has not connected yet is no drop: mediasoup-client
 * connects the receive transport only when there is something to receive.
 */
export function takeSnapshot(reports: Readonly<Record<string, Iterable<StatsEntry> | undefined>>, connectionStates: readonly string[], now: number): StatsSnapshot {
  const snapshot: StatsSnapshot = { at: now, inbound: new Map(), outbound: new Map(), pairs: new Map(), bytesReceived: 0, bytesSent: 0, connected: !connectionStates.some((s) => s === "disconnected" || s === "failed") };
  for (const [direction, report] of Object.entries(reports)) {
    if (!report) continue;
    const entries = [...report];
    const byId = new Map(entries.map((e) => [e.id, e]));
    const selectedPairs = new Set<string>();
    for (const e of entries) {
      if (e.type !== "transport") continue;
      snapshot.bytesReceived += num(e.bytesReceived);
      snapshot.bytesSent += num(e.bytesSent);
      if (typeof e.selectedCandidatePairId === "string") selectedPairs.add(e.selectedCandidatePairId);
    }
    for (const e of entries) {
      const key = `${direction}:${e.id}`;
      if (e.type === "inbound-rtp") {
        snapshot.inbound.set(key, {
          kind: String(e.kind ?? ""),
          packetsReceived: num(e.packetsReceived),
          packetsLost: num(e.packetsLost),
          jitter: num(e.jitter),
          concealedSamples: num(e.concealedSamples),
          silentConcealedSamples: num(e.silentConcealedSamples),
          totalSamplesReceived: num(e.totalSamplesReceived),
          freezeCount: num(e.freezeCount),
          totalFreezesDuration: num(e.totalFreezesDuration),
        });
      } else if (e.type === "outbound-rtp") {
        const remote = typeof e.remoteId === "string" ? byId.get(e.remoteId) : undefined;
        const rtt = optNum(remote?.roundTripTime);
        snapshot.outbound.set(key, {
          packetsSent: num(e.packetsSent),
          remotePacketsLost: num(remote?.packetsLost),
          remoteReports: num(remote?.reportsReceived ?? remote?.roundTripTimeMeasurements),
          remoteRttMs: rtt === null ? null : rtt * 1000,
        });
      } else if (e.type === "candidate-pair") {
        // The pair in use: the one the transport names, else a nominated pair that works.
        const inUse = selectedPairs.size > 0 ? selectedPairs.has(e.id) : e.nominated === true && e.state === "succeeded";
        if (!inUse) continue;
        const rtt = optNum(e.currentRoundTripTime);
        snapshot.pairs.set(key, { requestsSent: num(e.requestsSent), responsesReceived: num(e.responsesReceived), rttMs: rtt === null ? null : rtt * 1000 });
      }
    }
  }
  return snapshot;
}

const grew = (now: number, before: number | undefined): number => Math.max(0, now - (before ?? 0));

/**
 * The window between two snapshots. `long` is an older snapshot (~8 s back) for what the
 * browser learns only now and then: the SFU's receiver reports arrive every few seconds and
 * connectivity checks every 2.5 s, so a 2 s window alone would mostly see nothing.
 */
export function sampleBetween(prev: StatsSnapshot, curr: StatsSnapshot, long: StatsSnapshot = prev, wallClock = Date.now()): QoeSample {
  const windowMs = Math.max(1, curr.at - prev.at);

  let received = 0;
  let lost = 0;
  let jitter: number | null = null;
  let concealed = 0;
  let audioSamples = 0;
  let freezes = 0;
  let freezeShare = 0;
  for (const [id, c] of curr.inbound) {
    const p = prev.inbound.get(id);
    const got = grew(c.packetsReceived, p?.packetsReceived);
    if (got === 0) continue; // paused or silent: says nothing about this window
    received += got;
    lost += grew(c.packetsLost, p?.packetsLost);
    if (c.kind === "audio") {
      jitter = Math.max(jitter ?? 0, c.jitter * 1000);
      const total = grew(c.totalSamplesReceived, p?.totalSamplesReceived);
      // Silence the decoder filled in (DTX, a paused speaker) is not lost speech.
      const hidden = grew(c.concealedSamples, p?.concealedSamples) - grew(c.silentConcealedSamples, p?.silentConcealedSamples);
      audioSamples += total;
      concealed += Math.max(0, Math.min(total, hidden));
    } else if (c.kind === "video") {
      freezes += grew(c.freezeCount, p?.freezeCount);
      freezeShare = Math.max(freezeShare, Math.min(1, (grew(c.totalFreezesDuration, p?.totalFreezesDuration) * 1000) / windowMs));
    }
  }

  let sent = 0;
  let remoteLost = 0;
  let reports = 0;
  let remoteRtt: number | null = null;
  for (const [id, c] of curr.outbound) {
    const p = long.outbound.get(id);
    sent += grew(c.packetsSent, p?.packetsSent);
    remoteLost += grew(c.remotePacketsLost, p?.remotePacketsLost);
    reports += grew(c.remoteReports, p?.remoteReports);
    if (c.remoteRttMs !== null) remoteRtt = Math.max(remoteRtt ?? 0, c.remoteRttMs);
  }

  let checks = 0;
  let answers = 0;
  let pairRtt: number | null = null;
  for (const [id, c] of curr.pairs) {
    const p = long.pairs.get(id);
    checks += grew(c.requestsSent, p?.requestsSent);
    answers += grew(c.responsesReceived, p?.responsesReceived);
    if (c.rttMs !== null) pairRtt = Math.max(pairRtt ?? 0, c.rttMs);
  }

  const pctOf = (part: number, whole: number) => Math.min(100, (100 * part) / whole);
  return {
    at: wallClock,
    windowMs,
    rttMs: pairRtt ?? remoteRtt,
    jitterMs: jitter,
    lossInPct: received + lost >= MIN_PACKETS ? pctOf(lost, received + lost) : null,
    // Without a fresh receiver report in the long window we know nothing of the way out.
    lossOutPct: reports > 0 && sent >= MIN_PACKETS ? pctOf(remoteLost, sent) : null,
    stunLossPct: checks >= MIN_CHECKS ? pctOf(Math.max(0, checks - answers), checks) : null,
    kbpsIn: (grew(curr.bytesReceived, prev.bytesReceived) * 8) / windowMs,
    kbpsOut: (grew(curr.bytesSent, prev.bytesSent) * 8) / windowMs,
    freezes,
    freezeShare,
    concealPct: audioSamples >= MIN_AUDIO_SAMPLES ? pctOf(concealed, audioSamples) : null,
    connected: curr.connected && prev.connected,
  };
}

/**
 * Rates a window. Media loss is the evidence when media flows; only when neither direction
 * carried enough packets (everything paused on the text-only rung) do unanswered
 * connectivity checks stand in for it.
 */
export function rateSample(sample: QoeSample): QualityRating {
  const mediaLoss = worseOf(sample.lossInPct, sample.lossOutPct);
  return rateQuality({
    rttMs: sample.rttMs,
    jitterMs: sample.jitterMs,
    lossPct: mediaLoss ?? sample.stunLossPct,
    concealPct: sample.concealPct,
    freezeShare: sample.freezes > 0 || sample.freezeShare > 0 ? sample.freezeShare : null,
    connected: sample.connected,
  });
}
