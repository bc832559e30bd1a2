import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pack } from "msgpackr";
import type { BoardChanged, BoardElement, BoardOpsReply, BoardSnapshot, BoardStrokeView } from "../game-server/protocol/board.ts";
import { startChildServer, type ChildServer } from "../test-support/child-server.ts";
import { enterHallAs, type Visit } from "../test-support/hall-visit.ts";
import type { Benchmark, BenchResult, Row } from "./benchmark.ts";
import { CpuWindow } from "./process-cpu.ts";
import { mean, percentile } from "./sample-stats.ts";

/**
 * Whiteboards under load, on loopback, against a real server in its own process (Colyseus,
 * SQLite with synchronous=FULL: every op is on disk before it is acknowledged):
 *
 * 1. Op latency with 20 people drawing at once (SDK clients on one board): each sends 5 finished
 *    elements a second (puts: stored, then fanned out), 20 stroke messages a second (points of the
 *    stroke being drawn: relayed, not stored) and 10 cursor moves a second. Measured: put → its
 *    acknowledgement, put → the other 19 receive it, stroke → the others receive it; the server's
 *    CPU per put. Baseline in the same run: one person drawing alone.
 * 2. A late joiner on a board of 10,000 elements: open → whole board received and decoded (SDK).
 * 3. Reconnect catch-up: after 100 more changes, what `since` sends vs the whole board again
 *    (msgpack bytes of the reply, as Colyseus frames it).
 * 4. Bytes per stroke: a 120-point freehand stroke sent as it is drawn (12 stroke messages, then
 *    one put) vs resending the whole growing element each time (what a naive sync does).
 */

const BOARD = "surface:support";
const base = { version: 1, versionNonce: 1, isDeleted: false, angle: 0, strokeColor: "#1e1e1e", backgroundColor: "transparent", strokeWidth: 2, opacity: 100, seed: 1, roughness: 1, fillStyle: "solid", strokeStyle: "solid", groupIds: [], frameId: null, roundness: null, boundElements: null, link: null, locked: false };
const rect = (id: string, i: number): BoardElement => ({ ...base, id, type: "rectangle", x: (i % 100) * 30, y: Math.floor(i / 100) * 30, width: 24, height: 24 }) as BoardElement;
const stroke = (id: string, points: [number, number][]): BoardElement => ({ ...base, id, type: "freedraw", x: 100, y: 100, width: 200, height: 80, points, pressures: [], simulatePressure: true }) as BoardElement;

interface Drawer {
  visit: Visit;
  index: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ms = (values: number[], p: number) => (values.length ? percentile(values, p) : null);

async function enter(url: string, name: string): Promise<Visit> {
  const visit = await enterHallAs(url, name);
  for (const type of ["board:left", "board:cursor", "board:meta"]) visit.onMessage(type, () => undefined);
  await visit.request("board:open", { boardId: BOARD });
  return visit;
}

/** `people` draw for `seconds`; returns the latencies seen and how many puts the server took. */
async function drawTogether(people: Drawer[], seconds: number, tag: string): Promise<{ ack: number[]; fanout: number[]; strokeFanout: number[]; puts: number }> {
  const sentAt = new Map<string, number>();
  const strokeSentAt = new Map<string, number>();
  const ack: number[] = [];
  const fanout: number[] = [];
  const strokeFanout: number[] = [];
  const offs: (() => void)[] = [];
  for (const p of people) {
    offs.push(p.visit.onMessage("board:changed", (m: BoardChanged) => {
      const now = performance.now();
      for (const e of m.elements) {
        const at = sentAt.get(e.id);
        if (at !== undefined && m.by !== p.visit.sessionId) fanout.push(now - at);
      }
    }));
    offs.push(p.visit.onMessage("board:stroke", (m: BoardStrokeView) => {
      const at = strokeSentAt.get(`${m.id}/${m.from}`);
      if (at !== undefined) strokeFanout.push(performance.now() - at);
    }));
  }
  let puts = 0;
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    people.map(async (p) => {
      let n = 0;
      // Staggered starts: people do not draw in lockstep.
      await sleep(p.index * 7);
      while (performance.now() < until) {
        const tick = n++;
        // 20 stroke messages a second, 10 cursor moves, and a finished element every 200 ms.
        const strokeId = `${tag}-s${p.index}-${Math.floor(tick / 4)}`;
        const from = (tick % 4) * 3;
        strokeSentAt.set(`${strokeId}/${from}`, performance.now());
        p.visit.send("board:stroke", { boardId: BOARD, id: strokeId, type: "freedraw", x: 0, y: 0, strokeColor: "#1971c2", strokeWidth: 2, opacity: 100, from, points: [[tick, 1], [tick + 1, 2], [tick + 2, 3]] });
        if (tick % 2 === 0) p.visit.send("board:cursor", { boardId: BOARD, x: tick, y: p.index, tool: "pointer", down: true });
        if (tick % 4 === 3) {
          const id = `${tag}-e${p.index}-${tick}`;
          const at = performance.now();
          sentAt.set(id, at);
          void (p.visit.request("board:ops", { boardId: BOARD, elements: [rect(id, p.index * 1000 + tick)] }) as Promise<BoardOpsReply>).then(() => {
            ack.push(performance.now() - at);
            puts++;
          });
        }
        await sleep(50);
      }
    }),
  );
  await sleep(1500); // the last acknowledgements and fan-out
  offs.forEach((off) => off());
  return { ack, fanout, strokeFanout, puts };
}

