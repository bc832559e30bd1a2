import type { IncomingMessage, ServerResponse } from "node:http";
import type { StaffRole } from "../game-server/auth/roles.ts";
import { TicketNoteRequest, TicketPatchRequest, TicketPriority, TicketStatus, type TicketDetail } from "../game-server/protocol/service.ts";
import type { ServiceDesk } from "../game-server/service/service-desk.ts";
import { searchTerms } from "../game-server/service/search-terms.ts";
import { slaClocks } from "../game-server/service/sla.ts";
import type { StaffRecord, Storage, TicketQuery, TicketRecord } from "../game-server/storage/storage.ts";
import { parse } from "./desk-api.ts";
import { HttpError, readJson, sendJson } from "./http-json.ts";
import type { RoleGuard } from "./role-guard.ts";

export interface TicketsApiDeps {
  storage: Storage;
  desk: ServiceDesk;
  roles: RoleGuard;
  now?: () => number;
}

/** Who works with tickets. Marketers do not: tickets hold customers' words. */
const TICKET_ROLES: readonly StaffRole[] = ["agent", "supervisor", "admin"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The tickets REST API, for the pages and for integrations (a staff sign-in cookie):
 * `GET /api/tickets` (filters: `q` full text in zh and en, `status`, `priority` (comma lists),
 * `hall`, `agent`, `customer`, `category`, `from`, `to`; newest first, `before`=number, `limit`),
 * `GET /api/tickets/:id-or-number` (ticket, timeline, SLA clocks), `PATCH /api/tickets/:id`
 * (`status`, `priority`, `category`), `POST /api/tickets/:id/notes` (`text`). Staff see the
 * tickets of the halls they work in (all halls when their account lists none).
 */
export function createTicketsApi(deps: TicketsApiDeps) {
  const { storage, roles } = deps;
  const now = deps.now ?? Date.now;
  return async function handleTicketsApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (path !== "/api/tickets" && !path.startsWith("/api/tickets/")) return false;
    const staff = await roles.requireRole(req, TICKET_ROLES);
    if (path === "/api/tickets") {
      if (req.method !== "GET") throw new HttpError(405, `no route ${req.method} ${path}`);
      sendJson(res, 200, { tickets: await storage.tickets.list(query(url, staff)) });
      return true;
    }
    const match = /^\/api\/tickets\/([^/]{1,64})(\/notes)?$/.exec(path);
    if (!match) throw new HttpError(404, `no route ${req.method} ${path}`);
    const ticket = await find(match[1]!, staff);
    if (match[2]) {
      if (req.method !== "POST") throw new HttpError(405, `no route ${req.method} ${path}`);
      const { text } = parse(TicketNoteRequest, await readJson(req, 32 * 1024));
      const entry = await storage.tickets.append({ ticketId: ticket.id, kind: "note", authorId: staff.id, authorName: staff.displayName, text, data: {} }, searchTerms(text));
      sendJson(res, 201, { entry });
      return true;
    }
    if (req.method === "GET") {
      sendJson(res, 200, await detail(ticket));
      return true;
    }
    if (req.method === "PATCH") {
      const patch = parse(TicketPatchRequest, await readJson(req));
      const at = new Date(now()).toISOString();
      const updated = await storage.tickets.update(ticket.id, {
        ...patch,
        ...(patch.status === "resolved" && !ticket.resolvedAt ? { resolvedAt: at } : {}),
        ...(patch.status === "closed" && !ticket.closedAt ? { closedAt: at } : {}),
        ...(patch.status === "open" || patch.status === "pending" ? { resolvedAt: null, closedAt: null } : {}),
      });
      const changes = Object.entries(patch).map(([k, v]) => `${k}: ${String(ticket[k as keyof TicketRecord])} → ${String(v)}`);
      const from = Object.fromEntries(Object.keys(patch).map((k) => [k, ticket[k as keyof TicketRecord]]));
      await storage.tickets.append({ ticketId: ticket.id, kind: "status", authorId: staff.id, authorName: staff.displayName, text: changes.join("; "), data: { ...patch, from } });
      sendJson(res, 200, { ticket: updated });
      return true;
    }
    throw new HttpError(405, `no route ${req.method} ${path}`);
  };

  async function find(ref: string, staff: StaffRecord): Promise<TicketRecord> {
    const number = /^#?\d{1,9}$/.test(ref) ? Number(ref.replace("#", "")) : undefined;
    if (number === undefined && !UUID.test(ref)) throw new HttpError(404, `no ticket "${ref.slice(0, 64)}"`);
    const ticket = number !== undefined ? await storage.tickets.byNumber(number) : await storage.tickets.get(ref);
    // Another hall's ticket is answered like a missing one: its existence is not theirs to know.
    if (!ticket || !worksIn(staff, ticket.hallId)) throw new HttpError(404, `no ticket "${ref.slice(0, 64)}"`);
    return ticket;
  }

  async function detail(ticket: TicketRecord): Promise<TicketDetail> {
    const config = await deps.desk.config(ticket.hallId);
    const ms = (iso: string | null) => (iso ? Date.parse(iso) : null);
    const sla = slaClocks({ createdAt: Date.parse(ticket.queuedAt ?? ticket.createdAt), firstResponseAt: ms(ticket.firstResponseAt), resolvedAt: ms(ticket.resolvedAt) }, config.sla, config.hours, now());
    const hall = await storage.halls.get(ticket.hallId);
    return { ticket, timeline: await storage.tickets.timeline(ticket.id), sla, hallName: hall?.name ?? ticket.hallId };
  }
}

function worksIn(staff: StaffRecord, hallId: string): boolean {
  return staff.hallIds.length === 0 || staff.hallIds.includes(hallId);
}

function list<T extends string>(value: string | null, allowed: readonly T[], name: string): T[] | undefined {
  if (!value) return undefined;
  const items = value.split(",").filter(Boolean);
  for (const item of items) if (!allowed.includes(item as T)) throw new HttpError(400, `${name}: unknown value "${item.slice(0, 20)}"`);
  return items as T[];
}

function isoDate(value: string | null, name: string): string | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time)) throw new HttpError(400, `${name}: not a date`);
  return new Date(time).toISOString();
}

function query(url: URL, staff: StaffRecord): TicketQuery {
  const p = url.searchParams;
  const hall = p.get("hall");
  if (hall && !worksIn(staff, hall)) throw new HttpError(403, `you do not work in hall "${hall.slice(0, 40)}"`);
  const limit = p.get("limit") ? Number(p.get("limit")) : 50;
  const before = p.get("before") ? Number(p.get("before")) : undefined;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new HttpError(400, "limit: 1 to 500");
  if (before !== undefined && !Number.isInteger(before)) throw new HttpError(400, "before: a ticket number");
  const q = (p.get("q") ?? "").slice(0, 200);
  const terms = q ? searchTerms(q) : [];
  if (q && terms.length === 0 && /^#?\d+$/.test(q.trim()) === false) {
    // Only stop words: nothing can match them, say so rather than list everything.
    throw new HttpError(400, "q: search for a word that means something (not only stop words)");
  }
  return {
    hallIds: hall ? [hall] : staff.hallIds,
    status: list(p.get("status"), TicketStatus.options, "status"),
    priority: list(p.get("priority"), TicketPriority.options, "priority"),
    agentId: p.get("agent") ?? undefined,
    customerId: p.get("customer") ?? undefined,
    category: p.get("category") ?? undefined,
    createdFrom: isoDate(p.get("from"), "from"),
    createdTo: isoDate(p.get("to"), "to"),
    terms: terms.length > 0 ? terms : undefined,
    beforeNumber: before,
    limit,
  };
}
