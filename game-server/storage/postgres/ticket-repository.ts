import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { TicketPatch, TicketQuery, TicketRecord, TicketRepository, TimelineEntry, TimelineKind } from "../storage.ts";
import { searchTermsOf, TICKET_COLUMNS, TICKET_PATCH_COLUMNS, ticketFromRow, ticketListLimit, withSearchTerms, type TicketRow } from "../ticket-repository.ts";
import { inTransaction, iso } from "./database.ts";

interface EventRow {
  id: string; ticket_id: string; at: Date; kind: string; author_id: string | null; author_name: string | null; text: string; data: Record<string, unknown>;
}

const toTicket = (r: TicketRow<Date>): TicketRecord => ticketFromRow(r, iso);

const toEntry = (r: EventRow): TimelineEntry => ({
  id: r.id,
  ticketId: r.ticket_id,
  at: iso(r.at),
  kind: r.kind as TimelineKind,
  authorId: r.author_id,
  authorName: r.author_name,
  text: r.text,
  data: r.data,
});

export class PostgresTicketRepository implements TicketRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async create(ticket: Omit<TicketRecord, "id" | "number" | "createdAt" | "updatedAt">, searchTerms: readonly string[] = []): Promise<TicketRecord> {
    const now = new Date().toISOString();
    const t = ticket;
    // The number comes from the column's sequence inside the insert, so concurrent creates (even from other servers) never share one.
    const { rows } = await this.#pool.query<TicketRow<Date>>(
      `INSERT INTO tickets (id, hall_id, status, priority, category, subject, summary, lang, customer_id, customer_name, agent_id, agent_name,
         conversation_id, disposition, csat, csat_comment, follow_up_at, queued_at, answered_at, first_response_at, abandoned_at, resolved_at,
         closed_at, created_at, updated_at, search_terms)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24, $25)
       RETURNING ${TICKET_COLUMNS}`,
      [
        randomUUID(), t.hallId, t.status, t.priority, t.category, t.subject, t.summary, t.lang, t.customerId, t.customerName, t.agentId, t.agentName,
        t.conversationId, t.disposition, t.csat, t.csatComment, t.followUpAt, t.queuedAt, t.answeredAt, t.firstResponseAt, t.abandonedAt, t.resolvedAt,
        t.closedAt, now, withSearchTerms(" ", searchTerms),
      ],
    );
    return toTicket(rows[0]!);
  }

  async get(id: string): Promise<TicketRecord | undefined> {
    const row = (await this.#pool.query<TicketRow<Date>>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE id = $1`, [id])).rows[0];
    return row && toTicket(row);
  }

  async byNumber(number: number): Promise<TicketRecord | undefined> {
    const row = (await this.#pool.query<TicketRow<Date>>(`SELECT ${TICKET_COLUMNS} FROM tickets WHERE number = $1`, [number])).rows[0];
    return row && toTicket(row);
  }

  async update(id: string, patch: TicketPatch): Promise<TicketRecord | undefined> {
    const values: unknown[] = [id, new Date().toISOString()];
    const sets = ["updated_at = $2"];
    for (const [field, column] of Object.entries(TICKET_PATCH_COLUMNS) as [keyof TicketPatch, string][]) {
      const value = patch[field];
      if (value === undefined) continue;
      values.push(value);
      sets.push(`${column} = $${values.length}`);
    }
    const { rows } = await this.#pool.query<TicketRow<Date>>(`UPDATE tickets SET ${sets.join(", ")} WHERE id = $1 RETURNING ${TICKET_COLUMNS}`, values);
    return rows[0] && toTicket(rows[0]);
  }

  async append(entry: Omit<TimelineEntry, "id" | "at"> & { at?: string }, searchTerms: readonly string[] = []): Promise<TimelineEntry> {
    const now = new Date().toISOString();
    // One transaction: the entry, the ticket's updatedAt and its terms are kept together or not at all. FOR UPDATE holds the
    // ticket's row, so that concurrent appends each add their terms to the other's instead of overwriting them.
    const row = await inTransaction(this.#pool, async (client) => {
      const ticket = (await client.query<{ search_terms: string }>("SELECT search_terms FROM tickets WHERE id = $1 FOR UPDATE", [entry.ticketId])).rows[0];
      if (!ticket) throw new Error(`no ticket ${entry.ticketId}`);
      await client.query("UPDATE tickets SET updated_at = $2, search_terms = $3 WHERE id = $1", [entry.ticketId, now, withSearchTerms(ticket.search_terms, searchTerms)]);
      const { rows } = await client.query<EventRow>(
        "INSERT INTO ticket_events (id, ticket_id, at, kind, author_id, author_name, text, data) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *",
        // data as JSON text: pg would send a JavaScript array as a PostgreSQL array, not as JSON.
        [randomUUID(), entry.ticketId, entry.at ?? now, entry.kind, entry.authorId, entry.authorName, entry.text, JSON.stringify(entry.data)],
      );
      return rows[0]!;
    });
    return toEntry(row);
  }

  async timeline(ticketId: string, limit = 1000): Promise<TimelineEntry[]> {
    const { rows } = await this.#pool.query<EventRow>("SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY seq LIMIT $2", [ticketId, Math.max(0, limit)]);
    return rows.map(toEntry);
  }

  async list(query: TicketQuery): Promise<TicketRecord[]> {
    const where: string[] = [];
    const values: unknown[] = [];
    /** Adds a condition whose `$?` is the value's parameter. */
    const condition = (sql: string, value: unknown) => {
      values.push(value);
      where.push(sql.replace("$?", `$${values.length}`));
    };
    if (query.hallIds && query.hallIds.length > 0) condition("hall_id = ANY($?)", query.hallIds);
    if (query.status && query.status.length > 0) condition("status = ANY($?)", query.status);
    if (query.priority && query.priority.length > 0) condition("priority = ANY($?)", query.priority);
    if (query.agentId !== undefined) condition("agent_id = $?", query.agentId);
    if (query.customerId !== undefined) condition("customer_id = $?", query.customerId);
    if (query.category !== undefined) condition("category = $?", query.category);
    if (query.createdFrom !== undefined) condition("created_at >= $?", query.createdFrom);
    if (query.createdTo !== undefined) condition("created_at < $?", query.createdTo);
    for (const term of searchTermsOf(query.terms ?? [])) condition("strpos(search_terms, ' ' || $?::text || ' ') > 0", term);
    if (query.beforeNumber !== undefined) condition("number < $?", query.beforeNumber);
    values.push(ticketListLimit(query.limit));
    const { rows } = await this.#pool.query<TicketRow<Date>>(
      `SELECT ${TICKET_COLUMNS} FROM tickets ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY number DESC LIMIT $${values.length}`,
      values,
    );
    return rows.map(toTicket);
  }

  async openFor(customerId: string, hallId: string): Promise<TicketRecord | undefined> {
    const { rows } = await this.#pool.query<TicketRow<Date>>(
      `SELECT ${TICKET_COLUMNS} FROM tickets WHERE customer_id = $1 AND hall_id = $2 AND status IN ('open', 'pending') ORDER BY number DESC LIMIT 1`,
      [customerId, hallId],
    );
    return rows[0] && toTicket(rows[0]);
  }
}
