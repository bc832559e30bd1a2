import type { Lang } from "../../protocol/concierge.ts";
import { isFuzzyTerm, textTerms } from "./text-terms.ts";

/** A spoken answer is best short: the one or two sentences of the article that answer the question. */
const maxSentences = 2;
const maxChars = 320;

/**
 * The article sentences that best answer the question, in the article's order: each sentence
 * is scored by the question terms it contains (weighted by how rare they are in the knowledge
 * base), leaving out the words of the article's title — every sentence is about those — and the
 * best two are kept (one if two would be long). An excerpt that skips the article's opening is
 * introduced by its title ("Nova Phone 12: Prices: …"). When no sentence has a question word
 * (the article was found by a fuzzy match), the opening sentences, which introduce the article.
 */
export function answerExcerpt(
  article: { title: string; body: string },
  lang: Lang,
  question: ReadonlyMap<string, number>,
  idf: (term: string) => number,
): string {
  const sentences = splitSentences(article.body, lang);
  if (sentences.length <= 1) return article.body.trim();
  const titleTerms = new Set(textTerms(article.title, lang));
  const scored = sentences.map((text, index) => {
    let score = 0;
    for (const term of new Set(textTerms(text, lang))) {
      const weight = question.get(term);
      if (weight !== undefined && !isFuzzyTerm(term) && !titleTerms.has(term)) score += weight * idf(term);
    }
    return { text, index, score };
  });
  const best = [...scored].sort((x, y) => y.score - x.score || x.index - y.index);
  const chosen = best.slice(0, maxSentences).filter((s) => s.score > 0);
  const first = chosen.sort((x, y) => x.index - y.index)[0];
  if (!first) return pick(sentences.slice(0, maxSentences), lang);
  const excerpt = pick(
    chosen.map((s) => s.text),
    lang,
  );
  if (first.index === 0) return excerpt;
  return lang === "zh-CN" ? `${article.title}：${excerpt}` : `${article.title}: ${excerpt}`;
}

function pick(sentences: string[], lang: Lang): string {
  const joiner = lang === "zh-CN" ? "" : " ";
  const all = sentences.join(joiner);
  return all.length <= maxChars || sentences.length === 1 ? all : (sentences[0] ?? "");
}

export function splitSentences(text: string, lang: Lang): string[] {
  // A Chinese sentence ends at 。！？; an English one at . ! ? followed by a space and a capital
  // or a number ("…£1,049. It comes…"), so "4.1% AER" and "e.g." stay whole.
  const raw = lang === "zh-CN" ? (text.match(/[^。！？]+[。！？]?/gu) ?? []) : text.split(/(?<=[.!?])\s+(?=[A-Z0-9£"(])/);
  return raw.map((s) => s.trim()).filter(Boolean);
}
