import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { deleteRecording, recordingPath } from "../game-server/assist/recording/recording-retention.ts";
import type { StaffRole } from "../game-server/auth/roles.ts";
import type { Storage } from "../game-server/storage/storage.ts";
import { HttpError, sendJson } from "./http-json.ts";
import type { RoleGuard } from "./role-guard.ts";

export interface RecordingsApiDeps {
  storage: Pick<Storage, "tickets">;
  roles: RoleGuard;
  /** Where recordings are kept (`<dir>/<ticketId>/<contactId>.opus`). */
  dir: string;
}

/** Who may listen: those who work with tickets. Who may delete one: supervisors and admins. */
const LISTEN_ROLES: readonly StaffRole[] = ["agent", "supervisor", "admin"];
const DELETE_ROLES: readonly StaffRole[] = ["supervisor", "admin"];
const ROUTE = /^\/api\/tickets\/([0-9a-f-]{36})\/recordings\/([A-Za-z0-9_-]{1,64})$/i;

/**
 * Call recordings, linked from their ticket's timeline: `GET /api/tickets/:ticketId/recordings/:contactId`
 * (Ogg/Opus, with byte ranges so the ticket page's player can seek) and `DELETE …` (removes the
 * file now; the timeline says who deleted it). Staff of other halls get a 404, as for the ticket.
 */
export function createRecordingsApi(deps: RecordingsApiDeps) {
  return async function handleRecordingsApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const match = ROUTE.exec(url.pathname);
    if (!match) return false;
    const [, ticketId, contactId] = match as unknown as [string, string, string];
    const staff = await deps.roles.requireRole(req, req.method === "DELETE" ? DELETE_ROLES : LISTEN_ROLES);
    const ticket = await deps.storage.tickets.get(ticketId);
    if (!ticket || (staff.hallIds.length > 0 && !staff.hallIds.includes(ticket.hallId))) throw new HttpError(404, "no such recording");
    const path = recordingPath(deps.dir, ticket.id, contactId);
    const info = await stat(path).catch(() => undefined);
    if (req.method === "DELETE") {
      if (!info) throw new HttpError(404, "no such recording (deleted, or past its retention period)");
      await deleteRecording(path);
      await deps.storage.tickets.append({ ticketId: ticket.id, kind: "recording", authorId: staff.id, authorName: staff.displayName, text: "Recording deleted", data: { contactId, deleted: true } });
      sendJson(res, 200, { deleted: true });
      return true;
    }
    if (req.method !== "GET" && req.method !== "HEAD") throw new HttpError(405, `no route ${req.method} ${url.pathname}`);
    if (!info?.isFile()) throw new HttpError(404, "no such recording (deleted, or past its retention period)");
    const parsed = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? "");
    // "bytes=-" names no range: answered like no Range header at all (200, the whole file), never as a 206.
    const range = parsed && (parsed[1] || parsed[2]) ? parsed : undefined;
    let start = 0;
    let end = info.size - 1;
    if (range) {
      start = range[1] ? Number(range[1]) : Math.max(0, info.size - Number(range[2]));
      end = range[1] && range[2] ? Math.min(Number(range[2]), info.size - 1) : info.size - 1;
      if (start > end || start >= info.size) {
        res.writeHead(416, { "content-range": `bytes */${info.size}` }).end();
        return true;
      }
    }
    res.writeHead(range ? 206 : 200, {
      "content-type": "audio/ogg",
      "content-length": end - start + 1,
      "accept-ranges": "bytes",
      ...(range ? { "content-range": `bytes ${start}-${end}/${info.size}` } : {}),
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "cross-origin-resource-policy": "same-origin",
    });
    if (req.method === "HEAD") {
      res.end();
      return true;
    }
    createReadStream(path, { start, end })
      .on("error", () => res.destroy())
      .pipe(res);
    return true;
  };
}
