import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, type TestContext } from "vitest";
import {
  StorageConflict,
  type ArticleRecord,
  type CallQualitySample,
  type ChatRecord,
  type ConversationTurn,
  type StaffRecord,
  type Storage,
  type TicketQuery,
  type TicketRecord,
  type TimelineEntry,
} from "../game-server/storage/storage.ts";
import type { FileRecord } from "../game-server/storage/file-repository.ts";
import { SceneRevisionConflict, type SceneAssetRecord } from "../game-server/storage/scene-repository.ts";

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

type NewTicket = Omit<TicketRecord, "id" | "number" | "createdAt" | "updatedAt">;

const ticketFields = (over: Partial<NewTicket> = {}): NewTicket => ({
  hallId: "nova",
  status: "open",
  priority: "normal",
  category: "phones",
  subject: "Cracked screen 屏幕碎了",
  summary: "",
  lang: "zh-CN",
  customerId: "v-ada",
  customerName: "Ada",
  agentId: null,
  agentName: null,
  conversationId: null,
  disposition: null,
  csat: null,
  csatComment: null,
  followUpAt: null,
  queuedAt: null,
  answeredAt: null,
  firstResponseAt: null,
  abandonedAt: null,
  resolvedAt: null,
  closedAt: null,
  ...over,
});

/** A ticket with no field left empty, each time a different one. */
const fullTicket = (): NewTicket =>
  ticketFields({
    status: "resolved",
    priority: "urgent",
    category: "laptops",
    subject: "Battery swells — \"Nova Book\" 电池鼓包",
    summary: "Replaced under warranty.\nCustomer to collect on Monday. 周一取件 🙂",
    lang: "en",
    customerName: "Zoë O'Neil",
    agentId: "s-li",
    agentName: "Li Wei 李伟",
    conversationId: "conv-1",
    disposition: "repaired",
    csat: 4,
    csatComment: "Quick, thanks 👍",
    followUpAt: "2026-03-09T01:00:00.000Z",
    queuedAt: "2026-03-01T10:00:00.000Z",
    answeredAt: "2026-03-01T10:00:42.125Z",
    firstResponseAt: "2026-03-01T10:00:45.500Z",
    abandonedAt: "2026-02-28T18:00:00.000Z",
    resolvedAt: "2026-03-01T10:20:00.000Z",
    closedAt: "2026-03-01T10:30:00.000Z",
  });

