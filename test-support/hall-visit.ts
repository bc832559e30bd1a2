import { Client, type Room } from "@colyseus/sdk";
import type { ErrorPayload, HallState } from "../game-server/protocol/index.ts";
import { PoseWatcher } from "./pose-watcher.ts";
import { newSessionToken } from "./start-test-server.ts";

/** A visitor in a hall as an SDK client, with what the server told it about positions. */
export type Visit = Room<unknown, HallState> & { poses: PoseWatcher };

/** Signs in a guest and enters the demo hall; resolves once the server has placed them. */
export async function enterHallAs(url: string, name: string, hallId = "demo"): Promise<Visit> {
  const token = await newSessionToken(url, name);
  const room = await new Client(url).joinOrCreate<HallState>("hall", { hallId, token });
  const visit = Object.assign(room, { poses: new PoseWatcher(room) });
  await until(() => room.state?.visitors?.get(room.sessionId) !== undefined && visit.poses.own !== undefined);
  return visit;
}

/** Polls until `check` holds (it may be async), or fails after `timeoutMs`. */
export async function until(check: () => boolean | Promise<boolean>, timeoutMs = 8000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** The server's refusal of a request; fails when the request was answered instead. */
export async function rejection(promise: Promise<unknown>): Promise<ErrorPayload> {
  try {
    await promise;
  } catch (error) {
    return (error as { reason: ErrorPayload }).reason;
  }
  throw new Error("expected the request to be rejected");
}
