import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ChatLine, EmoteEvent } from "../../protocol/social.ts";
import { PluginRoom, pluginWorld, type PluginWorld, type TestClient } from "../../../test-support/plugin-room.ts";
import { PresencePlugin } from "./presence-plugin.ts";
import { SocialPlugin } from "./social-plugin.ts";

/** Chat and emotes on their own: no Colyseus server, no SFU; a real SQLite file. */
let world: PluginWorld;
beforeEach(async () => {
  world = await pluginWorld();
});
afterEach(async () => {
  await world.close();
});

const open = (hallId = "demo") => PluginRoom.open(world, [new PresencePlugin(), new SocialPlugin()], hallId);
const lines = (client: TestClient) => client.of("chat") as ChatLine[];

/** Walks a visitor straight to (x, z) at walking pace through the presence plugin. */
async function walkTo(hall: PluginRoom, client: TestClient, x: number, z: number): Promise<void> {
  const presence = hall.room.plugins.presence;
  for (let i = 0; i < 400; i++) {
    const at = presence.poseOf(client.sessionId)!;
    if (Math.hypot(at.x - x, at.z - z) < 0.05) return;
    await hall.send(client, "move", { x, z, ry: 0 });
    await new Promise((r) => setTimeout(r, 34));
  }
  throw new Error(`${client.sessionId} did not reach ${x}, ${z}`);
}

describe("social plugin", () => {
  it("stores a chat line before anyone sees it, and shows it to every instance of the hall but not to other halls", async () => {
    const first = await open();
    const second = await open();
    const bank = await open("bank");
    const ada = await first.join("Ada");
    const bob = await second.join("Bob");
    const carl = await bank.join("Carl");
    let storedWhenDelivered = false;
    const send = bob.send.bind(bob);
    bob.send = ((type: string, payload: unknown) => {
      if (type === "chat") void world.services.storage.chat.recent("demo", 5).then((r) => (storedWhenDelivered = r.some((l) => l.text === "hello hall")));
      send(type, payload);
    }) as typeof bob.send;

    const ack = (await first.request(ada, "chat", { scope: "hall", text: "  hello hall  " })) as { id: string };
    expect(lines(ada).map((l) => l.id)).toEqual([ack.id]);
    expect(lines(bob)).toEqual([expect.objectContaining({ id: ack.id, name: "Ada", text: "hello hall", scope: "hall", from: ada.sessionId })]);
    await new Promise((r) => setTimeout(r, 10));
    expect(storedWhenDelivered).toBe(true);
    expect(lines(carl)).toEqual([]);
    expect(((await bank.request(carl, "chat:history")) as ChatLine[]).length).toBe(0);
    expect(((await second.request(bob, "chat:history")) as ChatLine[]).map((l) => l.text)).toEqual(["hello hall"]);
    await Promise.all([first.close(), second.close(), bank.close()]);
  });

  it("keeps nearby chat among the people close by in the same instance", async () => {
    const hall = await open();
    const ada = await hall.join("Ada");
    const near = await hall.join("Near");
    const far = await hall.join("Far");
    const { bounds } = hall.room.scene;
    // One line in front of the consultation booth, then apart (nobody walks in through its door).
    await Promise.all([ada, near, far].map((v) => walkTo(hall, v, hall.room.plugins.presence.poseOf(v.sessionId)!.x, 2.5)));
    await Promise.all([walkTo(hall, ada, bounds.maxX - 2, 2.5), walkTo(hall, near, bounds.maxX - 3, 2.5), walkTo(hall, far, bounds.minX + 2, 2.5)]);

    const ack = (await hall.request(ada, "chat", { scope: "nearby", text: "psst" })) as { id: string };
    expect(lines(near).map((l) => l.id)).toEqual([ack.id]);
    expect(lines(ada).map((l) => l.id)).toEqual([ack.id]);
    expect(lines(far)).toEqual([]);
    await hall.close();
  }, 30_000);

  it("refuses empty, oversized and flooding chat with a reason, counting only lines that were valid", async () => {
    const hall = await open();
    const eve = await hall.join("Eve");
    await expect(hall.request(eve, "chat", { scope: "hall", text: "   " })).rejects.toMatchObject({ code: "invalid_payload", message: expect.stringMatching(/empty/) });
    await expect(hall.request(eve, "chat", { scope: "hall", text: "x".repeat(501) })).rejects.toMatchObject({ code: "invalid_payload", message: expect.stringMatching(/longer/) });
    const results = await Promise.allSettled(Array.from({ length: 12 }, (_, i) => hall.request(eve, "chat", { scope: "hall", text: `spam ${i}` })));
    const refused = results.filter((r) => r.status === "rejected").map((r) => r.reason as { code: string; message: string });
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/too fast/) });
    expect(await world.services.storage.chat.recent("demo", 30)).toHaveLength(10);
    await hall.close();
  });

  it("shows an emote to everyone in the instance, drops one sent too soon after the last, and refuses unknown ones", async () => {
    const hall = await open();
    const ada = await hall.join("Ada");
    const bob = await hall.join("Bob");
    await hall.send(ada, "emote", { emote: "wave" });
    await hall.send(ada, "emote", { emote: "clap" });
    expect(bob.of("emote") as EmoteEvent[]).toEqual([{ from: ada.sessionId, emote: "wave" }]);
    expect(ada.of("error")).toEqual([]);
    await hall.send(bob, "emote", { emote: "moonwalk" });
    expect(bob.of("error")).toEqual([expect.objectContaining({ code: "invalid_payload", type: "emote" })]);
    expect(ada.of("emote")).toHaveLength(1);
    await hall.close();
  });
});
