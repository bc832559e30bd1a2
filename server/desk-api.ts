import type { IncomingMessage, ServerResponse } from "node:http";
import type { z } from "zod";
import { PresenceRequest, WrapUpRequest } from "../game-server/protocol/service.ts";
import { DeskRefusal } from "../game-server/service/desk-refusal.ts";
import type { ServiceDesk } from "../game-server/service/service-desk.ts";
import type { StaffRole } from "../game-server/auth/roles.ts";
import { openEventStream } from "./event-stream.ts";
import { HttpError, readJson, sendJson } from "./http-json.ts";
import type { RoleGuard } from "./role-guard.ts";

export interface DeskApiDeps {
  desk: ServiceDesk;
  roles: RoleGuard;
}

/** Who takes customers: agents, and supervisors who step in. */
const DESK_ROLES: readonly StaffRole[] = ["agent", "supervisor"];
const FLOOR_ROLES: readonly StaffRole[] = ["supervisor", "admin"];
const ID = "([A-Za-z0-9-]{1,64})";

/**
 * The agent console's and the supervisor view's routes:
 * `GET /api/desk/events` (the agent's live `DeskView`; being connected is being on the desk),
 * `GET /api/desk`, `POST /api/desk/presence`, `POST /api/desk/offers/:id/accept|decline`,
 * `GET /api/desk/sessions/:id`, `GET /api/desk/sessions/:id/summary` (live assist's draft), `POST /api/desk/sessions/:id/end`, `POST /api/desk/sessions/:id/wrap-up`;
 * `GET /api/supervisor/events` (the live `FloorView`), `GET /api/supervisor/floor`.
 * Every route checks the role first; a desk refusal (not yours, expired, unknown) is a 4xx and changes nothing.
 */
export function createDeskApi(deps: DeskApiDeps) {
  const { desk, roles } = deps;
  return async function handleDeskApi(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
    const path = url.pathname;
    if (!path.startsWith("/api/desk") && !path.startsWith("/api/supervisor")) return false;
    const route = `${req.method} ${path}`;
    try {
      if (route === "GET /api/desk/events") {
        const staff = await roles.requireRole(req, DESK_ROLES);
        openEventStream(req, res, (send) => desk.connectAgent(staff, (view) => send("desk", view)));
        return true;
      }
      if (route === "GET /api/desk") {
        const staff = await roles.requireRole(req, DESK_ROLES);
        sendJson(res, 200, await desk.deskView(staff.id));
        return true;
      }
      if (route === "POST /api/desk/presence") {
        const staff = await roles.requireRole(req, DESK_ROLES);
        const { presence } = parse(PresenceRequest, await readJson(req));
        desk.setPresence(staff.id, presence);
        sendJson(res, 200, { presence });
        return true;
      }
      const offer = new RegExp(`^/api/desk/offers/${ID}/(accept|decline)$`).exec(path);
      if (offer && req.method === "POST") {
        const staff = await roles.requireRole(req, DESK_ROLES);
        if (offer[2] === "accept") sendJson(res, 200, await desk.accept(offer[1]!, staff.id));
        else {
          desk.decline(offer[1]!, staff.id);
          sendJson(res, 200, { declined: true });
        }
        return true;
      }
      const session = new RegExp(`^/api/desk/sessions/${ID}(/wrap-up|/end|/summary)?$`).exec(path);
      if (session && req.method === "GET" && session[2] === "/summary") {
        const staff = await roles.requireRole(req, DESK_ROLES);
        const summary = desk.summaryDraft(session[1]!, staff.id);
        if (!summary) throw new HttpError(404, "live assist has not summarised this session");
        sendJson(res, 200, summary);
        return true;
      }
      if (session && req.method === "POST" && session[2] === "/end") {
        const staff = await roles.requireRole(req, DESK_ROLES);
        await desk.endByAgent(session[1]!, staff.id);
        sendJson(res, 200, { ended: true });
        return true;
      }
      if (session && req.method === "GET" && !session[2]) {
        const staff = await roles.requireRole(req, DESK_ROLES);
        sendJson(res, 200, await desk.context(session[1]!, staff.id));
        return true;
      }
      if (session && req.method === "POST" && session[2] === "/wrap-up") {
        const staff = await roles.requireRole(req, DESK_ROLES);
        const wrap = parse(WrapUpRequest, await readJson(req, 32 * 1024));
        sendJson(res, 200, { ticket: await desk.wrapUp(session[1]!, staff.id, wrap) });
        return true;
      }
      if (route === "GET /api/supervisor/events") {
        const staff = await roles.requireRole(req, FLOOR_ROLES);
        openEventStream(req, res, (send) => desk.watchFloor(staff.hallIds, (view) => send("floor", view)));
        return true;
      }
      if (route === "GET /api/supervisor/floor") {
        const staff = await roles.requireRole(req, FLOOR_ROLES);
        sendJson(res, 200, await desk.floorView(staff.hallIds));
        return true;
      }
      throw new HttpError(404, `no route ${route}`);
    } catch (error) {
      if (error instanceof DeskRefusal) throw new HttpError(error.status, error.message);
      throw error;
    }
  };
}

export function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new HttpError(400, issue ? `${issue.path.join(".") || "body"}: ${issue.message}` : "invalid request");
  }
  return parsed.data;
}