const entryFields = (ticketId: string, over: Partial<Omit<TimelineEntry, "id" | "ticketId">> = {}): Omit<TimelineEntry, "id" | "at"> & { at?: string } => ({
  ticketId,
  kind: "chat",
  authorId: "v-ada",
  authorName: "Ada",
  text: "hello",
  data: {},
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

    it("rule 27: tickets.create gives a fresh id, the next number from 1001 and createdAt = updatedAt = now; get and byNumber return every field unchanged", async () => {
      const first = await storage.tickets.create(ticketFields());
      expect(first).toEqual({ ...ticketFields(), id: first.id, number: 1001, createdAt: first.createdAt, updatedAt: first.createdAt });
      expect(first.id.length).toBeGreaterThan(0);
      expectStampedNow(first.createdAt);
      const full = await storage.tickets.create(fullTicket());
      expect(full).toEqual({ ...fullTicket(), id: full.id, number: 1002, createdAt: full.createdAt, updatedAt: full.createdAt });
      expect(full.id).not.toBe(first.id);
      expect(await storage.tickets.get(first.id)).toEqual(first);
      expect(await storage.tickets.get(full.id)).toEqual(full);
      expect(await storage.tickets.byNumber(1001)).toEqual(first);
      expect(await storage.tickets.byNumber(1002)).toEqual(full);
      expect(await storage.tickets.get("nope")).toBeUndefined();
      expect(await storage.tickets.byNumber(1000)).toBeUndefined();
      expect(await storage.tickets.byNumber(1003)).toBeUndefined();
    });

    it("rule 28: tickets created at once each get their own number, and later ones a higher number", async () => {
      const first = await storage.tickets.create(ticketFields());
      const made = await Promise.all(Array.from({ length: 20 }, (_, i) => storage.tickets.create(ticketFields({ subject: `question ${i}` }))));
      const numbers = made.map((t) => t.number);
      expect(new Set(numbers).size).toBe(20);
      expect(new Set(made.map((t) => t.id)).size).toBe(20);
      expect(Math.min(...numbers)).toBeGreaterThan(first.number);
      for (const ticket of made) expect(await storage.tickets.byNumber(ticket.number)).toEqual(ticket);
      const last = await storage.tickets.create(ticketFields());
      expect(last.number).toBeGreaterThan(Math.max(...numbers));
    });

    it("rule 29: tickets.update changes only the fields given (null clears one), stamps updatedAt and keeps times as instants; unknown ids give undefined", async () => {
      const ticket = await storage.tickets.create(ticketFields());
      const other = await storage.tickets.create(ticketFields({ customerId: "v-bob", customerName: "Bob" }));
      await nextMoment();
      const taken = await storage.tickets.update(ticket.id, {
        status: "pending",
        agentId: "s-li",
        agentName: "Li Wei 李伟",
        answeredAt: "2026-03-01T10:00:42.125Z",
        followUpAt: "2026-03-09T09:00:00+08:00", // an agent's local date: kept as the instant
        subject: undefined,
      });
      expect(taken).toEqual({
        ...ticket,
        status: "pending",
        agentId: "s-li",
        agentName: "Li Wei 李伟",
        answeredAt: "2026-03-01T10:00:42.125Z",
        followUpAt: "2026-03-09T01:00:00.000Z",
        updatedAt: taken!.updatedAt,
      });
      expectStampedNow(taken!.updatedAt);
      expect(Date.parse(taken!.updatedAt)).toBeGreaterThan(Date.parse(ticket.updatedAt));
      expect(await storage.tickets.get(ticket.id)).toEqual(taken);

      await nextMoment();
      const handedBack = await storage.tickets.update(ticket.id, { agentId: null, agentName: null, csat: 5, summary: "Handed back to the queue." });
      expect(handedBack).toEqual({ ...taken, agentId: null, agentName: null, csat: 5, summary: "Handed back to the queue.", updatedAt: handedBack!.updatedAt });
      expect(Date.parse(handedBack!.updatedAt)).toBeGreaterThan(Date.parse(taken!.updatedAt));
      expect(await storage.tickets.byNumber(ticket.number)).toEqual(handedBack);
      expect(await storage.tickets.get(other.id)).toEqual(other);

      expect(await storage.tickets.update("nope", { status: "closed" })).toBeUndefined();
      expect(await storage.tickets.list({})).toEqual([other, handedBack]);
    });

    it("rule 30: tickets.append returns the entry with a fresh id and time (or the one given); timeline gives them back unchanged in append order, the first limit", async () => {
      const ticket = await storage.tickets.create(ticketFields());
      const other = await storage.tickets.create(ticketFields({ customerId: "v-bob" }));
      await nextMoment();
      const bot = await storage.tickets.append(entryFields(ticket.id, { kind: "bot", authorId: null, authorName: null, text: "", data: {} }));
      expect(bot).toEqual({ ...entryFields(ticket.id, { kind: "bot", authorId: null, authorName: null, text: "" }), id: bot.id, at: bot.at });
      expectStampedNow(bot.at);
      const chat = await storage.tickets.append(entryFields(ticket.id, { text: "屏幕碎了 — can you help? 🙂", data: { lang: "zh-CN" } }));
      const note = await storage.tickets.append(entryFields(other.id, { kind: "note", authorId: "s-li", authorName: "Li Wei", text: "other ticket" }));
      const callData = {
        durationMs: 183_000,
        media: ["audio", "video", "screen"],
        qoe: { score: 87.5, level: "good", windows: [{ rttMs: 40, lossPct: 0.25 }, { rttMs: null, lossPct: 12 }] },
        recorded: false,
        reason: "客户挂断 \"hung up\" \\ 👋",
      };
      // Recorded after the fact: its time is earlier than the entries before it, and it stays last.
      const call = await storage.tickets.append(entryFields(ticket.id, { kind: "call", at: "2026-01-01T10:00:00.000Z", authorId: "s-li", authorName: "Li Wei 李伟", text: "Voice call", data: callData }));
      expect(call).toEqual({ ...entryFields(ticket.id, { kind: "call", authorId: "s-li", authorName: "Li Wei 李伟", text: "Voice call", data: callData }), id: call.id, at: "2026-01-01T10:00:00.000Z" });
      expect(new Set([bot.id, chat.id, note.id, call.id]).size).toBe(4);

      expect(await storage.tickets.timeline(ticket.id)).toEqual([bot, chat, call]);
      expect(await storage.tickets.timeline(ticket.id, 2)).toEqual([bot, chat]);
      expect(await storage.tickets.timeline(ticket.id, 100)).toEqual([bot, chat, call]);
      expect(await storage.tickets.timeline(other.id)).toEqual([note]);
      expect(await storage.tickets.timeline("nope")).toEqual([]);
      // Each append bumps the ticket's updatedAt to now (not to the entry's time) and leaves the rest alone.
      const after = await storage.tickets.get(ticket.id);
      expect(after).toEqual({ ...ticket, updatedAt: after!.updatedAt });
      expectStampedNow(after!.updatedAt);
      expect(Date.parse(after!.updatedAt)).toBeGreaterThan(Date.parse(ticket.updatedAt));
    });

    it("rule 31: appending to an unknown ticket rejects with a plain Error naming it, and stores nothing", async () => {
      const ticket = await storage.tickets.create(ticketFields(), ["screen"]);
      const refused = await storage.tickets.append(entryFields("nope", { text: "lost" }), ["ghost"]).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(refused).toBeInstanceOf(Error);
      expect(refused).not.toBeInstanceOf(StorageConflict);
      expect((refused as Error).message).toBe("no ticket nope");
      expect(await storage.tickets.timeline("nope")).toEqual([]);
      expect(await storage.tickets.list({ terms: ["ghost"] })).toEqual([]);
      expect(await storage.tickets.get(ticket.id)).toEqual(ticket);
      expect(await storage.tickets.timeline(ticket.id)).toEqual([]);
      // The storage is still usable after a refused append.
      const kept = await storage.tickets.append(entryFields(ticket.id));
      expect(await storage.tickets.timeline(ticket.id)).toEqual([kept]);
    });

    it("rule 32: tickets.list returns full records newest first, filtered by hall, status, agent, customer, category, priority and created range", async () => {
      const a = await storage.tickets.create(ticketFields({ hallId: "nova", status: "open", priority: "normal", category: "phones", customerId: "v-ada" }));
      await nextMoment();
      const b = await storage.tickets.create(ticketFields({ hallId: "nova", status: "pending", priority: "high", category: "laptops", customerId: "v-bob", agentId: "s-li", agentName: "Li" }));
      await nextMoment();
      const c = await storage.tickets.create(ticketFields({ hallId: "meridian", status: "resolved", priority: "urgent", category: "cards", customerId: "v-ada", agentId: "s-li", agentName: "Li" }));
      await nextMoment();
      const d = await storage.tickets.create(ticketFields({ hallId: "nova", status: "closed", priority: "low", category: "phones", customerId: "v-cy", agentId: "s-mo", agentName: "Mo" }));
      await nextMoment();
      const e = await storage.tickets.create(ticketFields({ hallId: "atlas", status: "open", priority: "normal", category: "general", customerId: "v-ada" }));
      // The oldest, edited last, stays last: newest means created, not updated.
      const a2 = (await storage.tickets.update(a.id, { summary: "edited after the others" }))!;
      const listed = async (query: TicketQuery) => (await storage.tickets.list(query)).map((t) => t.number);
      const n = (...tickets: TicketRecord[]) => tickets.map((t) => t.number);

      expect(await storage.tickets.list({})).toEqual([e, d, c, b, a2]);
      expect(await listed({ hallIds: [] })).toEqual(n(e, d, c, b, a));
      expect(await listed({ hallIds: ["nova"] })).toEqual(n(d, b, a));
      expect(await listed({ hallIds: ["nova", "meridian"] })).toEqual(n(d, c, b, a));
      expect(await listed({ hallIds: ["nope"] })).toEqual([]);
      expect(await listed({ status: ["open"] })).toEqual(n(e, a));
      expect(await listed({ status: ["open", "pending"] })).toEqual(n(e, b, a));
      expect(await listed({ agentId: "s-li" })).toEqual(n(c, b));
      expect(await listed({ customerId: "v-ada" })).toEqual(n(e, c, a));
      expect(await listed({ category: "phones" })).toEqual(n(d, a));
      expect(await listed({ priority: ["urgent", "high"] })).toEqual(n(c, b));
      expect(await listed({ createdFrom: b.createdAt, createdTo: d.createdAt })).toEqual(n(c, b));
      expect(await listed({ createdFrom: e.createdAt })).toEqual(n(e));
      expect(await listed({ createdTo: b.createdAt })).toEqual(n(a));
      expect(await listed({ hallIds: ["nova", "atlas"], customerId: "v-ada", status: ["open"] })).toEqual(n(e, a));
      expect(await listed({ hallIds: ["nova"], agentId: "s-li", priority: ["low", "high"], category: "laptops" })).toEqual(n(b));
    });

    it("rule 33: tickets.list gives 50 by default, at most limit and never more than 500, and pages with beforeNumber without gaps or repeats", async () => {
      const made = await Promise.all(Array.from({ length: 501 }, (_, i) => storage.tickets.create(ticketFields({ subject: `question ${i}` }))));
      const newestFirst = made.sort((x, y) => y.number - x.number);
      expect(await storage.tickets.list({})).toEqual(newestFirst.slice(0, 50));
      expect(await storage.tickets.list({ limit: 1000 })).toEqual(newestFirst.slice(0, 500));
      const page1 = await storage.tickets.list({ limit: 7 });
      expect(page1).toEqual(newestFirst.slice(0, 7));
      expect(await storage.tickets.list({ limit: 7, beforeNumber: page1.at(-1)!.number })).toEqual(newestFirst.slice(7, 14));
      const walked: TicketRecord[] = [];
      for (let page = await storage.tickets.list({ limit: 200 }); page.length > 0; page = await storage.tickets.list({ limit: 200, beforeNumber: page.at(-1)!.number })) {
        walked.push(...page);
      }
      expect(walked).toEqual(newestFirst);
      expect(await storage.tickets.list({ beforeNumber: newestFirst.at(-1)!.number })).toEqual([]);
    });

    it("rule 34: tickets.list with terms finds the tickets having every term, whole terms only, in Chinese and English, terms added by append included", async () => {
      const phone = await storage.tickets.create(ticketFields({ subject: "Phone screen cracked" }), ["phone", "screen", "cracked", "屏幕", "碎了"]);
      const laptop = await storage.tickets.create(ticketFields({ subject: "Laptop battery 屏幕" }), ["laptop", "battery", "屏幕", "battery"]);
      const plain = await storage.tickets.create(ticketFields({ subject: "No terms" }));
      const found = async (...terms: string[]) => (await storage.tickets.list({ terms })).map((t) => t.subject);

      expect(await found("screen")).toEqual([phone.subject]);
      expect(await found("屏幕")).toEqual([laptop.subject, phone.subject]);
      expect(await found("屏幕", "phone")).toEqual([phone.subject]);
      expect(await found("battery", "屏幕")).toEqual([laptop.subject]);
      expect(await found("screen", "battery")).toEqual([]);
      // The first and the last of a ticket's terms match too.
      expect(await found("phone")).toEqual([phone.subject]);
      expect(await found("碎了")).toEqual([phone.subject]);
      // A part of a term, or a longer word, is not the term.
      expect(await found("pho")).toEqual([]);
      expect(await found("phones")).toEqual([]);
      expect(await found("creen")).toEqual([]);
      expect(await found("屏")).toEqual([]);
      expect(await found("碎了吗")).toEqual([]);
      expect(await found()).toEqual([plain.subject, laptop.subject, phone.subject]);
      expect((await storage.tickets.list({ terms: ["屏幕"], beforeNumber: laptop.number })).map((t) => t.subject)).toEqual([phone.subject]);

      await storage.tickets.append(entryFields(plain.id, { text: "保修还有效吗? Is my warranty valid?" }), ["保修", "warranty", "valid"]);
      await storage.tickets.append(entryFields(phone.id, { text: "warranty?" }), ["warranty"]);
      expect(await found("保修")).toEqual([plain.subject]);
      expect(await found("warranty")).toEqual([plain.subject, phone.subject]);
      expect(await found("warranty", "cracked")).toEqual([phone.subject]); // appending adds to the terms, never replaces them
      expect(await found("warranty", "valid", "保修")).toEqual([plain.subject]);
      // Appends at once each add their terms (none overwrites another's).
      await Promise.all(Array.from({ length: 10 }, (_, i) => storage.tickets.append(entryFields(laptop.id, { text: `word ${i}` }), [`word${i}`])));
      expect(await found(...Array.from({ length: 10 }, (_, i) => `word${i}`), "battery")).toEqual([laptop.subject]);
    });

    it("rule 35: a ticket keeps at most 20,000 characters of search terms: the earliest stay searchable, later ones are dropped, and appends still succeed", async () => {
      const many = Array.from({ length: 3000 }, (_, i) => `term${i}`); // about 27,000 characters with their spaces
      const big = await storage.tickets.create(ticketFields({ subject: "big" }), many);
      const small = await storage.tickets.create(ticketFields({ subject: "small" }), ["term2999"]);
      const found = async (...terms: string[]) => (await storage.tickets.list({ terms })).map((t) => t.subject);
      expect(await found("term0")).toEqual(["big"]);
      expect(await found("term1999")).toEqual(["big"]);
      expect(await found("term2999")).toEqual(["small"]);
      const entry = await storage.tickets.append(entryFields(big.id), ["a-term-that-no-longer-fits"]);
      expect(await storage.tickets.timeline(big.id)).toEqual([entry]);
      expect(await found("a-term-that-no-longer-fits")).toEqual([]);
      expect(await found("term0", "term1000")).toEqual(["big"]);
      await storage.tickets.append(entryFields(small.id), ["a-term-that-no-longer-fits"]);
      expect(await found("a-term-that-no-longer-fits")).toEqual(["small"]);
    });

    it("rule 36: tickets.openFor gives the customer's newest open or pending ticket in that hall, never a resolved or closed one or another hall's", async () => {
      const older = await storage.tickets.create(ticketFields({ status: "pending" }));
      const newer = await storage.tickets.create(ticketFields({ status: "open" }));
      const resolved = await storage.tickets.create(ticketFields({ status: "resolved" }));
      await storage.tickets.create(ticketFields({ status: "closed" }));
      const elsewhere = await storage.tickets.create(ticketFields({ hallId: "meridian", status: "open" }));
      await storage.tickets.create(ticketFields({ customerId: "v-bob", status: "open" }));

      expect(await storage.tickets.openFor("v-ada", "nova")).toEqual(newer);
      expect(await storage.tickets.openFor("v-ada", "meridian")).toEqual(elsewhere);
      expect(await storage.tickets.openFor("v-eve", "nova")).toBeUndefined();
      expect(await storage.tickets.openFor("v-ada", "atlas")).toBeUndefined();
      await storage.tickets.update(newer.id, { status: "resolved" });
      expect(await storage.tickets.openFor("v-ada", "nova")).toEqual(older);
      await storage.tickets.update(older.id, { status: "closed" });
      expect(await storage.tickets.openFor("v-ada", "nova")).toBeUndefined();
      const reopened = await storage.tickets.update(resolved.id, { status: "open" });
      expect(await storage.tickets.openFor("v-ada", "nova")).toEqual(reopened);
    });

    it("rule 37: tickets, their timelines and their terms acknowledged are still there after the storage is closed and opened again; numbers go on", async (context) => {
      const ticket = await storage.tickets.create(fullTicket(), ["battery"]);
      const entry = await storage.tickets.append(entryFields(ticket.id, { kind: "wrap-up", data: { codes: ["repaired"], minutes: 4.5 } }), ["保修"]);
      const edited = await storage.tickets.update(ticket.id, { status: "closed", disposition: "collected" });
      await storage.close();

      const again = await reopen(context);
      await again.migrate();
      expect(await again.tickets.get(ticket.id)).toEqual(edited);
      expect(await again.tickets.timeline(ticket.id)).toEqual([entry]);
      expect(await again.tickets.list({ terms: ["battery", "保修"] })).toEqual([edited]);
      const next = await again.tickets.create(ticketFields());
      expect(next.number).toBeGreaterThan(ticket.number);
      expect(await again.tickets.byNumber(next.number)).toEqual(next);
    });

    it("rule 38: two storages open on the same data, creating tickets at once, give every ticket its own number", async (context) => {
      const other = await reopen(context);
      const made = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? storage : other).tickets.create(ticketFields({ subject: `question ${i}` }))));
      expect(new Set(made.map((t) => t.number)).size).toBe(20);
      expect(await other.tickets.list({})).toEqual([...made].sort((x, y) => y.number - x.number));
    });

    it("rule 39: a ticket status, priority, language or csat outside the interface's values is refused and nothing is kept; a timeline kind added later is kept", async () => {
      await expect(storage.tickets.create(ticketFields({ status: "archived" as never }))).rejects.toThrow();
      await expect(storage.tickets.create(ticketFields({ priority: "p1" as never }))).rejects.toThrow();
      await expect(storage.tickets.create(ticketFields({ lang: "fr" as never }))).rejects.toThrow();
      await expect(storage.tickets.create(ticketFields({ csat: 6 }))).rejects.toThrow();
      await expect(storage.tickets.create(ticketFields({ csat: 0 }))).rejects.toThrow();
      await expect(storage.tickets.create(ticketFields({ csat: 4.5 }))).rejects.toThrow();
      expect(await storage.tickets.list({})).toEqual([]);
      const ticket = await storage.tickets.create(ticketFields());
      await expect(storage.tickets.update(ticket.id, { status: "archived" as never })).rejects.toThrow();
      await expect(storage.tickets.update(ticket.id, { csat: 9 })).rejects.toThrow();
      expect(await storage.tickets.list({})).toEqual([ticket]);
      // Later features add kinds without a migration.
      const survey = await storage.tickets.append(entryFields(ticket.id, { kind: "survey" as never }));
      expect(await storage.tickets.timeline(ticket.id)).toEqual([survey]);
    });

    // ─── Boards (whiteboards: snapshot + op log) ────────────────────────────────────────────
    const stroke = (id: string, version = 1) => ({ id, type: "freedraw", version, versionNonce: 7, isDeleted: false, x: 1, y: 2, points: [[0, 0], [3.5, 4.25]], strokeColor: "#1e1e1e", customData: { pinned: true }, text: "白板" });
    const op = (clock: number, elements: Record<string, unknown>[], boardId = "surface:support") => ({ hallId: "nova", boardId, clock, at: new Date(Date.UTC(2026, 11, 6, 9, 0, clock)).toISOString(), actor: "v-ada", elements });

    it("rule 40: a board never drawn on is not there; ops come back in clock order with their time, actor and elements exactly as stored", async () => {
      expect(await storage.boards.load("nova", "surface:support")).toBeNull();
      await storage.boards.append(op(1, [stroke("a")]));
      await storage.boards.append(op(2, [stroke("a", 2), stroke("b")]));
      const board = await storage.boards.load("nova", "surface:support");
      expect(board).toEqual({ hallId: "nova", boardId: "surface:support", locked: false, snapshotClock: 0, snapshot: [], ops: [op(1, [stroke("a")]), op(2, [stroke("a", 2), stroke("b")])] });
      expect(await storage.boards.ops("nova", "surface:support", 1, 10)).toEqual([op(2, [stroke("a", 2), stroke("b")])]);
      // Boards are per hall and per id.
      expect(await storage.boards.load("atlas", "surface:support")).toBeNull();
      expect(await storage.boards.load("nova", "session:c1")).toBeNull();
    });

    it("rule 41: an op whose clock is not the board's next is refused and nothing is stored (two writers never interleave)", async () => {
      await storage.boards.append(op(1, [stroke("a")]));
      await expect(storage.boards.append(op(1, [stroke("x")]))).rejects.toThrow(/clock/);
      await expect(storage.boards.append(op(3, [stroke("x")]))).rejects.toThrow(/clock/);
      await expect(storage.boards.append(op(2, [stroke("x")], "surface:other"))).rejects.toThrow(/clock/);
      expect((await storage.boards.load("nova", "surface:support"))!.ops).toEqual([op(1, [stroke("a")])]);
      expect(await storage.boards.load("nova", "surface:other")).toBeNull();
    });

    it("rule 42: a snapshot replaces the ops up to its clock on load (they stay for replay); an older snapshot never replaces a newer one", async () => {
      for (let clock = 1; clock <= 3; clock++) await storage.boards.append(op(clock, [stroke(`e${clock}`)]));
      await storage.boards.snapshot("nova", "surface:support", 2, [stroke("e1"), stroke("e2")]);
      await storage.boards.snapshot("nova", "surface:support", 1, [stroke("stale")]);
      const board = (await storage.boards.load("nova", "surface:support"))!;
      expect(board.snapshotClock).toBe(2);
      expect(board.snapshot).toEqual([stroke("e1"), stroke("e2")]);
      expect(board.ops).toEqual([op(3, [stroke("e3")])]);
      expect((await storage.boards.ops("nova", "surface:support", 0, 10)).map((o) => o.clock)).toEqual([1, 2, 3]);
      expect((await storage.boards.ops("nova", "surface:support", 0, 2)).map((o) => o.clock)).toEqual([1, 2]);
    });

    it("rule 43: a lock is kept, on a board with or without ops, and survives a reopen with every acknowledged op", async (context) => {
      await storage.boards.setLocked("nova", "session:c1", true);
      expect(await storage.boards.load("nova", "session:c1")).toEqual({ hallId: "nova", boardId: "session:c1", locked: true, snapshotClock: 0, snapshot: [], ops: [] });
      await storage.boards.append(op(1, [stroke("a")], "session:c1"));
      await storage.boards.setLocked("nova", "session:c1", false);
      await storage.boards.setLocked("nova", "session:c1", true);
      await storage.close();
      const again = await reopen(context);
      await again.migrate();
      const board = (await again.boards.load("nova", "session:c1"))!;
      expect(board.locked).toBe(true);
      expect(board.ops).toEqual([op(1, [stroke("a")], "session:c1")]);
      await again.boards.append(op(2, [stroke("b")], "session:c1"));
      expect((await again.boards.load("nova", "session:c1"))!.ops.map((o) => o.clock)).toEqual([1, 2]);
    });

    it("rule 44: two storages on the same data appending to one board at once: each clock is stored once, the losers are refused", async (context) => {
      const other = await reopen(context);
      const tries = await Promise.allSettled(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? storage : other).boards.append(op(1 + Math.floor(i / 2), [stroke(`e${i}`)]))));
      const stored = (await other.boards.load("nova", "surface:support"))!.ops;
      expect(stored.map((o) => o.clock)).toEqual(Array.from({ length: stored.length }, (_, i) => i + 1));
      expect(tries.filter((t) => t.status === "fulfilled")).toHaveLength(stored.length);
    });

    // --- files (rules 50–59) ---

    const fileFields = (ticketId: string, over: Partial<Omit<FileRecord, "createdAt">> = {}): Omit<FileRecord, "createdAt"> => ({
      id: randomUUID(),
      ticketId,
      hallId: "nova",
      contactId: "contact-1",
      name: "receipt — 收据 #4.pdf",
      mime: "application/pdf",
      size: 48_213,
      sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
      senderRole: "customer",
      senderId: "v-ada",
      senderName: "Zoë O'Neil",
      ...over,
    });

    it("rule 50: files.create stamps createdAt = now and get returns every field unchanged; unknown ids give undefined", async () => {
      const ticket = await storage.tickets.create(ticketFields());
      const fields = fileFields(ticket.id);
      const file = await storage.files.create(fields);
      expect(file).toEqual({ ...fields, createdAt: file.createdAt });
      expectStampedNow(file.createdAt);
      expect(await storage.files.get(file.id)).toEqual(file);
      const system = await storage.files.create(fileFields(ticket.id, { contactId: null, senderRole: "system", senderId: null, senderName: "Atrium", mime: "image/svg+xml", size: 3_000_000_000 }));
      expect(await storage.files.get(system.id)).toEqual(system);
      expect(await storage.files.get(randomUUID())).toBeUndefined();
    });

    it("rule 51: files.forTicket and forContact give a ticket's or a session's files oldest first, in the order stored, and no one else's", async () => {
      const ticket = await storage.tickets.create(ticketFields());
      const other = await storage.tickets.create(ticketFields({ customerId: "v-bo" }));
      const a = await storage.files.create(fileFields(ticket.id, { id: "zz-later-id-sorts-last", contactId: "c-1" }));
      await nextMoment();
      const b = await storage.files.create(fileFields(ticket.id, { id: "aa-first-id-sorts-first", contactId: "c-2" }));
      const c = await storage.files.create(fileFields(ticket.id, { contactId: "c-1", senderRole: "agent", senderId: "s-li", senderName: "Li Wei" }));
      const elsewhere = await storage.files.create(fileFields(other.id, { contactId: "c-9" }));
      expect(await storage.files.forTicket(ticket.id)).toEqual([a, b, c]);
      expect(await storage.files.forTicket(other.id)).toEqual([elsewhere]);
      expect(await storage.files.forContact("c-1")).toEqual([a, c]);
      expect(await storage.files.forContact("c-2")).toEqual([b]);
      expect(await storage.files.forContact("nobody")).toEqual([]);
      expect(await storage.files.forTicket(randomUUID())).toEqual([]);
    });

    it("rule 52: a file with an id already taken is refused with StorageConflict, and one on an unknown ticket is refused; nothing changes", async () => {
      const ticket = await storage.tickets.create(ticketFields());
      const file = await storage.files.create(fileFields(ticket.id));
      const again = storage.files.create(fileFields(ticket.id, { id: file.id, name: "other.png" }));
      await expect(again).rejects.toBeInstanceOf(StorageConflict);
      await expect(storage.files.create(fileFields(randomUUID()))).rejects.toThrow();
      expect(await storage.files.forTicket(ticket.id)).toEqual([file]);
      expect(await storage.files.forContact("contact-1")).toEqual([file]);
    });

    it("rule 53: a sender role, an empty or fractional size, or a hash that is not 64 lower-case hex digits is refused and nothing is kept", async () => {
      const ticket = await storage.tickets.create(ticketFields());
      await expect(storage.files.create(fileFields(ticket.id, { senderRole: "bystander" as never }))).rejects.toThrow();
      await expect(storage.files.create(fileFields(ticket.id, { size: 0 }))).rejects.toThrow();
      await expect(storage.files.create(fileFields(ticket.id, { size: -5 }))).rejects.toThrow();
      await expect(storage.files.create(fileFields(ticket.id, { size: 4.5 }))).rejects.toThrow();
      await expect(storage.files.create(fileFields(ticket.id, { sha256: "abc" }))).rejects.toThrow();
      await expect(storage.files.create(fileFields(ticket.id, { sha256: "9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08" }))).rejects.toThrow();
      await expect(storage.files.create(fileFields(ticket.id, { sha256: "g".repeat(64) }))).rejects.toThrow();
      expect(await storage.files.forTicket(ticket.id)).toEqual([]);
    });

    it("rule 54: files.remove forgets exactly that record and says whether there was one", async () => {
      const ticket = await storage.tickets.create(ticketFields());
      const keep = await storage.files.create(fileFields(ticket.id));
      const drop = await storage.files.create(fileFields(ticket.id));
      expect(await storage.files.remove(drop.id)).toBe(true);
      expect(await storage.files.remove(drop.id)).toBe(false);
      expect(await storage.files.get(drop.id)).toBeUndefined();
      expect(await storage.files.forTicket(ticket.id)).toEqual([keep]);
    });

    it("rule 55: files acknowledged are still there after the storage is closed and opened again, and visible at once to another storage", async (context) => {
      const ticket = await storage.tickets.create(ticketFields());
      const other = await reopen(context);
      const file = await storage.files.create(fileFields(ticket.id));
      expect(await other.files.get(file.id)).toEqual(file);
      const second = await other.files.create(fileFields(ticket.id, { senderRole: "agent", senderId: "s-li", senderName: "Li Wei 李伟" }));
      await storage.close();
      const again = await reopen(context);
      await again.migrate();
      expect(await again.files.forTicket(ticket.id)).toEqual([file, second]);
    });
    const olivia = { id: "s-olivia", name: "Olivia Brown" };
    const sophie = { id: "s-sophie", name: "Sophie 苏菲" };
    const draftOf = (label: string) => ({ format: 3, id: "hall-x", name: "Hall X", booths: [{ id: "b1", label }] });

    it("rule 56: scenes.create starts a draft at revision 1, unpublished, attributed, in history; a taken id is refused with StorageConflict", async () => {
      const scene = await storage.scenes.create({ id: "hall-x", name: "Hall X 展厅", draft: draftOf("Phone"), by: olivia });
      expect(scene).toMatchObject({ id: "hall-x", name: "Hall X 展厅", revision: 1, liveVersion: null, latestVersion: 0, createdBy: olivia, updatedBy: olivia, lock: null });
      expect(scene.draft).toEqual(draftOf("Phone"));
      await expect(storage.scenes.create({ id: "hall-x", name: "again", draft: draftOf("Other"), by: sophie })).rejects.toBeInstanceOf(StorageConflict);
      expect((await storage.scenes.get("hall-x"))!.draft).toEqual(draftOf("Phone"));
      expect((await storage.scenes.list()).map((s) => s.id)).toEqual(["hall-x"]);
      expect((await storage.scenes.history("hall-x", 10)).map((h) => [h.kind, h.by.name])).toEqual([["create", "Olivia Brown"]]);
      expect(await storage.scenes.get("nope")).toBeUndefined();
    });

    it("rule 57: saveDraft needs the current revision: a stale save is refused with the current revision and stores nothing", async () => {
      await storage.scenes.create({ id: "hall-x", name: "Hall X", draft: draftOf("Phone"), by: olivia });
      const saved = await storage.scenes.saveDraft("hall-x", { draft: draftOf("Laptop"), expectedRevision: 1, by: sophie, name: "Renamed" });
      expect(saved).toMatchObject({ revision: 2, name: "Renamed", updatedBy: sophie });
      const stale = await storage.scenes.saveDraft("hall-x", { draft: draftOf("Tablet"), expectedRevision: 1, by: olivia }).catch((e: unknown) => e);
      expect(stale).toBeInstanceOf(SceneRevisionConflict);
      expect((stale as SceneRevisionConflict).current).toBe(2);
      expect((await storage.scenes.get("hall-x"))!.draft).toEqual(draftOf("Laptop"));
    });

    it("rule 58: quick saves by one person share one history entry; another person's save gets its own", async () => {
      await storage.scenes.create({ id: "hall-x", name: "Hall X", draft: draftOf("A"), by: olivia });
      await storage.scenes.saveDraft("hall-x", { draft: draftOf("B"), expectedRevision: 1, by: olivia });
      await storage.scenes.saveDraft("hall-x", { draft: draftOf("C"), expectedRevision: 2, by: olivia });
      await storage.scenes.saveDraft("hall-x", { draft: draftOf("D"), expectedRevision: 3, by: sophie });
      const history = await storage.scenes.history("hall-x", 10);
      expect(history.map((h) => [h.kind, h.by.id, h.revision])).toEqual([["save", "s-sophie", 4], ["save", "s-olivia", 3], ["create", "s-olivia", 1]]);
    });

    it("rule 59: publish freezes the draft as the next version and makes it live; later drafts leave it unchanged; setLive rolls back", async () => {
      await storage.scenes.create({ id: "hall-x", name: "Hall X", draft: draftOf("Phone"), by: olivia });
      const v1 = await storage.scenes.publish("hall-x", olivia);
      expect(v1).toMatchObject({ sceneId: "hall-x", version: 1, name: "Hall X", publishedBy: olivia });
      await storage.scenes.saveDraft("hall-x", { draft: draftOf("Laptop"), expectedRevision: 1, by: sophie });
      const v2 = await storage.scenes.publish("hall-x", sophie);
      expect(v2.version).toBe(2);
      expect((await storage.scenes.version("hall-x", 1))!.document).toEqual(draftOf("Phone"));
      expect((await storage.scenes.version("hall-x", 2))!.document).toEqual(draftOf("Laptop"));
      expect((await storage.scenes.get("hall-x"))).toMatchObject({ liveVersion: 2, latestVersion: 2 });
      const rolled = await storage.scenes.setLive("hall-x", 1, olivia);
      expect(rolled).toMatchObject({ liveVersion: 1, latestVersion: 2 });
      expect((await storage.scenes.publish("hall-x", olivia)).version, "a publish after a rollback never reuses a number").toBe(3);
      await expect(storage.scenes.setLive("hall-x", 9, olivia)).rejects.toThrow(/no version 9/);
      expect((await storage.scenes.versions("hall-x")).map((v) => v.version)).toEqual([1, 2, 3]);
      expect((await storage.scenes.history("hall-x", 3)).map((h) => [h.kind, h.version])).toEqual([["publish", 3], ["rollback", 1], ["publish", 2]]);
    });

    it("rule 60: the editing lock goes to one person at a time until it expires; the holder renews and releases it", async () => {
      await storage.scenes.create({ id: "hall-x", name: "Hall X", draft: draftOf("Phone"), by: olivia });
      const t0 = Date.parse("2026-12-06T10:00:00.000Z");
      const at = (s: number) => new Date(t0 + s * 1000).toISOString();
      expect(await storage.scenes.claimLock("hall-x", olivia, at(30), at(0))).toEqual({ by: olivia, until: at(30) });
      expect(await storage.scenes.claimLock("hall-x", sophie, at(40), at(10)), "held by Olivia").toEqual({ by: olivia, until: at(30) });
      expect(await storage.scenes.claimLock("hall-x", olivia, at(50), at(20))).toEqual({ by: olivia, until: at(50) });
      expect(await storage.scenes.claimLock("hall-x", sophie, at(90), at(51)), "expired: Sophie takes it").toEqual({ by: sophie, until: at(90) });
      await storage.scenes.releaseLock("hall-x", olivia.id);
      expect((await storage.scenes.get("hall-x"))!.lock, "only the holder releases").toEqual({ by: sophie, until: at(90) });
      await storage.scenes.releaseLock("hall-x", sophie.id);
      expect((await storage.scenes.get("hall-x"))!.lock).toBeNull();
    });

    it("rule 61: scene assets are stored once per id, newest first, and survive a reopen", async (context) => {
      const asset = (id: string): SceneAssetRecord => ({
        id, name: "Nova Phone 13", description: "新款", price: "¥4,999", kbArticleIds: ["kb-phone"], sha256: "a".repeat(64), bytes: 1200, originalBytes: 5000, triangles: 12,
        createdBy: olivia, createdAt: "2026-12-06T10:00:00.000Z",
      });
      await storage.sceneAssets.create(asset("asset-one"));
      await storage.sceneAssets.create(asset("asset-two"));
      await expect(storage.sceneAssets.create(asset("asset-one"))).rejects.toBeInstanceOf(StorageConflict);
      expect((await storage.sceneAssets.list()).map((a) => a.id)).toEqual(["asset-two", "asset-one"]);
      await storage.close();
      const again = await reopen(context);
      expect(await again.sceneAssets.get("asset-one")).toEqual(asset("asset-one"));
      expect(await again.sceneAssets.get("nope")).toBeUndefined();
    });
  });
}
