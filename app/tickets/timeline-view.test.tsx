import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TimelineEntryView } from "../../game-server/protocol/service.ts";
import { statusText, Timeline } from "./timeline-view.tsx";
import { ticketText } from "./ticket-text.ts";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

let n = 0;
const entry = (kind: string, over: Partial<TimelineEntryView> = {}): TimelineEntryView => ({
  id: `e${++n}`,
  ticketId: "t1",
  at: `2025-03-04T12:${String(10 + n).padStart(2, "0")}:00Z`,
  kind: kind as TimelineEntryView["kind"],
  authorId: null,
  authorName: null,
  text: "",
  data: {},
  ...over,
});

const session: TimelineEntryView[] = [
  entry("bot", {
    text: "Customer's Nova Phone 12 screen is cracked; asks about repair cost.",
    data: { turns: [{ role: "customer", text: "My screen cracked", at: "2025-03-04T12:00:00Z" }, { role: "concierge", text: "Screen repairs start at ¥899.", at: "2025-03-04T12:00:02Z", confidence: 0.42 }] },
  }),
  entry("queue", { authorName: "Li Wei", text: "Asked for a person (not-confident); queued for returns", data: { reason: "not-confident", skill: "returns", lang: "en", open: true } }),
  entry("queue", { authorName: "Ada", text: "Answered by Ada after 12 s", data: { waitedMs: 12_000, callback: false } }),
  entry("chat", { authorName: "Li Wei", text: "Hello?", data: { from: "customer" } }),
  entry("chat", { authorName: "Ada", text: "Hi Li, I can help with the screen.", data: { from: "agent" } }),
  entry("call", {
    text: "Call with Ada (252 s, text → voice), ended by customer",
    data: { callId: "c1", roomId: "r1", startedAt: "", endedAt: "", durationMs: 252_000, media: ["voice", "text"], endedBy: "customer", qoe: { customer: { windows: 12, meanScore: 81.4, poorShare: 0.083, meanRttMs: 74.2, meanLossInPct: 0.4, lowestRung: "audio" }, agent: null } },
  }),
  entry("wrap-up", { authorName: "Ada", text: "Booked a screen repair for Friday.", data: { disposition: "appointment", status: "pending", followUp: "2025-03-07" } }),
  entry("csat", { authorName: "Li Wei", text: "Quick and friendly", data: { score: 5 } }),
  entry("note", { authorName: "Bo", text: "Parts ordered.\nCall when in." }),
  entry("status", { authorName: "Bo", text: "status: pending → resolved", data: { status: "resolved" } }),
];

const render = (entries: TimelineEntryView[], lang: "en" | "zh-CN" = "en") => renderToStaticMarkup(<Timeline entries={entries} lang={lang} />);

describe("the ticket's timeline", () => {
  it("shows the concierge conversation folded, its summary as its text", () => {
    const html = render(session);
    expect(text(html)).toContain("Conversation with the concierge");
    expect(text(html)).toContain("Customer's Nova Phone 12 screen is cracked; asks about repair cost.");
    expect(html).toMatch(/<details[^>]*><summary>Show the conversation \(2 messages\)<\/summary>/);
    expect(html).not.toMatch(/<details[^>]* open/);
    expect(text(html)).toContain("Screen repairs start at ¥899.");
    expect(text(html)).toContain("42 % sure");
  });

  it("says the queue's events in the page's language", () => {
    expect(text(render(session))).toContain("Asked for a person (the concierge was unsure); queued for returns");
    expect(text(render(session, "zh-CN"))).toContain("请求人工服务（AI 礼宾无法确定答案），进入“returns”队列");
    expect(text(render(session, "zh-CN"))).toContain("Ada 接听，等待 12 秒");
  });

  it("draws the chat as bubbles, customer left and agent right", () => {
    const html = render(session);
    expect(html).toMatch(/data-side="customer".*Hello\?.*data-side="agent".*Hi Li, I can help with the screen\./s);
    // One conversation, not two.
    expect(html.match(/aria-label="Chat"/g)).toHaveLength(1);
  });

  it("shows a call's length, its media in order, who ended it and each side's quality", () => {
    const t = text(render(session));
    expect(t).toContain("Call · 4 min");
    expect(t).toMatch(/Text → Voice Ended by the customer/);
    expect(t).toContain("Customer 12 reports 81 / 100 8 % 74 ms 0.4 % voice only");
    expect(t).toContain("Agent No quality reports");
  });

  it("says so when a call has no quality reports at all", () => {
    const call = entry("call", { data: { durationMs: 30_000, media: ["text"], endedBy: "agent", qoe: { customer: null, agent: null } } });
    const html = render([call]);
    expect(text(html)).toContain("No quality reports");
    expect(html).not.toContain("<table");
  });

  it("shows the wrap-up's disposition, status and follow-up, the rating and the note", () => {
    const t = text(render(session));
    // The entry's time of day (local) sits between its title and its facts.
    expect(t).toMatch(/Wrap-up by Ada .{4,12} Appointment booked Status set to Pending Follow up on Fri, Mar 7, 2025/);
    expect(t).toContain("Booked a screen repair for Friday.");
    expect(render(session)).toContain('aria-label="5 out of 5 stars"');
    expect(t).toContain("Quick and friendly");
    expect(t).toContain("Note by Bo");
    expect(render(session)).toContain("Parts ordered.\nCall when in.");
    expect(text(render(session, "zh-CN"))).toContain("已预约");
  });

  it("says what a status change changed", () => {
    expect(text(render(session))).toContain("Bo changed status: Pending → Resolved");
    expect(statusText(entry("status", { authorName: "Bo", text: "status: open → closed; priority: normal → urgent" }), "zh-CN")).toBe("Bo 修改了 状态：待处理 → 已关闭 · 优先级：普通 → 紧急");
  });

  it("shows kinds it does not know yet by name and text, and survives odd data", () => {
    const html = render([
      entry("transcript", { authorName: "Ada", text: "Agent: hello" }),
      entry("hologram", { text: "" }),
      entry("call", { data: { qoe: "broken", media: null } }),
      entry("bot", { text: "summary", data: { turns: 3 } }),
      entry("chat", { text: "system says hi", data: {} }),
    ]);
    const t = text(html);
    expect(t).toContain("Transcript Ada");
    expect(t).toContain("Agent: hello");
    expect(t).toMatch(/hologram [^a-z]+ \(no text\)/);
    expect(t).toContain("Call · 0 s");
    expect(html).toContain('data-side="system"');
    expect(html).not.toContain("Show the conversation");
  });

  it("says when nothing has happened yet", () => {
    expect(text(render([]))).toBe(ticketText.en.timelineEmpty);
  });

  it("has every word in both languages", () => {
    expect(Object.keys(ticketText["zh-CN"]).sort()).toEqual(Object.keys(ticketText.en).sort());
  });
});

describe("a mood entry", () => {
  it("says how the customer seemed, in both languages, and whether their words read as upset", async () => {
    const { moodText } = await import("./timeline-view.tsx");
    const entry = { id: "e", ticketId: "t", at: "2026-12-06T10:00:00Z", kind: "emotion" as const, authorId: null, authorName: null, text: "frustrated", data: { textNegative: true } };
    expect(moodText(entry, "en")).toBe("The customer seemed frustrated (their words read as upset)");
    expect(moodText({ ...entry, text: "happy", data: {} }, "zh-CN")).toBe("客户情绪：开心");
  });
});
