export interface BenchArgs {
  quick: boolean;
  help: boolean;
  /** Benchmarks to run, in the order given; empty means all. */
  names: string[];
}

export function parseBenchArgs(argv: readonly string[]): BenchArgs {
  const args: BenchArgs = { quick: false, help: false, names: [] };
  for (const arg of argv) {
    if (arg === "--quick") args.quick = true;
    else if (arg === "--help" || arg === "-h") args.help = true;
    else if (arg.startsWith("-")) throw new Error(`unknown option ${arg}`);
    else args.names.push(arg);
  }
  return args;
}
