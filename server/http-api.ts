import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import type { GuestTokens } from "../game-server/auth/guest-token.ts";
import type { Logger } from "../game-server/logging/logger.ts";
import { DisplayName } from "../game-server/protocol/messages.ts";
import type { Storage } from "../game-server/storage/storage.ts";
import type { Scene } from "../scenes/scene-format.ts";
import type { MediaHub } from "../sfu/media-hub.ts";
import { handleCheckApi } from "./check-api.ts";
import { handleAvatarApi, type AvatarApiDeps } from "./avatar-api.ts";
import { HttpError, readJson, sendJson } from "./http-json.ts";
import { fromThisMachine } from "./operator-access.ts";

export interface ApiDeps extends AvatarApiDeps {
  storage: Storage;
  tokens: GuestTokens;
  media: MediaHub;
  log: Logger;
  findScene(id: string): Scene | undefined;
  /** Rooms Colyseus currently hosts in this process. */
  roomCount(): number;
}

const SessionRequest = z.object({ name: DisplayName });

/**
 * Atrium's own HTTP endpoints. Returns false when the path is not ours, so the caller can
 * hand the request to the next handler (Next.js pages).
 */
export function createApi(deps: ApiDeps) {
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
      if (route === "POST /api/session") {
        const parsed = SessionRequest.safeParse(await readJson(req));
        if (!parsed.success) throw new HttpError(400, parsed.error.issues[0]?.message ?? "invalid session request");
        const visitor = await deps.storage.visitors.create({ name: parsed.data.name, role: "customer" });
        const token = deps.tokens.issue({ vid: visitor.id, name: visitor.name, role: visitor.role });
        sendJson(res, 201, { token, visitor });
        return true;
      }
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
        if (!fromThisMachine(req)) throw new HttpError(403, "media stats are for operators on the server itself");
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
