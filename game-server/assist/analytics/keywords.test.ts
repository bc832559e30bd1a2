import { describe, expect, it } from "vitest";
import type { KnowledgeArticle } from "../../concierge/answering/knowledge-article.ts";
import { loadDemoKnowledge } from "../../concierge/knowledge/demo-knowledge.ts";
import { KeywordExtractor } from "./keywords.ts";

const nova = new KeywordExtractor(loadDemoKnowledge("nova-electronics"));
const bank = new KeywordExtractor(loadDemoKnowledge("meridian-bank"));
const terms = (list: Array<{ term: string }>) => list.map((k) => k.term);

describe("KeywordExtractor (English)", () => {
  it("returns the words the customer said, best first, without fillers, stop words or numbers", () => {
    const keywords = nova.keywords("Hi, good morning. I dropped my Nova Phone 12 yesterday and the screen cracked, can you fix it?", "en", 6);
    expect(terms(keywords).slice(0, 4).sort()).toEqual(["cracked", "dropped", "fix", "screen"]);
    expect(terms(keywords)).not.toContain("morning");
    expect(terms(keywords)).not.toContain("yesterday");
    expect(keywords[0]!.weight).toBe(1);
    expect(keywords.every((k, i) => i === 0 || k.weight <= keywords[i - 1]!.weight)).toBe(true);
  });

  it("ranks a word many of the hall's articles use below a rare one", () => {
    const keywords = nova.keywords("the Nova screen cracked", "en");
    const weight = (term: string) => keywords.find((k) => k.term === term)?.weight ?? 0;
    expect(weight("cracked")).toBeGreaterThan(weight("Nova"));
    expect(weight("Nova")).toBeGreaterThan(0);
  });

  it("counts a word's forms together and returns the form said most", () => {
    const keywords = bank.keywords("I was charged twice. Two charges! Why charge me twice? They charged it again", "en", 3);
    expect(terms(keywords)).toContain("charged");
    expect(terms(keywords).filter((t) => t.startsWith("charg"))).toHaveLength(1);
  });

  it("finds nothing in small talk, and nothing in a mask", () => {
    expect(nova.keywords("Hello, thanks! Okay, bye.", "en")).toEqual([]);
    expect(nova.keywords("Sure, it's [phone •••• 5678] and •••• 4242, j•••@example.com", "en")).toEqual([]);
    expect(nova.keywords("don't know, doesn't matter", "en").map((k) => k.term)).toEqual(["matter"]);
    // Sums are entities, not keywords.
    expect(nova.keywords("forty nine dollars and ninety nine cents", "en")).toEqual([]);
  });

  it("works without a knowledge base (term frequency alone)", () => {
    const none = new KeywordExtractor([]);
    expect(terms(none.keywords("refund refund screen", "en"))).toEqual(["refund", "screen"]);
  });
});

describe("KeywordExtractor (Chinese)", () => {
  it("segments with jieba and drops greetings, particles and numbers", () => {
    const keywords = terms(nova.keywords("喂，你好，我上周买的Nova Phone 12手机屏幕摔碎了，还在保修期内吗", "zh-CN", 8));
    expect(keywords).toEqual(expect.arrayContaining(["屏幕", "摔碎", "保修期"]));
    for (const noise of ["喂", "你好", "上周", "12", "了"]) expect(keywords).not.toContain(noise);
  });

  it("keeps a word jieba guesses when the hall's articles have it, and drops guesses nobody knows", () => {
    expect(terms(nova.keywords("手机碎屏了", "zh-CN"))).toContain("碎屏");
    const keywords = terms(bank.keywords("太气人了，一千二百九十九元会在三到五个工作日退回", "zh-CN", 8));
    for (const junk of ["太气", "元会", "三到", "一千", "二百九十九", "五个"]) expect(keywords).not.toContain(junk);
    expect(keywords).toContain("退回");
  });

  it("blends the hall's IDF with jieba's: a word common in Chinese at large ranks low", () => {
    const keywords = bank.keywords("信用卡重复扣款，已经联系银行", "zh-CN", 8);
    const weight = (term: string) => keywords.find((k) => k.term === term)?.weight ?? 0;
    expect(weight("扣款")).toBeGreaterThan(weight("联系"));
  });
});

describe("SessionKeywords", () => {
  it("accumulates a call: what it keeps coming back to rises", () => {
    const session = nova.session();
    session.add("I'd like to ask about delivery", "en");
    session.add("my screen cracked", "en");
    expect(terms(session.top(8)).sort()).toEqual(["cracked", "delivery", "screen"]);
    session.add("the screen is cracked and the screen flickers", "en");
    session.add("is screen repair covered? the screen cracked", "en");
    expect(terms(session.top(2)).sort()).toEqual(["cracked", "screen"]);
    expect(session.top(3)).toHaveLength(3);
  });

  it("counts a speaker's words by the weight given", () => {
    const session = nova.session();
    session.add("warranty warranty warranty", "en", 0.2);
    session.add("refund", "en", 1);
    expect(terms(session.top(1))).toEqual(["refund"]);
  });

  it("mixes Chinese and English utterances in one list", () => {
    const session = nova.session();
    session.add("屏幕摔碎了", "zh-CN");
    session.add("screen repair please", "en");
    expect(terms(session.top(8))).toEqual(expect.arrayContaining(["屏幕", "摔碎", "screen", "repair"]));
  });

  it("scores a sentence by the call's words in it", () => {
    const session = nova.session();
    session.add("my screen cracked, the screen is black", "en");
    expect(session.informationOf("the screen cracked", "en")).toBeGreaterThan(session.informationOf("it is black", "en"));
    expect(session.informationOf("hello there", "en")).toBe(0);
  });

  it("uses the articles' language for its background", () => {
    const englishOnly: KnowledgeArticle[] = [{ id: "a", lang: "en", title: "Screen repair", body: "We repair screens.", tags: [] }];
    const extractor = new KeywordExtractor(englishOnly);
    expect(terms(extractor.keywords("屏幕坏了", "zh-CN"))).toEqual(["屏幕"]);
  });
});
