import { readFileSync } from "node:fs";
import { z } from "zod";
import { Lang } from "../../protocol/concierge.ts";
import type { KnowledgeArticle } from "../answering/knowledge-article.ts";

/**
 * The demo halls' knowledge bases ship as data: one JSON file per scene beside this module
 * (`<sceneId>.json`), each article written once per language under one id. Product articles use
 * the ids the scene's booths name (`kbArticleId`), so an answer about a product can lead to its
 * booth. The files are checked against this schema when loaded: a broken edit fails at start
 * (and in the unit tests), not when a customer asks.
 */
const Text = z.string().trim().min(1);
const Version = z.object({ title: Text.max(120), body: Text.max(4000), tags: z.array(Text.max(40)).max(30) });
const DemoFile = z.object({
  sceneId: Text,
  articles: z
    .array(
      z.object({
        id: z.string().regex(/^kb-[a-z0-9-]+$/, "article ids look like kb-some-name").max(64),
        en: Version,
        "zh-CN": Version,
      }),
    )
    .min(1)
    .refine((articles) => new Set(articles.map((a) => a.id)).size === articles.length, "article ids must be unique"),
});

/** Scenes that ship a demo knowledge base. */
export const demoKnowledgeScenes = ["nova-electronics", "meridian-bank"] as const;

/** The scene's demo articles, one record per article per language; [] for a scene without one. */
export function loadDemoKnowledge(sceneId: string): KnowledgeArticle[] {
  if (!(demoKnowledgeScenes as readonly string[]).includes(sceneId)) return [];
  const raw: unknown = JSON.parse(readFileSync(new URL(`./${sceneId}.json`, import.meta.url), "utf8"));
  const parsed = DemoFile.safeParse(raw);
  if (!parsed.success) throw new Error(`knowledge/${sceneId}.json: ${parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  if (parsed.data.sceneId !== sceneId) throw new Error(`knowledge/${sceneId}.json names scene ${parsed.data.sceneId}`);
  return parsed.data.articles.flatMap((article) =>
    Lang.options.map((lang) => ({ id: article.id, lang, title: article[lang].title, body: article[lang].body, tags: article[lang].tags })),
  );
}
