import type { Server as HttpServer, IncomingMessage, ServerResponse } from "node:http";
import { createNodeMatchmakingMiddleware, matchMaker, type Presence } from "@colyseus/core";
import { setTransport } from "@colyseus/core/Transport";
import { WebSocketTransport } from "@colyseus/ws-transport";
import { Limits } from "./protocol/limits.ts";
import { HALL_ROOM } from "./protocol/messages.ts";
import { HALL_PREVIEW_ROOM } from "./protocol/studio.ts";
import { defineHallRoom } from "./hall/hall-room.ts";
import type { HallServices } from "./hall/hall-services.ts";
import { HallDirectory } from "./halls/hall-directory.ts";
import type { HallServiceFactory } from "./halls/hall-place.ts";

export interface ColyseusHost {
  /** Handles `/matchmake/*`; calls `next` for anything else. */
  handleHttp(req: IncomingMessage, res: ServerResponse, next: () => void): void;
  roomCount(): number;
  /** The halls open in this process (an admin's knowledge edit re-indexes an open hall's concierge). */
  readonly halls: HallDirectory;
  /** The matchmaker's pub/sub (local, or Redis when scaled out): published scenes reach every process through it. */
  readonly presence: Presence;
  shutdown(): Promise<void>;
}

/**
 * Runs Colyseus inside our own HTTP server instead of letting it own one, so that pages,
 * REST and WebSockets share a port. WebSocket upgrades for Next's dev server are left alone.
 */
export async function hostColyseus(http: HttpServer, services: Omit<HallServices, "halls">, hallServices: readonly HallServiceFactory[] = []): Promise<ColyseusHost> {
  const transport = new WebSocketTransport({ noServer: true, maxPayload: Limits.maxFrameBytes, pingInterval: 3000, pingMaxRetries: 3 });
  transport.attachToServer(http, { filter: (req) => !(req.url ?? "").startsWith("/_next") });
  setTransport(transport);
  await matchMaker.setup();
  // Hall-wide services talk over the matchmaker's presence: local now, Redis when scaled out.
  const halls = new HallDirectory(matchMaker.presence, services.log, hallServices);
  const { previewScene, ...live } = services;
  matchMaker.defineRoomType(HALL_ROOM, defineHallRoom({ ...live, halls })).filterBy(["hallId"]);
  // The studio's preview: the same room on a draft, its own room type so no customer is ever matched into one.
  if (previewScene) matchMaker.defineRoomType(HALL_PREVIEW_ROOM, defineHallRoom({ ...live, halls, previewScene })).filterBy(["hallId", "preview"]);
  await matchMaker.accept();
  const matchmaking = createNodeMatchmakingMiddleware();

  return {
    handleHttp: (req, res, next) => void matchmaking(req, res, next),
    roomCount: () => matchMaker.stats.local.roomCount,
    halls,
    presence: matchMaker.presence,
    async shutdown() {
      await matchMaker.gracefullyShutdown();
      await halls.close();
      transport.shutdown();
    },
  };
}
