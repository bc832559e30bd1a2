import { randomUUID } from "node:crypto";
import type { DatabaseSync, SQLInputValue } from "node:sqlite";
import type { TicketPatch, TicketQuery, TicketRecord, TicketRepository, TimelineEntry, TimelineKind } from "../storage.ts";
import { searchTermsOf, TICKET_COLUMNS, TICKET_PATCH_COLUMNS, TICKET_TIME_FIELDS, ticketFromRow, ticketListLimit, withSearchTerms, type TicketRow } from "../ticket-repository.ts";
import { inTransaction } from "./database.ts";

interface EventRow { id: string; ticket_id: string; at: string; kind: string; author_id: string | null; author_name: string | null; text: string; data: string }

const toTicket = (r: TicketRow<string>): TicketRecord => ticketFromRow(r, (at) => at);

const toEntry = (r: EventRow): TimelineEntry => ({
  id: r.id,
  ticketId: r.ticket_id,
  at: r.at,
  kind: r.kind as TimelineKind,
  authorId: r.author_id,
  authorName: r.author_name,
  text: r.text,
  data: JSON.parse(r.data) as Record<string, unknown>,
});

/**
 * A time as stored: the instant as `toISOString()` writes it, so that text order is time order (created_at ranges compare
 * as text) and a time given with an offset reads back as PostgreSQL's timestamptz gives it. Rejects a string that is no time.
 */
function instant(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new RangeError(`not a time: ${JSON.stringify(value)}`);
  return new Date(ms).toISOString();
}

const instantOrNull = (value: string | null): string | null => (value === null ? null : instant(value));

const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

