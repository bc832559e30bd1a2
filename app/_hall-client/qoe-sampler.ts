import { rateQuality, worseOf, type LinkReport, type QualityRating } from "../../game-server/protocol/qoe.ts";

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
  /** The stats' own timestamp, ms since the epoch (the clock sender reports are stamped with). */
  t: number;
  /** The SFU's latest sender report on this stream: when it arrived and how many packets it says were sent. */
  sr?: { at: number; sent: number; reports: number };
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
  /** The latest check's round trip, and the sum of all of them (seconds, as reported). */
  rttMs: number | null;
  totalRtt: number;
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
  /** Lost on the way in: from the inbound counters (end to end), or the SFU's hop-local view once `withLink` applied it. */
  lossInPct: number | null;
  /**
   * Lost on the way out: from the SFU's receiver reports until `withLink` puts in the SFU's
   * hop-by-hop view (for Opus with FEC those reports carry the worst listener's loss).
   */
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
        const remote = typeof e.remoteId === "string" ? byId.get(e.remoteId) : undefined;
        snapshot.inbound.set(key, {
          kind: String(e.kind ?? ""),
          t: num(e.timestamp),
          sr: remote && typeof remote.packetsSent === "number" ? { at: num(remote.timestamp), sent: remote.packetsSent, reports: num(remote.reportsSent) } : undefined,
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
        snapshot.pairs.set(key, { requestsSent: num(e.requestsSent), responsesReceived: num(e.responsesReceived), rttMs: rtt === null ? null : rtt * 1000, totalRtt: num(e.totalRoundTripTime) });
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
    const answered = grew(c.responsesReceived, p?.responsesReceived);
    checks += grew(c.requestsSent, p?.requestsSent);
    answers += answered;
    // The mean over the long window's checks: one check stalled by a busy page is not the network.
    const rtt = answered > 0 && c.totalRtt > 0 ? (grew(c.totalRtt, p?.totalRtt) * 1000) / answered : c.rttMs;
    if (rtt !== null) pairRtt = Math.max(pairRtt ?? 0, rtt);
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
 * Rates a window (see `rateQuality` for why only the page's own link counts). Media loss is
 * the evidence when media flows; only when neither direction carried enough packets
 * (everything paused on the text-only rung) do unanswered connectivity checks stand in.
 * Loss must be the hop-local view (`withLink`), not the counters' end-to-end one.
 */
export function rateSample(sample: QoeSample): QualityRating {
  const mediaLoss = worseOf(sample.lossInPct, sample.lossOutPct);
  return rateQuality({ rttMs: sample.rttMs, lossPct: mediaLoss ?? sample.stunLossPct, connected: sample.connected });
}

/**
 * The window with both ways measured hop by hop, on this page's own link: the way in from
 * {@link downlinkLossPct} (and the SFU's transport-wide feedback where it has some), the way
 * out from the SFU's `LinkReport` (null without a recent one: the receiver reports' figure
 * is not this link's).
 */
export function withLink(sample: QoeSample, downlinkPct: number | null, link: LinkReport | undefined): QoeSample {
  return { ...sample, lossInPct: worseOf(downlinkPct, link?.lossDownPct ?? null), lossOutPct: link?.lossUpPct ?? null };
}

/**
 * Loss on the SFU's way to this page only, over the snapshots given (oldest first). The
 * inbound counters cannot tell it: the SFU forwards a sender's packets with their sequence
 * gaps, so what a sender lost on its own uplink looks lost here too. The SFU's sender
 * reports say how many packets it actually sent on each stream, so between two reports the
 * page compares that with what arrived, its received count read at each report's arrival
 * (interpolated between snapshots).
 */
export function downlinkLossPct(history: readonly StatsSnapshot[]): number | null {
  let sent = 0;
  let arrived = 0;
  const newest = history.at(-1);
  if (!newest) return null;
  for (const id of newest.inbound.keys()) {
    // The report points this stream's snapshots saw, one per report, oldest first.
    const points: { at: number; sent: number }[] = [];
    for (const snap of history) {
      const sr = snap.inbound.get(id)?.sr;
      if (sr && sr.reports > 0 && !points.some((p) => p.at === sr.at)) points.push({ at: sr.at, sent: sr.sent });
    }
    const usable = points.map((p) => ({ ...p, received: receivedAt(history, id, p.at) })).filter((p) => p.received !== null);
    const first = usable[0];
    const last = usable.at(-1);
    if (!first || !last || last.sent - first.sent <= 0) continue;
    sent += last.sent - first.sent;
    arrived += Math.max(0, last.received! - first.received!);
  }
  return sent >= MIN_PACKETS ? Math.min(100, Math.max(0, (100 * (sent - arrived)) / sent)) : null;
}

/** A stream's received-packet count at time `at`, interpolated between the snapshots around it. */
function receivedAt(history: readonly StatsSnapshot[], id: string, at: number): number | null {
  let before: InboundCounters | undefined;
  for (const snap of history) {
    const c = snap.inbound.get(id);
    if (!c) continue;
    if (c.t <= at) before = c;
    else if (before) return before.packetsReceived + ((c.packetsReceived - before.packetsReceived) * (at - before.t)) / Math.max(1, c.t - before.t);
    else return null; // the report is older than anything we saw of the stream
  }
  return before ? before.packetsReceived : null;
}
