import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LocalPresence } from "@colyseus/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../logging/logger.ts";
import { SqliteStorage } from "../storage/sqlite-storage.ts";
import { SceneLibrary, seedBuiltInScenes, SYSTEM_ACTOR, type SceneChange } from "./scene-library.ts";

let dir: string;
let storage: SqliteStorage;
const log = createLogger("error");

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "atrium-scenes-"));
  storage = new SqliteStorage(join(dir, "atrium.db"));
  await storage.migrate();
  await seedBuiltInScenes(storage);
});
afterEach(async () => {
  await storage.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("SceneLibrary", () => {
  it("seeds the showrooms once as published scenes by Atrium, and finds them", async () => {
    await seedBuiltInScenes(storage);
    const records = await storage.scenes.list();
    expect(records.map((r) => [r.id, r.liveVersion, r.createdBy.name])).toEqual([["nova-electronics", 1, "Atrium"], ["meridian-bank", 1, "Atrium"]]);
    const library = new SceneLibrary(storage, log);
    await library.load();
    expect(library.find("nova-electronics")?.name).toBe("Nova Electronics");
    expect(library.liveVersion("meridian-bank")).toBe(1);
    expect(library.find("nope")).toBeUndefined();
  });

  it("serves what is live: a publish or a rollback changes what find gives, in this process and in another sharing the presence", async () => {
    const presence = new LocalPresence();
    const here = new SceneLibrary(storage, log);
    const there = new SceneLibrary(storage, log);
    await Promise.all([here.load(), there.load()]);
    here.listen(presence);
    there.listen(presence);
    const heard: { where: string; change: SceneChange }[] = [];
    here.onChange((change) => heard.push({ where: "here", change }));
    there.onChange((change) => heard.push({ where: "there", change }));

    const record = (await storage.scenes.get("nova-electronics"))!;
    await storage.scenes.saveDraft("nova-electronics", { draft: { ...record.draft, name: "Nova Spring" }, expectedRevision: record.revision, by: SYSTEM_ACTOR });
    const v2 = await storage.scenes.publish("nova-electronics", SYSTEM_ACTOR);
    await here.changed({ sceneId: "nova-electronics", version: v2.version });
    await expect.poll(() => there.find("nova-electronics")?.name).toBe("Nova Spring");
    expect(here.find("nova-electronics")?.name).toBe("Nova Spring");
    expect(heard.map((h) => h.where).sort(), "each process hears a change once").toEqual(["here", "there"]);

    await storage.scenes.setLive("nova-electronics", 1, SYSTEM_ACTOR);
    await here.changed({ sceneId: "nova-electronics", version: 1 });
    await expect.poll(() => there.find("nova-electronics")?.name).toBe("Nova Electronics");
    expect(here.liveVersion("nova-electronics")).toBe(1);
  });
});
