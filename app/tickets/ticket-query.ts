import { TicketPriority, TicketStatus } from "../../game-server/protocol/service.ts";

/**
 * The ticket list's filters, kept in the page's URL so a view can be shared and the back button
 * returns to it: `q` (full text, zh and en), `status` (a comma list), `priority`, `category`.
 * Pure: read from and written to query strings; the API's own query adds the paging.
 */
export interface TicketFilters {
  q: string;
  status: TicketStatus[];
  priority: TicketPriority | "";
  category: string;
}

export const NO_FILTERS: TicketFilters = { q: "", status: [], priority: "", category: "" };

/** One page of the list; a full page means there may be more. */
export const PAGE_SIZE = 50;
/** The server reads this much of `q`. */
const Q_MAX = 200;

const STATUSES = TicketStatus.options;
const PRIORITIES = TicketPriority.options;

/** The filters a URL asks for. Values the server would refuse (an unknown status) are dropped, so an old link still opens. */
export function filtersFrom(params: URLSearchParams): TicketFilters {
  const wanted = new Set((params.get("status") ?? "").split(","));
  const priority = (params.get("priority") ?? "").split(",").find((p): p is TicketPriority => (PRIORITIES as readonly string[]).includes(p));
  return {
    q: (params.get("q") ?? "").trim().slice(0, Q_MAX),
    status: STATUSES.filter((s) => wanted.has(s)),
    priority: priority ?? "",
    category: (params.get("category") ?? "").trim().slice(0, 40),
  };
}

/** The query string for these filters ("" for none), always in one order, so one view has one URL. */
export function filterSearch(f: TicketFilters): string {
  const parts: string[] = [];
  const q = f.q.trim();
  if (q) parts.push(`q=${encodeURIComponent(q)}`);
  const status = STATUSES.filter((s) => f.status.includes(s));
  // Statuses are plain words: the comma stays readable in the address bar.
  if (status.length > 0) parts.push(`status=${status.join(",")}`);
  if (f.priority) parts.push(`priority=${f.priority}`);
  if (f.category.trim()) parts.push(`category=${encodeURIComponent(f.category.trim())}`);
  return parts.length > 0 ? `?${parts.join("&")}` : "";
}

/** The API request for one page of tickets: after (older than) ticket `before` when paging on. */
export function ticketsApiPath(f: TicketFilters, before?: number, limit = PAGE_SIZE): string {
  const search = filterSearch(f);
  const paging = `${before !== undefined ? `before=${before}&` : ""}limit=${limit}`;
  return `/api/tickets${search ? `${search}&` : "?"}${paging}`;
}

/** A status chip pressed: added if it was off, removed if it was on. */
export function toggleStatus(f: TicketFilters, status: TicketStatus): TicketFilters {
  const on = f.status.includes(status);
  return { ...f, status: on ? f.status.filter((s) => s !== status) : STATUSES.filter((s) => s === status || f.status.includes(s)) };
}

export function hasFilters(f: TicketFilters): boolean {
  return filterSearch(f) !== "";
}
