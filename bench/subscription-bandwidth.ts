import type { types } from "mediasoup";
import { audibleSpeakers, canHear } from "../game-server/hall/hearing.ts";
import { Limits } from "../game-server/protocol/limits.ts";
import { builtInScenes } from "../scenes/catalog.ts";
import type { Scene } from "../scenes/scene-format.ts";
import type { BenchOptions, BenchResult, Benchmark, Goal, Row } from "./benchmark.ts";
import { withDeadline } from "./deadline.ts";
import { placeCrowd, type CrowdVisitor } from "./hall-crowd.ts";
import { CpuWindow } from "./process-cpu.ts";
import { measureBurst, type BurstMeasurement } from "./traffic-burst.ts";
import { RtpSender } from "./rtp/rtp-sender.ts";
import { RtpSinks } from "./rtp/rtp-sinks.ts";
import { conversationalTalk } from "./rtp/talk-pattern.ts";
import { mean, percentile } from "./sample-stats.ts";
import { seededRandom } from "../avatars/seed-hash.ts";
import { SfuRig } from "./sfu-rig.ts";

const VISITORS = 50;
/** Fixed so that every run measures the same crowd and the same conversation. */
const CROWD_SEED = 4;
const TALK = conversationalTalk;
const PACKETS_PER_SECOND = 50;
const PAYLOAD_BYTES = 80;
/** WebRTC media is always SRTP; the auth tag is part of what a client downloads. */
const SRTP = true;
const GOAL_RATIO = 1 / 5;
/** Radii for the model table (no media): what the hearing rule would give at other settings. */
const MODEL_RADII = [4, 6, 8, 10, Limits.hearingRadius, 16];

/** Bursts last whole talk cycles, so every burst carries the same traffic. */
const plans = {
  full: { burstSeconds: 3 * TALK.periodSeconds },
  quick: { burstSeconds: TALK.periodSeconds },
};
/** Reconfiguring 2450 consumers takes well under a second on an idle worker. */
const RECONFIGURE_LIMIT_SECONDS = 30;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

type Flows = (listener: number, speaker: number) => boolean;

/** audible[l][s]: listener l may hear speaker s under a plain radius rule (for the radius sweep). */
function hearingMatrix(crowd: readonly CrowdVisitor[], scene: Scene, radius: number): boolean[][] {
  return crowd.map((listener, l) => crowd.map((speaker, s) => s !== l && canHear(listener, speaker, scene.zones, radius)));
}

/** audible[l][s] under the product's rule: in earshot and among the listener's nearest `Limits.maxVoices`. */
function productMatrix(crowd: readonly CrowdVisitor[], scene: Scene): boolean[][] {
  return crowd.map((listener, l) => {
    const others = crowd.flatMap((c, s) => (s === l ? [] : [{ id: String(s), x: c.x, z: c.z }]));
    const voices = audibleSpeakers(listener, others, scene.zones, Limits.hearingRadius, Limits.maxVoices);
    return crowd.map((_, s) => voices.has(String(s)));
  });
}

interface SceneRun {
  scene: Scene;
  crowd: CrowdVisitor[];
  row: Row;
}

/**
 * One router, 50 visitors each producing a voice and consuming everyone else's (2450
 * consumers). Measured once with every consumer flowing, then, for each built-in scene
 * (read from the catalog now, so edited halls are measured as they are), with the consumers
 * the product's hearing rule rules out paused in the SFU.
 */
