import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import type { BenchResult } from "./benchmark.ts";

/** One benchmark's outcome as written to disk. */
export interface StoredResult {
  name: string;
  startedAt: string;
  seconds: number;
  quick: boolean;
  machine: MachineInfo;
  result?: BenchResult;
  error?: string;
}

export interface MachineInfo {
  cores: number;
  cpu: string;
  node: string;
  /** Load averages (1, 5, 15 min) when the benchmark started: other work on shared cores skews results. */
  loadAverage: number[];
}

export function machineInfo(): MachineInfo {
  const all = cpus();
  return { cores: all.length, cpu: all[0]?.model ?? "unknown", node: process.version, loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) };
}

/** `sfu-capacity-2026-05-04T10-31-07Z.json`: sortable, and safe as a file name everywhere. */
export function resultFileName(name: string, startedAt: Date): string {
  return `${name}-${startedAt.toISOString().replace(/\.\d+Z$/, "Z").replaceAll(":", "-")}.json`;
}

/**
 * bench/results/: one file per run of a benchmark, and latest.json holding the most recent
 * result of every benchmark (running one benchmark keeps the others' latest results).
 */
export class ResultsStore {
  readonly #dir: URL;

  constructor(dir: URL) {
    this.#dir = dir;
  }

  /** Writes the run's file and updates latest.json; answers the run file's path. */
  save(stored: StoredResult): string {
    mkdirSync(this.#dir, { recursive: true });
    const file = new URL(resultFileName(stored.name, new Date(stored.startedAt)), this.#dir);
    writeFileSync(file, JSON.stringify(stored, null, 2) + "\n");
    const latestFile = new URL("latest.json", this.#dir);
    const latest = this.#readLatest(latestFile);
    latest[stored.name] = stored;
    writeFileSync(latestFile, JSON.stringify(latest, null, 2) + "\n");
    return file.pathname;
  }

  #readLatest(file: URL): Record<string, StoredResult> {
    try {
      return JSON.parse(readFileSync(file, "utf8")) as Record<string, StoredResult>;
    } catch {
      return {};
    }
  }
}
