import { version as mediasoupVersion } from "mediasoup";
import type { BenchOptions, BenchResult, Benchmark, Goal, Row } from "./benchmark.ts";
import { CpuWindow } from "./process-cpu.ts";
import { measureBurst } from "./traffic-burst.ts";
import { RtpSender } from "./rtp/rtp-sender.ts";
import { RtpSinks } from "./rtp/rtp-sinks.ts";
import { SfuRig, type RigListener, type RigProducer } from "./sfu-rig.ts";

/** Voices being forwarded at once; each listener consumes all of them, like a lively corner of a hall. */
const PRODUCERS = 20;
const PACKETS_PER_SECOND = 50;
const PAYLOAD_BYTES = 80;

const GOAL_CONSUMERS = 500;
const GOAL_CPU_PERCENT = 80;
/** A step whose loss exceeds this was starved, not carried. */
const MAX_LOSS_PERCENT = 1;

const plans = {
  full: { steps: [100, 250, 500, 750, 1000], burstSeconds: 8, plainRtpAt: 500 as number | undefined },
  quick: { steps: [100, 500], burstSeconds: 3, plainRtpAt: undefined },
};

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function run({ quick, log }: BenchOptions): Promise<BenchResult> {
  const plan = quick ? plans.quick : plans.full;
  const rig = await SfuRig.start();
  const sinks = RtpSinks.start();
  let sender: RtpSender | undefined;
  try {
    const producers: RigProducer[] = [];
    for (let i = 0; i < PRODUCERS; i++) producers.push(await rig.addProducer(0x1000 + i));
    sender = await RtpSender.start({
      streams: producers.map(({ ssrc, payloadType, port }) => ({ ssrc, payloadType, port })),
      packetsPerSecond: PACKETS_PER_SECOND,
      payloadBytes: PAYLOAD_BYTES,
      clockRate: rig.opusClockRate,
    });
    const cpu = new CpuWindow({ worker: rig.worker.pid, sender: sender.pid, sinks: sinks.pid, bench: process.pid });

    const listeners: RigListener[] = [];
    const consumersOf = producers.map(() => 0);
    const consumerCount = () => consumersOf.reduce((a, b) => a + b, 0);
    /** Adds listeners, each consuming up to every producer, until `target` consumers exist. */
    const growTo = async (target: number, srtp: boolean) => {
      while (consumerCount() < target) {
        const [port] = await sinks.open(1);
        const listener = await rig.addListener(port!, srtp);
        listeners.push(listener);
        const take = Math.min(producers.length, target - consumerCount());
        for (let j = 0; j < take; j++) {
          await rig.consume(listener, producers[j]!, false);
          consumersOf[j]! += 1;
        }
      }
    };
    const dropListeners = () => {
      for (const l of listeners.splice(0)) l.transport.close();
      consumersOf.fill(0);
    };

    const rows: Row[] = [];
    const measureStep = async (target: number, srtp: boolean) => {
      await growTo(target, srtp);
      log(`${target} consumers${srtp ? "" : " (plain RTP)"}: ${plan.burstSeconds} s of traffic`);
      const w = await measureBurst(sender!, sinks, cpu, plan.burstSeconds, (sent) => sent.reduce((sum, n, j) => sum + n * (consumersOf[j] ?? 0), 0));
      const received = w.receivedPackets.reduce((a, b) => a + b, 0);
      const forwardedPerSecond = received / w.trafficSeconds;
      const workerCpu = w.cpuPercent.worker ?? 0;
      rows.push({
        consumers: consumerCount(),
        listeners: listeners.length,
        srtp,
        "in pkt/s": round(w.sent.reduce((a, b) => a + b, 0) / w.trafficSeconds, 0),
        "forwarded pkt/s": round(forwardedPerSecond, 0),
        "loss %": round(w.lossPercent, 2),
        "worker CPU %": round(workerCpu),
        "worker µs/pkt": round(forwardedPerSecond > 0 ? (workerCpu / 100) * 1e6 / forwardedPerSecond : 0, 2),
        "drain s": round(w.drainSeconds),
        "sender CPU %": round(w.cpuPercent.sender ?? 0),
        "sinks CPU %": round(w.cpuPercent.sinks ?? 0),
        "bench CPU %": round(w.cpuPercent.bench ?? 0),
      });
    };

    for (const step of plan.steps) await measureStep(step, true);
    if (plan.plainRtpAt !== undefined) {
      dropListeners();
      await measureStep(plan.plainRtpAt, false);
    }
    return summarise(rows);
  } finally {
    // Every helper is stopped and the worker closed even when one of them fails to stop.
    await Promise.allSettled([sender?.stop(), sinks.stop()]);
    rig.close();
  }
}

