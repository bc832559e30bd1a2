import type { Lang } from "../../protocol/concierge.ts";

/**
 * Ways customers ask about money that the articles do not use: "how much is it" or "多少钱"
 * versus the articles' "Prices: …" and "售价". A question that asks for a price gets the
 * articles' words added, lightly (they steer which sentence is read out more than which article), so that the sentence with the price is the one read out.
 */
const priceQuestion = { en: /\b(how much|cost|costs|costing|expensive|cheap|price|prices|pricing)\b/i, "zh-CN": /多少钱|价格|价钱|售价|贵不贵|贵吗|多贵|便宜/u };
const priceWords = { en: " price prices", "zh-CN": " 价格 售价 售" };

/** The articles' words for what the question asks, if they differ from the customer's ("" when none). */
export function intentWords(text: string, lang: Lang): string {
  return priceQuestion[lang].test(text) ? priceWords[lang] : "";
}

/**
 * A question that leans on the one before ("and what colours?", "how much is it?", "那个多少钱"):
 * it is read together with the customer's previous question.
 */
const followUp = {
  en: /^\s*(and|also|what about|how about|but)\b|\b(it|its|it's|they|them|this one|that one)\b/i,
  "zh-CN": /^\s*(那|还有|另外|那么)|它|这个|那个|这款|那款/u,
};

export function isFollowUp(text: string, lang: Lang): boolean {
  return followUp[lang].test(text);
}
