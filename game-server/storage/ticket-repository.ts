import type { ArticleLang, TicketPatch, TicketPriority, TicketQuery, TicketRecord, TicketStatus, TimelineEntry } from "./storage.ts";

/** Service sessions closed as tickets, each with its timeline of what happened. */
export interface TicketRepository {
  /**
   * Stores a new ticket under a fresh id and the next number (1001 upwards; concurrent creates get distinct ones);
   * createdAt = updatedAt = now. `searchTerms` become the ticket's first search terms. Resolves once it is durable.
   */
  create(ticket: Omit<TicketRecord, "id" | "number" | "createdAt" | "updatedAt">, searchTerms?: readonly string[]): Promise<TicketRecord>;
  get(id: string): Promise<TicketRecord | undefined>;
  byNumber(number: number): Promise<TicketRecord | undefined>;
  /** Applies the fields given (others unchanged; null clears one) and sets updatedAt; undefined for an unknown id. */
  update(id: string, patch: TicketPatch): Promise<TicketRecord | undefined>;
  /**
   * Appends to the timeline (at = now unless given), bumps the ticket's updatedAt and adds `searchTerms` to the ticket's terms,
   * in one transaction. Rejects with a plain Error "no ticket <id>" for an unknown ticket (nothing is stored).
   */
  append(entry: Omit<TimelineEntry, "id" | "at"> & { at?: string }, searchTerms?: readonly string[]): Promise<TimelineEntry>;
  /** A ticket's timeline, oldest first in append order (not by `at`); at most `limit` (default 1000): the first ones. */
  timeline(ticketId: string, limit?: number): Promise<TimelineEntry[]>;
  /** The tickets matching `query`, newest first (by number). */
  list(query: TicketQuery): Promise<TicketRecord[]>;
  /** The customer's open or pending ticket in a hall, the newest, if any (a new request for a person links to it). */
  openFor(customerId: string, hallId: string): Promise<TicketRecord | undefined>;
}

// What follows is shared by the SQLite and PostgreSQL repositories, so that both store and match exactly the same terms.

/**
 * How many characters of search terms a ticket keeps. Once full, further terms are dropped and the earliest stay:
 * they come from the subject and the start of the conversation, which say best what the ticket is about.
 */
export const SEARCH_TERMS_MAX_CHARS = 20_000;

/** The terms as stored and matched: lower-case, split at white space (a term never holds a space), empty ones gone. */
export function searchTermsOf(terms: readonly string[]): string[] {
  return terms.flatMap((term) => term.toLowerCase().split(/\s+/u)).filter((term) => term !== "");
}

/**
 * The search-terms column after adding `added` to `stored`: " term1 term2 … " (a space on both sides of every term, so that
 * `' ' || term || ' '` matches whole terms only), each term once, at most `SEARCH_TERMS_MAX_CHARS` characters.
 */
export function withSearchTerms(stored: string, added: readonly string[]): string {
  let column = stored.startsWith(" ") ? stored : ` ${stored}`;
  const have = new Set(column.split(" "));
  for (const term of searchTermsOf(added)) {
    if (have.has(term) || column.length + term.length + 1 > SEARCH_TERMS_MAX_CHARS) continue;
    column += `${term} `;
    have.add(term);
  }
  return column;
}

/** `TicketQuery.limit` as applied: 50 when absent, never more than 500 nor less than 0. */
export function ticketListLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return 50;
  return Math.max(0, Math.min(Math.floor(limit), 500));
}

/** The column each `TicketPatch` field is stored in; only these fields can change after a ticket is created. */
export const TICKET_PATCH_COLUMNS: Readonly<Record<keyof TicketPatch, string>> = {
  status: "status",
  priority: "priority",
  category: "category",
  subject: "subject",
  summary: "summary",
  agentId: "agent_id",
  agentName: "agent_name",
  disposition: "disposition",
  csat: "csat",
  csatComment: "csat_comment",
  followUpAt: "follow_up_at",
  queuedAt: "queued_at",
  answeredAt: "answered_at",
  firstResponseAt: "first_response_at",
  abandonedAt: "abandoned_at",
  resolvedAt: "resolved_at",
  closedAt: "closed_at",
};

/** The patch's time fields: ISO strings, stored as instants (timestamptz in PostgreSQL, normalised ISO text in SQLite). */
export const TICKET_TIME_FIELDS: ReadonlySet<keyof TicketPatch> = new Set(["followUpAt", "queuedAt", "answeredAt", "firstResponseAt", "abandonedAt", "resolvedAt", "closedAt"]);

/** A `tickets` row as either database returns it; `T` is how it hands back a time (ISO text, or a `Date`). */
export interface TicketRow<T> {
  id: string; number: number; hall_id: string; status: string; priority: string; category: string; subject: string; summary: string; lang: string;
  customer_id: string; customer_name: string; agent_id: string | null; agent_name: string | null; conversation_id: string | null;
  disposition: string | null; csat: number | null; csat_comment: string | null; follow_up_at: T | null; queued_at: T | null;
  answered_at: T | null; first_response_at: T | null; abandoned_at: T | null; resolved_at: T | null; closed_at: T | null;
  created_at: T; updated_at: T;
}

/** Every column but `search_terms`, which can be 20,000 characters that no caller reads. */
export const TICKET_COLUMNS = `id, number, hall_id, status, priority, category, subject, summary, lang, customer_id, customer_name, agent_id, agent_name,
  conversation_id, disposition, csat, csat_comment, follow_up_at, queued_at, answered_at, first_response_at, abandoned_at, resolved_at, closed_at,
  created_at, updated_at`;

/** One row → the record, the same for both databases; `time` turns the database's time into ISO text. */
export function ticketFromRow<T>(r: TicketRow<T>, time: (value: T) => string): TicketRecord {
  const maybe = (value: T | null) => (value === null ? null : time(value));
  return {
    id: r.id,
    number: r.number,
    hallId: r.hall_id,
    status: r.status as TicketStatus,
    priority: r.priority as TicketPriority,
    category: r.category,
    subject: r.subject,
    summary: r.summary,
    lang: r.lang as ArticleLang,
    customerId: r.customer_id,
    customerName: r.customer_name,
    agentId: r.agent_id,
    agentName: r.agent_name,
    conversationId: r.conversation_id,
    disposition: r.disposition,
    csat: r.csat,
    csatComment: r.csat_comment,
    followUpAt: maybe(r.follow_up_at),
    queuedAt: maybe(r.queued_at),
    answeredAt: maybe(r.answered_at),
    firstResponseAt: maybe(r.first_response_at),
    abandonedAt: maybe(r.abandoned_at),
    resolvedAt: maybe(r.resolved_at),
    closedAt: maybe(r.closed_at),
    createdAt: time(r.created_at),
    updatedAt: time(r.updated_at),
  };
}

