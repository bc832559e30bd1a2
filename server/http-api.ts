import type { IncomingMessage, ServerResponse } from "node:http";
import type { GuestTokens } from "../game-server/auth/guest-token.ts";
import type { HallDirectory } from "../game-server/halls/hall-directory.ts";
import type { StaffSessions } from "../game-server/auth/staff-session.ts";
import type { Logger } from "../game-server/logging/logger.ts";
import type { Storage } from "../game-server/storage/storage.ts";
import type { Scene } from "../scenes/scene-format.ts";
import type { MediaHub } from "../sfu/media-hub.ts";
import { handleAuthApi } from "./auth-api.ts";
import { handleCheckApi } from "./check-api.ts";
import { handleAvatarApi, type AvatarApiDeps } from "./avatar-api.ts";
import { HttpError, sendJson } from "./http-json.ts";
import { createDeskApi } from "./desk-api.ts";
import { createFilesApi } from "./files-api.ts";
import { createKnowledgeApi } from "./knowledge-api.ts";
import { createAssistRulesApi } from "./assist-rules-api.ts";
import { createRecordingsApi } from "./recordings-api.ts";
import { createTicketsApi } from "./tickets-api.ts";
import { createStudioApi } from "./studio-api.ts";
import type { SceneLibrary } from "../game-server/studio/scene-library.ts";
import type { AssetFiles } from "../game-server/studio/asset-files.ts";
import type { ServiceDesk } from "../game-server/service/service-desk.ts";
import type { ServiceFiles } from "../game-server/service/service-files.ts";
import { fromThisMachine } from "./operator-access.ts";
import { RoleGuard } from "./role-guard.ts";

export interface ApiDeps extends AvatarApiDeps {
  storage: Storage;
  tokens: GuestTokens;
  /** Staff sign-in cookies (same secret as `tokens`, another audience). */
  staffSessions: StaffSessions;
  media: MediaHub;
  log: Logger;
  findScene(id: string): Scene | undefined;
  /** Rooms Colyseus currently hosts in this process. */
  roomCount(): number;
  /** The halls open in this process: a knowledge edit re-indexes an open hall's concierge. */
  halls?: Pick<HallDirectory, "get">;
  /** The service desk: the agent console, the supervisor view and tickets. */
  desk?: ServiceDesk;
  /** Files of service sessions (`/api/service/:contactId/files`, `/api/files/:id`). */
  files?: ServiceFiles;
  /** Where call recordings are kept (`/api/tickets/:id/recordings/:contactId`); absent where calls are never recorded. */
  recordingsDir?: string;
  /** The studio: published scenes in memory and uploaded product models' files. */
  studio?: { library: SceneLibrary; assets: AssetFiles };
}

/**
 * Atrium's own HTTP endpoints. Returns false when the path is not ours, so the caller can
 * hand the request to the next handler (Next.js pages).
 */
export function createApi(deps: ApiDeps) {
  /** Every staff route starts with `roles.requireRole(req, [...])`. */
  const roles = new RoleGuard(deps.staffSessions, deps.storage.staff);
  const knowledgeApi = createKnowledgeApi({ ...deps, roles });
  const desk = deps.desk;
  const deskApi = desk ? createDeskApi({ desk, roles }) : undefined;
  const ticketsApi = desk ? createTicketsApi({ storage: deps.storage, desk, roles }) : undefined;
  const filesApi = deps.files ? createFilesApi({ files: deps.files, storage: deps.storage, tokens: deps.tokens, roles }) : undefined;
  const recordingsApi = deps.recordingsDir ? createRecordingsApi({ storage: deps.storage, roles, dir: deps.recordingsDir }) : undefined;
  const assistRulesApi = createAssistRulesApi({ storage: deps.storage, roles });
  const studioApi = deps.studio ? createStudioApi({ storage: deps.storage, roles, tokens: deps.tokens, ...deps.studio, log: deps.log.child({ part: "studio" }) }) : undefined;
  return async function handleApi(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const route = `${req.method} ${url.pathname}`;
    try {
      if (route === "GET /healthz") {
        await health(res);
        return true;
      }
      if (!url.pathname.startsWith("/api/")) return false;
      if (await handleCheckApi(req, res, url, deps)) return true;
      if (await handleAvatarApi(req, res, url, deps)) return true;
      if (await handleAuthApi(req, res, url, { ...deps, roles })) return true;
      if (await knowledgeApi(req, res, url)) return true;
      if (deskApi && (await deskApi(req, res, url))) return true;
      // Before the tickets API: a recording's path is under its ticket's.
      if (recordingsApi && (await recordingsApi(req, res, url))) return true;
      if (ticketsApi && (await ticketsApi(req, res, url))) return true;
      if (await assistRulesApi(req, res, url)) return true;
      if (filesApi && (await filesApi(req, res, url))) return true;
      if (studioApi && (await studioApi(req, res, url))) return true;
      if (route === "GET /api/halls") {
        sendJson(res, 200, { halls: await deps.storage.halls.list() });
        return true;
      }
      const hallMatch = /^\/api\/halls\/([a-z0-9-]{1,40})$/.exec(url.pathname);
      if (req.method === "GET" && hallMatch) {
        const hall = await deps.storage.halls.get(hallMatch[1]!);
        const scene = hall && deps.findScene(hall.sceneId);
        if (!hall || !scene) throw new HttpError(404, `no hall "${hallMatch[1]}"`);
        sendJson(res, 200, { hall, scene });
        return true;
      }
      if (route === "GET /api/media/stats") {
        // SFU internals (session ids, packet counts): operators on the machine itself, or a signed-in admin.
        if (!fromThisMachine(req)) await roles.requireRole(req, ["admin"]);
        sendJson(res, 200, { rooms: await deps.media.consumerStats() });
        return true;
      }
      throw new HttpError(404, `no route ${route}`);
    } catch (error) {
      if (error instanceof HttpError) {
        sendJson(res, error.status, { error: error.message });
      } else {
        deps.log.error("api request failed", { route, error });
        sendJson(res, 500, { error: "internal error" });
      }
      return true;
    }
  };

  async function health(res: ServerResponse): Promise<void> {
    const storage = await deps.storage.ping().then(
      () => ({ ok: true, kind: deps.storage.kind }),
      (e: Error) => ({ ok: false, kind: deps.storage.kind, error: e.message }),
    );
    const sfu = deps.media.health();
    const colyseus = { ok: true, rooms: deps.roomCount() };
    const ok = storage.ok && sfu.ok && colyseus.ok;
    sendJson(res, ok ? 200 : 503, { ok, parts: { http: { ok: true }, storage, colyseus, sfu } });
  }
}
