import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { enterHallAs, rejection, until, type Visit } from "../../../test-support/hall-visit.ts";
import { startTestServer, type TestServer } from "../../../test-support/start-test-server.ts";
import type { ConciergeAnswer } from "../../protocol/concierge.ts";
import { EspeakSynthesizer } from "../../concierge/speech/espeak.ts";
import { CONCIERGE_KEY } from "./concierge-plugin.ts";

/** The concierge over a real server: Colyseus, a mediasoup worker, a SQLite file, espeak-ng. */
let server: TestServer;
const visits: Visit[] = [];
const noEspeak = await new EspeakSynthesizer().unavailable();

beforeAll(async () => {
  server = await startTestServer();
}, 30_000);
afterAll(async () => {
  for (const visit of visits) await visit.leave().catch(() => undefined);
  await server?.stop();
});

describe("the concierge in a running hall", () => {
  it("is seen by a customer at the reception desk, and answers their question from the knowledge base", async () => {
    const ada = await enterHallAs(server.url, "Ada", "bank");
    visits.push(ada);
    await until(() => ada.state.visitors.get(CONCIERGE_KEY) !== undefined);
    expect(ada.state.visitors.get(CONCIERGE_KEY)).toMatchObject({ role: "concierge", name: "Lin" });
    // Its pose comes with the others' (it stands within the 10 m near tier of the entrance).
    await until(() => ada.poses.of(CONCIERGE_KEY) !== undefined);
    expect(ada.poses.of(CONCIERGE_KEY)).toMatchObject({ x: expect.closeTo(0, 1), z: expect.closeTo(0.6, 1) });

    const answer = (await ada.request("concierge:ask", { text: "What is the annual fee of the platinum card?", lang: "en" })) as ConciergeAnswer;
    expect(answer).toMatchObject({ lang: "en", boothId: "platinum-card", sources: [expect.objectContaining({ id: "kb-platinum-card" })] });
    expect((await rejection(ada.request("concierge:walk", { boothId: "nowhere" }))).code).toBe("not_found");
  }, 30_000);

  it.skipIf(noEspeak)("speaks through the SFU: its voice is a mic in the hall's media room, and it is marked speaking while it answers", async () => {
    const bo = await enterHallAs(server.url, "Bo", "demo");
    visits.push(bo);
    await until(() => bo.state.visitors.get(CONCIERGE_KEY)?.mic === true, 10_000);
    const media = server.server.media.room(bo.roomId)!;
    expect(media.producingSources(CONCIERGE_KEY).has("mic")).toBe(true);
    expect(bo.state.visitors.get(CONCIERGE_KEY)!.speaking).toBe(false);
    // Its speaking flag (the SFU's audio level, the same as a person's) moves its jaw on every page.
    await bo.request("concierge:ask", { text: "您们几点开门？", lang: "zh-CN" });
    await until(() => bo.state.visitors.get(CONCIERGE_KEY)!.speaking, 10_000);
    // Bo leaves mid-answer: what was being said to them stops, as seen by someone else in the hall.
    const cy = await enterHallAs(server.url, "Cy", "demo");
    visits.push(cy);
    expect(cy.roomId).toBe(bo.roomId);
    await until(() => cy.state.visitors.get(CONCIERGE_KEY)?.speaking === true);
    visits.splice(visits.indexOf(bo), 1);
    await bo.leave();
    await until(() => cy.state.visitors.get(CONCIERGE_KEY)!.speaking === false, 3000);
  }, 30_000);

  it.skipIf(noEspeak)("gets its voice back when the SFU rebuilds the hall's media after its worker dies", async () => {
    const dee = await enterHallAs(server.url, "Dee", "bank");
    visits.push(dee);
    const media = server.server.media;
    const before = media.room(dee.roomId)!;
    await until(() => before.producingSources(CONCIERGE_KEY).has("mic"), 10_000);
    for (const { pid } of media.health().workers) process.kill(pid, "SIGKILL");
    await until(() => {
      const now = media.room(dee.roomId);
      return !!now && now !== before && now.producingSources(CONCIERGE_KEY).has("mic");
    }, 20_000);
    await until(() => dee.state.visitors.get(CONCIERGE_KEY)?.mic === true);
  }, 30_000);
});
