import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../game-server/logging/logger.ts";
import { AtriumServer } from "../server/atrium-server.ts";
import { readConfig } from "../server/config.ts";
import { MediaHub } from "../sfu/media-hub.ts";
import type { MediaRoomEvents } from "../sfu/media-room-events.ts";

export interface PageTestServer {
  url: string;
  /** The server's SFU, reached in-process: tests add server participants to a hall's MediaRoom through it. */
  media: MediaHub;
  stop(): Promise<void>;
}

/**
 * The real product in this process — Next pages (the production build in `.next`), Colyseus,
 * the SFU and a throwaway SQLite file — like `startTestServer`, but with pages, and with the
 * MediaHub in hand (`AtriumServer.media`). `decorate` may change the events each hall opens
 * its MediaRoom with (e.g. a hearing rule for server peers the hall does not place yet).
 */
export async function startPageTestServer(env: Record<string, string> = {}, decorate?: (events: MediaRoomEvents) => MediaRoomEvents): Promise<PageTestServer> {
  const env0 = process.env.NODE_ENV;
  (process.env as Record<string, string>).NODE_ENV = "production"; // before Next and React load: the production build
  const { default: next } = await import("next");
  const dir = mkdtempSync(join(tmpdir(), "atrium-pages-"));
  const config = readConfig({ PORT: "0", ATRIUM_HOST: "127.0.0.1", ATRIUM_DB_PATH: join(dir, "atrium.db"), ATRIUM_SFU_WORKERS: "1", ATRIUM_LOG_LEVEL: "warn", ...env });
  const app = next({ dev: false, dir: process.cwd(), hostname: "localhost", port: 0 });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = new AtriumServer({ config, log: createLogger("warn"), pages: (req, res) => handle(req, res) });

  const { openRoom } = MediaHub.prototype;
  if (decorate) MediaHub.prototype.openRoom = function (this: MediaHub, id: string, events: MediaRoomEvents) {
    return openRoom.call(this, id, decorate(events));
  };
  try {
    await server.start();
  } catch (error) {
    MediaHub.prototype.openRoom = openRoom;
    throw error;
  }
  return {
    url: server.url,
    media: server.media,
    async stop() {
      MediaHub.prototype.openRoom = openRoom;
      await server.stop();
      await app.close();
      (process.env as Record<string, string | undefined>).NODE_ENV = env0;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
