import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { getBuiltInScene } from "../../scenes/catalog.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";
import { ConciergeService, conciergeServices } from "./concierge-service.ts";
import { seedDemoKnowledge } from "./knowledge/seed-demo-knowledge.ts";

let dir: string;
let storage: SqliteStorage;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "atrium-concierge-"));
  storage = new SqliteStorage(join(dir, "atrium.db"));
  await storage.migrate();
  await storage.halls.put({ id: "demo", name: "Nova Electronics", sceneId: "nova-electronics" });
  await storage.halls.put({ id: "bank", name: "Meridian Bank", sceneId: "meridian-bank" });
  await seedDemoKnowledge(storage);
});

afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

const concierge = (hallId = "demo") => new ConciergeService({ hallId, storage, findScene: getBuiltInScene });
const asker = { visitorId: "v-1", conversationId: "c-1" };

describe("the concierge of a hall", () => {
  it("has its own name and look per hall, and greets in both languages", async () => {
    const mia = await concierge("demo").persona();
    const lin = await concierge("bank").persona();
    expect(mia.name).toBe("Mia");
    expect(lin.name).toBe("Lin");
    expect(mia.avatar).not.toBe(lin.avatar);
    expect(JSON.parse(mia.avatar)).toMatchObject({ v: 1 });
    const both = await concierge("bank").greeting();
    expect(both.map((g) => g.lang)).toEqual(["en", "zh-CN"]);
    expect(both[0]!.text).toContain("Meridian Bank");
    expect(both[1]!.text).toMatch(/您好.*Lin/);
    expect(await concierge("bank").greeting("zh-CN")).toHaveLength(1);
  });

  it("answers a product question with its source and the booth that shows it, both turns stored first", async () => {
    const answer = await concierge().ask(asker, { text: "How much does the Nova Phone 12 cost?", lang: "en" });
    expect(answer.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(answer.lang).toBe("en");
    expect(answer.sources[0]).toMatchObject({ id: "kb-nova-phone-12" });
    expect(answer.text).toMatch(/£799/);
    expect(answer).toMatchObject({ boothId: "nova-phone-12", boothLabel: getBuiltInScene("nova-electronics")!.booths.find((b) => b.id === "nova-phone-12")!.label });
    const turns = await storage.conversations.forConversation("c-1");
    expect(turns.map((t) => [t.role, t.visitorId, t.hallId])).toEqual([
      ["customer", "v-1", "demo"],
      ["concierge", "v-1", "demo"],
    ]);
    expect(turns[0]).toMatchObject({ text: "How much does the Nova Phone 12 cost?", lang: "en", sources: [], confidence: null });
    expect(turns[1]).toMatchObject({ text: answer.text, sources: ["kb-nova-phone-12"], confidence: answer.confidence });
  });

  it("answers in Chinese when asked in Chinese, whatever the page's language", async () => {
    const answer = await concierge("bank").ask(asker, { text: "白金信用卡的年费是多少？", lang: "en" });
    expect(answer.lang).toBe("zh-CN");
    expect(answer.sources[0]?.id).toBe("kb-platinum-card");
    expect(answer.boothId).toBe("platinum-card");
    expect((await storage.conversations.forConversation("c-1"))[0]!.lang).toBe("zh-CN");
  });

  it("names no booth for an answer that is not about a product on show", async () => {
    const answer = await concierge().ask(asker, { text: "What are your opening hours?", lang: "en" });
    expect(answer.sources.length).toBeGreaterThan(0);
    expect(answer.boothId).toBeUndefined();
  });

  it("gives no answer it could not store: a failed write fails the question", async () => {
    const failing = {
      ...storage,
      halls: storage.halls,
      knowledge: storage.knowledge,
      conversations: { forConversation: storage.conversations.forConversation.bind(storage.conversations), append: () => Promise.reject(new Error("disk full")) },
    };
    const service = new ConciergeService({ hallId: "demo", storage: failing, findScene: getBuiltInScene });
    await expect(service.ask(asker, { text: "How much does the Nova Phone 12 cost?" })).rejects.toThrow(/disk full/);
  });

  it("keeps one conversation per visit and passes its earlier turns along", async () => {
    const seen: unknown[] = [];
    const service = new ConciergeService({
      hallId: "demo",
      storage,
      findScene: getBuiltInScene,
      answererFor: () => ({ answer: async (r) => (seen.push(r.history), { text: "ok", lang: "en", confidence: 0.5, sources: [], offerHuman: false }) }),
    });
    await service.ask(asker, { text: "first" });
    await service.ask(asker, { text: "second" });
    await service.ask({ visitorId: "v-1", conversationId: "c-2" }, { text: "another visit" });
    expect(seen).toEqual([
      [],
      [
        { role: "customer", text: "first" },
        { role: "concierge", text: "ok" },
      ],
      [],
    ]);
  });

  it("answers from what the hall's knowledge base holds, and from an admin's edits once reindexed", async () => {
    const service = concierge("bank");
    const question = { text: "Do you sell one-ounce gold bars?", lang: "en" as const };
    expect((await service.ask(asker, question)).sources[0]?.id).not.toBe("kb-gold-bars");
    await storage.knowledge.put({ hallId: "bank", id: "kb-gold-bars", lang: "en", title: "Gold bars", body: "We sell one-ounce gold bars at the vault counter for the day's price.", tags: ["gold"] });
    await service.reindex();
    expect((await service.ask(asker, question)).sources[0]?.id).toBe("kb-gold-bars");
  });

  it("shows an article in the asked language, else the other, and nothing for an unknown one", async () => {
    const service = concierge();
    expect(await service.article("kb-nova-phone-12", "zh-CN")).toMatchObject({ id: "kb-nova-phone-12", lang: "zh-CN", title: expect.stringMatching(/手机/) });
    expect(await service.article("kb-nova-phone-12")).toMatchObject({ lang: "en", title: "Nova Phone 12" });
    expect(await service.article("kb-no-such-thing", "en")).toBeUndefined();
    await storage.knowledge.put({ hallId: "demo", id: "kb-only-english", lang: "en", title: "Only English", body: "Written once.", tags: [] });
    expect(await service.article("kb-only-english", "zh-CN")).toMatchObject({ lang: "en", title: "Only English" });
  });

  it("is made once per hall by the factory hostColyseus takes", () => {
    const make = conciergeServices({ storage, findScene: getBuiltInScene });
    const service = make({ hallId: "bank" } as never);
    expect(service.name).toBe("concierge");
    expect((service as ConciergeService).hallId).toBe("bank");
  });
});
