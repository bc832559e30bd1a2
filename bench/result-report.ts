import type { BenchResult } from "./benchmark.ts";
import { formatCell, formatTable } from "./table.ts";

/** A benchmark's result as text for the terminal (and, being Markdown, for the README). */
export function formatResult(heading: string, result: BenchResult): string {
  const parts = [`## ${heading}`];
  for (const table of result.tables) parts.push(formatTable(table));
  const summary = Object.entries(result.summary);
  if (summary.length > 0) parts.push(summary.map(([key, value]) => `- ${key}: ${formatCell(value)}`).join("\n"));
  if (result.goals.length > 0) {
    parts.push(result.goals.map((g) => `- goal ${g.met ? "MET" : "NOT MET"}: ${g.target} — ${g.measured}`).join("\n"));
  }
  if (result.notes && result.notes.length > 0) parts.push(["Notes:", ...result.notes.map((n) => `- ${n}`)].join("\n"));
  return parts.join("\n\n");
}
