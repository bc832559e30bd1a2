import { describe, expect, it } from "vitest";
import { loadDemoKnowledge } from "../concierge/knowledge/demo-knowledge.ts";
import { createLogger } from "../logging/logger.ts";
import type { AlertView, AssistStatusView, CallSummaryView, InsightsView, TranscriptLineView } from "../protocol/assist.ts";
import { AssistSession, type CallRecording, type SpeechStream } from "./assist-session.ts";
import { hallAnalysis } from "./hall-analysis.ts";
import { sessionQuality } from "./hall-rules.ts";
import { DEFAULT_RULES } from "./quality/quality-rules.ts";
import type { Speaker } from "./utterance.ts";

/**
 * One session's live assist with the real analytics over the Nova demo knowledge base and the
 * default quality rules. The recognizer is the seam here: a stream that says what the test
 * scripts (the real recognizers have their own contract suite, and the e2e runs pocketsphinx).
 */
const nova = hallAnalysis(loadDemoKnowledge("nova-electronics"));
const dispositions = [
  { code: "answered", label: { en: "Question answered", "zh-CN": "问题已解答" } },
  { code: "fault", label: { en: "Fault reported", "zh-CN": "故障已登记" } },
];

class ScriptedStream implements SpeechStream {
  result?: (r: { id: string; text: string; startMs: number; endMs: number; confidence: number; final: boolean }) => void;
  status?: (s: { state: "running" | "paused" | "restarting" | "failed"; reason?: string }) => void;
  written = 0;
  closed = false;
  write(pcm: Int16Array): void {
    this.written += pcm.length;
  }
  onResult(listener: NonNullable<ScriptedStream["result"]>): void {
    this.result = listener;
  }
  onStatus(listener: NonNullable<ScriptedStream["status"]>): void {
    this.status = listener;
  }
  say(id: string, text: string, startMs: number, final = true): void {
    this.result!({ id, text, startMs, endMs: startMs + 1500, confidence: 0.7, final });
  }
  async flush(): Promise<void> {}
  async close(): Promise<void> {
    this.closed = true;
  }
}

function harness(options: { clock?: { now: number }; recording?: CallRecording; failOpen?: Speaker; rewrite?: (draft: string) => Promise<string> } = {}) {
  const clock = options.clock ?? { now: 1_000_000 };
  const streams = new Map<Speaker, ScriptedStream>();
  const stored: { kind: string; text: string; data: Record<string, unknown> }[] = [];
  const sent: { type: string; payload: unknown; storedBefore: number }[] = [];
  const floor: AlertView[] = [];
  const summaries: CallSummaryView[] = [];
  const session = new AssistSession({
    contactId: "c-1",
    lang: "en",
    startedAt: clock.now,
    names: { customer: "Ada", agent: "Sam Carter" },
    analysis: nova.forSession("en", dispositions),
    quality: sessionQuality(DEFAULT_RULES, nova.facts, "en"),
    openStream: (speaker) => {
      if (speaker === options.failOpen) throw new Error("no model for this language");
      const stream = new ScriptedStream();
      streams.set(speaker, stream);
      return stream;
    },
    ...(options.recording ? { recording: options.recording, keepRecording: async () => ({ contactId: "c-1" }) } : {}),
    ...(options.rewrite ? { rewriteSummary: (_lines: unknown, draft: string) => options.rewrite!(draft) } : {}),
    store: async (entry) => {
      await new Promise((r) => setTimeout(r, 2)); // a real write takes a moment: sends must wait for it
      stored.push(entry);
    },
    storeSummary: async (summary) => void summaries.push(summary),
    toAgent: (type, payload) => sent.push({ type, payload, storedBefore: stored.length }),
    alerted: (alert) => floor.push(alert),
    log: createLogger("error"),
    now: () => clock.now,
  });
  const settled = () => session.idle();
  const of = <T>(type: string) => sent.filter((s) => s.type === type).map((s) => s.payload as T);
  return { session, streams, stored, sent, floor, summaries, settled, clock, of };
}

