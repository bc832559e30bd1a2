import { describe, expect, it } from "vitest";
import { filtersFrom, filterSearch, hasFilters, NO_FILTERS, ticketsApiPath, toggleStatus } from "./ticket-query.ts";

const from = (search: string) => filtersFrom(new URLSearchParams(search));

describe("the ticket list's URL", () => {
  it("reads the filters a shared link carries", () => {
    expect(from("?q=%E9%80%80%E6%AC%BE+refund&status=pending,open&priority=high&category=returns")).toEqual({ q: "退款 refund", status: ["open", "pending"], priority: "high", category: "returns" });
    expect(from("")).toEqual(NO_FILTERS);
  });

  it("drops what the server would refuse, so an old link still opens", () => {
    expect(from("?status=open,archived&priority=extreme").status).toEqual(["open"]);
    expect(from("?status=open,archived&priority=extreme").priority).toBe("");
    expect(from(`?q=${"x".repeat(300)}`).q).toHaveLength(200);
  });

  it("writes one URL per view, whatever order the chips were pressed in", () => {
    const a = toggleStatus(toggleStatus(NO_FILTERS, "resolved"), "open");
    const b = toggleStatus(toggleStatus(NO_FILTERS, "open"), "resolved");
    expect(filterSearch(a)).toBe("?status=open,resolved");
    expect(filterSearch(b)).toBe(filterSearch(a));
    expect(filterSearch({ ...NO_FILTERS, q: " 屏幕 碎了 " })).toBe(`?q=${encodeURIComponent("屏幕 碎了")}`);
    expect(filterSearch(NO_FILTERS)).toBe("");
  });

  it("round-trips: what is written reads back the same", () => {
    const f = { q: "Li & Wei #1001", status: ["pending" as const], priority: "urgent" as const, category: "cards" };
    expect(from(filterSearch(f))).toEqual(f);
  });

  it("turns a chip off when pressed again", () => {
    const on = toggleStatus(NO_FILTERS, "open");
    expect(on.status).toEqual(["open"]);
    expect(toggleStatus(on, "open").status).toEqual([]);
    expect(hasFilters(toggleStatus(on, "open"))).toBe(false);
  });

  it("asks the API for the filters and the next page after the last ticket shown", () => {
    expect(ticketsApiPath(NO_FILTERS)).toBe("/api/tickets?limit=50");
    expect(ticketsApiPath({ ...NO_FILTERS, status: ["open"] }, 1001)).toBe("/api/tickets?status=open&before=1001&limit=50");
    const url = new URL(ticketsApiPath({ ...NO_FILTERS, q: "refund", priority: "high" }, 990), "https://atrium.invalid");
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: "refund", priority: "high", before: "990", limit: "50" });
  });
});
