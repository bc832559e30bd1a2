import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ErrorPayload, QoeSampleWire } from "../protocol/index.ts";
import { startTestServer, type TestServer } from "../../test-support/start-test-server.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";
import { enterHallAs, rejection, until, type Visit } from "../../test-support/hall-visit.ts";

/** Integration: network reports and ladder changes through a real Colyseus server, stored in a real SQLite file. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

const enter = (name: string): Promise<Visit> => enterHallAs(server.url, name);

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

const clean: QoeSampleWire = { ageMs: 2000, windowMs: 2000, rttMs: 24, jitterMs: 3, lossInPct: 0, lossOutPct: 0, kbpsIn: 41, kbpsOut: 39, freezes: 0, freezeShare: 0, concealPct: 0.2, connected: true, ladder: "video" };

describe("network quality reports", () => {
  it("stores a page's windows before acknowledging them, rates them itself, and shows the visitor's quality to others", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    const lossy = { ...clean, ageMs: 0, lossInPct: 31.2, ladder: "audio" as const };
    const ack = (await ada.request("rtc:qoe", { samples: [clean, lossy] })) as { stored: number };
    expect(ack).toEqual({ stored: 2 });

    // Durable at the moment of the answer: a second connection to the file sees both rows.
    const db = new SqliteStorage(server.dbPath);
    const rows = await db.callQuality.forCall(`${ada.roomId}/${ada.sessionId}`);
    await db.close();
    expect(rows.map((r) => [r.source, r.level, r.ladder, r.lossInPct])).toEqual([
      ["client", "good", "video", 0],
      ["client", "bad", "audio", 31.2],
    ]);
    expect(rows[0]!.visitorId).toBe(ada.state.visitors.get(ada.sessionId)!.visitorId);
    expect(Date.parse(rows[1]!.at) - Date.parse(rows[0]!.at)).toBeCloseTo(2000, -2); // stamped on the server's clock

    await until(() => bob.state.visitors.get(ada.sessionId)?.net === 4); // bad, as the latest window was
    await pause(1100);
    await ada.request("rtc:qoe", { samples: [{ ...clean, ageMs: 0 }] });
    await until(() => bob.state.visitors.get(ada.sessionId)?.net === 1);
    await Promise.all([ada.leave(), bob.leave()]);
  });

  it("refuses malformed and too frequent reports with a reason, and keeps the visitor connected", async () => {
    const eve = await enter("Eve");
    expect(await rejection(eve.request("rtc:qoe", { samples: [{ ...clean, lossInPct: 140 }] }))).toMatchObject({ code: "invalid_payload", type: "rtc:qoe" });
    expect(await rejection(eve.request("rtc:qoe", { samples: [{ ...clean, score: 100 }] }))).toMatchObject({ code: "invalid_payload" });
    expect(await rejection(eve.request("rtc:qoe", { samples: Array.from({ length: 11 }, () => clean) }))).toMatchObject({ code: "invalid_payload" });
    expect(await rejection(eve.request("rtc:qoe", "lots of loss"))).toMatchObject({ code: "invalid_payload" });

    await pause(1100);
    const answers = await Promise.allSettled([1, 2, 3].map(() => eve.request("rtc:qoe", { samples: [clean] })));
    const refused = answers.filter((a) => a.status === "rejected").map((a) => (a.reason as { reason: ErrorPayload }).reason);
    expect(refused.length).toBeGreaterThanOrEqual(1);
    expect(refused[0]).toMatchObject({ code: "rate_limited", type: "rtc:qoe" });

    const db = new SqliteStorage(server.dbPath);
    const stored = await db.callQuality.forCall(`${eve.roomId}/${eve.sessionId}`);
    await db.close();
    expect(stored).toHaveLength(3 - refused.length); // nothing of the refused ones was kept
    expect(eve.connection.isOpen).toBe(true);
    await eve.leave();
  });

  it("shows others a visitor's rung on the degradation ladder", async () => {
    const ada = await enter("Ada");
    const bob = await enter("Bob");
    expect(await ada.request("rtc:degrade", { level: "text" })).toEqual({ ok: true });
    await until(() => bob.state.visitors.get(ada.sessionId)?.fallback === 2);
    await pause(1100);
    await ada.request("rtc:degrade", { level: "video" });
    await until(() => bob.state.visitors.get(ada.sessionId)?.fallback === 0);
    expect(await rejection(ada.request("rtc:degrade", { level: "smoke-signals" }))).toMatchObject({ code: "invalid_payload", type: "rtc:degrade" });
    await Promise.all([ada.leave(), bob.leave()]);
  });
});
