import { describe, expect, it } from "vitest";
import { cpuPercent, parseProcStatTicks } from "./process-cpu.ts";

// A real /proc/<pid>/stat line with the command name made awkward: spaces and a ')'.
const stat = (utime: number, stime: number) =>
  `4242 (mediasoup-w) r) S 4200 4242 4200 0 -1 4194560 1353 0 0 0 ${utime} ${stime} 0 0 20 0 1 0 123456 98765432 2048 18446744073709551615 1 1 0 0 0 0 0 4096 0 0 0 0 17 1 0 0 0 0 0`;

describe("parseProcStatTicks", () => {
  it("adds utime and stime, counting fields after the last ')'", () => {
    expect(parseProcStatTicks(stat(150, 25))).toBe(175);
  });

  it("refuses text that is not a stat line", () => {
    expect(() => parseProcStatTicks("hello")).toThrow();
  });
});

describe("cpuPercent", () => {
  it("is the share of one core between two samples", () => {
    // 80 ticks at 100 Hz over 2 s of wall time: 0.8 s of CPU in 2 s.
    expect(cpuPercent({ ticks: 1000, atMs: 5000 }, { ticks: 1080, atMs: 7000 }, 100)).toBeCloseTo(40);
    // Two busy threads show as more than one core.
    expect(cpuPercent({ ticks: 0, atMs: 0 }, { ticks: 200, atMs: 1000 }, 100)).toBeCloseTo(200);
  });

  it("is zero over an empty window", () => {
    expect(cpuPercent({ ticks: 10, atMs: 100 }, { ticks: 20, atMs: 100 }, 100)).toBe(0);
  });
});
