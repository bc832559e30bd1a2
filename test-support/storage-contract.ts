import { afterEach, beforeEach, describe, expect, it, type TestContext } from "vitest";
import { StorageConflict, type ArticleRecord, type CallQualitySample, type ChatRecord, type ConversationTurn, type StaffRecord, type Storage } from "../game-server/storage/storage.ts";

/**
 * What every `Storage` implementation promises, as numbered rules. An implementation's test file
 * calls `registerStorageContractTests` with a factory; the same rules then run over SQLite today
 * and PostgreSQL later. Rules are only ever added (new number at the end), never renumbered, so
 * that a failure names the same rule on every implementation.
 */
export interface StorageFixture {
  /** A fresh, empty storage that has not been migrated yet (the suite migrates it). */
  storage: Storage;
  /**
   * Opens another storage over the same data, without migrating it; it may be called while
   * `storage` is still open. Leave it out where data cannot outlive its storage (in memory):
   * the rules that need it are then skipped.
   */
  reopen?: () => Promise<Storage>;
  /** Removes the data; called after the suite has closed every storage it was given. */
  cleanup(): Promise<void>;
}

export type StorageFactory = () => Promise<StorageFixture>;

const isoTime = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

/** Lets the clock move on, so that records written before and after differ in `createdAt`. */
const nextMoment = () => new Promise((resolve) => setTimeout(resolve, 5));

/** An ISO time stamped by the storage "now": well formed and within a few seconds of this clock. */
function expectStampedNow(iso: string): void {
  expect(iso).toMatch(isoTime);
  expect(Math.abs(Date.parse(iso) - Date.now())).toBeLessThan(5_000);
}

const line = (over: Partial<Omit<ChatRecord, "id" | "createdAt">> = {}): Omit<ChatRecord, "id" | "createdAt"> => ({
  hallId: "demo",
  visitorId: "v-ada",
  name: "Ada",
  role: "customer",
  scope: "hall",
  text: "hello",
  ...over,
});

const sample = (over: Partial<CallQualitySample> = {}): CallQualitySample => ({
  callId: "room1/s1",
  roomId: "room1",
  hallId: "demo",
  sessionId: "s1",
  visitorId: "v-ada",
  at: "2026-01-01T10:00:02.000Z",
  source: "client",
  rttMs: 40,
  jitterMs: 3.25,
  lossInPct: 0,
  lossOutPct: 1.5,
  kbpsIn: 41.7,
  kbpsOut: 38,
  freezes: 0,
  concealPct: 0.4,
  score: 100,
  level: "good",
  ladder: "video",
  ...over,
});

const staffMember = (over: Partial<Omit<StaffRecord, "id" | "createdAt" | "failedLogins" | "lockedUntil">> = {}): Omit<StaffRecord, "id" | "createdAt" | "failedLogins" | "lockedUntil"> => ({
  email: "li.wei@nova.example",
  displayName: "Li Wei 李伟",
  role: "agent",
  passwordHash: "scrypt$N=16384$c2FsdA$aGFzaA",
  hallIds: ["nova"],
  skills: ["phones", "laptops"],
  languages: ["zh-CN", "en"],
  disabled: false,
  ...over,
});

const article = (over: Partial<Omit<ArticleRecord, "updatedAt">> = {}): Omit<ArticleRecord, "updatedAt"> => ({
  hallId: "nova",
  id: "warranty",
  lang: "en",
  title: "Warranty",
  body: "## Two years\n\nEvery device comes with a **two-year** warranty.",
  tags: ["warranty", "repairs"],
  ...over,
});

const turn = (over: Partial<Omit<ConversationTurn, "id" | "createdAt">> = {}): Omit<ConversationTurn, "id" | "createdAt"> => ({
  conversationId: "conv-1",
  hallId: "nova",
  visitorId: "v-ada",
  role: "customer",
  text: "How long is the warranty?",
  lang: "en",
  sources: [],
  confidence: null,
  ...over,
});

