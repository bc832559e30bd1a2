// A bare Atrium server (no pages) in its own process, so the presence benchmark can measure
// its CPU apart from the load generator. Prints "ready <url>" once it listens.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../game-server/logging/logger.ts";
import { AtriumServer } from "../server/atrium-server.ts";
import { readConfig } from "../server/config.ts";

const dir = mkdtempSync(join(tmpdir(), "atrium-bench-"));
const config = readConfig({
  PORT: "0",
  ATRIUM_HOST: "127.0.0.1",
  ATRIUM_DB_PATH: join(dir, "atrium.db"),
  ATRIUM_SFU_WORKERS: "1",
  ATRIUM_LOG_LEVEL: "warn",
  ATRIUM_HALL_CAPACITY: "2000",
  ATRIUM_INTEREST: process.env.ATRIUM_INTEREST ?? "managed",
});
const server = new AtriumServer({ config, log: createLogger("warn") });
await server.start();
console.log(`ready ${server.url}`);
const stop = async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
