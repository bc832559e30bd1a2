import { describe, expect, it } from "vitest";
import type { KnowledgeArticle } from "../../concierge/answering/knowledge-article.ts";
import { loadDemoKnowledge } from "../../concierge/knowledge/demo-knowledge.ts";
import { SuggestionIndex, suggestArticles } from "./suggestions.ts";

const nova = new SuggestionIndex(loadDemoKnowledge("nova-electronics"));
const bank = new SuggestionIndex(loadDemoKnowledge("meridian-bank"));
const ids = (list: Array<{ id: string }>) => list.map((s) => s.id);

describe("suggestArticles", () => {
  it("suggests the article about what the customer describes, best first", () => {
    const found = suggestArticles(nova, "Hi, good morning. I dropped my Nova Phone 12 yesterday and the screen cracked, can you fix it?", "en", 3);
    expect(found[0]).toMatchObject({ id: "kb-screen-repair", title: "Cracked screen repair" });
    expect(found.length).toBeLessThanOrEqual(3);
    expect(found.every((s, i) => i === 0 || s.score <= found[i - 1]!.score)).toBe(true);
    expect(ids(suggestArticles(nova, "how long does a refund take to come back", "en"))[0]).toBe("kb-refunds");
    expect(ids(suggestArticles(bank, "I lost my debit card, I think it was stolen", "en"))[0]).toBe("kb-lost-card");
  });

  it("suggests in Chinese from the Chinese articles", () => {
    const found = suggestArticles(nova, "喂，你好，我的手机屏幕摔碎了，能修吗", "zh-CN");
    expect(found[0]?.id).toBe("kb-screen-repair");
    expect(found[0]?.title).toBe("碎屏维修");
    expect(ids(suggestArticles(bank, "我的银行卡丢了", "zh-CN"))[0]).toBe("kb-lost-card");
  });

  it("suggests nothing for small talk", () => {
    for (const [text, lang] of [
      ["Hello, thanks", "en"],
      ["Good morning, how are you today?", "en"],
      ["okay, thank you so much, bye", "en"],
      ["sorry, could you say that again?", "en"],
      ["好的，谢谢", "zh-CN"],
      ["早上好", "zh-CN"],
      ["嗯嗯，对的，没问题", "zh-CN"],
    ] as const) {
      expect(suggestArticles(nova, text, lang), text).toEqual([]);
    }
  });

  it("leaves out an article that only shares a common word", () => {
    // "card" is in half the bank's articles: on its own it points nowhere.
    expect(suggestArticles(bank, "it's about my card", "en")).toEqual([]);
  });

  it("returns at most n", () => {
    expect(suggestArticles(nova, "phone laptop tablet watch headphones television speaker camera", "en", 2)).toHaveLength(2);
  });

  it("searches the other language when the hall has no articles in this one", () => {
    const englishOnly: KnowledgeArticle[] = [
      { id: "kb-a", lang: "en", title: "Screen repair", body: "Cracked screens are repaired in an hour.", tags: ["screen"] },
      { id: "kb-b", lang: "en", title: "Parking", body: "Park in the basement.", tags: [] },
    ];
    const index = new SuggestionIndex(englishOnly);
    expect(ids(suggestArticles(index, "my Nova screen is cracked", "zh-CN"))).toEqual(["kb-a"]);
    expect(suggestArticles(new SuggestionIndex([]), "screen", "en")).toEqual([]);
  });
});
