import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** CPU time a process has used so far, read at a moment. */
export interface CpuSample {
  /** User + system time, in clock ticks (`/proc/<pid>/stat` fields 14 and 15). */
  ticks: number;
  /** When it was read (performance.now(), ms). */
  atMs: number;
}

/**
 * User + system ticks from the text of `/proc/<pid>/stat`. The command name (field 2) is in
 * parentheses and may itself hold spaces and parentheses, so fields are counted from the last ')'.
 */
export function parseProcStatTicks(text: string): number {
  const close = text.lastIndexOf(")");
  if (close < 0) throw new Error("not a /proc/<pid>/stat line");
  // After ')' come field 3 (state) onwards: utime is field 14, stime field 15.
  const fields = text.slice(close + 2).trim().split(/\s+/);
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  if (!Number.isFinite(utime) || !Number.isFinite(stime)) throw new Error("no utime/stime in /proc/<pid>/stat");
  return utime + stime;
}

/** CPU time used between two samples, in seconds. */
export function cpuSeconds(before: CpuSample, after: CpuSample, ticksPerSecond: number): number {
  return (after.ticks - before.ticks) / ticksPerSecond;
}

/** Share of one core used between two samples, in percent (200 means two cores busy). */
export function cpuPercent(before: CpuSample, after: CpuSample, ticksPerSecond: number): number {
  const wallSeconds = (after.atMs - before.atMs) / 1000;
  if (wallSeconds <= 0) return 0;
  return (cpuSeconds(before, after, ticksPerSecond) / wallSeconds) * 100;
}

let ticksPerSecond: number | undefined;

/** The kernel's USER_HZ (almost always 100), asked once. */
export function clockTicksPerSecond(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** Reads a process's CPU time from /proc, so a mediasoup worker, a helper and we are measured alike. */
export function sampleProcessCpu(pid: number): CpuSample {
  return { ticks: parseProcStatTicks(readFileSync(`/proc/${pid}/stat`, "utf8")), atMs: performance.now() };
}

/** CPU use of several processes over the same stretch of time. */
export class CpuWindow {
  readonly #pids: Readonly<Record<string, number>>;
  #start: Record<string, CpuSample> = {};

  constructor(pids: Readonly<Record<string, number>>) {
    this.#pids = pids;
  }

  begin(): void {
    this.#start = Object.fromEntries(Object.entries(this.#pids).map(([name, pid]) => [name, sampleProcessCpu(pid)]));
  }

  /** Percent of one core per process since `begin()` (CPU time over wall time). */
  end(): Record<string, number> {
    return this.#since((start, now, hz) => cpuPercent(start, now, hz));
  }

  /**
   * CPU seconds per process since `begin()`. On a shared machine a starved process uses less
   * of a core but the same CPU time for the same work: divide this by the seconds of traffic
   * carried to get what the work costs.
   */
  endSeconds(): Record<string, number> {
    return this.#since((start, now, hz) => cpuSeconds(start, now, hz));
  }

  #since(measure: (start: CpuSample, now: CpuSample, hz: number) => number): Record<string, number> {
    const hz = clockTicksPerSecond();
    return Object.fromEntries(
      Object.entries(this.#pids).map(([name, pid]) => {
        const start = this.#start[name];
        if (!start) throw new Error("CpuWindow: end before begin()");
        return [name, measure(start, sampleProcessCpu(pid), hz)];
      }),
    );
  }
}