export function registerStorageContractTests(name: string, factory: StorageFactory): void {
  describe(`storage contract: ${name}`, () => {
    let fixture: StorageFixture;
    let storage: Storage;
    const opened: Storage[] = [];

    /** Another storage over the same data (tracked, so that it is closed after the rule); skips the rule where there is none. */
    const reopen = async (context: TestContext): Promise<Storage> => {
      if (!fixture.reopen) context.skip("this storage cannot be opened again");
      const again = await fixture.reopen!();
      opened.push(again);
      return again;
    };

    beforeEach(async () => {
      fixture = await factory();
      storage = fixture.storage;
      opened.push(storage);
      await storage.migrate();
    });

    afterEach(async () => {
      for (const s of opened.splice(0)) await s.close();
      await fixture.cleanup();
    });

    it("rule 1: a hall put is returned by get and list", async () => {
      const put = await storage.halls.put({ id: "demo", name: "Demo hall", sceneId: "demo-hall" });
      expect(put).toEqual({ id: "demo", name: "Demo hall", sceneId: "demo-hall", createdAt: put.createdAt });
      expectStampedNow(put.createdAt);
      expect(await storage.halls.get("demo")).toEqual(put);
      expect(await storage.halls.list()).toEqual([put]);
    });

    it("rule 2: putting an existing hall updates its name and scene in place and keeps its createdAt", async () => {
      const first = await storage.halls.put({ id: "demo", name: "Old name", sceneId: "old-scene" });
      await nextMoment();
      const second = await storage.halls.put({ id: "demo", name: "New name", sceneId: "new-scene" });
      const expected = { id: "demo", name: "New name", sceneId: "new-scene", createdAt: first.createdAt };
      expect(second).toEqual(expected);
      expect(await storage.halls.get("demo")).toEqual(expected);
      expect(await storage.halls.list()).toEqual([expected]);
    });

    it("rule 3: halls.list returns every hall, oldest first (not by id)", async () => {
      for (const id of ["zeta", "alpha", "mid"]) {
        await storage.halls.put({ id, name: id.toUpperCase(), sceneId: "demo-hall" });
        await nextMoment();
      }
      await storage.halls.put({ id: "zeta", name: "Zeta again", sceneId: "demo-hall" }); // an update does not move it
      const halls = await storage.halls.list();
      expect(halls.map((h) => [h.id, h.name])).toEqual([
        ["zeta", "Zeta again"],
        ["alpha", "ALPHA"],
        ["mid", "MID"],
      ]);
    });

    it("rule 4: visitors.create gives each visitor a fresh id and time, and get returns that record", async () => {
      const ada = await storage.visitors.create({ name: "Ada", role: "customer" });
      const bob = await storage.visitors.create({ name: "Ada", role: "agent" });
      expect(ada).toEqual({ id: ada.id, name: "Ada", role: "customer", createdAt: ada.createdAt });
      expect(ada.id).toEqual(expect.any(String));
      expect(ada.id.length).toBeGreaterThan(0);
      expect(bob.id).not.toBe(ada.id);
      expectStampedNow(ada.createdAt);
      expect(await storage.visitors.get(ada.id)).toEqual(ada);
      expect(await storage.visitors.get(bob.id)).toEqual(bob);
    });

    it("rule 5: chat.recent returns only hall-scope lines of that hall, oldest first, at most limit", async () => {
      const demo: ChatRecord[] = [];
      for (let i = 1; i <= 5; i++) {
        demo.push(await storage.chat.append(line({ text: `hello ${i}` })));
        if (i === 3) await storage.chat.append(line({ scope: "nearby", text: "just between us" }));
      }
      const other = await storage.chat.append(line({ hallId: "bank", text: "other hall" }));
      expect(await storage.chat.recent("demo", 3)).toEqual(demo.slice(2));
      expect(await storage.chat.recent("demo", 100)).toEqual(demo);
      expect(await storage.chat.recent("demo", 1)).toEqual([demo[4]]);
      expect(await storage.chat.recent("bank", 10)).toEqual([other]);
    });

    it("rule 6: chat.append returns the line with a fresh id and time, and recent gives it back unchanged", async () => {
      const text = `Grüße, "hall" — it's 5 € 🙂 ${"x".repeat(400)}`;
      const first = await storage.chat.append(line({ name: "Zoë", role: "agent", visitorId: "v-zoe", text }));
      const second = await storage.chat.append(line({ text }));
      expect(first).toEqual({ ...line({ name: "Zoë", role: "agent", visitorId: "v-zoe", text }), id: first.id, createdAt: first.createdAt });
      expect(first.id.length).toBeGreaterThan(0);
      expect(second.id).not.toBe(first.id);
      expectStampedNow(first.createdAt);
      expect(await storage.chat.recent("demo", 10)).toEqual([first, second]);
    });

    it("rule 7: callQuality.forCall returns a call's samples unchanged, oldest first across batches, apart from other calls", async () => {
      const batch1 = [sample(), sample({ at: "2026-01-01T10:00:04.000Z", lossInPct: 31.2, score: 12, level: "bad", ladder: "audio" })];
      const batch2 = [
        sample({ at: "2026-01-01T10:00:05.000Z", source: "server", jitterMs: null, lossOutPct: null, concealPct: null, freezes: null, score: null, level: "unknown", ladder: "text" }),
      ];
      await storage.callQuality.append(batch1);
      await storage.callQuality.append([sample({ callId: "room1/s2", sessionId: "s2", visitorId: "v-bob" })]);
      await storage.callQuality.append(batch2);
      expect(await storage.callQuality.forCall("room1/s1")).toEqual([...batch1, ...batch2]);
      expect(await storage.callQuality.forCall("room1/s2")).toEqual([sample({ callId: "room1/s2", sessionId: "s2", visitorId: "v-bob" })]);
    });

    it("rule 8: callQuality.forCall with a limit returns the latest samples, oldest first", async () => {
      const all = [1, 2, 3, 4, 5].map((i) => sample({ at: `2026-01-01T10:00:0${i}.000Z`, rttMs: i * 10 }));
      await storage.callQuality.append(all.slice(0, 3));
      await storage.callQuality.append(all.slice(3));
      expect(await storage.callQuality.forCall("room1/s1", 2)).toEqual(all.slice(3));
      expect(await storage.callQuality.forCall("room1/s1", 4)).toEqual(all.slice(1));
      expect(await storage.callQuality.forCall("room1/s1", 50)).toEqual(all);
      expect(await storage.callQuality.forCall("room1/s1")).toEqual(all);
    });

    it("rule 9: callQuality.append is all or nothing: a batch the database refuses in part keeps none of it", async () => {
      const kept = sample({ callId: "call/kept" });
      await storage.callQuality.append([kept]);
      const refused = [sample({ callId: "call/x" }), sample({ callId: "call/x", at: "2026-01-01T10:00:03.000Z" }), sample({ callId: "call/x", level: null as never }), sample({ callId: "call/x" })];
      await expect(storage.callQuality.append(refused)).rejects.toThrow();
      expect(await storage.callQuality.forCall("call/x")).toEqual([]);
      await storage.callQuality.append([]);
      expect(await storage.callQuality.forCall("call/kept")).toEqual([kept]);
      await storage.callQuality.append([sample({ callId: "call/x" })]); // the storage is still usable after a refused batch
      expect(await storage.callQuality.forCall("call/x")).toEqual([sample({ callId: "call/x" })]);
    });

    it("rule 10: settings.set overwrites a value and leaves other keys alone", async () => {
      await storage.settings.set("token-secret", "first");
      await storage.settings.set("greeting", "Welcome");
      expect(await storage.settings.get("token-secret")).toBe("first");
      await storage.settings.set("token-secret", "second");
      expect(await storage.settings.get("token-secret")).toBe("second");
      expect(await storage.settings.get("greeting")).toBe("Welcome");
      await storage.settings.set("greeting", "");
      expect(await storage.settings.get("greeting")).toBe("");
    });

    it("rule 11: unknown ids give undefined and unknown halls and calls give empty lists", async () => {
      expect(await storage.halls.list()).toEqual([]);
      await storage.halls.put({ id: "demo", name: "Demo", sceneId: "demo-hall" });
      await storage.chat.append(line());
      await storage.callQuality.append([sample()]);
      await storage.settings.set("known", "yes");
      expect(await storage.halls.get("nope")).toBeUndefined();
      expect(await storage.halls.get("DEMO")).toBeUndefined();
      expect(await storage.visitors.get("nope")).toBeUndefined();
      expect(await storage.settings.get("nope")).toBeUndefined();
      expect(await storage.chat.recent("nope", 10)).toEqual([]);
      expect(await storage.callQuality.forCall("nope")).toEqual([]);
    });

    it("rule 12: migrate is idempotent: migrating again keeps every record", async () => {
      const hall = await storage.halls.put({ id: "demo", name: "Demo", sceneId: "demo-hall" });
      const visitor = await storage.visitors.create({ name: "Ada", role: "customer" });
      const chat = await storage.chat.append(line());
      await storage.callQuality.append([sample()]);
      await storage.settings.set("token-secret", "s3cret");
      await storage.migrate();
      await storage.migrate();
      expect(await storage.halls.list()).toEqual([hall]);
      expect(await storage.visitors.get(visitor.id)).toEqual(visitor);
      expect(await storage.chat.recent("demo", 10)).toEqual([chat]);
      expect(await storage.callQuality.forCall("room1/s1")).toEqual([sample()]);
      expect(await storage.settings.get("token-secret")).toBe("s3cret");
    });

    it("rule 13: concurrent writes are all kept: chat lines each with their own id, call-quality batches each in their own order", async () => {
      const lines = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.chat.append(line({ text: `line ${i}` }))));
      expect(new Set(lines.map((l) => l.id)).size).toBe(20);
      const recent = await storage.chat.recent("demo", 50);
      expect(recent.map((l) => l.text).sort()).toEqual(lines.map((l) => l.text).sort());

      const batches = [0, 1, 2, 3, 4].map((b) => [0, 1, 2].map((i) => sample({ at: `2026-01-01T10:0${b}:0${i}.000Z`, rttMs: b * 10 + i })));
      await Promise.all(batches.map((batch) => storage.callQuality.append(batch)));
      const stored = await storage.callQuality.forCall("room1/s1");
      expect(stored).toHaveLength(15);
      for (const batch of batches) {
        expect(stored.filter((q) => q.at.slice(0, 16) === batch[0]!.at.slice(0, 16))).toEqual(batch);
      }
    });

    it("rule 14: an acknowledged write is visible at once to another storage opened on the same data", async (context) => {
      const chat = await storage.chat.append(line());
      await storage.callQuality.append([sample()]);
      await storage.settings.set("token-secret", "s3cret");
      const other = await reopen(context);
      expect(await other.chat.recent("demo", 10)).toEqual([chat]);
      expect(await other.callQuality.forCall("room1/s1")).toEqual([sample()]);
      expect(await other.settings.get("token-secret")).toBe("s3cret");
    });

    it("rule 15: an acknowledged write is still there after the storage is closed and opened again", async (context) => {
      const hall = await storage.halls.put({ id: "demo", name: "Demo", sceneId: "demo-hall" });
      const visitor = await storage.visitors.create({ name: "Ada", role: "customer" });
      const chat = await storage.chat.append(line());
      await storage.chat.append(line({ scope: "nearby", text: "psst" }));
      await storage.callQuality.append([sample(), sample({ at: "2026-01-01T10:00:04.000Z", level: "bad" })]);
      await storage.settings.set("token-secret", "s3cret");
      await storage.close();

      const again = await reopen(context);
      const check = async () => {
        expect(await again.halls.list()).toEqual([hall]);
        expect(await again.visitors.get(visitor.id)).toEqual(visitor);
        expect(await again.chat.recent("demo", 10)).toEqual([chat]);
        expect(await again.callQuality.forCall("room1/s1")).toEqual([sample(), sample({ at: "2026-01-01T10:00:04.000Z", level: "bad" })]);
        expect(await again.settings.get("token-secret")).toBe("s3cret");
      };
      await check();
      await again.migrate(); // as a restarting server does
      await check();
      // Appending after a reopen continues the order.
      const later = await again.chat.append(line({ text: "after the restart" }));
      expect(await again.chat.recent("demo", 10)).toEqual([chat, later]);
    });

    it("rule 16: ping answers while the storage is open and fails once it is closed; closing twice is harmless", async () => {
      expect(storage.kind).toEqual(expect.any(String));
      expect(storage.kind.length).toBeGreaterThan(0);
      await expect(storage.ping()).resolves.toBeUndefined();
      await storage.close();
      await expect(storage.ping()).rejects.toThrow();
      await expect(storage.close()).resolves.toBeUndefined();
    });

    it("rule 17: staff.create gives a fresh id and time, no failed logins, the email lower-cased; get, byEmail (any case) and list return it", async () => {
      const li = await storage.staff.create(staffMember({ email: "Li.Wei@Nova.Example" }));
      expect(li).toEqual({ ...staffMember(), id: li.id, failedLogins: 0, lockedUntil: null, createdAt: li.createdAt });
      expect(li.id.length).toBeGreaterThan(0);
      expectStampedNow(li.createdAt);
      const admin = await storage.staff.create(staffMember({ email: "root@atrium.example", displayName: "Root", role: "admin", hallIds: [], skills: [], languages: ["en"], disabled: true }));
      expect(admin.id).not.toBe(li.id);
      expect(await storage.staff.get(li.id)).toEqual(li);
      expect(await storage.staff.get(admin.id)).toEqual(admin);
      expect(await storage.staff.byEmail("li.wei@nova.example")).toEqual(li);
      expect(await storage.staff.byEmail("LI.WEI@NOVA.EXAMPLE")).toEqual(li);
      expect(await storage.staff.byEmail("Root@Atrium.Example")).toEqual(admin);
      expect(await storage.staff.byEmail("nobody@atrium.example")).toBeUndefined();
      expect(await storage.staff.get("nope")).toBeUndefined();
    });

    it("rule 18: staff.create with an email already taken, in any case, rejects with StorageConflict and changes nothing", async () => {
      const first = await storage.staff.create(staffMember());
      await expect(storage.staff.create(staffMember({ email: "LI.WEI@nova.example", displayName: "Impostor", role: "admin" }))).rejects.toBeInstanceOf(StorageConflict);
      expect(await storage.staff.list()).toEqual([first]);
      // The storage is still usable after a refused create.
      const other = await storage.staff.create(staffMember({ email: "other@nova.example" }));
      expect(await storage.staff.list()).toEqual([first, other]);
    });

    it("rule 19: staff.list returns everyone, oldest first (not by email or id)", async () => {
      expect(await storage.staff.list()).toEqual([]);
      const made: StaffRecord[] = [];
      for (const email of ["zed@x.example", "amy@x.example", "mia@x.example"]) made.push(await storage.staff.create(staffMember({ email })));
      expect(await storage.staff.list()).toEqual(made);
    });

    it("rule 20: recordFailedLogin counts every failure, concurrent ones too, and sets lockedUntil; clearFailedLogins and setPassword change only their fields", async () => {
      const li = await storage.staff.create(staffMember());
      const bob = await storage.staff.create(staffMember({ email: "bob@nova.example" }));
      expect(await storage.staff.recordFailedLogin(li.id, null)).toBe(1);
      const counts = await Promise.all(Array.from({ length: 9 }, () => storage.staff.recordFailedLogin(li.id, "2030-01-01T00:05:00.000Z")));
      expect(counts.sort((a, b) => a - b)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(await storage.staff.get(li.id)).toEqual({ ...li, failedLogins: 10, lockedUntil: "2030-01-01T00:05:00.000Z" });
      expect(await storage.staff.get(bob.id)).toEqual(bob);

      await storage.staff.clearFailedLogins(li.id);
      expect(await storage.staff.get(li.id)).toEqual(li);
      await storage.staff.setPassword(li.id, "scrypt$new");
      expect(await storage.staff.get(li.id)).toEqual({ ...li, passwordHash: "scrypt$new" });
      expect(await storage.staff.byEmail(li.email)).toEqual({ ...li, passwordHash: "scrypt$new" });
      expect(await storage.staff.get(bob.id)).toEqual(bob);

      // Unknown ids change nothing.
      expect(await storage.staff.recordFailedLogin("nope", null)).toBe(0);
      await storage.staff.clearFailedLogins("nope");
      await storage.staff.setPassword("nope", "x");
      expect(await storage.staff.list()).toEqual([{ ...li, passwordHash: "scrypt$new" }, bob]);
    });

    it("rule 21: knowledge.put creates or replaces an article per (hall, id, lang), stamps updatedAt, and get returns it unchanged", async () => {
      const en = await storage.knowledge.put(article());
      expect(en).toEqual({ ...article(), updatedAt: en.updatedAt });
      expectStampedNow(en.updatedAt);
      const zh = await storage.knowledge.put(article({ lang: "zh-CN", title: "保修", body: "所有设备**两年**保修。", tags: ["保修"] }));
      const bank = await storage.knowledge.put(article({ hallId: "meridian", title: "Card warranty", tags: [] }));
      expect(await storage.knowledge.get("nova", "warranty", "en")).toEqual(en);
      expect(await storage.knowledge.get("nova", "warranty", "zh-CN")).toEqual(zh);
      expect(await storage.knowledge.get("meridian", "warranty", "en")).toEqual(bank);

      await nextMoment();
      const edited = await storage.knowledge.put(article({ title: "Warranty and repairs", tags: ["warranty"] }));
      expect(edited).toEqual({ ...article({ title: "Warranty and repairs", tags: ["warranty"] }), updatedAt: edited.updatedAt });
      expect(Date.parse(edited.updatedAt)).toBeGreaterThan(Date.parse(en.updatedAt));
      expect(await storage.knowledge.get("nova", "warranty", "en")).toEqual(edited);
      expect(await storage.knowledge.get("nova", "warranty", "zh-CN")).toEqual(zh);
      expect(await storage.knowledge.list("nova")).toEqual([edited, zh]);
      expect(await storage.knowledge.get("nova", "nope", "en")).toBeUndefined();
      expect(await storage.knowledge.get("NOVA", "warranty", "en")).toBeUndefined();
      expect(await storage.knowledge.list("nope")).toEqual([]);
    });

    it("rule 22: knowledge.list returns a hall's articles by id (code-point order), then lang; no other hall's", async () => {
      for (const id of ["returns", "Delivery", "b-2", "b-10", "delivery", "营业时间"]) {
        await storage.knowledge.put(article({ id, lang: "zh-CN" }));
        await storage.knowledge.put(article({ id, lang: "en" }));
      }
      await storage.knowledge.put(article({ hallId: "meridian", id: "a-first" }));
      const listed = (await storage.knowledge.list("nova")).map((a) => `${a.id}/${a.lang}`);
      const ids = ["Delivery", "b-10", "b-2", "delivery", "returns", "营业时间"];
      expect(listed).toEqual(ids.flatMap((id) => [`${id}/en`, `${id}/zh-CN`]));
    });

    it("rule 23: knowledge.remove removes one language or both, says how many, and leaves the rest", async () => {
      await storage.knowledge.put(article());
      const zh = await storage.knowledge.put(article({ lang: "zh-CN" }));
      const returnsEn = await storage.knowledge.put(article({ id: "returns" }));
      const returnsZh = await storage.knowledge.put(article({ id: "returns", lang: "zh-CN" }));
      const bank = await storage.knowledge.put(article({ hallId: "meridian" }));
      expect(await storage.knowledge.remove("nova", "warranty", "en")).toBe(1);
      expect(await storage.knowledge.remove("nova", "warranty", "en")).toBe(0);
      expect(await storage.knowledge.list("nova")).toEqual([returnsEn, returnsZh, zh]);
      expect(await storage.knowledge.remove("nova", "returns")).toBe(2);
      expect(await storage.knowledge.remove("nova", "nope")).toBe(0);
      expect(await storage.knowledge.list("nova")).toEqual([zh]);
      expect(await storage.knowledge.list("meridian")).toEqual([bank]);
    });

    it("rule 24: conversations.append returns the turn with a fresh id and time; forConversation gives the latest limit, oldest first, unchanged", async () => {
      const turns: ConversationTurn[] = [];
      for (let i = 1; i <= 5; i++) {
        turns.push(await storage.conversations.append(turn({ text: `question ${i}` })));
        turns.push(await storage.conversations.append(turn({ role: "concierge", text: `答案 ${i} 🙂`, lang: "zh-CN", sources: ["warranty", `faq-${i}`], confidence: i / 7 })));
        if (i === 2) await storage.conversations.append(turn({ conversationId: "conv-2", visitorId: "v-bob", text: "other conversation" }));
      }
      expect(turns[0]).toEqual({ ...turn({ text: "question 1" }), id: turns[0]!.id, createdAt: turns[0]!.createdAt });
      expect(turns[1]!.confidence).toBe(1 / 7);
      expectStampedNow(turns[0]!.createdAt);
      expect(new Set(turns.map((t) => t.id)).size).toBe(10);
      expect(await storage.conversations.forConversation("conv-1")).toEqual(turns);
      expect(await storage.conversations.forConversation("conv-1", 3)).toEqual(turns.slice(7));
      expect(await storage.conversations.forConversation("conv-1", 100)).toEqual(turns);
      expect((await storage.conversations.forConversation("conv-2")).map((t) => t.text)).toEqual(["other conversation"]);
      expect(await storage.conversations.forConversation("nope")).toEqual([]);
    });

    it("rule 25: staff, articles and conversation turns acknowledged are still there after the storage is closed and opened again", async (context) => {
      const li = await storage.staff.create(staffMember());
      await storage.staff.recordFailedLogin(li.id, "2030-01-01T00:05:00.000Z");
      const en = await storage.knowledge.put(article());
      const asked = await storage.conversations.append(turn());
      const answered = await storage.conversations.append(turn({ role: "concierge", text: "Two years.", sources: ["warranty"], confidence: 0.82 }));
      await storage.close();

      const again = await reopen(context);
      await again.migrate();
      expect(await again.staff.list()).toEqual([{ ...li, failedLogins: 1, lockedUntil: "2030-01-01T00:05:00.000Z" }]);
      expect(await again.knowledge.list("nova")).toEqual([en]);
      expect(await again.conversations.forConversation("conv-1")).toEqual([asked, answered]);
      // Appending after a reopen continues the order.
      const later = await again.conversations.append(turn({ text: "Thanks!" }));
      expect(await again.conversations.forConversation("conv-1")).toEqual([asked, answered, later]);
    });

    it("rule 26: a staff role, article language or turn role outside the interface's values is refused and nothing is kept", async () => {
      await expect(storage.staff.create(staffMember({ role: "owner" as never }))).rejects.toThrow();
      await expect(storage.knowledge.put(article({ lang: "fr" as never }))).rejects.toThrow();
      await expect(storage.conversations.append(turn({ role: "agent" as never }))).rejects.toThrow();
      await expect(storage.conversations.append(turn({ lang: "de" as never }))).rejects.toThrow();
      expect(await storage.staff.list()).toEqual([]);
      expect(await storage.knowledge.list("nova")).toEqual([]);
      expect(await storage.conversations.forConversation("conv-1")).toEqual([]);
      // The email that was refused with its bad role is still free.
      expect((await storage.staff.create(staffMember())).email).toBe("li.wei@nova.example");
    });
  });
}
