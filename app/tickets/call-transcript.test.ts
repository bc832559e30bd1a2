import { describe, expect, it } from "vitest";
import type { TimelineEntryView } from "../../game-server/protocol/service.ts";
import { callTranscripts, lineAt } from "./call-transcript.ts";

let n = 0;
const entry = (kind: TimelineEntryView["kind"], text: string, data: Record<string, unknown>, authorName: string | null = null): TimelineEntryView => ({
  id: `e${++n}`,
  ticketId: "t-1",
  at: new Date(Date.UTC(2026, 11, 6, 9, 0, n)).toISOString(),
  kind,
  authorId: null,
  authorName,
  text,
  data,
});
const line = (speaker: string, text: string, startMs: number, endMs: number) => entry("transcript", text, { speaker, startMs, endMs, confidence: 0.8 }, speaker === "agent" ? "Sam" : "Ada");

describe("the ticket's call transcripts", () => {
  it("gathers each call's lines, alerts, summary and recording, and starts a new call after a summary", () => {
    const calls = callTranscripts([
      entry("chat", "hi", {}),
      line("customer", "my screen is broken", 1000, 3000),
      line("agent", "I can repair it", 3500, 5000),
      entry("alert", "No greeting", { ruleId: "greet-first", severity: "info", atMs: 10_000, message: { en: "No greeting", "zh-CN": "没有问候" }, evidence: "" }),
      entry("alert", "Dead air", { ruleId: "dead-air", severity: "warning", atMs: 4000, message: { en: "Dead air", "zh-CN": "冷场" }, evidence: "" }),
      entry("summary", "Customer: screen broken", { keywords: ["screen"] }),
      entry("recording", "Recording (30 s)", { contactId: "c-1", durationMs: 30_000 }),
      line("customer", "it is me again", 500, 1500),
      entry("summary", "Customer: again", { keywords: [] }),
    ]);
    expect(calls).toHaveLength(2);
    expect(calls[0]!.lines.map((l) => [l.speaker, l.name, l.text])).toEqual([
      ["customer", "Ada", "my screen is broken"],
      ["agent", "Sam", "I can repair it"],
    ]);
    expect(calls[0]!.alerts.map((a) => a.ruleId), "in call time, not in the order they were stored").toEqual(["dead-air", "greet-first"]);
    expect(calls[0]!.alerts[1]).toMatchObject({ ruleId: "greet-first", atMs: 10_000, message: { "zh-CN": "没有问候" } });
    expect(calls[0]!.recording).toEqual({ src: "/api/tickets/t-1/recordings/c-1", durationMs: 30_000 });
    expect(calls[0]!.summary?.keywords).toEqual(["screen"]);
    expect(calls[1]!.lines.map((l) => l.text)).toEqual(["it is me again"]);
    expect(calls[1]!.recording).toBeUndefined();
  });

  it("forgets a recording once a supervisor deleted it", () => {
    const calls = callTranscripts([
      line("customer", "hello", 0, 1000),
      entry("summary", "s", {}),
      entry("recording", "Recording (5 s)", { contactId: "c-9", durationMs: 5000 }),
      entry("recording", "Recording deleted", { contactId: "c-9", deleted: true }),
    ]);
    expect(calls[0]!.recording).toBeUndefined();
  });

  it("highlights the line being heard at a moment of the recording, and none in a long pause", () => {
    const lines = callTranscripts([line("customer", "one", 1000, 2000), line("agent", "two", 2500, 4000), line("customer", "three", 20_000, 21_000)])[0]!.lines;
    expect(lineAt(lines, 500)).toBeUndefined();
    expect(lineAt(lines, 1500)?.text).toBe("one");
    expect(lineAt(lines, 3000)?.text).toBe("two");
    expect(lineAt(lines, 5000)?.text).toBe("two"); // just after: still the last words heard
    expect(lineAt(lines, 12_000)).toBeUndefined();
    expect(lineAt(lines, 20_500)?.text).toBe("three");
  });
});
