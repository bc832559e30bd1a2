import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decodePosePacket, POSES_MESSAGE } from "../../protocol/pose-packet.ts";
import { PluginRoom, pluginWorld, type PluginWorld, type TestClient } from "../../../test-support/plugin-room.ts";
import { PresencePlugin } from "./presence-plugin.ts";

/** Movement and pose packets on their own: no Colyseus server, no SFU. */
let world: PluginWorld;
beforeEach(async () => {
  world = await pluginWorld();
});
afterEach(async () => {
  await world.close();
});

/** The poses a client was sent, newest packet last. */
function packets(client: TestClient) {
  return (client.of(POSES_MESSAGE) as Uint8Array[]).map((bytes) => decodePosePacket(bytes));
}

describe("presence plugin", () => {
  it("spawns visitors at the scene's spawn point and sends each the others' poses on its tick", async () => {
    const hall = await PluginRoom.open(world, [new PresencePlugin()]);
    const ada = await hall.join("Ada");
    const bob = await hall.join("Bob");
    const { spawn } = hall.room.scene;
    for (const v of [ada, bob]) {
      const at = hall.room.plugins.presence.poseOf(v.sessionId)!;
      expect(Math.hypot(at.x - spawn.x, at.z - spawn.z)).toBeLessThanOrEqual(spawn.radius + 1e-9);
    }
    await hall.tick(50);
    const bobNumber = hall.room.visitor(bob.sessionId)!.n;
    const seen = packets(ada).at(-1)!;
    expect(seen.poses.map((p) => p.n)).toContain(bobNumber);
    await hall.close();
  });

  it("clamps a move to walking speed and keeps visitors inside the walls", async () => {
    const hall = await PluginRoom.open(world, [new PresencePlugin()]);
    const ada = await hall.join("Ada");
    const presence = hall.room.plugins.presence;
    const start = { ...presence.poseOf(ada.sessionId)! };
    await hall.send(ada, "move", { x: start.x + 50, z: start.z, ry: 0 });
    const jumped = presence.poseOf(ada.sessionId)!;
    expect(jumped.x - start.x).toBeGreaterThan(0);
    expect(jumped.x - start.x).toBeLessThan(1);
    for (let i = 0; i < 60; i++) {
      const at = presence.poseOf(ada.sessionId)!;
      await hall.send(ada, "move", { x: at.x + 0.3, z: at.z, ry: 0 });
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(presence.poseOf(ada.sessionId)!.x).toBeLessThanOrEqual(hall.room.scene.bounds.maxX - 0.3 + 0.01);
    await hall.close();
  });

  it("refuses a flood of moves with rate_limited and forgets a visitor who left", async () => {
    const hall = await PluginRoom.open(world, [new PresencePlugin()]);
    const eve = await hall.join("Eve");
    const at = hall.room.plugins.presence.poseOf(eve.sessionId)!;
    for (let i = 0; i < 40; i++) await hall.send(eve, "move", { x: at.x, z: at.z, ry: i / 100 });
    expect(eve.of("error")).toEqual([expect.objectContaining({ code: "rate_limited", type: "move" })]);
    await hall.leave(eve);
    expect(hall.room.plugins.presence.poseOf(eve.sessionId)).toBeUndefined();
    await hall.close();
  });
});
