import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, expect, it } from "vitest";
import { SqliteStorage } from "../../storage/sqlite-storage.ts";
import { RetrievalAnswerer } from "../answering/retrieval-answerer.ts";
import { loadDemoKnowledge } from "./demo-knowledge.ts";
import { seedDemoKnowledge } from "./seed-demo-knowledge.ts";

let dir: string;
let storage: SqliteStorage;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "atrium-kb-"));
  storage = new SqliteStorage(join(dir, "atrium.db"));
  await storage.migrate();
  await storage.halls.put({ id: "demo", name: "Nova Electronics", sceneId: "nova-electronics" });
  await storage.halls.put({ id: "bank", name: "Meridian Bank", sceneId: "meridian-bank" });
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

it("gives each demo hall with an empty knowledge base its scene's articles, in both languages", async () => {
  // Halls list by creation time, then id: two created in the same millisecond come out by id.
  const seeded = await seedDemoKnowledge(storage);
  expect(seeded.sort((a, b) => a.hallId.localeCompare(b.hallId))).toEqual([
    { hallId: "bank", articles: loadDemoKnowledge("meridian-bank").length },
    { hallId: "demo", articles: loadDemoKnowledge("nova-electronics").length },
  ]);
  const demo = await storage.knowledge.list("demo");
  expect(demo).toHaveLength(loadDemoKnowledge("nova-electronics").length);
  expect(await storage.knowledge.get("bank", "kb-platinum-card", "zh-CN")).toMatchObject({ title: "Meridian 白金信用卡" });

  // What is stored is what the hall's concierge answers from.
  const answer = await RetrievalAnswerer.fromArticles(demo).answer({ hallId: "demo", text: "保修几年" });
  expect(answer.sources[0]?.id).toBe("kb-warranty");
});

it("leaves a knowledge base an admin has edited alone on the next start", async () => {
  await seedDemoKnowledge(storage);
  await storage.knowledge.remove("demo", "kb-parking");
  await storage.knowledge.put({ hallId: "demo", id: "kb-warranty", lang: "en", title: "Warranty", body: "Three years on everything.", tags: [] });
  expect(await seedDemoKnowledge(storage)).toEqual([]);
  expect(await storage.knowledge.get("demo", "kb-parking", "en")).toBeUndefined();
  expect((await storage.knowledge.get("demo", "kb-warranty", "en"))?.body).toBe("Three years on everything.");
});

it("seeds nothing for a hall whose scene ships no demo knowledge", async () => {
  await storage.halls.put({ id: "blank", name: "Blank", sceneId: "no-such-scene" });
  await seedDemoKnowledge(storage);
  expect(await storage.knowledge.list("blank")).toEqual([]);
});
