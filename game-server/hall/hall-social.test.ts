import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChatLine, EmoteEvent, ErrorPayload, HallState } from "../protocol/index.ts";
import { PoseWatcher } from "../../test-support/pose-watcher.ts";
import { newSessionToken, startTestServer, type TestServer } from "../../test-support/start-test-server.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";
import { until, rejection } from "../../test-support/hall-visit.ts";

/** Integration: chat and emotes through a real Colyseus server, stored in a real SQLite file. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type Visit = Room<unknown, HallState> & { poses: PoseWatcher; heard: ChatLine[] };

async function enter(name: string): Promise<Visit> {
  const token = await newSessionToken(server.url, name);
  const room = await new Client(server.url).joinOrCreate<HallState>("hall", { hallId: "demo", token });
  const visit = Object.assign(room, { poses: new PoseWatcher(room), heard: [] as ChatLine[] });
  room.onMessage("chat", (line: ChatLine) => visit.heard.push(line));
  await until(() => visit.poses.own !== undefined);
  return visit;
}

/** Walks a visitor step by step (the server allows walking speed only) until they stand at x. */
/** Steps towards (x, z) at walking pace until there; a busy machine delays pose ticks, so the bound is time, not steps. */
async function walkTo(v: Visit, x: number, z: number): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const me = v.poses.own!;
    const d = Math.hypot(x - me.x, z - me.z);
    if (d <= 0.2) return;
    const step = Math.min(0.18, d) / d;
    v.send("move", { x: me.x + (x - me.x) * step, z: me.z + (z - me.z) * step, ry: 0 });
    await new Promise((r) => setTimeout(r, 55));
  }
}

describe("hall chat and emotes", () => {
  it("delivers hall-wide chat to everyone only after storing it, and shows it to later visitors", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    const ack = (await ada.request("chat", { scope: "hall", text: "  Hello, hall!  " })) as { id: string };
    await until(() => bob.heard.some((l) => l.id === ack.id));
    expect(bob.heard.find((l) => l.id === ack.id)).toMatchObject({ name: "Ada", text: "Hello, hall!", scope: "hall", from: ada.sessionId });

    const db = new SqliteStorage(server.dbPath);
    expect((await db.chat.recent("demo", 30)).map((m) => m.id)).toContain(ack.id);
    await db.close();

    const cy = await enter("Cy");
    const history = (await cy.request("chat:history")) as ChatLine[];
    expect(history.map((l) => l.text)).toContain("Hello, hall!");
    await Promise.all([ada.leave(), bob.leave(), cy.leave()]);
  });

  it("keeps nearby chat among the people close by", async () => {
    const ada = await enter("Ada");
    const near = await enter("Near");
    const far = await enter("Far");
    const { scene } = (await (await fetch(`${server.url}/api/halls/demo`)).json()) as { scene: { bounds: { minX: number; maxX: number } } };
    // Ada and Far go to opposite ends of the hall; Near follows Ada. First onto one line in front
    // of the consultation booth (its glass starts at z 4.5), so nobody walks in through its door.
    await Promise.all([ada, near, far].map((v) => walkTo(v, v.poses.own!.x, 2.5)));
    await Promise.all([walkTo(ada, scene.bounds.maxX - 2, 2.5), walkTo(near, scene.bounds.maxX - 3, 2.5), walkTo(far, scene.bounds.minX + 2, 2.5)]);
    expect(Math.abs(ada.poses.own!.x - far.poses.own!.x)).toBeGreaterThan(9);

    const ack = (await ada.request("chat", { scope: "nearby", text: "psst" })) as { id: string };
    await until(() => near.heard.some((l) => l.id === ack.id));
    await new Promise((r) => setTimeout(r, 300));
    expect(far.heard.some((l) => l.id === ack.id)).toBe(false);
    expect(ada.heard.some((l) => l.id === ack.id)).toBe(true); // the sender sees their own line
    await Promise.all([ada.leave(), near.leave(), far.leave()]);
  }, 60_000);

  it("refuses empty, oversized and flooding chat with a reason, and keeps the visitor in", async () => {
    const eve = await enter("Eve");
    expect(await rejection(eve.request("chat", { scope: "hall", text: "   " }))).toMatchObject({ code: "invalid_payload", message: expect.stringMatching(/empty/) });
    expect(await rejection(eve.request("chat", { scope: "hall", text: "x".repeat(501) }))).toMatchObject({ code: "invalid_payload", message: expect.stringMatching(/longer/) });
    expect(await rejection(eve.request("chat", { scope: "everyone", text: "hi" }))).toMatchObject({ code: "invalid_payload" });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => eve.request("chat", { scope: "hall", text: `spam ${i}` })));
    const refused = results.filter((r) => r.status === "rejected").map((r) => (r.reason as { reason: ErrorPayload }).reason);
    expect(refused.length).toBe(2);
    expect(refused[0]).toMatchObject({ code: "rate_limited" });
    expect(eve.connection.isOpen).toBe(true);
    await eve.leave();
  });

  it("shows an emote to everyone in the hall and refuses unknown ones", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    const seen = new Promise<EmoteEvent>((resolve) => bob.onMessage("emote", resolve));
    ada.send("emote", { emote: "wave" });
    expect(await seen).toEqual({ from: ada.sessionId, emote: "wave" });
    const error = new Promise<ErrorPayload>((resolve) => ada.onMessage("error", resolve));
    ada.send("emote", { emote: "moonwalk" });
    expect(await error).toMatchObject({ code: "invalid_payload", type: "emote" });
    await Promise.all([ada.leave(), bob.leave()]);
  });
});
