import { setTimeout as sleep } from "node:timers/promises";
import type { CpuWindow } from "./process-cpu.ts";
import type { RtpSender } from "./rtp/rtp-sender.ts";
import type { RtpSinks, SinkCounts } from "./rtp/rtp-sinks.ts";

/** What one burst of traffic did on its way through the SFU. */
export interface BurstMeasurement {
  /** Seconds of media the burst carried (its length in real time, were nothing late). */
  trafficSeconds: number;
  /**
   * How long after the sender's last packet the last one reached a sink (to within a poll,
   * 0.1 s): near 0 when everything kept up in real time, more when packets queued somewhere.
   */
  drainSeconds: number;
  /** Packets the sender sent, per stream. */
  sent: number[];
  /** RTP packets and bytes received, per sink socket. */
  receivedPackets: number[];
  receivedBytes: number[];
  /** Packets lost on the way to the sinks, in percent, from RTP sequence numbers. */
  lossPercent: number;
  /** CPU used per second of traffic, in percent of one core, per measured process. */
  cpuPercent: Record<string, number>;
}

/**
 * The sinks count as quiet when nothing more arrived over this long. Long enough to outlast
 * a process waiting for a core on a busy machine, so a stall is not taken for the end.
 */
const QUIET_MS = 1000;
const POLL_MS = 100;
/** Beyond this the sinks are not catching up at all. */
const MAX_DRAIN_SECONDS = 20;

/** Share of sequence numbers that went by without a packet; 0 when nothing was due. */
export function lossPercent(span: number, received: number): number {
  return span > 0 ? Math.max(0, (1 - received / span) * 100) : 0;
}

const minus = (after: readonly number[], before: readonly number[]) => after.map((v, i) => v - (before[i] ?? 0));
const total = (counts: SinkCounts) => counts.packets.reduce((a, b) => a + b, 0);

/**
 * Waits until the sinks hold `target` RTP packets, or (some were lost) until none has
 * arrived for QUIET_MS; answers their counts and when they last moved.
 */
async function quiet(sinks: RtpSinks, target = Infinity): Promise<{ counts: SinkCounts; lastArrivalAt: number }> {
  const deadline = performance.now() + MAX_DRAIN_SECONDS * 1000;
  let counts = await sinks.count();
  let lastArrivalAt = performance.now();
  while (total(counts) < target && performance.now() - lastArrivalAt < QUIET_MS) {
    if (performance.now() > deadline) throw new Error(`the sinks were still receiving ${MAX_DRAIN_SECONDS} s after the sender stopped`);
    await sleep(POLL_MS);
    const now = await sinks.count();
    if (total(now) !== total(counts)) lastArrivalAt = performance.now();
    counts = now;
  }
  return { counts, lastArrivalAt };
}

/**
 * Sends `seconds` of traffic and counts it at both ends, starting and ending in silence.
 * Counting whole bursts rather than a slice of steady traffic makes the numbers independent
 * of how far behind a process runs on a busy machine: every packet sent is either counted
 * or lost (and then seen missing in the sequence numbers), and CPU is per second of traffic
 * carried, not per second of wall time.
 */
export async function measureBurst(
  sender: RtpSender,
  sinks: RtpSinks,
  cpu: CpuWindow,
  seconds: number,
  /** How many RTP packets the sinks should get for what each stream sent (its fan-out). */
  expected: (sentPerStream: readonly number[]) => number,
): Promise<BurstMeasurement> {
  // The previous burst was drained (or its stragglers given up on), so nothing is in flight.
  const before = await sinks.count();
  const sent0 = await sender.count();
  cpu.begin();
  await sender.burst(seconds);
  const sentAt = performance.now();
  const sent = minus(await sender.count(), sent0);
  const { counts: after, lastArrivalAt } = await quiet(sinks, total(before) + expected(sent));
  const cpuSeconds = cpu.endSeconds();
  return {
    trafficSeconds: seconds,
    drainSeconds: Math.max(0, (lastArrivalAt - sentAt) / 1000),
    sent,
    receivedPackets: minus(after.packets, before.packets),
    receivedBytes: minus(after.bytes, before.bytes),
    lossPercent: lossPercent(after.sequenceSpan - before.sequenceSpan, after.sequenceReceived - before.sequenceReceived),
    cpuPercent: Object.fromEntries(Object.entries(cpuSeconds).map(([name, s]) => [name, (s / seconds) * 100])),
  };
}
