import next from "next";
import { createLogger } from "../game-server/logging/logger.ts";
import { AtriumServer } from "./atrium-server.ts";
import { readConfig } from "./config.ts";

const config = readConfig();
const log = createLogger(config.logLevel, { service: "atrium" });

const app = next({ dev: config.dev, dir: process.cwd(), hostname: "localhost", port: config.port });
await app.prepare();
const handle = app.getRequestHandler();
const server = new AtriumServer({
  config,
  log,
  pages: (req, res) => handle(req, res),
  pageUpgrades: config.dev ? app.getUpgradeHandler() : undefined,
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info("shutting down", { signal });
  const force = setTimeout(() => {
    log.error("shutdown took too long; exiting");
    process.exit(1);
  }, 10_000);
  force.unref();
  try {
    await server.stop();
    await app.close();
    log.info("stopped cleanly");
    process.exit(0);
  } catch (error) {
    log.error("shutdown failed", { error });
    process.exit(1);
  }
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

try {
  await server.start();
} catch (error) {
  log.error("failed to start", { error });
  await server.stop().catch(() => undefined);
  process.exit(1);
}
