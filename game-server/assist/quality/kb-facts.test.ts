import { describe, expect, it } from "vitest";
import type { KnowledgeArticle } from "../../concierge/answering/knowledge-article.ts";
import { loadDemoKnowledge } from "../../concierge/knowledge/demo-knowledge.ts";
import type { KbFact } from "./kb-facts.ts";
import { extractFacts, FactChecker } from "./kb-facts.ts";
import { formatAmount } from "./spoken-quantities.ts";

const YEAR = 365.25;
const nova = extractFacts(loadDemoKnowledge("nova-electronics"));
const bank = extractFacts(loadDemoKnowledge("meridian-bank"));
const novaChecker = new FactChecker(nova);
const bankChecker = new FactChecker(bank);

/** What the checker says about a sentence: "said ≠ article: amount / amount", or "ok". */
function verdict(checker: FactChecker, text: string): string {
  const found = checker.check(text);
  if (found.length === 0) return "ok";
  return found.map((c) => `${c.said.text} ≠ ${c.facts[0]!.articleId}: ${[...new Set(c.facts.map((f) => formatAmount(f.amount, "en")))].join(" / ")}`).join("; ");
}

describe("extractFacts", () => {
  it("pulls the warranty's two amounts with the words that say what each is about, in both languages", () => {
    const warranty = nova.filter((f) => f.articleId === "kb-warranty");
    expect(warranty.map((f) => [f.kind, Math.round(f.value), f.unit])).toEqual([
      ["duration", Math.round(2 * YEAR), "day"],
      ["duration", Math.round(YEAR), "day"],
    ]);
    expect(warranty[0]!.subject.en).toContain("warranty");
    expect(warranty[0]!.subject["zh-CN"]).toContain("保修");
    expect(warranty[1]!.subject.en).toContain("accessories");
    expect(warranty[1]!.subject["zh-CN"]).toContain("配件");
    expect(warranty[0]!.title).toEqual({ en: "Warranty", "zh-CN": "保修政策" });
    expect(warranty[0]!.clause).toBeLessThan(warranty[1]!.clause!);
  });

  it("pulls prices, their variants, and counted amounts from a product article", () => {
    const phone = nova.filter((f) => f.articleId === "kb-nova-phone-12");
    expect(phone.filter((f) => f.kind === "price").map((f) => f.value)).toEqual(expect.arrayContaining([799, 899, 1049, 29]));
    expect(phone).toContainEqual(expect.objectContaining({ kind: "number", value: 4700, unit: "mAh" }));
    // Prices in "£1,049" are not cut at the thousands comma.
    expect(phone.some((f) => f.kind === "price" && f.value === 1)).toBe(false);
  });

  it("marks a threshold as one", () => {
    expect(nova.find((f) => f.articleId === "kb-order-tracking" && f.kind === "duration")).toMatchObject({ bound: "at-least", value: 2 });
    expect(nova.find((f) => f.articleId === "kb-delivery" && f.kind === "price" && f.value === 50)).toMatchObject({ bound: "at-least" });
  });

  it("reads every article of both demo halls", () => {
    expect(nova.length).toBeGreaterThan(100);
    expect(bank.length).toBeGreaterThan(80);
    for (const f of [...nova, ...bank]) expect(Number.isFinite(f.value) && f.value >= 0, `${f.articleId} ${f.value}`).toBe(true);
  });
});

describe("FactChecker", () => {
  it.each([
    ["the warranty is one year", "one year ≠ kb-warranty: 2 years"],
    ["保修一年", "一年 ≠ kb-warranty: 2 years"],
    ["Nova Phone 12 的保修是一年", "一年 ≠ kb-warranty: 2 years"],
    ["you can return it within 14 days", "14 days ≠ kb-returns: 30 days"],
    ["Standard delivery takes 5 working days", "5 working days ≠ kb-delivery: 2–4 days"],
    ["标准配送需要一周", "一周 ≠ kb-delivery: 2–4 days"],
    ["Gift cards are valid for three years", "three years ≠ kb-gift-cards: 5 years"],
    ["礼品卡有效期三年", "三年 ≠ kb-gift-cards: 5 years"],
    ["the Nova Buds Max cost 299 pounds", "299 pounds ≠ kb-nova-buds-max: £349"],
    ["Nova Phone 12 售价 699 英镑", "699 英镑 ≠ kb-nova-phone-12: £799 / £899 / £1,049"],
    ["the phone has a 5000 mAh battery", "5000 mAh ≠ kb-nova-phone-12: 4,700 mAh"],
    ["the Nova Watch battery lasts five days", "five days ≠ kb-nova-watch: 7 days"],
    ["delivery is free on orders over £40", "£40 ≠ kb-delivery: £50"],
  ])("%j contradicts the knowledge base", (text, expected) => {
    expect(verdict(novaChecker, text)).toBe(expected);
  });

  it.each([
    "The warranty is two years",
    "Every Nova device has a 24-month warranty",
    "保修二十四个月",
    "配件保修一年",
    "accessories have a one-year warranty",
    "The Nova Tab costs £449",
    "The Nova Phone 12 is seven hundred and ninety-nine pounds",
    "delivery takes two to four working days",
    "Your order will arrive in two to four working days",
    "Nova Care+ costs £79 a year for phones",
    "Nova Watch S 充一次电可用七天",
    "It's not one year, it's two years",
    "退货期是三十天",
    "the repair takes about two hours",
    // No subject: nothing to check against.
    "It costs £199",
    "I'll be with you in two minutes",
  ])("%j agrees with it or names nothing it can check", (text) => {
    expect(verdict(novaChecker, text)).toBe("ok");
  });

  it("checks the bank's facts too", () => {
    expect(verdict(bankChecker, "deposits are protected up to £50,000")).toBe("£50,000 ≠ kb-deposit-protection: £85,000");
    expect(verdict(bankChecker, "deposits are protected up to £85,000")).toBe("ok");
    expect(verdict(bankChecker, "支票三个工作日入账")).toBe("三个工作日 ≠ kb-cheques: 2 days");
  });

  it("works with facts written by hand, in everyday units", () => {
    const facts: KbFact[] = [
      { articleId: "kb-nova-phone-12", title: { en: "Nova Phone 12", "zh-CN": "Nova Phone 12 手机" }, kind: "duration", subject: { en: ["warranty"], "zh-CN": ["保修"] }, value: 2, unit: "year" },
    ];
    const checker = new FactChecker(facts);
    expect(verdict(checker, "the Nova Phone 12 warranty is one year")).toBe("one year ≠ kb-nova-phone-12: 2 years");
    expect(verdict(checker, "保修二十四个月")).toBe("ok");
    expect(verdict(checker, "保修十二个月")).toBe("十二个月 ≠ kb-nova-phone-12: 2 years");
  });

  it("knows nothing with no facts", () => {
    expect(new FactChecker([]).check("the warranty is one year")).toEqual([]);
  });

  it("finds nothing in articles without amounts", () => {
    const article: KnowledgeArticle = { id: "kb-x", lang: "en", title: "Parking", body: "Park next to the store.", tags: [] };
    expect(extractFacts([article])).toEqual([]);
  });
});
