import { LocalPresence } from "@colyseus/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { findPath } from "../../../scenes/path-finding.ts";
import { boothFront } from "../../../scenes/scene-layout.ts";
import type { Vec2 } from "../../../scenes/scene-format.ts";
import { PluginRoom, pluginWorld, type PluginWorld, type TestClient } from "../../../test-support/plugin-room.ts";
import { conciergeServices } from "../../concierge/concierge-service.ts";
import { seedDemoKnowledge } from "../../concierge/knowledge/seed-demo-knowledge.ts";
import { sentences } from "../../concierge/speech/concierge-voice.ts";
import { HallDirectory } from "../../halls/hall-directory.ts";
import type { Article, ConciergeAnswer, ConciergeSaid } from "../../protocol/concierge.ts";
import type { ErrorPayload } from "../../protocol/errors.ts";
import { Limits } from "../../protocol/limits.ts";
import { decodePosePacket, POSES_MESSAGE } from "../../protocol/pose-packet.ts";
import { CONCIERGE_KEY, ConciergePlugin, GREETING_RADIUS } from "./concierge-plugin.ts";
import { PresencePlugin } from "./presence-plugin.ts";

/** The concierge on its own: no Colyseus server, no SFU; a real SQLite file; speech as a tone, its voice a fake ServerVoice. */
let world: PluginWorld;
let frames: Uint8Array[];
let spoken: string[];
const rooms: PluginRoom[] = [];

beforeEach(async () => {
  world = await pluginWorld();
  await seedDemoKnowledge(world.services.storage);
  // The hall directory a server makes, with the concierge service hostColyseus is given.
  world.services.halls = new HallDirectory(new LocalPresence(), world.services.log, [conciergeServices({ storage: world.services.storage, findScene: world.services.findScene })]);
  frames = [];
  spoken = [];
});
afterEach(async () => {
  for (const room of rooms.splice(0)) await room.close();
  await world.close();
});

const synthesizer = {
  synthesize: async (text: string) => {
    spoken.push(text);
    return { sampleRate: 22_050, samples: Int16Array.from({ length: 2205 }, (_, i) => Math.round(5000 * Math.sin(i / 5))) }; // 0.1 s
  },
};

async function open(hallId = "demo", plugins = () => [new PresencePlugin(), new ConciergePlugin({ synthesizer, openVoice: async () => ({ sendOpus: (f) => void frames.push(f) }) })]): Promise<PluginRoom> {
  const room = await PluginRoom.open(world, plugins(), hallId);
  rooms.push(room);
  return room;
}

const concierge = (hall: PluginRoom) => hall.room.plugins.concierge as ConciergePlugin;
const said = (client: TestClient) => client.of("concierge:said") as ConciergeSaid[];
const settle = () => new Promise((r) => setTimeout(r, 20));

async function refusal(promise: Promise<unknown>): Promise<ErrorPayload> {
  try {
    await promise;
  } catch (error) {
    return error as ErrorPayload;
  }
  throw new Error("expected a refusal");
}

/** Walks a visitor along a path with ordinary moves at walking pace (the presence plugin checks each one). */
async function walk(hall: PluginRoom, client: TestClient, path: readonly Vec2[], until?: () => boolean): Promise<void> {
  const presence = hall.room.plugins.presence;
  for (const to of path.slice(1)) {
    for (let i = 0; i < 300; i++) {
      const at = presence.poseOf(client.sessionId)!;
      if (Math.hypot(at.x - to.x, at.z - to.z) < 0.02 || until?.()) break;
      await hall.send(client, "move", { x: to.x, z: to.z, ry: 0 });
      await new Promise((r) => setTimeout(r, 34));
    }
  }
}

