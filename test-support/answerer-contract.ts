import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Answer, Answerer } from "../game-server/concierge/answerer.ts";
import type { KnowledgeArticle } from "../game-server/concierge/answering/knowledge-article.ts";
import { loadDemoKnowledge } from "../game-server/concierge/knowledge/demo-knowledge.ts";
import { ConciergeAnswer, ConciergeQuestion } from "../game-server/protocol/concierge.ts";
import { Limits } from "../game-server/protocol/limits.ts";

/**
 * What every `Answerer` promises, whatever writes its answers (retrieval, or an LLM over
 * retrieval): an implementation's test calls `registerAnswererContractTests` with a factory that
 * builds it over the given articles (the Nova Electronics demo knowledge base). Numbered rules,
 * only ever added at the end, so that a failure names the same rule for every implementation.
 */
export interface AnswererFixture {
  answerer: Answerer;
  cleanup?: () => Promise<void>;
}
export type AnswererFactory = (articles: readonly KnowledgeArticle[]) => Promise<AnswererFixture>;

/** Questions the knowledge base answers, in both languages, and the article each is about. */
const answerable = [
  { text: "How long is the warranty on Nova devices?", lang: "en", article: "kb-warranty" },
  { text: "Can I return something I've opened?", lang: "en", article: "kb-returns" },
  { text: "Nova Phone 12 有什么颜色？", lang: "zh-CN", article: "kb-nova-phone-12" },
  { text: "周日几点关门？", lang: "zh-CN", article: "kb-opening-hours" },
] as const;

/** Valid questions (the protocol accepts them) of every odd shape a customer can send. */
const oddButValid = [
  "?",
  "hi",
  "你好",
  "👍👍",
  "12345",
  "Nova Phone 12 多少钱",
  "what does 人工 mean?",
  "\u200b",
  `${"warranty ".repeat(60)}`.slice(0, Limits.conciergeQuestionMax).trim(),
  `${"保修".repeat(300)}`.slice(0, Limits.conciergeQuestionMax),
  "'; DROP TABLE articles; --",
  "<script>alert(1)</script>",
];

export function registerAnswererContractTests(name: string, factory: AnswererFactory): void {
  describe(`answerer contract: ${name}`, () => {
    const articles = loadDemoKnowledge("nova-electronics");
    const ids = new Set(articles.map((a) => a.id));
    let fixture: AnswererFixture;
    const ask = (text: string, lang?: "en" | "zh-CN"): Promise<Answer> => fixture.answerer.answer({ hallId: "demo", text, lang });

    beforeAll(async () => {
      fixture = await factory(articles);
    });
    afterAll(async () => {
      await fixture.cleanup?.();
    });

    it("1. answers in the question's language, whatever the page's", async () => {
      for (const q of answerable) {
        const other = q.lang === "en" ? "zh-CN" : "en";
        expect((await ask(q.text, other)).lang, q.text).toBe(q.lang);
      }
      expect((await ask("how much is the Nova Tab 11?", "zh-CN")).text).not.toMatch(/\p{Script=Han}/u);
      expect((await ask("Nova Tab 11 多少钱？", "en")).text).toMatch(/\p{Script=Han}/u);
    });

    it("2. cites at least one article of the hall when it answers, the right one first", async () => {
      for (const q of answerable) {
        const answer = await ask(q.text);
        expect(answer.sources.length, q.text).toBeGreaterThan(0);
        for (const source of answer.sources) expect(ids, q.text).toContain(source.id);
        expect(answer.sources[0]?.id, q.text).toBe(q.article);
        const title = articles.find((a) => a.id === q.article && a.lang === q.lang)?.title;
        expect(answer.sources[0]?.title, q.text).toBe(title);
        expect(answer.text.trim().length, q.text).toBeGreaterThan(0);
      }
    });

    it("3. offers a human for 转人工 and for talk to a human", async () => {
      for (const text of ["转人工", "我要人工客服", "talk to a human", "Can I speak to a real person please?"]) {
        const answer = await ask(text);
        expect(answer.offerHuman, text).toBe(true);
        expect(answer.lang, text).toBe(/\p{Script=Han}/u.test(text) ? "zh-CN" : "en");
      }
    });

    it("4. refuses nothing valid: every question the protocol accepts gets a well-formed answer", async () => {
      for (const text of oddButValid) {
        expect(ConciergeQuestion.safeParse({ text }).success || text.trim() === "", text).toBe(true);
        const answer = await ask(text, "en");
        expect(ConciergeAnswer.safeParse({ id: "a1", ...answer }).success, text).toBe(true);
        expect(answer.text.trim().length, text).toBeGreaterThan(0);
      }
    });

    it("5. offers a human, and is unsure, when the knowledge base has no answer", async () => {
      for (const text of ["What's the weather like on Mars tomorrow?", "火星上明天天气怎么样？", "Who won the football last night?"]) {
        const answer = await ask(text);
        expect(answer.offerHuman, text).toBe(true);
        expect(answer.confidence, text).toBeLessThan(0.35);
      }
    });
  });
}
