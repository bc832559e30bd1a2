import { describe, expect, it } from "vitest";
import { getBuiltInScene } from "../../../scenes/catalog.ts";
import { demoKnowledgeScenes, loadDemoKnowledge } from "./demo-knowledge.ts";
import { loadQuestionSet } from "./question-set.ts";

describe.each(demoKnowledgeScenes)("the %s demo knowledge base", (sceneId) => {
  const articles = loadDemoKnowledge(sceneId);

  it("has at least 40 articles, each in English and in Chinese", () => {
    const en = articles.filter((a) => a.lang === "en");
    const zh = articles.filter((a) => a.lang === "zh-CN");
    expect(en.length).toBeGreaterThanOrEqual(40);
    expect(zh.map((a) => a.id).sort()).toEqual(en.map((a) => a.id).sort());
    for (const article of zh) expect(`${article.title}${article.body}`, article.id).toMatch(/\p{Script=Han}/u);
    for (const article of articles) expect(article.tags.length, article.id).toBeGreaterThan(0);
  });

  it("has the article every booth of the scene points to", () => {
    const scene = getBuiltInScene(sceneId);
    expect(scene).toBeDefined();
    const ids = new Set(articles.map((a) => a.id));
    for (const booth of scene?.booths ?? []) if (booth.kbArticleId) expect(ids, booth.id).toContain(booth.kbArticleId);
  });

  it("has a question set of at least 30 questions per language, each about an article that exists", () => {
    const ids = new Set(articles.map((a) => a.id));
    const questions = loadQuestionSet(sceneId);
    for (const lang of ["en", "zh-CN"] as const) expect(questions.filter((q) => q.lang === lang).length).toBeGreaterThanOrEqual(30);
    for (const q of questions) expect(ids, q.text).toContain(q.expect);
  });
});

it("has no demo knowledge for a scene that ships none", () => {
  expect(loadDemoKnowledge("blank-hall")).toEqual([]);
});