async function run({ quick, log }: BenchOptions): Promise<BenchResult> {
  const plan = quick ? plans.quick : plans.full;
  const scenes = [...builtInScenes.values()];
  if (scenes.length === 0) throw new Error("the scene catalog is empty");

  const rig = await SfuRig.start();
  const sinks = RtpSinks.start();
  let sender: RtpSender | undefined;
  try {
    log(`${VISITORS} visitors: ${VISITORS} producers, ${VISITORS * (VISITORS - 1)} consumers`);
    const producers = [];
    for (let i = 0; i < VISITORS; i++) producers.push(await rig.addProducer(0x2000 + i));
    const ports = await sinks.open(VISITORS);
    // consumers[l][s]: what listener l receives of speaker s; created paused, as the product does.
    const consumers: (types.Consumer | undefined)[][] = [];
    for (let l = 0; l < VISITORS; l++) {
      const listener = await rig.addListener(ports[l]!, SRTP);
      const row: (types.Consumer | undefined)[] = [];
      for (let s = 0; s < VISITORS; s++) row.push(s === l ? undefined : await rig.consume(listener, producers[s]!, true));
      consumers.push(row);
      if ((l + 1) % 25 === 0) log(`listeners set up: ${l + 1}`);
    }
    const phase = seededRandom(CROWD_SEED + 1);
    sender = await RtpSender.start({
      streams: producers.map(({ ssrc, payloadType, port }) => ({ ssrc, payloadType, port, talkPhaseMs: phase() * TALK.periodSeconds * 1000 })),
      packetsPerSecond: PACKETS_PER_SECOND,
      payloadBytes: PAYLOAD_BYTES,
      clockRate: rig.opusClockRate,
      talk: TALK,
    });
    const cpu = new CpuWindow({ worker: rig.worker.pid, sender: sender.pid, sinks: sinks.pid, bench: process.pid });

    /** Resumes or pauses consumers to match `flows`, server-side, as MediaRoom.setAudible does. */
    const apply = async (flows: Flows) => {
      const changes: Promise<void>[] = [];
      consumers.forEach((row, l) =>
        row.forEach((consumer, s) => {
          if (!consumer) return;
          const wanted = flows(l, s);
          if (wanted && consumer.paused) changes.push(consumer.resume());
          if (!wanted && !consumer.paused) changes.push(consumer.pause());
        }),
      );
      await Promise.all(changes);
    };
    const measure = async (mode: string, flows: Flows): Promise<Row> => {
      await withDeadline(apply(flows), RECONFIGURE_LIMIT_SECONDS, `${mode}: pausing and resuming consumers`);
      log(`${mode}: ${plan.burstSeconds} s of traffic`);
      const fanOut = (sent: readonly number[]) => sent.reduce((sum, n, s) => sum + n * consumers.filter((_, l) => l !== s && flows(l, s)).length, 0);
      return toRow(mode, await measureBurst(sender!, sinks, cpu, plan.burstSeconds, fanOut), flows);
    };

    const allToAll = await measure("all-to-all", (l, s) => l !== s);
    const runs: SceneRun[] = [];
    for (const scene of scenes) {
      const crowd = placeCrowd(scene, VISITORS, CROWD_SEED);
      const audible = productMatrix(crowd, scene);
      runs.push({ scene, crowd, row: await measure(`hearing: ${scene.id}`, (l, s) => audible[l]![s]!) });
    }
    return summarise(allToAll, runs);
  } finally {
    // Every helper is stopped and the worker closed even when one of them fails to stop.
    await Promise.allSettled([sender?.stop(), sinks.stop()]);
    rig.close();
  }
}

function toRow(mode: string, w: BurstMeasurement, flows: Flows): Row {
  const n = w.receivedBytes.length;
  const heard = Array.from({ length: n }, (_, l) => Array.from({ length: n }, (_, s) => s).filter((s) => flows(l, s)));
  const kbps = w.receivedBytes.map((bytes) => (bytes * 8) / w.trafficSeconds / 1000);
  return {
    mode,
    "consumers flowing": heard.reduce((a, h) => a + h.length, 0),
    "in pkt/s": round(w.sent.reduce((a, b) => a + b, 0) / w.trafficSeconds, 0),
    "streams/client": round(mean(heard.map((h) => h.length))),
    "mean kbit/s": round(mean(kbps)),
    "p50 kbit/s": round(percentile(kbps, 50)),
    "p95 kbit/s": round(percentile(kbps, 95)),
    "max kbit/s": round(Math.max(...kbps)),
    "loss %": round(w.lossPercent, 2),
    "drain s": round(w.drainSeconds),
    "worker CPU %": round(w.cpuPercent.worker ?? 0),
    "sinks CPU %": round(w.cpuPercent.sinks ?? 0),
  };
}

