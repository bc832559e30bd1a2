import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { Client, type Room } from "@colyseus/sdk";
import { decodePosePacket, POSES_MESSAGE, type HallState } from "../game-server/protocol/index.ts";
import { moveWithinScene, nearestWalkable } from "../scenes/collision.ts";
import type { Scene } from "../scenes/scene-format.ts";
import type { Benchmark, BenchOptions, BenchResult, Row } from "./benchmark.ts";
import { CpuWindow } from "./process-cpu.ts";
import { mean, percentile } from "./sample-stats.ts";
import { seededRandom } from "../avatars/seed-hash.ts";

/**
 * Presence at scale: N simulated visitors — real Colyseus SDK clients over WebSockets — walk
 * about the demo hall, each sending moves at 15 Hz like the browser does. A handful of them
 * are observers: they decode every pose packet and time how long each of the walkers' moves
 * took to reach them (input → remote receive). Every client counts the bytes it is sent.
 * The same crowd runs against a server with interest management and one that sends
 * everyone to everyone, in the same run.
 */

const MOVE_HZ = 15;
const WALK_SPEED = 2.8;
const OBSERVERS = 8;
/** The crowd's moves are spread over this many sub-ticks of each 15 Hz period. */
const SLICES = 4;

interface Walker {
  room: Room<unknown, HallState>;
  bytes: number;
  pose: { x: number; z: number; ry: number };
  target: { x: number; z: number };
  /** Positions we sent (quantised to the packet's centimetres) → when. */
  sent: Map<string, number>;
  /** Whether we know where the server placed us. */
  placed: boolean;
}

interface RunResult {
  policy: string;
  visitors: number;
  latencies: number[];
  bytesPerClientPerSecond: number[];
  serverCpu: number;
  loadCpu: number;
}

const key = (x: number, z: number) => `${Math.round(x * 100)},${Math.round(z * 100)}`;

