/**
 * What every benchmark under bench/ is. A module exports one of these as its default; the
 * harness (run.ts) runs it, prints its tables and writes its result as JSON.
 */

/** One table cell. Numbers are printed with a precision that suits their size. */
export type Cell = string | number | boolean | null;
export type Row = Record<string, Cell>;

export interface ResultTable {
  title: string;
  /** Column order and headings; defaults to the keys of the first row. */
  columns?: readonly string[];
  rows: readonly Row[];
}

/** A target from the issue, judged on this run's own numbers. */
export interface Goal {
  /** What is aimed for, in words: "≥ 500 consumers at < 80 % of one core". */
  target: string;
  /** What this run measured, in words. */
  measured: string;
  met: boolean;
}

export interface BenchResult {
  tables: readonly ResultTable[];
  /** The headline numbers, flat, for comparing runs. */
  summary: Readonly<Record<string, Cell>>;
  goals: readonly Goal[];
  /** Caveats a reader needs to interpret the numbers. */
  notes?: readonly string[];
}

export interface BenchOptions {
  /** A short smoke run: fewer steps, shorter windows. The numbers are rougher. */
  quick: boolean;
  /** Progress lines while the benchmark runs (stderr; stdout carries the tables). */
  log: (line: string) => void;
}

export interface Benchmark {
  /** Also the results file's prefix and the command-line name. */
  name: string;
  /** One line for `npm run bench -- --help`. */
  description: string;
  /**
   * The harness gives up on a run after this long (default 300 s) and exits, so a hung
   * benchmark cannot hold the machine; keep real runs well inside it.
   */
  timeLimitSeconds?: number;
  /** Runs the benchmark and releases everything it started, also when it throws. */
  run(options: BenchOptions): Promise<BenchResult>;
}
