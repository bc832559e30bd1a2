import type { Storage } from "../../storage/storage.ts";
import { loadDemoKnowledge } from "./demo-knowledge.ts";

/**
 * Gives every hall whose knowledge base is empty its scene's demo articles (a fresh install's
 * Nova Electronics and Meridian Bank; a hall an operator opens on a demo scene later). A hall
 * with any article is left alone, so an admin's edits and deletions survive restarts. Each put
 * resolves once durable; the hall's answerer indexes what is stored.
 */
export async function seedDemoKnowledge(storage: Pick<Storage, "halls" | "knowledge">): Promise<{ hallId: string; articles: number }[]> {
  const seeded: { hallId: string; articles: number }[] = [];
  for (const hall of await storage.halls.list()) {
    const demo = loadDemoKnowledge(hall.sceneId);
    if (demo.length === 0 || (await storage.knowledge.list(hall.id)).length > 0) continue;
    for (const article of demo) {
      await storage.knowledge.put({ hallId: hall.id, id: article.id, lang: article.lang, title: article.title, body: article.body, tags: [...article.tags] });
    }
    seeded.push({ hallId: hall.id, articles: demo.length });
  }
  return seeded;
}