function describeCrowd(crowd: readonly CrowdVisitor[]): string {
  const counts = new Map<string, number>();
  for (const v of crowd) counts.set(v.role, (counts.get(v.role) ?? 0) + 1);
  return [...counts].map(([role, n]) => `${n} ${role}`).join(", ");
}

function summarise(allToAll: Row, runs: readonly SceneRun[]): BenchResult {
  const summary: Record<string, string | number> = { "all-to-all mean kbit/s": Number(allToAll["mean kbit/s"]) };
  const goals: Goal[] = [];
  const model: Row[] = [];
  for (const { scene, crowd, row } of runs) {
    const ratioMean = Number(row["mean kbit/s"]) / Number(allToAll["mean kbit/s"]);
    const ratioP95 = Number(row["p95 kbit/s"]) / Number(allToAll["p95 kbit/s"]);
    row["ratio (mean)"] = round(ratioMean, 3);
    summary[`${scene.id}: hearing mean kbit/s`] = Number(row["mean kbit/s"]);
    summary[`${scene.id}: ratio (mean)`] = round(ratioMean, 3);
    summary[`${scene.id}: ratio (p95)`] = round(ratioP95, 3);
    summary[`${scene.id}: crowd`] = describeCrowd(crowd);
    goals.push({
      target: `${scene.id}: downstream per client with hearing-based subscription ≤ 1/5 of all-to-all (mean)`,
      measured: `ratio ${round(ratioMean, 3)} (p95 ${round(ratioP95, 3)}); ${row["streams/client"]} of ${crowd.length - 1} voices reach a client on average`,
      met: ratioMean <= GOAL_RATIO,
    });
    const pairs = crowd.length * (crowd.length - 1);
    for (const radius of MODEL_RADII) {
      const heard = hearingMatrix(crowd, scene, radius).map((r) => r.filter(Boolean).length);
      model.push({
        scene: scene.id,
        "radius m": radius,
        "in product": radius === Limits.hearingRadius,
        "streams/client mean": round(mean(heard)),
        "streams/client p95": percentile(heard, 95),
        "share of all-to-all": round(heard.reduce((a, b) => a + b, 0) / pairs, 3),
      });
    }
  }
  allToAll["ratio (mean)"] = 1;
  const sizes = runs.map(({ scene: s }) => `${s.id} ${s.bounds.maxX - s.bounds.minX} × ${s.bounds.maxZ - s.bounds.minZ} m`).join(", ");
  return {
    tables: [
      { title: `Downstream audio per client, ${VISITORS} visitors in conversation, measured at the sinks (${sizes})`, rows: [allToAll, ...runs.map((r) => r.row)] },
      { title: "The hearing rule at other radii for the same crowds (pairs counted, no media)", rows: model },
    ],
    summary,
    goals,
    notes: [
      `Visitors converse: each voice talks ${TALK.talkSeconds} s of every ${TALK.periodSeconds} s (${PACKETS_PER_SECOND} pkt/s, ${PAYLOAD_BYTES} B Opus-like payload) and sends a DTX packet every ${TALK.dtxIntervalSeconds * 1000} ms in between, at its own phase; windows are whole cycles, so both modes see identical traffic. Were everyone talking at once, the kbit/s would be about 2.4× higher and the ratio the same.`,
      "Bytes are RTP as received (header, header extensions, payload, SRTP tag); IP and UDP headers (28 B per packet) are not included.",
      `Each crowd (fixed seed) is placed from its scene: two people per private room, a presenter on each stage (heard hall-wide), an agent and a customer per agent desk, the rest at booths, reception and entrance, a quarter walking. The ratio depends on it and on the hall's size against the ${Limits.hearingRadius} m radius.`,
    ],
  };
}

const benchmark: Benchmark = {
  name: "subscription-bandwidth",
  description: "Downstream audio per client, 50 visitors per built-in hall: hearing-based subscription vs all-to-all",
  run,
};
export default benchmark;
