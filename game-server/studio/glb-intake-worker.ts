import { isMainThread, parentPort, Worker } from "node:worker_threads";
import { GlbRefused, intakeGlb, type Bilingual, type GlbBudget, type GlbIntake } from "./glb-intake.ts";

type Reply = { ok: GlbIntake } | { refused: Bilingual[] } | { failed: string };

/**
 * `intakeGlb` on a worker thread: validating and optimising a large model takes seconds of CPU,
 * and the thread that calls it also runs the halls' rooms and the SFU's signalling — a marketer's
 * upload must not freeze everyone's hall. One short-lived worker per upload (uploads are rare).
 */
export function intakeGlbOffThread(input: Uint8Array, budget?: Partial<GlbBudget>): Promise<GlbIntake> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: null });
    worker.once("message", (reply: Reply) => {
      void worker.terminate();
      if ("ok" in reply) resolve(reply.ok);
      else if ("refused" in reply) reject(new GlbRefused(reply.refused));
      else reject(new Error(`model intake failed: ${reply.failed}`));
    });
    worker.once("error", reject);
    worker.once("exit", (code) => code !== 0 && reject(new Error(`model intake stopped (exit ${code})`)));
    worker.postMessage({ input, budget });
  });
}

if (!isMainThread && parentPort) {
  const port = parentPort;
  port.once("message", ({ input, budget }: { input: Uint8Array; budget?: Partial<GlbBudget> }) => {
    intakeGlb(input, budget).then(
      // Copied, not transferred: the bytes may sit in Node's shared buffer pool, which cannot move.
      (ok) => port.postMessage({ ok } satisfies Reply),
      (error: unknown) => port.postMessage((error instanceof GlbRefused ? { refused: error.reasons } : { failed: error instanceof Error ? error.message : String(error) }) satisfies Reply),
    );
  });
}
