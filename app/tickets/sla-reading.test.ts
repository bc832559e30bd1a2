import { describe, expect, it } from "vitest";
import type { SlaClockView } from "../../game-server/protocol/service.ts";
import { readSla, slaWords } from "./sla-reading.ts";

const clock = (over: Partial<SlaClockView>): SlaClockView => ({ targetMs: 60_000, elapsedMs: 0, dueAt: 1_000_000, stoppedAt: null, state: "running", ...over });
const words = (c: SlaClockView, since = 0, lang: "en" | "zh-CN" = "en") => slaWords(readSla(c, since), lang);

describe("SLA clocks", () => {
  it("say when a target was met, and how fast", () => {
    expect(words(clock({ elapsedMs: 42_000, stoppedAt: 5, state: "met" }))).toBe("met in 42 s");
    expect(words(clock({ elapsedMs: 42_000, stoppedAt: 5, state: "met" }), 0, "zh-CN")).toBe("已达成，用时 42 秒");
  });

  it("say by how much a target was missed", () => {
    expect(words(clock({ elapsedMs: 240_000, stoppedAt: 5, state: "breached" }))).toBe("breached by 3 min");
    // A stopped clock does not move however long the page stays open.
    expect(words(clock({ elapsedMs: 240_000, stoppedAt: 5, state: "breached" }), 3_600_000)).toBe("breached by 3 min");
  });

  it("count a running clock down from when the ticket was loaded", () => {
    const running = clock({ targetMs: 24 * 3_600_000, elapsedMs: 24 * 3_600_000 - 5 * 60_000 });
    expect(words(running)).toBe("due in 5 min");
    expect(words(running, 2 * 60_000)).toBe("due in 3 min");
    expect(readSla(running, 0).close).toBe(true);
    expect(readSla(clock({ elapsedMs: 10_000 }), 0).close).toBe(false);
  });

  it("turn breached by themselves when the target passes while the page is open", () => {
    const running = clock({ elapsedMs: 50_000 });
    expect(readSla(running, 5_000).state).toBe("running");
    expect(words(running, 70_000)).toBe("breached by 1 min");
  });

  it("are paused when the due time is unknown", () => {
    expect(words(clock({ dueAt: null as unknown as number, elapsedMs: 1_000 }))).toBe("paused until the desk opens");
  });
});
