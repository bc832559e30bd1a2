import { randomBytes } from "node:crypto";
import { hashPassword, verifyPassword } from "../game-server/auth/password.ts";
import { seedDemoKnowledge } from "../game-server/concierge/knowledge/seed-demo-knowledge.ts";
import type { StaffRecord, Storage } from "../game-server/storage/storage.ts";
import { getBuiltInScene } from "../scenes/catalog.ts";
import { meridianBank } from "../scenes/demo/meridian-bank.ts";
import { novaElectronics } from "../scenes/demo/nova-electronics.ts";

/** The halls a fresh install opens with: /hall/demo (an electronics store) and /hall/bank. */
const seededHalls = [
  { id: "demo", name: "Nova Electronics", sceneId: novaElectronics.id },
  { id: "bank", name: "Meridian Bank", sceneId: meridianBank.id },
];

/**
 * Creates the demo halls on first start and leaves them alone afterwards, except that a
 * seeded hall whose scene no longer ships (the v2 `demo-hall` of earlier installs) is moved
 * to its current scene rather than left unopenable. Then fills empty knowledge bases with
 * their scenes' demo articles.
 */
export async function seedDemoHalls(storage: Storage): Promise<void> {
  for (const hall of seededHalls) {
    const stored = await storage.halls.get(hall.id);
    // A hall the studio gave another scene keeps it.
    if (stored && (getBuiltInScene(stored.sceneId) || (await storage.scenes.get(stored.sceneId)))) continue;
    await storage.halls.put(stored ? { id: stored.id, name: hall.name, sceneId: hall.sceneId } : hall);
  }
  // A hall whose knowledge base is empty gets its scene's demo articles; edited ones are kept.
  await seedDemoKnowledge(storage);
}

/** The demo accounts' one password (in the README's "Demo accounts" table). */
export const DEMO_STAFF_PASSWORD = "atrium-demo";

type DemoStaff = Pick<StaffRecord, "email" | "displayName" | "role" | "hallIds" | "skills" | "languages">;

/** Two agents with different skills and languages, a supervisor and a marketer per demo hall, and one admin. */
export const demoStaff: readonly DemoStaff[] = [
  { email: "lin.wei@nova.example", displayName: "Lin Wei", role: "agent", hallIds: ["demo"], skills: ["phones", "laptops"], languages: ["zh-CN", "en"] },
  { email: "sam.carter@nova.example", displayName: "Sam Carter", role: "agent", hallIds: ["demo"], skills: ["tv-audio", "smart-home", "returns"], languages: ["en"] },
  { email: "zhang.min@nova.example", displayName: "Zhang Min", role: "supervisor", hallIds: ["demo"], skills: ["escalations"], languages: ["zh-CN", "en"] },
  { email: "olivia.brown@nova.example", displayName: "Olivia Brown", role: "marketer", hallIds: ["demo"], skills: ["promotions"], languages: ["en"] },
  { email: "chen.jing@meridian.example", displayName: "Chen Jing", role: "agent", hallIds: ["bank"], skills: ["cards", "accounts"], languages: ["zh-CN", "en"] },
  { email: "james.miller@meridian.example", displayName: "James Miller", role: "agent", hallIds: ["bank"], skills: ["savings", "loans"], languages: ["en"] },
  { email: "wang.fang@meridian.example", displayName: "Wang Fang", role: "supervisor", hallIds: ["bank"], skills: ["escalations", "compliance"], languages: ["zh-CN", "en"] },
  { email: "sophie.turner@meridian.example", displayName: "Sophie Turner", role: "marketer", hallIds: ["bank"], skills: ["promotions"], languages: ["en", "zh-CN"] },
  { email: "admin@atrium.example", displayName: "Alex Admin", role: "admin", hallIds: [], skills: [], languages: ["en", "zh-CN"] },
];

/**
 * With `enabled`, creates the demo staff that do not exist yet (one hash shared by all: their
 * password is public anyway). Without it (production), no default credential may work: a demo
 * account left in the database from a development run, still on the demo password, gets a
 * random one nobody knows.
 */
export async function seedDemoStaff(storage: Storage, enabled: boolean): Promise<void> {
  const existing = await Promise.all(demoStaff.map((s) => storage.staff.byEmail(s.email)));
  if (enabled) {
    const missing = demoStaff.filter((_, i) => !existing[i]);
    if (missing.length === 0) return;
    const passwordHash = await hashPassword(DEMO_STAFF_PASSWORD);
    for (const staff of missing) await storage.staff.create({ ...staff, passwordHash, disabled: false });
    return;
  }
  for (const account of existing) {
    if (account && (await verifyPassword(DEMO_STAFF_PASSWORD, account.passwordHash))) {
      await storage.staff.setPassword(account.id, await hashPassword(randomBytes(24).toString("base64url")));
    }
  }
}