async function startServer(policy: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ["bench/presence-server.ts"], { env: { ...process.env, ATRIUM_INTEREST: policy }, stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("bench server did not start in 60 s")), 60_000);
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("ready ")) return;
      clearTimeout(timer);
      resolve(line.slice(6).trim());
    });
    child.once("exit", (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { url, child };
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill("SIGKILL");
}

/** Joins and, in the same tick, lets the caller attach its handlers, so no early message is missed. */
async function join(url: string, name: string, attach: (room: Room<unknown, HallState>) => void): Promise<void> {
  const response = await fetch(`${url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
  const { token } = (await response.json()) as { token: string };
  attach(await new Client(url).joinOrCreate<HallState>("hall", { hallId: "demo", token }));
}

async function runCrowd(policy: string, visitors: number, scene: Scene, options: BenchOptions): Promise<RunResult> {
  const { url, child } = await startServer(policy);
  const walkers: Walker[] = [];
  const latencies: number[] = [];
  const random = seededRandom(visitors * 7 + 1);
  const waypoint = () => nearestWalkable(scene, { x: scene.bounds.minX + random() * (scene.bounds.maxX - scene.bounds.minX), z: scene.bounds.minZ + random() * (scene.bounds.maxZ - scene.bounds.minZ) });
  let measuring = false;
  // The state tells each visitor's number; observers look walkers up by it.
  const walkersByNumber = new Map<number, Walker>();
  try {
    for (let i = 0; i < visitors; i += 20) {
      const attach = (room: Room<unknown, HallState>) => {
        const walker: Walker = { room, bytes: 0, pose: { x: scene.spawn.x, z: scene.spawn.z, ry: 0 }, target: waypoint(), sent: new Map(), placed: false };
        const deliver = room.connection.events.onmessage!;
        room.connection.events.onmessage = (event: MessageEvent) => {
          if (measuring) walker.bytes += (event.data as ArrayBuffer).byteLength;
          deliver(event);
        };
        const observer = walkers.length < OBSERVERS;
        room.onMessage(POSES_MESSAGE, (bytes: Uint8Array) => {
          if (!observer && walker.placed) return; // the others only count bytes: decoding 500 crowds would load the generator, not the server
          const now = performance.now();
          const ownNumber = room.state.visitors.get(room.sessionId)?.n;
          for (const p of decodePosePacket(bytes).poses) {
            if (p.n === ownNumber && !walker.placed) {
              walker.pose = { x: p.x, z: p.z, ry: p.ry };
              walker.placed = true;
            }
            if (!observer) continue;
            const subject = p.n === ownNumber ? undefined : walkersByNumber.get(p.n);
            const at = subject?.sent.get(key(p.x, p.z));
            if (measuring && at !== undefined) latencies.push(now - at);
          }
        });
        walkers.push(walker);
      };
      await Promise.all(Array.from({ length: Math.min(20, visitors - i) }, (_, j) => join(url, `v${i + j}`, attach)));
      options.log(`  ${policy}: ${walkers.length}/${visitors} in`);
    }
    const index = () => {
      const visitorsState = walkers[0]!.room.state.visitors;
      for (const w of walkers) {
        const n = visitorsState.get(w.room.sessionId)?.n;
        if (n !== undefined) walkersByNumber.set(n, w);
      }
    };
    await new Promise((r) => setTimeout(r, 1000));
    index();
    const step = WALK_SPEED / MOVE_HZ;
    // Real visitors are not in step with each other: each walker moves at 15 Hz, but the crowd
    // is spread over SLICES sub-ticks, so the server sees a steady stream, not 500 moves at once.
    let slice = 0;
    const tick = () => {
      slice = (slice + 1) % SLICES;
      for (let i = slice; i < walkers.length; i += SLICES) {
        const w = walkers[i]!;
        if (!w.placed) continue;
        const dx = w.target.x - w.pose.x;
        const dz = w.target.z - w.pose.z;
        const d = Math.hypot(dx, dz);
        if (d < step) {
          w.target = waypoint();
          continue;
        }
        const next = moveWithinScene(scene, w.pose, { x: w.pose.x + (dx / d) * step, z: w.pose.z + (dz / d) * step });
        if (next.x === w.pose.x && next.z === w.pose.z) {
          w.target = waypoint(); // stuck against something: pick another goal
          continue;
        }
        w.pose = { x: next.x, z: next.z, ry: Math.atan2(dx, dz) };
        w.sent.set(key(next.x, next.z), performance.now()); // per walker: sending the whole slice takes a while
        if (w.sent.size > 64) w.sent.delete(w.sent.keys().next().value!);
        w.room.send("move", w.pose);
      }
    };
    const timer = setInterval(tick, 1000 / MOVE_HZ / SLICES);
    const warmMs = options.quick ? 2000 : 3000;
    const windowMs = options.quick ? 4000 : 8000;
    await new Promise((r) => setTimeout(r, warmMs));
    index();
    const cpu = new CpuWindow({ server: child.pid!, load: process.pid });
    cpu.begin();
    const started = performance.now();
    measuring = true;
    await new Promise((r) => setTimeout(r, windowMs));
    measuring = false;
    const seconds = (performance.now() - started) / 1000;
    const usage = cpu.end();
    clearInterval(timer);
    return {
      policy,
      visitors,
      latencies,
      bytesPerClientPerSecond: walkers.map((w) => w.bytes / seconds),
      serverCpu: usage.server!,
      loadCpu: usage.load!,
    };
  } finally {
    await Promise.allSettled(walkers.map((w) => w.room.leave(true)));
    await stopServer(child);
  }
}

const presence: Benchmark = {
  name: "presence",
  description: "N SDK clients walking in one hall (50/200/500): move latency, bytes per client, server CPU, with vs without interest management",
  async run(options): Promise<BenchResult> {
    const { builtInScenes, getBuiltInScene } = await import("../scenes/catalog.ts");
    const scene = getBuiltInScene("nova-electronics") ?? [...builtInScenes.values()][0]!;
    const sizes = options.quick ? [50, 200] : [50, 200, 500];
    const results: RunResult[] = [];
    for (const visitors of sizes) {
      for (const policy of ["managed", "everyone"]) {
        options.log(`presence: ${visitors} visitors, interest ${policy}`);
        results.push(await runCrowd(policy, visitors, scene, options));
      }
    }
    const rows: Row[] = results.map((r) => ({
      visitors: r.visitors,
      interest: r.policy,
      "latency p50 ms": percentile(r.latencies, 50),
      "latency p99 ms": percentile(r.latencies, 99),
      samples: r.latencies.length,
      "KB/s per client (mean)": mean(r.bytesPerClientPerSecond) / 1024,
      "KB/s per client (p95)": percentile(r.bytesPerClientPerSecond, 95) / 1024,
      "server CPU %": r.serverCpu,
      "load generator CPU %": r.loadCpu,
    }));
    const ratios: Row[] = sizes.map((visitors) => {
      const managed = results.find((r) => r.visitors === visitors && r.policy === "managed")!;
      const everyone = results.find((r) => r.visitors === visitors && r.policy === "everyone")!;
      return {
        visitors,
        "bytes managed / everyone": mean(managed.bytesPerClientPerSecond) / Math.max(1, mean(everyone.bytesPerClientPerSecond)),
        "p99 managed / everyone": percentile(managed.latencies, 99) / Math.max(1e-9, percentile(everyone.latencies, 99)),
        "server CPU managed / everyone": managed.serverCpu / Math.max(1e-9, everyone.serverCpu),
      };
    });
    const largest = results.find((r) => r.visitors === sizes.at(-1) && r.policy === "managed")!;
    const p99 = percentile(largest.latencies, 99);
    const kbs = mean(largest.bytesPerClientPerSecond) / 1024;
    return {
      tables: [
        { title: "Presence: visitors walking in one hall", rows },
        { title: "Interest management vs everyone-to-everyone (same run)", rows: ratios },
      ],
      summary: { visitors: largest.visitors, p99Ms: p99, kbPerClientPerSecond: kbs, serverCpu: largest.serverCpu, bytesRatio: ratios.at(-1)!["bytes managed / everyone"] ?? null },
      goals: [
        { target: `${largest.visitors} visitors in one hall process, move p99 < 100 ms`, measured: `p99 ${p99.toFixed(1)} ms`, met: p99 < 100 },
        { target: "≤ 10 KB/s downstream per client", measured: `${kbs.toFixed(2)} KB/s`, met: kbs <= 10 },
      ],
      notes: [
        "Server and load generator share this machine's cores; the load generator's CPU is shown so a saturated generator is visible.",
        "Latency is measured by observer clients on moves they were sent, from the mover's send to the observer's receive, on one clock; it includes the wait for the server's next 20 Hz pose tick (0–50 ms).",
        `Walkers move at ${MOVE_HZ} Hz each, spread over ${SLICES} sub-ticks (real visitors are not in step); all clients live in one load-generator process, whose own event-loop delay is part of the measured latency.`,
        options.quick ? "Quick run: 500 visitors skipped." : "",
      ].filter(Boolean),
    };
  },
};

export default presence;
