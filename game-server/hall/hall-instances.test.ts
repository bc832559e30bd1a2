import { matchMaker } from "@colyseus/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../test-support/start-test-server.ts";
import { enterHallAs, until, type Visit } from "../../test-support/hall-visit.ts";

/** Integration: capacity overflow into a second instance, and reconnection after a network drop. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ ATRIUM_HALL_CAPACITY: "2" });
});
afterAll(async () => {
  await server?.stop();
});

const enter = (name: string): Promise<Visit> => enterHallAs(server.url, name);

describe("hall instances", () => {
  it("opens a second instance of the same hall when the first is full", async () => {
    const a = await enter("A");
    const b = await enter("B");
    const c = await enter("C");
    expect(b.roomId).toBe(a.roomId);
    expect(c.roomId).not.toBe(a.roomId);
    expect(c.state.hallId).toBe("demo");
    // Only C among the visitors (the concierge stands in every instance).
    expect([...c.state.visitors.values()].filter((v) => v.role !== "concierge").map((v) => v.name)).toEqual(["C"]);

    // The hall is one place: its chat reaches every instance of it (over the hall's channel).
    const heard = new Promise<{ text: string; name: string }>((resolve) => c.onMessage("chat", resolve));
    await a.request("chat", { scope: "hall", text: "anyone in the other half?" });
    expect(await heard).toMatchObject({ name: "A", text: "anyone in the other half?" });
    await Promise.all([a.leave(), b.leave(), c.leave()]);
  });

  it("restores a visitor in place after their connection drops", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    ada.reconnection.minUptime = 0;
    const start = ada.poses.own!;
    for (let i = 0; i < 8; i++) {
      ada.send("move", { x: start.x + 0.15 * (i + 1), z: start.z, ry: 1 });
      await new Promise((r) => setTimeout(r, 60));
    }
    await until(() => Math.abs((bob.poses.of(ada.sessionId)?.x ?? 0) - (start.x + 1.2)) < 0.02);
    const sessionId = ada.sessionId;

    const reconnected = new Promise<void>((resolve) => ada.onReconnect(() => resolve()));
    // A network drop: the server's end of the socket dies without a goodbye.
    const hall = matchMaker.getLocalRoomById(ada.roomId)!;
    (hall.clients.getById(sessionId)!.ref as unknown as { terminate(): void }).terminate();
    ada.poses.clear();
    await until(() => bob.state.visitors.get(sessionId)?.away === true);
    expect(bob.state.visitors.get(sessionId)?.name).toBe("Ada"); // still in the people list

    await reconnected;
    expect(ada.sessionId).toBe(sessionId);
    await until(() => bob.state.visitors.get(sessionId)?.away === false);
    await until(() => ada.poses.own !== undefined && Math.abs(ada.poses.own.x - (start.x + 1.2)) < 0.02);

    // And they carry on walking from where they were.
    ada.send("move", { x: start.x + 1.35, z: start.z, ry: 1 });
    await until(() => Math.abs((bob.poses.of(sessionId)?.x ?? 0) - (start.x + 1.35)) < 0.02);
    await Promise.all([ada.leave(), bob.leave()]);
  });
});
