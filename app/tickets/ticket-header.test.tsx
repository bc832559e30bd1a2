import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TicketDetail } from "../../game-server/protocol/service.ts";
import { OutcomePanel, SlaPanel, TicketHeader } from "./ticket-header.tsx";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

const detail: TicketDetail = {
  ticket: {
    id: "9b2d1c3e-0000-4000-8000-000000000001",
    number: 1001,
    hallId: "nova",
    status: "pending",
    priority: "high",
    category: "returns",
    subject: "Cracked screen",
    summary: "Customer's Nova Phone 12 screen is cracked; asks about repair cost.",
    lang: "zh-CN",
    customerId: "v1",
    customerName: "Li Wei",
    agentId: "s1",
    agentName: "Ada",
    conversationId: null,
    disposition: "appointment",
    csat: 4,
    csatComment: "Quick and friendly",
    followUpAt: "2025-03-07",
    queuedAt: "2025-03-04T14:50:00Z",
    answeredAt: "2025-03-04T14:50:12Z",
    firstResponseAt: "2025-03-04T14:50:42Z",
    abandonedAt: null,
    resolvedAt: null,
    closedAt: null,
    createdAt: "2025-03-04T14:50:00Z",
    updatedAt: "2025-03-04T14:58:00Z",
  },
  timeline: [],
  sla: {
    firstResponse: { targetMs: 60_000, elapsedMs: 42_000, dueAt: 1, stoppedAt: 2, state: "met" },
    resolution: { targetMs: 24 * 3_600_000, elapsedMs: 24 * 3_600_000 - 5 * 60_000, dueAt: 3, stoppedAt: null, state: "running" },
  },
  hallName: "Nova Electronics",
};
const now = Date.parse("2025-03-04T15:00:00Z");

describe("the ticket's header", () => {
  it("shows number, subject, status, priority, category, summary, hall, people and times", () => {
    const t = text(renderToStaticMarkup(<TicketHeader detail={detail} now={now} lang="en" />));
    expect(t).toContain("Ticket #1001");
    expect(renderToStaticMarkup(<TicketHeader detail={detail} now={now} lang="en" />)).toContain("<h1");
    expect(t).toContain("Cracked screen Pending High returns");
    expect(t).toContain("Customer's Nova Phone 12 screen is cracked");
    expect(t).toContain("Hall Nova Electronics Customer Li Wei · 中文 Agent Ada Created 10 minutes ago Updated 2 minutes ago Follow up on Fri, Mar 7, 2025");
  });

  it("reads the SLA clocks, the running one counting down", () => {
    const at = (ms: number) => text(renderToStaticMarkup(<SlaPanel sla={detail.sla} sinceLoadedMs={ms} lang="en" />));
    expect(at(0)).toContain("First response target 1 min met in 42 s");
    expect(at(0)).toContain("Resolution target 1 d due in 5 min");
    expect(at(2 * 60_000)).toContain("due in 3 min");
    expect(at(6 * 60_000)).toContain("breached by 1 min");
    expect(text(renderToStaticMarkup(<SlaPanel sla={detail.sla} sinceLoadedMs={0} lang="zh-CN" />))).toContain("已达成，用时 42 秒");
  });

  it("shows the disposition and the customer's rating with their comment", () => {
    const html = renderToStaticMarkup(<OutcomePanel detail={detail} lang="en" />);
    expect(text(html)).toContain("Disposition Appointment booked");
    expect(html).toContain('aria-label="4 out of 5 stars"');
    expect(text(html)).toContain("Quick and friendly");
    const unrated = renderToStaticMarkup(<OutcomePanel detail={{ ...detail, ticket: { ...detail.ticket, csat: null, csatComment: null, disposition: null } }} lang="zh-CN" />);
    expect(text(unrated)).toContain("尚未评价");
  });
});