function summarise(rows: Row[]): BenchResult {
  const encrypted = rows.filter((r) => r.srtp === true);
  const carried = (r: Row) => Number(r["worker CPU %"]) < GOAL_CPU_PERCENT && Number(r["loss %"]) <= MAX_LOSS_PERCENT;
  const atGoal = encrypted.find((r) => Number(r.consumers) >= GOAL_CONSUMERS);
  const largestCarried = encrypted.filter(carried).at(-1);
  const largest = encrypted.at(-1);
  // Forwarding cost is close to linear in packets, so the largest step's cost per packet
  // estimates where a worker would reach the goal's CPU ceiling.
  const usPerPacket = Number(largest?.["worker µs/pkt"] ?? 0);
  const estimate = usPerPacket > 0 ? Math.floor((GOAL_CPU_PERCENT / 100) * 1e6 / usPerPacket / PACKETS_PER_SECOND) : null;
  const goals: Goal[] = [
    {
      target: `≥ ${GOAL_CONSUMERS} audio consumers per worker at < ${GOAL_CPU_PERCENT} % of one core (loss ≤ ${MAX_LOSS_PERCENT} %)`,
      measured: atGoal
        ? `${atGoal.consumers} consumers: worker ${atGoal["worker CPU %"]} % of a core, loss ${atGoal["loss %"]} %; est. ${estimate ?? "?"} consumers at ${GOAL_CPU_PERCENT} %`
        : "no step reached the goal's consumer count",
      met: atGoal !== undefined && carried(atGoal),
    },
  ];
  return {
    tables: [{ title: `Audio forwarding through one mediasoup ${mediasoupVersion} worker (${PRODUCERS} producers × ${PACKETS_PER_SECOND} pkt/s, ${PAYLOAD_BYTES} B payload)`, rows }],
    summary: {
      mediasoup: mediasoupVersion,
      "largest step carried (consumers)": largestCarried?.consumers ?? null,
      "worker CPU % at largest step": largest?.["worker CPU %"] ?? null,
      "worker µs per forwarded packet": usPerPacket || null,
      "est. consumers at 80 % of a core": estimate,
    },
    goals,
    notes: [
      "Listener transports use SRTP (AEAD_AES_256_GCM), so the worker encrypts every forwarded packet as it does for browsers; the srtp=no row shows what encryption costs.",
      "Producers receive plain RTP (no SRTP decrypt, no ICE/DTLS): one decrypt per incoming packet is small next to one encrypt per consumer.",
      "Traffic comes in bursts, counted until every packet has arrived (or none has for a second). CPU % is CPU time per second of traffic carried, i.e. what the work costs in share of a core; drain s above ~0.1 means some process could not get that CPU in real time (a busy machine) and packets queued.",
      "Loss is counted at the sinks from RTP sequence numbers, so it includes drops in the kernel when the sink process waits for a core.",
      "Sender, sinks and this process share the machine's cores with the worker: on a 2-core machine they compete with it.",
    ],
  };
}

const benchmark: Benchmark = {
  name: "sfu-capacity",
  description: "Audio consumers one mediasoup worker carries: forwarded packets/s, loss and worker CPU as consumers grow",
  run,
};
export default benchmark;
