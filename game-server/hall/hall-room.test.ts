import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorPayload, HallState, TransportOptions } from "../protocol/index.ts";
import { newSessionToken, startTestServer, type TestServer } from "../../test-support/start-test-server.ts";
import { PoseWatcher } from "../../test-support/pose-watcher.ts";
import { until, rejection } from "../../test-support/hall-visit.ts";

/** Integration: a real Colyseus server with a real mediasoup worker and SQLite file. */
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

type Visit = Room<unknown, HallState> & { poses: PoseWatcher };

async function enter(name: string, url = server.url): Promise<Visit> {
  const token = await newSessionToken(url, name);
  const room = await new Client(url).joinOrCreate<HallState>("hall", { hallId: "demo", token });
  const visit = Object.assign(room, { poses: new PoseWatcher(room) });
  await until(() => room.state?.visitors?.get(room.sessionId) !== undefined && visit.poses.own !== undefined);
  return visit;
}

function nextError(room: Room): Promise<ErrorPayload> {
  return new Promise((resolve) => {
    const off = room.onMessage("error", (e: ErrorPayload) => {
      off();
      resolve(e);
    });
  });
}

describe("hall room", () => {
  it("refuses a visitor without a valid token", async () => {
    await expect(new Client(server.url).joinOrCreate("hall", { hallId: "demo", token: "forged.token" })).rejects.toThrow();
  });

  it("refuses a hall that does not exist", async () => {
    const token = await newSessionToken(server.url, "Lost");
    await expect(new Client(server.url).joinOrCreate("hall", { hallId: "nowhere", token })).rejects.toThrow(/does not exist/);
  });

  it("shows each visitor's movement to the others, clamped to walking speed and the walls", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    const start = ada.poses.own!;
    const startX = start.x;

    ada.send("move", { x: startX + 0.2, z: start.z, ry: 0.5 });
    await until(() => Math.abs((bob.poses.of(ada.sessionId)?.x ?? startX) - (startX + 0.2)) < 0.01);
    expect(bob.state.visitors.get(ada.sessionId)?.name).toBe("Ada");

    // A jump across the hall is cut to one stride.
    ada.send("move", { x: startX + 50, z: start.z, ry: 0.5 });
    await new Promise((r) => setTimeout(r, 300));
    const afterJump = bob.poses.of(ada.sessionId)!;
    expect(afterJump.x - (startX + 0.2)).toBeLessThan(1.0);
    expect(afterJump.x - (startX + 0.2)).toBeGreaterThan(0);

    // Walking into the wall stops at the wall.
    const { scene } = (await (await fetch(`${server.url}/api/halls/demo`)).json()) as { scene: { bounds: { maxX: number } } };
    for (let i = 0; i < 120; i++) {
      const me = ada.poses.own!;
      ada.send("move", { x: me.x + 0.3, z: me.z, ry: 0 });
      await new Promise((r) => setTimeout(r, 40));
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(bob.poses.of(ada.sessionId)!.x).toBeLessThanOrEqual(scene.bounds.maxX - 0.3 + 0.01);

    await ada.leave();
    await until(() => !bob.state.visitors.has(ada.sessionId));
    await bob.leave();
  });

  it("answers bad input with an error and keeps the room working", async () => {
    const eve = await enter("Eve");
    const before = { ...eve.poses.own! };

    const malformed = nextError(eve);
    eve.send("move", { x: "left", z: 0, ry: 0 });
    expect(await malformed).toMatchObject({ code: "invalid_payload", type: "move" });

    await new Promise((r) => setTimeout(r, 250)); // errors to one client are spaced out
    const unknown = nextError(eve);
    eve.send("teleport", { x: 0 });
    expect(await unknown).toMatchObject({ code: "unknown_message" });

    await new Promise((r) => setTimeout(r, 250));
    const oversized = nextError(eve);
    eve.send("move", { x: 0, z: 0, ry: 0, padding: "x".repeat(20_000) });
    expect(await oversized).toMatchObject({ code: "payload_too_large" });

    expect(await rejection(eve.request("rtc:createTransport", { direction: "sideways" }))).toMatchObject({ code: "invalid_payload" });
    expect(await rejection(eve.request("rtc:resumeConsumer", { consumerId: "not-mine" }))).toMatchObject({ code: "media_failed", message: expect.stringMatching(/no consumer/) });
    // A well-formed request the SFU itself chokes on: a generic answer, none of mediasoup's internals.
    const transport = (await eve.request("rtc:createTransport", { direction: "send" })) as { id: string };
    const choked = await rejection(eve.request("rtc:connectTransport", { transportId: transport.id, dtlsParameters: { role: "auto", fingerprints: "not a list" } }));
    expect(choked).toMatchObject({ code: "internal_error", type: "rtc:connectTransport" });
    expect(choked.message).not.toMatch(/fingerprint|mediasoup|TypeError/i);

    // Still connected, still moving.
    eve.send("move", { x: before.x + 0.2, z: before.z, ry: 0 });
    await until(() => Math.abs(eve.poses.own!.x - (before.x + 0.2)) < 0.01);
    await eve.leave();
  });

  it("rate-limits a client that floods moves, without disconnecting it", async () => {
    const mal = await enter("Mallory");
    const limited = nextError(mal);
    for (let i = 0; i < 80; i++) mal.send("move", { x: 0, z: 5, ry: 0 });
    expect(await limited).toMatchObject({ code: "rate_limited" });
    await new Promise((r) => setTimeout(r, 1100));
    expect(mal.connection.isOpen).toBe(true);
    await mal.leave();
  });

  it("signals media through the hall: router capabilities and a WebRTC transport from the real worker", async () => {
    const ada = await enter("Ada");
    const caps = (await ada.request("rtc:capabilities")) as { codecs: { mimeType: string }[] };
    expect(caps.codecs.map((c) => c.mimeType)).toContain("audio/opus");
    const transport = (await ada.request("rtc:createTransport", { direction: "send" })) as TransportOptions;
    expect(transport.iceCandidates.length).toBeGreaterThan(0);
    expect(transport.dtlsParameters).toMatchObject({ fingerprints: expect.any(Array) });
    const stats = (await (await fetch(`${server.url}/api/media/stats`)).json()) as { rooms: Record<string, unknown[]> };
    expect(Object.keys(stats.rooms)).toContain(ada.roomId);
    await ada.leave();
  });

  it("reports every part healthy", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { ok: boolean; parts: Record<string, { ok: boolean }> };
    expect(body.ok).toBe(true);
    expect(Object.keys(body.parts).sort()).toEqual(["colyseus", "http", "sfu", "storage"]);
  });

  it("rejects bad session requests with a reason", async () => {
    const empty = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "  " }) });
    expect(empty.status).toBe(400);
    expect(((await empty.json()) as { error: string }).error).toMatch(/empty/);
    const notJson = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: "{nope" });
    expect(notJson.status).toBe(400);
    const huge = await fetch(`${server.url}/api/session`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "x".repeat(100_000) }) });
    expect(huge.status).toBe(413);
  });
});
