/**
 * A real Atrium server without pages, in a process of its own, for tests that must kill it
 * (kill -9) without killing themselves. Configured by the environment like the real server
 * (ATRIUM_DB_PATH or ATRIUM_DATABASE_URL…); listens on a free port of 127.0.0.1 unless told
 * otherwise, and prints one line `ATRIUM_URL <url>` once it is ready. Run it with
 * `node test-support/child-server.ts`; `startChildServer` does that for a test.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createLogger } from "../game-server/logging/logger.ts";
import { AtriumServer } from "../server/atrium-server.ts";
import { readConfig } from "../server/config.ts";

export interface ChildServer {
  url: string;
  process: ChildProcess;
  /** kill -9, and resolves once the process is gone. */
  kill9(): Promise<void>;
}

/** Starts this file in a child process with `env` added to the test's environment; resolves with its URL once it listens. */
export function startChildServer(env: Record<string, string>, timeoutMs = 20_000): Promise<ChildServer> {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], {
    env: { ...process.env, PORT: "0", ATRIUM_HOST: "127.0.0.1", ATRIUM_SFU_WORKERS: "1", ATRIUM_LOG_LEVEL: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`child server did not start in ${timeoutMs} ms:\n${stderr}`));
    }, timeoutMs);
    let stdout = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /^ATRIUM_URL (\S+)$/m.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        process: child,
        async kill9() {
          child.kill("SIGKILL");
          await exited;
        },
      });
    });
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`child server exited (${code ?? signal}) before it was ready:\n${stderr}`));
    });
  });
}

// Run as a script: start the server and say where it listens.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const config = readConfig();
  const server = new AtriumServer({ config, log: createLogger(config.logLevel) });
  await server.start();
  process.stdout.write(`ATRIUM_URL ${server.url}\n`);
}
