import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../game-server/logging/logger.ts";
import { AtriumServer } from "../server/atrium-server.ts";
import { readConfig } from "../server/config.ts";

export interface TestServer {
  server: AtriumServer;
  url: string;
  dbPath: string;
  stop(): Promise<void>;
}

/** A real Atrium server (Colyseus + mediasoup worker + SQLite file) on a free port, without pages. */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "atrium-test-"));
  const dbPath = join(dir, "atrium.db");
  const config = readConfig({ PORT: "0", ATRIUM_HOST: "127.0.0.1", ATRIUM_DB_PATH: dbPath, ATRIUM_SFU_WORKERS: "1", ATRIUM_LOG_LEVEL: "warn", ...env });
  const server = new AtriumServer({ config, log: createLogger("warn") });
  await server.start();
  return {
    server,
    url: server.url,
    dbPath,
    async stop() {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function newSessionToken(url: string, name: string): Promise<string> {
  const response = await fetch(`${url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name }) });
  if (!response.ok) throw new Error(`session failed: ${response.status} ${await response.text()}`);
  return ((await response.json()) as { token: string }).token;
}
