import { describe, expect, it } from "vitest";
import { demoKnowledgeScenes, loadDemoKnowledge } from "../knowledge/demo-knowledge.ts";
import { loadQuestionSet } from "../knowledge/question-set.ts";
import { RetrievalAnswerer } from "./retrieval-answerer.ts";

describe.each(demoKnowledgeScenes)("retrieval over the %s knowledge base", (sceneId) => {
  const answerer = RetrievalAnswerer.fromArticles(loadDemoKnowledge(sceneId));

  for (const lang of ["en", "zh-CN"] as const) it(`puts the right article first for at least 90 % of the ${lang} question set`, () => {
    const questions = loadQuestionSet(sceneId).filter((q) => q.lang === lang);
    const misses: string[] = [];
    let top3 = 0;
    for (const q of questions) {
      const { hits } = answerer.retrieve({ hallId: "hall", text: q.text, lang });
      const ids = hits.map((h) => h.article.id);
      if (ids.slice(0, 3).includes(q.expect)) top3++;
      if (ids[0] !== q.expect) misses.push(`${q.text} → ${ids[0] ?? "nothing"} (want ${q.expect})`);
    }
    const top1 = (questions.length - misses.length) / questions.length;
    process.stdout.write(`${sceneId} ${lang}: top-1 ${(top1 * 100).toFixed(1)}% top-3 ${((top3 / questions.length) * 100).toFixed(1)}% of ${questions.length}${misses.length ? `; missed: ${misses.join("; ")}` : ""}\n`);
    expect(top1).toBeGreaterThanOrEqual(0.9);
  });
});

describe("a retrieval answer", () => {
  const answerer = RetrievalAnswerer.fromArticles(loadDemoKnowledge("nova-electronics"));

  it("is a few sentences of the best article in the question's language, citing it", async () => {
    const answer = await answerer.answer({ hallId: "demo", text: "how much does the Nova Phone 12 cost?", lang: "zh-CN" });
    expect(answer.lang).toBe("en");
    expect(answer.sources).toEqual([{ id: "kb-nova-phone-12", title: "Nova Phone 12" }]);
    expect(answer.text).toContain("£799");
    expect(answer.text.length).toBeLessThan(loadDemoKnowledge("nova-electronics").find((a) => a.id === "kb-nova-phone-12" && a.lang === "en")!.body.length);
    expect(answer.confidence).toBeGreaterThan(0.35);
    expect(answer.offerHuman).toBe(false);
  });

  it("answers a Chinese question in Chinese from the Chinese article", async () => {
    const answer = await answerer.answer({ hallId: "demo", text: "退货要在多少天之内？", lang: "en" });
    expect(answer.lang).toBe("zh-CN");
    expect(answer.sources[0]).toEqual({ id: "kb-returns", title: "退货政策" });
    expect(answer.text).toContain("30 天");
  });

  it("offers a person, with no article, for a question the knowledge base cannot answer", async () => {
    for (const text of ["what's the weather like on Mars", "火星上的天气怎么样"]) {
      const answer = await answerer.answer({ hallId: "demo", text });
      expect(answer.sources, text).toEqual([]);
      expect(answer.offerHuman).toBe(true);
      expect(answer.confidence).toBeLessThan(0.35);
    }
  });

  it("offers a person when asked for one, and still answers a question asked with it", async () => {
    for (const text of ["转人工", "I want to talk to a real person", "agent please", "有没有客服"]) {
      const answer = await answerer.answer({ hallId: "demo", text });
      expect(answer.offerHuman, text).toBe(true);
      expect(answer.sources, text).toEqual([]);
    }
    const withQuestion = await answerer.answer({ hallId: "demo", text: "can I speak to an agent about my warranty?" });
    expect(withQuestion.offerHuman).toBe(true);
    expect(withQuestion.sources[0]?.id).toBe("kb-warranty");
  });

  it("reads a follow-up with the customer's previous question", async () => {
    const answer = await answerer.answer({
      hallId: "demo",
      text: "and what colours?",
      history: [
        { role: "customer", text: "tell me about the Nova Watch" },
        { role: "concierge", text: "The Nova Watch S tracks heart rate…" },
      ],
    });
    expect(answer.sources[0]?.id).toBe("kb-nova-watch");
    expect(answer.text).toMatch(/coral/);
  });

  it("answers from the edited articles once rebuilt", async () => {
    const articles = loadDemoKnowledge("nova-electronics");
    const edited = RetrievalAnswerer.fromArticles(articles);
    const hours = { id: "kb-opening-hours", lang: "en" as const, title: "Opening hours", tags: ["opening hours"], body: "From 1 January we open every day from 7 am to 11 pm." };
    edited.rebuild([...articles.filter((a) => !(a.id === hours.id && a.lang === "en")), hours]);
    const answer = await edited.answer({ hallId: "demo", text: "what are your opening hours?" });
    expect(answer.text).toContain("7 am to 11 pm");
  });

  it("reads an admin's Markdown article as text", async () => {
    const markdown = RetrievalAnswerer.fromArticles([
      { id: "kb-gift-wrap", lang: "en", title: "Gift wrapping", tags: ["gift wrap"], body: "## Gift wrapping\n\n- **Free** gift wrapping at the tills\n- Ask for a [gift receipt](https://example.com/receipts)" },
      { id: "kb-parking", lang: "en", title: "Parking", tags: ["parking"], body: "The car park is next door." },
    ]);
    const answer = await markdown.answer({ hallId: "demo", text: "do you do gift wrapping?" });
    expect(answer.sources[0]?.id).toBe("kb-gift-wrap");
    expect(answer.text).not.toMatch(/[#*[\]()]|https?:/);
    expect(answer.text).toContain("Free gift wrapping at the tills.");
  });

  it("answers from the other language when the hall has no article in the question's", async () => {
    const englishOnly = RetrievalAnswerer.fromArticles(loadDemoKnowledge("nova-electronics").filter((a) => a.lang === "en"));
    const answer = await englishOnly.answer({ hallId: "demo", text: "Nova Buds Max 多少钱" });
    expect(answer.lang).toBe("zh-CN");
    expect(answer.sources[0]?.id).toBe("kb-nova-buds-max");
  });

  it("says it found nothing in an empty knowledge base", async () => {
    const answer = await RetrievalAnswerer.fromArticles([]).answer({ hallId: "demo", text: "hello?" });
    expect(answer).toMatchObject({ sources: [], offerHuman: true, confidence: 0, lang: "en" });
  });
});

it("re-segments only the edited articles when rebuilt", async () => {
  const articles = loadDemoKnowledge("meridian-bank");
  const answerer = RetrievalAnswerer.fromArticles(articles);
  const started = performance.now();
  answerer.rebuild(articles);
  const unchanged = performance.now() - started;
  // Same answers as a fresh build after an edit, and the edit is seen.
  const edited = articles.map((a) => (a.id === "kb-cheques" && a.lang === "en" ? { ...a, body: "We no longer accept cheques since March." } : a));
  answerer.rebuild(edited);
  const fresh = RetrievalAnswerer.fromArticles(edited);
  for (const text of ["how do i pay in a cheque", "I lost my card", "支票怎么存"]) {
    expect(await answerer.answer({ hallId: "bank", text }), text).toEqual(await fresh.answer({ hallId: "bank", text }));
  }
  expect((await answerer.answer({ hallId: "bank", text: "can I pay in a cheque?" })).text).toBe("We no longer accept cheques since March.");
  expect(unchanged).toBeLessThan(200);
});
