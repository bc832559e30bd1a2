import { describe, expect, it } from "vitest";
import type { TimelineEntryView } from "../../game-server/protocol/service.ts";
import { botTurns, callRecord, chatSide, csatScore, fieldChanges, groupTimeline, queueEvent, wrapUp } from "./timeline.ts";

let n = 0;
const entry = (kind: TimelineEntryView["kind"], at: string, over: Partial<TimelineEntryView> = {}): TimelineEntryView => ({
  id: `e${++n}`,
  ticketId: "t1",
  at,
  kind,
  authorId: null,
  authorName: null,
  text: "",
  data: {},
  ...over,
});
const utcDay = (at: string) => at.slice(0, 10);

describe("grouping the timeline", () => {
  it("puts it oldest first with a heading for each day", () => {
    const items = groupTimeline([entry("note", "2025-03-05T09:00:00Z", { id: "late" }), entry("queue", "2025-03-04T10:00:00Z", { id: "early" })], utcDay);
    expect(items.map((i) => (i.type === "entry" ? i.entry.id : i.type === "day" ? `day ${utcDay(i.at)}` : "chat"))).toEqual(["day 2025-03-04", "early", "day 2025-03-05", "late"]);
  });

  it("gathers a run of chat lines into one conversation, broken by anything else", () => {
    const items = groupTimeline(
      [
        entry("chat", "2025-03-04T10:00:01Z", { data: { from: "customer" } }),
        entry("chat", "2025-03-04T10:00:05Z", { data: { from: "agent" } }),
        entry("call", "2025-03-04T10:03:00Z"),
        entry("chat", "2025-03-04T10:04:00Z", { data: { from: "agent" } }),
      ],
      utcDay,
    );
    expect(items.map((i) => (i.type === "chat" ? `chat×${i.entries.length}` : i.type))).toEqual(["day", "chat×2", "entry", "chat×1"]);
  });

  it("keeps the server's order for entries of the same moment", () => {
    const at = "2025-03-04T10:00:00Z";
    const items = groupTimeline([entry("queue", at, { id: "a" }), entry("bot", at, { id: "b" }), entry("queue", at, { id: "c" })], utcDay);
    expect(items.flatMap((i) => (i.type === "entry" ? [i.entry.id] : []))).toEqual(["a", "b", "c"]);
  });
});

describe("reading entries", () => {
  it("reads the concierge conversation, skipping turns it cannot read", () => {
    const bot = entry("bot", "2025-03-04T10:00:00Z", {
      data: { turns: [{ role: "customer", text: "屏幕碎了", at: "2025-03-04T09:59:00Z" }, { role: "concierge", text: "Sorry to hear that.", at: "2025-03-04T09:59:02Z", confidence: 0.41 }, { role: "customer" }, "junk"] },
    });
    expect(botTurns(bot)).toEqual([
      { role: "customer", text: "屏幕碎了", at: "2025-03-04T09:59:00Z", confidence: null },
      { role: "concierge", text: "Sorry to hear that.", at: "2025-03-04T09:59:02Z", confidence: 0.41 },
    ]);
    expect(botTurns(entry("bot", "2025-03-04T10:00:00Z", { data: { turns: "nope" } }))).toEqual([]);
  });

  it("puts chat lines on the customer's or the agent's side", () => {
    expect(chatSide(entry("chat", "x", { data: { from: "customer" } }))).toBe("customer");
    expect(chatSide(entry("chat", "x", { data: { from: "agent" } }))).toBe("agent");
    expect(chatSide(entry("chat", "x", { data: {} }))).toBe("system");
  });

  it("reads a call record, media in the order they are offered, quality only where reported", () => {
    const call = callRecord(
      entry("call", "2025-03-04T10:09:00Z", {
        data: {
          callId: "c1",
          durationMs: 252_000,
          media: ["video", "text", "voice"],
          endedBy: "customer",
          qoe: { customer: { windows: 12, meanScore: 81.5, poorShare: 0.083, meanRttMs: 74, meanLossInPct: 0.4, lowestRung: "audio" }, agent: null },
        },
      }),
    );
    expect(call.media).toEqual(["text", "voice", "video"]);
    expect(call.durationMs).toBe(252_000);
    expect(call.endedBy).toBe("customer");
    expect(call.qoe.customer?.lowestRung).toBe("audio");
    expect(call.qoe.agent).toBeNull();
    const bare = callRecord(entry("call", "2025-03-04T10:09:00Z", { data: { media: "voice", qoe: { customer: { windows: 0 } } } }));
    expect(bare).toMatchObject({ media: ["text"], endedBy: "system", durationMs: 0, qoe: { customer: null, agent: null } });
  });

  it("reads a wrap-up and a rating", () => {
    expect(wrapUp(entry("wrap-up", "x", { data: { disposition: "follow-up", status: "pending", followUp: "2025-03-07" } }))).toEqual({ disposition: "follow-up", status: "pending", followUp: "2025-03-07" });
    expect(wrapUp(entry("wrap-up", "x"))).toEqual({ disposition: null, status: null, followUp: null });
    expect(csatScore(entry("csat", "x", { data: { score: 4 } }))).toBe(4);
    expect(csatScore(entry("csat", "x", { data: { score: 9 } }))).toBeNull();
  });

  it("reads what a status change changed, from its text, else from its data", () => {
    expect(fieldChanges(entry("status", "x", { text: "status: open → resolved; priority: normal → high", data: { status: "resolved", priority: "high" } }))).toEqual([
      { field: "status", from: "open", to: "resolved" },
      { field: "priority", from: "normal", to: "high" },
    ]);
    expect(fieldChanges(entry("status", "x", { text: "", data: { status: "closed" } }))).toEqual([{ field: "status", from: null, to: "closed" }]);
  });

  it("tells the queue's events apart", () => {
    expect(queueEvent(entry("queue", "x", { data: { reason: "not-confident", skill: "phones", lang: "en", open: true } }))).toEqual({ type: "asked", reason: "not-confident", skill: "phones" });
    expect(queueEvent(entry("queue", "x", { data: { reason: "button", skill: "general", lang: "en", open: false } }))).toEqual({ type: "asked-closed" });
    expect(queueEvent(entry("queue", "x", { data: { callback: true, note: "after 5 pm" } }))).toEqual({ type: "callback", note: "after 5 pm" });
    expect(queueEvent(entry("queue", "x", { data: { why: "left", waitedMs: 95_000 } }))).toEqual({ type: "gave-up", left: true, waitedMs: 95_000 });
    expect(queueEvent(entry("queue", "x", { authorName: "Ada", data: { waitedMs: 12_000, callback: false } }))).toEqual({ type: "answered", by: "Ada", waitedMs: 12_000 });
    expect(queueEvent(entry("queue", "x", { data: { code: "queue_full" } }))).toEqual({ type: "full" });
    expect(queueEvent(entry("queue", "x", { text: "Offered to Ada", data: { agentId: "s-1" } }))).toEqual({ type: "other" });
  });
});
