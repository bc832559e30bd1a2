import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TicketView } from "../../game-server/protocol/service.ts";
import { ticketCount, TicketTable } from "./ticket-table.tsx";

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

const now = Date.parse("2025-03-04T15:00:00Z");
const ticket = (over: Partial<TicketView>): TicketView => ({
  id: "9b2d1c3e-0000-4000-8000-000000000001",
  number: 1001,
  hallId: "nova",
  status: "open",
  priority: "normal",
  category: "returns",
  subject: "Cracked screen on a Nova Phone 12",
  summary: "",
  lang: "en",
  customerId: "v1",
  customerName: "Li Wei",
  agentId: null,
  agentName: null,
  conversationId: null,
  disposition: null,
  csat: null,
  csatComment: null,
  followUpAt: null,
  queuedAt: null,
  answeredAt: null,
  firstResponseAt: null,
  abandonedAt: null,
  resolvedAt: null,
  closedAt: null,
  createdAt: "2025-03-04T14:55:00Z",
  updatedAt: "2025-03-04T14:55:00Z",
  ...over,
});

const tickets = [ticket({}), ticket({ id: "9b2d1c3e-0000-4000-8000-000000000002", number: 998, status: "resolved", priority: "urgent", agentName: "Ada", csat: 4, subject: "", createdAt: "2025-03-01T09:00:00Z" })];
const render = (lang: "en" | "zh-CN" = "en") => renderToStaticMarkup(<TicketTable tickets={tickets} lang={lang} now={now} halls={{ nova: "Nova Electronics" }} />);

describe("the ticket table", () => {
  it("has column headers and one row per ticket, newest first as given", () => {
    const html = render();
    expect(html.match(/<th scope="col"/g)).toHaveLength(9);
    expect(text(html)).toMatch(/#1001 Cracked screen on a Nova Phone 12 Li Wei Unassigned Nova Electronics Open Normal .* 5 minutes ago/);
    expect(text(html)).toMatch(/#998 \(no subject\) Li Wei Ada Nova Electronics Resolved Urgent/);
  });

  it("makes each row one link to its ticket, named by number and subject", () => {
    const html = render();
    expect(html.match(/<a /g)).toHaveLength(2);
    expect(html).toContain('href="/tickets/1001"');
    expect(html).toContain('aria-label="#1001 Cracked screen on a Nova Phone 12"');
    expect(html).toContain('href="/tickets/998"');
  });

  it("shows when, relative with the exact time on hover", () => {
    expect(render()).toMatch(/<time dateTime="2025-03-04T14:55:00Z" title="[^"]*2025[^"]*">5 minutes ago<\/time>/);
    expect(render("zh-CN")).toContain(">5分钟前</time>");
  });

  it("shows CSAT as stars, and a dash where there is none", () => {
    expect(render()).toContain('aria-label="4 out of 5 stars"');
    expect(render()).toContain("not rated");
  });

  it("speaks Chinese", () => {
    const t = text(render("zh-CN"));
    expect(t).toContain("待处理");
    expect(t).toContain("紧急");
    expect(t).toContain("未分配");
  });

  it("counts what is shown, saying when there are more", () => {
    expect(ticketCount(1, false, "en")).toBe("1 ticket");
    expect(ticketCount(50, true, "en")).toBe("50 tickets shown — there are more");
    expect(ticketCount(3, false, "zh-CN")).toBe("3 个工单");
  });
});
