import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { TicketFilterBar } from "./ticket-list.tsx";
import { NO_FILTERS, type TicketFilters } from "./ticket-query.ts";

const render = (filters: TicketFilters, lang: "en" | "zh-CN" = "en", categories = ["phones"]) =>
  renderToStaticMarkup(<TicketFilterBar filters={filters} categories={categories} lang={lang} onChange={() => undefined} />);

describe("the ticket filters", () => {
  it("show which status chips are on, as toggle buttons in a labelled group", () => {
    const html = render({ ...NO_FILTERS, status: ["open", "resolved"] });
    expect(html).toMatch(/<fieldset[^>]*><legend[^>]*>Status<\/legend>/);
    expect(html).toMatch(/aria-pressed="true"[^>]*>Open</);
    expect(html).toMatch(/aria-pressed="false"[^>]*>Pending</);
    expect(html).toMatch(/aria-pressed="true"[^>]*>Resolved</);
    expect(html).toMatch(/aria-pressed="false"[^>]*>Closed</);
  });

  it("label the search box and the menus, and keep a shared link's category even if not seen yet", () => {
    const html = render({ ...NO_FILTERS, q: "refund", priority: "high", category: "cards" });
    expect(html).toContain('<form role="search"');
    expect(html).toMatch(/<label for="tickets-q"[^>]*>Search tickets<\/label>/);
    expect(html).toContain('value="refund"');
    expect(html).toMatch(/<option value="high" selected="">High<\/option>/);
    expect(html).toMatch(/<option value="cards" selected="">cards<\/option>/);
    expect(html).toContain('<option value="phones">phones</option>');
  });

  it("offer to clear only when something is filtered", () => {
    expect(render(NO_FILTERS)).not.toContain("Clear filters");
    expect(render({ ...NO_FILTERS, status: ["open"] })).toContain("Clear filters");
    expect(render({ ...NO_FILTERS, status: ["open"] }, "zh-CN")).toContain("清除筛选");
  });
});