describe("concierge plugin", () => {
  it("stands at the scene's reception post in every instance, in the hall state as the concierge, and no client can move it", async () => {
    const first = await open();
    const second = await open();
    const post = first.room.scene.reception!;
    for (const hall of [first, second]) {
      expect(hall.room.state.visitors.get(CONCIERGE_KEY)).toMatchObject({ role: "concierge", name: "Mia", away: false });
      expect(hall.room.plugins.presence.poseOf(CONCIERGE_KEY)).toMatchObject({ x: post.at.x, z: post.at.z, ry: post.rotation });
    }
    const bank = await open("bank");
    expect(bank.room.state.visitors.get(CONCIERGE_KEY)?.name).toBe("Lin");

    const ada = await first.join("Ada");
    expect(first.room.visitor(ada.sessionId)!.n).not.toBe(first.room.visitor(CONCIERGE_KEY)!.n);
    await first.send(ada, "move", { x: post.at.x, z: post.at.z + 3, ry: 0 });
    expect(first.room.plugins.presence.poseOf(CONCIERGE_KEY)).toMatchObject({ x: post.at.x, z: post.at.z });
    // Everyone's pose packets carry the concierge like anyone near.
    await first.tick(50);
    const packets = ada.of(POSES_MESSAGE).map((p) => decodePosePacket(p as Uint8Array));
    const n = first.room.visitor(CONCIERGE_KEY)!.n;
    expect(packets.flatMap((p) => p.poses).find((p) => p.n === n)).toMatchObject({ x: expect.closeTo(post.at.x, 1), z: expect.closeTo(post.at.z, 1) });
  });

  it("answers a question with its source and the booth, both turns stored when the answer arrives, and says it aloud", async () => {
    const hall = await open();
    const ada = await hall.join("Ada");
    const answer = (await hall.request(ada, "concierge:ask", { text: "How much does the Nova Phone 12 cost?", lang: "en" })) as ConciergeAnswer;
    expect(answer).toMatchObject({ lang: "en", boothId: "nova-phone-12", sources: [expect.objectContaining({ id: "kb-nova-phone-12" })] });
    const visitorId = hall.room.visitor(ada.sessionId)!.visitorId;
    const turns = await hall.room.services.storage.conversations.forConversation(await conversationOf(hall, ada));
    expect(turns.map((t) => [t.role, t.visitorId])).toEqual([
      ["customer", visitorId],
      ["concierge", visitorId],
    ]);
    // While it speaks its speaking flag is up (the jaw moves on every page), and down again after.
    const me = hall.room.visitor(CONCIERGE_KEY)!;
    for (let i = 0; i < 100 && !me.speaking; i++) await new Promise((r) => setTimeout(r, 5));
    expect(me.speaking).toBe(true);
    await concierge(hall).voice!.idle();
    expect(me.speaking).toBe(false);
    expect(me.mic).toBe(true);
    expect(spoken).toEqual(sentences(answer.text));
    expect(frames.length).toBe(5 * spoken.length); // 0.1 s of speech a sentence: five 20 ms Opus frames
  });

  it("walks a visitor to a booth: a path from where they stand to the front of the booth that ordinary moves can follow", async () => {
    const hall = await open("bank");
    const ada = await hall.join("Ada");
    const start = { ...hall.room.plugins.presence.poseOf(ada.sessionId)! };
    const booth = hall.room.scene.booths.find((b) => b.id === "home-loans")!;
    const reply = (await hall.request(ada, "concierge:walk", { boothId: booth.id })) as { metres: number; path: Vec2[] };
    expect(reply.path[0]).toEqual({ x: start.x, z: start.z });
    const front = boothFront(booth);
    expect(Math.hypot(reply.path.at(-1)!.x - front.x, reply.path.at(-1)!.z - front.z)).toBeLessThan(0.3);
    expect(reply.metres).toBeGreaterThan(Math.hypot(front.x - start.x, front.z - start.z) - 0.01);
    await walk(hall, ada, reply.path);
    const end = hall.room.plugins.presence.poseOf(ada.sessionId)!;
    expect(Math.hypot(end.x - front.x, end.z - front.z)).toBeLessThan(0.35);
  }, 20_000);

  it("greets a customer once a visit when they first come near, and never staff", async () => {
    const hall = await open();
    const ada = await hall.join("Ada");
    const agent = await hall.join("Sam", "agent");
    const desk = hall.room.plugins.presence.poseOf(CONCIERGE_KEY)!;
    await hall.tick(500);
    expect(said(ada)).toEqual([]); // at the entrance, further than the greeting radius

    const near = (c: TestClient) => () => {
      const at = hall.room.plugins.presence.poseOf(c.sessionId)!;
      return Math.hypot(at.x - desk.x, at.z - desk.z) < GREETING_RADIUS - 0.5;
    };
    const toDesk = (c: TestClient) => findPath(hall.room.scene, hall.room.plugins.presence.poseOf(c.sessionId)!, hall.room.scene.booths[0]!.at)!;
    await walk(hall, ada, findPath(hall.room.scene, hall.room.plugins.presence.poseOf(ada.sessionId)!, { x: desk.x, z: desk.z + 2 })!, near(ada));
    await walk(hall, agent, findPath(hall.room.scene, hall.room.plugins.presence.poseOf(agent.sessionId)!, { x: desk.x, z: desk.z + 2 })!, near(agent));
    await hall.tick(500);
    await hall.tick(500);
    expect(said(ada).map((s) => s.lang)).toEqual(["en", "zh-CN"]);
    expect(said(ada)[0]!.text).toMatch(/Mia/);
    expect(said(agent)).toEqual([]);
    await concierge(hall).voice!.idle();
    expect(spoken).toEqual(said(ada).flatMap((s) => sentences(s.text)));

    // Away and back again in the same visit: no second greeting.
    await walk(hall, ada, toDesk(ada).slice(0, 2));
    await hall.tick(500);
    expect(said(ada)).toHaveLength(2);

    // A new visit whose page asked in Chinese first is greeted in Chinese only.
    const bo = await hall.join("Bo");
    await hall.request(bo, "concierge:ask", { text: "营业时间？", lang: "zh-CN" });
    await walk(hall, bo, findPath(hall.room.scene, hall.room.plugins.presence.poseOf(bo.sessionId)!, { x: desk.x, z: desk.z + 2 })!, near(bo));
    await hall.tick(500);
    expect(said(bo).map((s) => s.lang)).toEqual(["zh-CN"]);
  }, 30_000);

  it("shows an article in the page's language, else the other", async () => {
    const hall = await open();
    const ada = await hall.join("Ada");
    expect(await hall.request(ada, "concierge:article", { id: "kb-nova-phone-12", lang: "zh-CN" })).toMatchObject({ id: "kb-nova-phone-12", lang: "zh-CN" } satisfies Partial<Article>);
    expect(await hall.request(ada, "concierge:article", { id: "kb-nova-phone-12" })).toMatchObject({ lang: "en", title: "Nova Phone 12" });
  });

  describe("refuses bad input with a clear error to the sender, storing and saying nothing", () => {
    const cases: { name: string; type: string; payload: unknown; code: string; message: RegExp }[] = [
      { name: "an empty question", type: "concierge:ask", payload: { text: "   " }, code: "invalid_payload", message: /question is empty/ },
      { name: "an oversized question", type: "concierge:ask", payload: { text: "x".repeat(Limits.conciergeQuestionMax + 1) }, code: "invalid_payload", message: /longer than 500/ },
      { name: "a question that is not text", type: "concierge:ask", payload: { text: 42 }, code: "invalid_payload", message: /text/ },
      { name: "a language Atrium does not speak", type: "concierge:ask", payload: { text: "hola", lang: "es" }, code: "invalid_payload", message: /lang/ },
      { name: "an unknown booth", type: "concierge:walk", payload: { boothId: "no-such-booth" }, code: "not_found", message: /no booth "no-such-booth"/ },
      { name: "a booth of another hall", type: "concierge:walk", payload: { boothId: "platinum-card" }, code: "not_found", message: /no booth/ },
      { name: "an unknown article", type: "concierge:article", payload: { id: "kb-no-such-article" }, code: "not_found", message: /no article "kb-no-such-article"/ },
      { name: "an article id of the wrong shape", type: "concierge:article", payload: { id: "" }, code: "invalid_payload", message: /id/ },
    ];
    it.each(cases)("$name → $code", async ({ type, payload, code, message }) => {
      const hall = await open();
      const ada = await hall.join("Ada");
      const error = await refusal(hall.request(ada, type, payload));
      expect(error).toMatchObject({ code, type });
      expect(error.message).toMatch(message);
      expect(await conversationTurns(hall, ada)).toBe(0);
      await settle();
      expect(spoken).toEqual([]);
    });

    it("a flood of questions → rate_limited after 6 in 10 s, for that visitor only", async () => {
      const hall = await open();
      const ada = await hall.join("Ada");
      const bob = await hall.join("Bob");
      for (let i = 0; i < 6; i++) await hall.request(ada, "concierge:ask", { text: `opening hours ${i}?` });
      const error = await refusal(hall.request(ada, "concierge:ask", { text: "opening hours again?" }));
      expect(error).toMatchObject({ code: "rate_limited", type: "concierge:ask" });
      expect(await conversationTurns(hall, ada)).toBe(12);
      expect(await hall.request(bob, "concierge:ask", { text: "opening hours?" })).toMatchObject({ lang: "en" });
    });
  });

  it("stays away, refusing its messages, in a hall whose server has no concierge service", async () => {
    world.services.halls = new HallDirectory(new LocalPresence(), world.services.log);
    const hall = await open();
    const ada = await hall.join("Ada");
    expect(hall.room.state.visitors.has(CONCIERGE_KEY)).toBe(false);
    expect(await refusal(hall.request(ada, "concierge:ask", { text: "hello?" }))).toMatchObject({ code: "not_found", message: /no concierge/ });
  });

  it("answers in text only when it has no voice", async () => {
    const hall = await open("demo", () => [new PresencePlugin(), new ConciergePlugin({ synthesizer, openVoice: () => Promise.reject(new Error("no SFU")) })]);
    const ada = await hall.join("Ada");
    expect(await hall.request(ada, "concierge:ask", { text: "What are your opening hours?" })).toMatchObject({ lang: "en" });
    await concierge(hall).voice?.idle();
    expect(frames).toEqual([]);
    expect(hall.room.visitor(CONCIERGE_KEY)!.mic).toBe(false);
  });
});

/** The conversation a visitor's questions went into this visit. */
async function conversationOf(hall: PluginRoom, client: TestClient): Promise<string> {
  const id = concierge(hall).conversationOf(client.sessionId);
  expect(id).toBeDefined();
  return id!;
}

/** How many turns the visitor's conversation has stored (none when they never got to ask). */
async function conversationTurns(hall: PluginRoom, client: TestClient): Promise<number> {
  const id = concierge(hall).conversationOf(client.sessionId);
  return id ? (await hall.room.services.storage.conversations.forConversation(id)).length : 0;
}
