import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { QoeSampleWire } from "../../protocol/qoe.ts";
import { PluginRoom, pluginWorld, type PluginWorld } from "../../../test-support/plugin-room.ts";
import { PresencePlugin } from "./presence-plugin.ts";
import { QualityPlugin } from "./quality-plugin.ts";

/** Network reports on their own: no Colyseus server, no SFU; a real SQLite file. */
let world: PluginWorld;
beforeEach(async () => {
  world = await pluginWorld();
});
afterEach(async () => {
  await world.close();
});

const clean: QoeSampleWire = { ageMs: 2000, windowMs: 2000, rttMs: 24, jitterMs: 3, lossInPct: 0, lossOutPct: 0, kbpsIn: 41, kbpsOut: 39, freezes: 0, freezeShare: 0, concealPct: 0.2, connected: true, ladder: "video" };

describe("quality plugin", () => {
  it("stores a page's windows before acknowledging them, rates them itself, and shows the rating in the visitor's state", async () => {
    const hall = await PluginRoom.open(world, [new PresencePlugin(), new QualityPlugin()]);
    const ada = await hall.join("Ada");
    const lossy = { ...clean, ageMs: 0, lossInPct: 31.2, ladder: "audio" as const };
    expect(await hall.request(ada, "rtc:qoe", { samples: [clean, lossy] })).toEqual({ stored: 2 });
    const rows = await world.services.storage.callQuality.forCall(`${hall.room.roomId}/${ada.sessionId}`);
    expect(rows.map((r) => [r.source, r.level, r.ladder, r.lossInPct])).toEqual([
      ["client", "good", "video", 0],
      ["client", "bad", "audio", 31.2],
    ]);
    expect(hall.room.visitor(ada.sessionId)!.net).toBe(4);
    await hall.close();
  });

  it("takes at most one report a second and keeps nothing of a refused one", async () => {
    const hall = await PluginRoom.open(world, [new PresencePlugin(), new QualityPlugin()]);
    const eve = await hall.join("Eve");
    await expect(hall.request(eve, "rtc:qoe", { samples: [{ ...clean, lossInPct: 140 }] })).rejects.toMatchObject({ code: "invalid_payload", type: "rtc:qoe" });
    const answers = await Promise.allSettled([1, 2, 3].map(() => hall.request(eve, "rtc:qoe", { samples: [clean] })));
    const refused = answers.filter((a) => a.status === "rejected").map((a) => a.reason as { code: string; message: string });
    expect(refused).toHaveLength(2);
    expect(refused[0]).toMatchObject({ code: "rate_limited", message: expect.stringMatching(/once a second/) });
    expect(await world.services.storage.callQuality.forCall(`${hall.room.roomId}/${eve.sessionId}`)).toHaveLength(1);
    await hall.close();
  });
});
