import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { AgentRow, FloorView } from "../../game-server/protocol/service.ts";
import { staffText } from "../_staff/staff-text.ts";
import { FloorBoard } from "./floor-board.tsx";
import { floorText } from "./floor-text.ts";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

const agent = (over: Partial<AgentRow> & Pick<AgentRow, "id" | "name" | "state">): AgentRow => ({ presence: "available", halls: [], since: 40_000, ...over });

const busyFloor: FloorView = {
  queues: [{ hallId: "nova", skill: "phones", waiting: 2, longestWaitMs: 42_000 }],
  waiting: [
    { contactId: "c1", ticketNumber: 1007, hallId: "nova", customerName: "Li Wei", skill: "phones", lang: "zh-CN", position: 1, waitedMs: 42_000, callback: true, offeredTo: "s-ada" },
    { contactId: "c2", ticketNumber: 1008, hallId: "nova", customerName: "Sam", skill: "phones", lang: "en", position: 2, waitedMs: 9_000, callback: false },
  ],
  agents: [
    agent({ id: "s-ada", name: "Ada", state: "offered" }),
    agent({ id: "s-bo", name: "Bo", state: "busy", customer: { name: "Mia", ticketNumber: 1001, hallId: "nova", since: 10_000 } }),
    agent({ id: "s-cy", name: "Cy", state: "away", presence: "away" }),
  ],
  today: { offered: 15, answered: 12, answeredInTarget: 11, serviceLevel: 0.86, avgWaitMs: 14_000, abandoned: 1, csatAvg: 4.5, csatCount: 9 },
  targetSeconds: 20,
  skills: [{ id: "phones", label: { en: "Phones", "zh-CN": "手机" } }],
  now: 100_000,
};

const render = (view: FloorView, lang: "en" | "zh-CN" = "en", tick = 3_000) => renderToStaticMarkup(<FloorBoard view={view} receivedAt={1_000} now={1_000 + tick} lang={lang} halls={{ nova: "Nova Electronics" }} />);

describe("the supervisor's floor", () => {
  it("shows today's figures in a live region", () => {
    const html = render(busyFloor);
    expect(html).toMatch(/<dl[^>]*aria-live="polite"/);
    expect(text(html)).toContain("Service level 86 % in 20 s");
    expect(text(html)).toContain("Answered / offered 12 / 15");
    expect(html).toContain('aria-label="4.5 out of 5 stars"');
  });

  it("ticks the waits on from the view's own numbers", () => {
    const html = render(busyFloor, "en", 3_000);
    // Longest wait 42 s three seconds ago is 0:45 now, in the queue and on the first customer.
    expect(html.match(/<time dateTime="PT45S">0:45<\/time>/g)).toHaveLength(2);
    expect(html).toContain('<time dateTime="PT12S">0:12</time>');
    // Ada has been offered a customer since 40 s before the server's now: 60 s + 3 s.
    expect(html).toContain('<time dateTime="PT63S">1:03</time>');
  });

  it("lists who waits with their hall, language, callback and whom they are offered to", () => {
    const t = text(render(busyFloor));
    // Skills in words, from the floor's labels.
    expect(t).toContain("Nova Electronics Phones 2 0:45");
    expect(t).toContain("1 Li Wei Nova Electronics Phones · 中文 Callback Offered to Ada Phones 中文");
    expect(render(busyFloor)).toContain('href="/tickets/1007"');
  });

  it("shows each agent's state as a coloured pill and links the ticket they work on", () => {
    const html = render(busyFloor);
    expect(html).toMatch(/data-tone="amber"[^>]*>Offered</);
    expect(html).toMatch(/data-tone="blue"[^>]*>Busy</);
    expect(html).toMatch(/data-tone="grey"[^>]*>Away</);
    expect(html).toContain('<a aria-label="Ticket 1001"');
    expect(html).toContain('href="/tickets/1001"');
    // Those with a customer before the one away.
    expect(text(html).indexOf("Bo")).toBeLessThan(text(html).indexOf("Cy"));
  });

  it("says something useful when no one waits and no one works", () => {
    const quiet: FloorView = { ...busyFloor, queues: [], waiting: [], agents: [agent({ id: "a", name: "Ada", state: "available" }), agent({ id: "b", name: "Bo", state: "available" })] };
    const html = render(quiet);
    expect(text(html)).toContain("No one is waiting. 2 agents available.");
    expect(html).not.toContain("Waiting customers");
    expect(text(render({ ...quiet, agents: [] }))).toContain(floorText.en.noAgents);
    expect(text(render(quiet, "zh-CN"))).toContain("目前没有人在等待。2 位客服空闲。");
  });

  it("speaks Chinese", () => {
    const t = text(render(busyFloor, "zh-CN"));
    expect(t).toContain("服务水平 86 % 20 秒内接通");
    expect(t).toContain("已推送给 Ada");
    expect(t).toContain("服务中");
  });

  it("has every word in both languages", () => {
    expect(Object.keys(floorText["zh-CN"]).sort()).toEqual(Object.keys(floorText.en).sort());
    expect(Object.keys(staffText["zh-CN"]).sort()).toEqual(Object.keys(staffText.en).sort());
  });
});
