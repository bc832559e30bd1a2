import type { Cell, ResultTable } from "./benchmark.ts";

/** Enough digits to compare runs, no more: 1234 · 56.7 · 8.91 · 0.012. */
export function formatCell(value: Cell): string {
  if (value === null) return "–";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (typeof value === "string") return value;
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value)) return String(value);
  const size = Math.abs(value);
  if (size >= 100) return value.toFixed(0);
  if (size >= 10) return value.toFixed(1);
  if (size >= 0.1) return value.toFixed(2);
  return value.toPrecision(2);
}

/**
 * A Markdown table padded to line up in a terminal, so the same text reads well on screen
 * and pastes straight into bench/README.md. Numeric columns are right-aligned.
 */
export function formatTable(table: ResultTable): string {
  const columns = table.columns ?? Object.keys(table.rows[0] ?? {});
  if (columns.length === 0) return `${table.title}\n(no rows)`;
  const cells = table.rows.map((row) => columns.map((c) => formatCell(row[c] ?? null)));
  const numeric = columns.map((c) => table.rows.length > 0 && table.rows.every((row) => typeof row[c] === "number" || row[c] === null || row[c] === undefined));
  const widths = columns.map((c, i) => Math.max(3, c.length, ...cells.map((line) => line[i]?.length ?? 0)));
  const pad = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i] ?? 0) : text.padEnd(widths[i] ?? 0));
  const line = (parts: readonly string[]) => `| ${parts.map(pad).join(" | ")} |`;
  const rule = `|${widths.map((w, i) => (numeric[i] ? `${"-".repeat(w + 1)}:` : "-".repeat(w + 2))).join("|")}|`;
  return [table.title, "", line(columns), rule, ...cells.map(line)].join("\n");
}