export class SqliteTicketRepository implements TicketRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async create(ticket: Omit<TicketRecord, "id" | "number" | "createdAt" | "updatedAt">, searchTerms: readonly string[] = []): Promise<TicketRecord> {
    const now = new Date().toISOString();
    const t = ticket;
    // AUTOINCREMENT gives the number inside the insert itself, so concurrent writers (even other processes) never share one.
    const row = this.#db
      .prepare(
        `INSERT INTO tickets (id, hall_id, status, priority, category, subject, summary, lang, customer_id, customer_name, agent_id, agent_name,
           conversation_id, disposition, csat, csat_comment, follow_up_at, queued_at, answered_at, first_response_at, abandoned_at, resolved_at,
           closed_at, created_at, updated_at, search_terms)
         VALUES (${placeholders(26)}) RETURNING ${TICKET_COLUMNS}`,
      )
      .get(
        randomUUID(), t.hallId, t.status, t.priority, t.category, t.subject, t.summary, t.lang, t.customerId, t.customerName, t.agentId, t.agentName,
        t.conversationId, t.disposition, t.csat, t.csatComment, instantOrNull(t.followUpAt), instantOrNull(t.queuedAt), instantOrNull(t.answeredAt),
        instantOrNull(t.firstResponseAt), instantOrNull(t.abandonedAt), instantOrNull(t.resolvedAt), instantOrNull(t.closedAt), now, now,
        withSearchTerms(" ", searchTerms),
      ) as unknown as TicketRow<string>;
    return toTicket(row);
  }

  async get(id: string): Promise<TicketRecord | undefined> {
    const row = this.#db.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = ?`).get(id) as TicketRow<string> | undefined;
    return row && toTicket(row);
  }

  async byNumber(number: number): Promise<TicketRecord | undefined> {
    const row = this.#db.prepare(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE number = ?`).get(number) as TicketRow<string> | undefined;
    return row && toTicket(row);
  }

  async update(id: string, patch: TicketPatch): Promise<TicketRecord | undefined> {
    const sets = ["updated_at = ?"];
    const values: SQLInputValue[] = [new Date().toISOString()];
    for (const [field, column] of Object.entries(TICKET_PATCH_COLUMNS) as [keyof TicketPatch, string][]) {
      const value = patch[field];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      values.push(TICKET_TIME_FIELDS.has(field) ? instantOrNull(value as string | null) : value);
    }
    const row = this.#db.prepare(`UPDATE tickets SET ${sets.join(", ")} WHERE id = ? RETURNING ${TICKET_COLUMNS}`).get(...values, id) as TicketRow<string> | undefined;
    return row && toTicket(row);
  }

  async append(entry: Omit<TimelineEntry, "id" | "at"> & { at?: string }, searchTerms: readonly string[] = []): Promise<TimelineEntry> {
    const now = new Date().toISOString();
    const at = entry.at === undefined ? now : instant(entry.at);
    // One transaction: the entry, the ticket's updatedAt and its terms are kept together or not at all.
    // Writing first takes the database's write lock before the terms are read, so another process cannot change them in between.
    const row = inTransaction(this.#db, () => {
      const ticket = this.#db.prepare("UPDATE tickets SET updated_at = ? WHERE id = ? RETURNING search_terms").get(now, entry.ticketId) as { search_terms: string } | undefined;
      if (!ticket) throw new Error(`no ticket ${entry.ticketId}`);
      const terms = withSearchTerms(ticket.search_terms, searchTerms);
      if (terms !== ticket.search_terms) this.#db.prepare("UPDATE tickets SET search_terms = ? WHERE id = ?").run(terms, entry.ticketId);
      return this.#db
        .prepare("INSERT INTO ticket_events (id, ticket_id, at, kind, author_id, author_name, text, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING *")
        .get(randomUUID(), entry.ticketId, at, entry.kind, entry.authorId, entry.authorName, entry.text, JSON.stringify(entry.data)) as unknown as EventRow;
    });
    return toEntry(row);
  }

  async timeline(ticketId: string, limit = 1000): Promise<TimelineEntry[]> {
    // max(0, …): SQLite reads a negative LIMIT as no limit at all.
    const rows = this.#db.prepare("SELECT * FROM ticket_events WHERE ticket_id = ? ORDER BY seq LIMIT ?").all(ticketId, Math.max(0, limit)) as unknown as EventRow[];
    return rows.map(toEntry);
  }

  async list(query: TicketQuery): Promise<TicketRecord[]> {
    const where: string[] = [];
    const values: SQLInputValue[] = [];
    const anyOf = (column: string, options: readonly string[] | undefined) => {
      if (!options || options.length === 0) return;
      where.push(`${column} IN (${placeholders(options.length)})`);
      values.push(...options);
    };
    const equal = (column: string, value: string | undefined) => {
      if (value === undefined) return;
      where.push(`${column} = ?`);
      values.push(value);
    };
    anyOf("hall_id", query.hallIds);
    anyOf("status", query.status);
    anyOf("priority", query.priority);
    equal("agent_id", query.agentId);
    equal("customer_id", query.customerId);
    equal("category", query.category);
    if (query.createdFrom !== undefined) {
      where.push("created_at >= ?");
      values.push(instant(query.createdFrom));
    }
    if (query.createdTo !== undefined) {
      where.push("created_at < ?");
      values.push(instant(query.createdTo));
    }
    for (const term of searchTermsOf(query.terms ?? [])) {
      where.push("instr(search_terms, ' ' || ? || ' ') > 0");
      values.push(term);
    }
    if (query.beforeNumber !== undefined) {
      where.push("number < ?");
      values.push(query.beforeNumber);
    }
    const rows = this.#db
      .prepare(`SELECT ${TICKET_COLUMNS} FROM tickets ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY number DESC LIMIT ?`)
      .all(...values, ticketListLimit(query.limit)) as unknown as TicketRow<string>[];
    return rows.map(toTicket);
  }

  async openFor(customerId: string, hallId: string): Promise<TicketRecord | undefined> {
    const row = this.#db
      .prepare(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE customer_id = ? AND hall_id = ? AND status IN ('open', 'pending') ORDER BY number DESC LIMIT 1`)
      .get(customerId, hallId) as TicketRow<string> | undefined;
    return row && toTicket(row);
  }
}
