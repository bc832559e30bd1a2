/**
 * The benchmark harness: `npm run bench [-- --quick] [name…]`. Runs the named benchmarks
 * (all by default) one after another, prints each one's tables on stdout (progress goes to
 * stderr) and writes JSON under bench/results/. Exits non-zero when a benchmark fails to
 * run; a goal not met is a finding, reported, not a failure.
 */
import { DeadlineError, withDeadline } from "./deadline.ts";
import type { Benchmark } from "./benchmark.ts";
import { parseBenchArgs, type BenchArgs } from "./cli-args.ts";
import { registry } from "./registry.ts";
import { formatResult } from "./result-report.ts";
import { machineInfo, ResultsStore, type StoredResult } from "./results-store.ts";

const DEFAULT_TIME_LIMIT_SECONDS = 300;

async function load(name: string): Promise<Benchmark> {
  const loader = registry[name];
  if (!loader) throw new Error(`no benchmark named ${name}`);
  const { default: benchmark } = await loader();
  if (benchmark.name !== name) throw new Error(`bench/registry.ts lists ${name} but the module calls itself ${benchmark.name}`);
  return benchmark;
}

async function usage(): Promise<string> {
  const lines = ["usage: npm run bench [-- --quick] [name…]", "", "  --quick   a short smoke run (rougher numbers)", "", "benchmarks:"];
  for (const name of Object.keys(registry)) lines.push(`  ${name.padEnd(24)} ${(await load(name)).description}`);
  return lines.join("\n");
}

async function main(argv: readonly string[]): Promise<{ code: number; hung: boolean }> {
  let args: BenchArgs;
  try {
    args = parseBenchArgs(argv);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}; see npm run bench -- --help`);
    return { code: 2, hung: false };
  }
  if (args.help) {
    console.log(await usage());
    return { code: 0, hung: false };
  }
  const names = args.names.length > 0 ? args.names : Object.keys(registry);
  const unknown = names.filter((n) => !(n in registry));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(", ")}; known: ${Object.keys(registry).join(", ")}`);
    return { code: 2, hung: false };
  }

  const store = new ResultsStore(new URL("./results/", import.meta.url));
  let failures = 0;
  let hung = false;
  for (const name of names) {
    const startedAt = new Date();
    const t0 = performance.now();
    const stored: StoredResult = { name, startedAt: startedAt.toISOString(), seconds: 0, quick: args.quick, machine: machineInfo() };
    console.error(`[${name}] starting${args.quick ? " (quick)" : ""}`);
    try {
      const benchmark = await load(name);
      const run = benchmark.run({ quick: args.quick, log: (line) => console.error(`[${name}] ${line}`) });
      stored.result = await withDeadline(run, benchmark.timeLimitSeconds ?? DEFAULT_TIME_LIMIT_SECONDS, name);
    } catch (error) {
      failures++;
      hung ||= error instanceof DeadlineError;
      stored.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(`[${name}] failed: ${stored.error}`);
    }
    stored.seconds = Math.round((performance.now() - t0) / 100) / 10;
    if (stored.result) console.log(`\n${formatResult(`${name}${args.quick ? " (quick)" : ""} — ${stored.seconds} s`, stored.result)}\n`);
    console.error(`[${name}] wrote ${store.save(stored)}`);
    if (hung) break; // what it started may still be running: stop here rather than measure beside it
  }
  return { code: failures > 0 ? 1 : 0, hung };
}

const { code, hung } = await main(process.argv.slice(2));
// A hung benchmark's worker and helpers die with this process (helpers exit on disconnect).
if (hung) process.exit(code);
process.exitCode = code;