describe("AssistSession", () => {
  it("stores each final line redacted before the agent sees it, and shows partials without storing them", async () => {
    const h = harness();
    h.streams.get("customer")!.say("1", "my card is four one one one", 2000, false);
    h.streams.get("customer")!.say("1", "my card is 4111 1111 1111 1111 and the screen is cracked", 2000);
    await h.settled();
    expect(h.stored.filter((e) => e.kind === "transcript")).toHaveLength(1);
    const line = h.stored.find((e) => e.kind === "transcript")!;
    expect(line.text).not.toMatch(/4111 1111/);
    expect(line.text).toContain("•••• 1111");
    expect(line.data).toMatchObject({ speaker: "customer", startMs: 2000, endMs: 3500 });
    const lines = h.sent.filter((s) => s.type === "assist:line");
    expect((lines[0]!.payload as TranscriptLineView).final).toBe(false);
    const final = lines.find((s) => (s.payload as TranscriptLineView).final)!;
    expect(final.storedBefore, "the final line goes to the agent only once it is on the ticket").toBe(1);
    expect((final.payload as TranscriptLineView).text).toBe(line.text);
  });

  it("gives the agent the call's keywords, details and the articles for what the customer just said", async () => {
    const h = harness();
    h.streams.get("customer")!.say("1", "The screen of my Nova Phone 12 is cracked, can you repair the screen?", 1000);
    h.streams.get("customer")!.say("2", "My order number is NV-10423", 4000);
    await h.settled();
    const insights = h.of<InsightsView>("assist:insights").at(-1)!;
    expect(insights.keywords.join(" ")).toMatch(/screen/i);
    expect(insights.entities).toContainEqual(expect.objectContaining({ kind: "order", value: "NV-10423" }));
    expect(insights.suggestions.map((s) => s.id)).toContain("kb-screen-repair");
    expect(insights.suggestions[0]!.excerpt.length).toBeGreaterThan(20);
  });

  it("nudges the agent for a forbidden phrase, once, stored first, and tells the floor", async () => {
    const h = harness();
    h.streams.get("agent")!.say("1", "Hello, I am Sam. Please calm down.", 1000);
    h.streams.get("agent")!.say("2", "Calm down, I said.", 3000);
    await h.settled();
    const alerts = h.of<AlertView>("assist:alert").filter((a) => a.ruleId === "blaming-the-customer");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message.en).toMatch(/calm down/i);
    expect(h.stored.some((e) => e.kind === "alert" && e.data.ruleId === "blaming-the-customer")).toBe(true);
    expect(h.floor.map((a) => a.ruleId)).toContain("blaming-the-customer");
  });

  it("reads chat lines like speech (not stored again) and flags a price the article gives otherwise", async () => {
    const h = harness();
    h.session.chat("agent", "Hello! The Nova Phone 12 warranty is one year.");
    await h.settled();
    expect(h.stored.some((e) => e.kind === "transcript")).toBe(false);
    const contradiction = h.of<AlertView>("assist:alert").find((a) => a.ruleId === "check-the-article");
    expect(contradiction?.message.en, "the warranty article says two years").toBeDefined();
  });

  it("hears silence from the audio itself: talking keeps the dead-air rule quiet even before any transcript", async () => {
    const h = harness();
    const loud = new Int16Array(320).map((_, i) => Math.round(4000 * Math.sin(i / 3)));
    for (let t = 0; t < 25_000; t += 20) {
      h.clock.now = 1_000_000 + t;
      h.session.audio("customer", loud, t);
      if (t % 1000 === 0) h.session.tick();
    }
    await h.settled();
    expect(h.of<AlertView>("assist:alert").map((a) => a.ruleId)).not.toContain("dead-air");
    h.clock.now += 21_000;
    h.session.tick();
    await h.settled();
    expect(h.of<AlertView>("assist:alert").map((a) => a.ruleId)).toContain("dead-air");
  });

  it("says transcription is paused when a recognizer fails, and the call goes on", async () => {
    const h = harness({ failOpen: "agent" });
    expect(h.session.status).toMatchObject({ transcription: "paused", reason: "no model for this language" });
    h.streams.get("customer")!.status!({ state: "running" });
    h.streams.get("customer")!.say("1", "is anyone there", 500);
    await h.settled();
    expect(h.stored.filter((e) => e.kind === "transcript")).toHaveLength(1);
    const h2 = harness();
    h2.streams.get("customer")!.status!({ state: "restarting", reason: "the recognizer process exited" });
    expect(h2.of<AssistStatusView>("assist:status").at(-1)).toMatchObject({ transcription: "paused", reason: "the recognizer process exited" });
    h2.streams.get("customer")!.status!({ state: "running" });
    expect(h2.of<AssistStatusView>("assist:status").at(-1)).toMatchObject({ transcription: "running" });
  });

  it("drafts the summary at the end, closes the streams and keeps the recording on the ticket", async () => {
    const recorded: { speaker: Speaker; samples: number }[] = [];
    const recording: CallRecording = {
      write: (speaker, pcm) => void recorded.push({ speaker, samples: pcm.length }),
      close: async (endMs) => ({ path: "/tmp/x.opus", durationMs: endMs, bytes: 1234 }),
    };
    const h = harness({ recording });
    h.session.audio("customer", new Int16Array(320), 0);
    h.streams.get("customer")!.say("1", "My Nova Phone 12 screen is broken and I want it repaired", 1000);
    h.streams.get("agent")!.say("1", "I will book a free screen repair under warranty for you", 4000);
    await h.settled();
    h.clock.now += 30_000;
    const summary = await h.session.end();
    expect(summary.summary).toMatch(/Customer:/);
    expect(summary.summary).toMatch(/screen/i);
    expect(summary.keywords.length).toBeGreaterThan(0);
    expect(summary.disposition).toBe("fault");
    expect(h.summaries).toEqual([summary]);
    expect(h.of<CallSummaryView>("assist:summary")).toEqual([summary]);
    expect([...h.streams.values()].every((s) => s.closed)).toBe(true);
    expect(recorded).toEqual([{ speaker: "customer", samples: 320 }]);
    expect(h.stored.find((e) => e.kind === "recording")?.data).toMatchObject({ durationMs: 30_000, contactId: "c-1" });
    // Audio after the end goes nowhere.
    h.session.audio("customer", new Int16Array(320), 40_000);
    expect(recorded).toHaveLength(1);
    expect(await h.session.end()).toBe(summary);
  });

  it("takes a model's summary when one is configured, and keeps the extract when the model fails", async () => {
    const said = (h: ReturnType<typeof harness>) => h.streams.get("customer")!.say("1", "My Nova Phone 12 screen is broken", 1000);
    const good = harness({ rewrite: async (draft) => `Model: ${draft.length > 0 ? "screen broken, repair booked" : ""}` });
    said(good);
    await good.settled();
    expect(await good.session.end()).toMatchObject({ summary: "Model: screen broken, repair booked", by: "model" });
    const failing = harness({ rewrite: async () => Promise.reject(new Error("the model endpoint answered 500")) });
    said(failing);
    await failing.settled();
    const kept = await failing.session.end();
    expect(kept.by).toBe("extract");
    expect(kept.summary).toMatch(/^Customer: /);
  });
});