const boards: Benchmark = {
  name: "boards",
  description: "whiteboards: op latency with 20 people drawing (p50/p99, server CPU per op), a late joiner on 10,000 elements, reconnect catch-up bytes, bytes per stroke",
  timeLimitSeconds: 300,
  async run(options): Promise<BenchResult> {
    const dir = mkdtempSync(join(tmpdir(), "atrium-bench-boards-"));
    let server: ChildServer | undefined;
    const visits: Visit[] = [];
    try {
      server = await startChildServer({ ATRIUM_DB_PATH: join(dir, "atrium.db"), ATRIUM_HALL_CAPACITY: "100" });
      const url = server.url;
      const cpu = new CpuWindow({ server: server.process.pid! });
      const seconds = options.quick ? 4 : 12;
      const people = options.quick ? 10 : 20;

      // 1. Alone (the baseline), then everyone at once.
      options.log("one person drawing alone");
      const alone = await enter(url, "Solo");
      visits.push(alone);
      const solo = await drawTogether([{ visit: alone, index: 0 }], seconds, "solo");
      options.log(`${people} people drawing at once`);
      const drawers: Drawer[] = [{ visit: alone, index: 0 }];
      for (let i = 1; i < people; i++) {
        const v = await enter(url, `Drawer ${i}`);
        visits.push(v);
        drawers.push({ visit: v, index: i });
      }
      cpu.begin();
      const crowd = await drawTogether(drawers, seconds, "crowd");
      const cpuSeconds = cpu.endSeconds().server!;

      // 2. A late joiner on a board of 10,000 elements.
      options.log("filling a board with 10,000 elements");
      const big = "surface:consult-1";
      await alone.request("board:open", { boardId: big });
      // At most 40 puts a second from one person (the hall's limit): paced.
      for (let i = 0; i < 100; i++) {
        await alone.request("board:ops", { boardId: big, elements: Array.from({ length: 100 }, (_, j) => rect(`big-${i * 100 + j}`, i * 100 + j)) });
        await sleep(30);
      }
      const joiner = await enterHallAs(url, "Late");
      joiner.onMessage("board:changed", () => undefined);
      visits.push(joiner);
      const lateTimes: number[] = [];
      let full: BoardSnapshot | undefined;
      for (let i = 0; i < (options.quick ? 2 : 5); i++) {
        const t0 = performance.now();
        full = (await joiner.request("board:open", { boardId: big })) as BoardSnapshot;
        lateTimes.push(performance.now() - t0);
      }

      // 3. Catch-up after 100 changes vs the whole board again.
      const seen = full!.clock;
      for (let i = 0; i < 100; i++) {
        await alone.request("board:ops", { boardId: big, elements: [{ ...rect(`big-${i}`, i), version: 2, x: 5 }] });
        await sleep(30);
      }
      const t0 = performance.now();
      const since = (await joiner.request("board:open", { boardId: big, since: seen })) as BoardSnapshot;
      const catchUpMs = performance.now() - t0;
      const fullAgain = (await joiner.request("board:open", { boardId: big })) as BoardSnapshot;
      const catchUpBytes = pack(since).byteLength;
      const fullBytes = pack(fullAgain).byteLength;

      // 4. Bytes per stroke: 120 points drawn as 12 messages of 10 then one put, vs the whole element each time.
      const points: [number, number][] = Array.from({ length: 120 }, (_, i) => [i * 1.7, Math.sin(i / 8) * 30]);
      let incremental = 0;
      let naive = 0;
      for (let k = 0; k < 12; k++) {
        incremental += pack({ boardId: BOARD, id: "stroke-1", type: "freedraw", x: 100, y: 100, strokeColor: "#1971c2", strokeWidth: 2, opacity: 100, from: k * 10, points: points.slice(k * 10, k * 10 + 10) }).byteLength;
        naive += pack({ boardId: BOARD, elements: [{ ...stroke("stroke-1", points.slice(0, (k + 1) * 10)), version: k + 1 }] }).byteLength;
      }
      const finalPut = pack({ boardId: BOARD, elements: [{ ...stroke("stroke-1", points), version: 13 }] }).byteLength;
      incremental += finalPut;
      naive += finalPut;

      const row = (step: string, values: number[], baseline: number[]): Row => ({
        step,
        samples: values.length,
        "p50 ms": ms(values, 50),
        "p99 ms": ms(values, 99),
        "mean ms": values.length ? mean(values) : null,
        "× alone (p50)": values.length && baseline.length ? percentile(values, 50) / percentile(baseline, 50) : null,
      });
      const cpuPerPutMs = crowd.puts ? (cpuSeconds * 1000) / crowd.puts : null;
      const result: BenchResult = {
        tables: [
          {
            title: `Op latency, ${people} people drawing on one board at once (5 puts, 20 stroke messages, 10 cursor moves a second each; ${seconds} s)`,
            rows: [
              row("put → acknowledged (stored)", crowd.ack, solo.ack),
              row("put → the others receive it", crowd.fanout, solo.ack),
              row("stroke points → the others receive them", crowd.strokeFanout, solo.ack),
              row("baseline: put → acknowledged, one person alone", solo.ack, solo.ack),
            ],
          },
          {
            title: "Server",
            rows: [
              { measure: "puts stored", value: crowd.puts },
              { measure: "puts per second", value: crowd.puts / seconds },
              { measure: "server CPU per put, ms (all its work in the window: strokes, cursors and fan-out included)", value: cpuPerPutMs },
              { measure: "server CPU, % of one core", value: (cpuSeconds / seconds) * 100 },
            ],
          },
          {
            title: "A late joiner and a reconnect on a board of 10,000 elements",
            rows: [
              { measure: "open → whole board received and decoded, p50 ms", value: percentile(lateTimes, 50) },
              { measure: "whole board, bytes (msgpack)", value: fullBytes },
              { measure: "catch-up after 100 changes, bytes", value: catchUpBytes },
              { measure: "catch-up, ms", value: catchUpMs },
              { measure: "whole board ÷ catch-up", value: fullBytes / catchUpBytes },
            ],
          },
          {
            title: "Bytes per 120-point freehand stroke (client → server, msgpack)",
            rows: [
              { way: "points as drawn (12 × 10) + the finished put", bytes: incremental },
              { way: "the whole growing element each time (naive)", bytes: naive },
              { way: "naive ÷ ours", bytes: naive / incremental },
            ],
          },
        ],
        summary: {
          people,
          putAckP50: ms(crowd.ack, 50),
          putAckP99: ms(crowd.ack, 99),
          putFanoutP50: ms(crowd.fanout, 50),
          putFanoutP99: ms(crowd.fanout, 99),
          strokeFanoutP50: ms(crowd.strokeFanout, 50),
          strokeFanoutP99: ms(crowd.strokeFanout, 99),
          aloneAckP50: ms(solo.ack, 50),
          cpuPerPutMs,
          lateJoinerMs10k: percentile(lateTimes, 50),
          fullBoardBytes: fullBytes,
          catchUpBytes,
          strokeBytes: incremental,
          naiveStrokeBytes: naive,
        },
        goals: [],
        notes: [
          "All clients run in the benchmark's own process on the same 2 cores as the server; the SDK decodes every fan-out message for 20 people, so latencies include that queueing.",
          "SQLite with synchronous=FULL: each put is one fsync'd transaction before it is acknowledged or fanned out.",
          "The late joiner's time is the request round trip: the server serialising 10,000 elements, the transfer and msgpack decoding in Node; drawing it is the page's (the hall's board texture, the 2D editor).",
        ],
      };
      return result;
    } finally {
      for (const v of visits) await v.leave().catch(() => undefined);
      await server?.kill9();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default boards;
