import type { Lang } from "../../protocol/concierge.ts";
import { Bm25Index, fieldTerms } from "../../concierge/answering/bm25-index.ts";
import type { KnowledgeArticle } from "../../concierge/answering/knowledge-article.ts";
import { markdownToText } from "../../concierge/answering/markdown-text.ts";
import { isFuzzyTerm, textTerms } from "../../concierge/answering/text-terms.ts";
import { isFillerTerm } from "./call-fillers.ts";

export interface ArticleSuggestion {
  id: string;
  title: string;
  /** BM25F score: higher is better, comparable within one list only. */
  score: number;
}

/** The same fields and weights as the concierge's retrieval (`retrieval-answerer.ts`), so articles rank alike. */
const fields = [
  { name: "title", weight: 3 },
  { name: "tags", weight: 2.5 },
  { name: "body", weight: 1 },
];
/** Han characters still count a little: jieba may split a word differently in speech and article (碎屏, 屏幕碎了). */
const HAN_HINT = 0.4;
/**
 * What an article must share with the utterance to be suggested: exact words whose IDF adds up
 * to this share of the highest IDF there is (a word of one article). One rare word, or two or
 * three middling ones, is enough; a word half the articles use is not.
 */
const EVIDENCE_SHARE = 0.45;
/** Weaker than this share of the best article's score, an article is noise beside it. */
const RELATIVE_FLOOR = 0.35;

interface LangIndex {
  articles: KnowledgeArticle[];
  index: Bm25Index;
  /** Each article's exact terms, to see which of the utterance's words it has. */
  terms: Set<string>[];
}

/** A hall's articles indexed for suggestions, per language; build it again when the knowledge base changes. */
export class SuggestionIndex {
  readonly byLang = new Map<Lang, LangIndex>();

  constructor(articles: readonly KnowledgeArticle[]) {
    for (const lang of ["en", "zh-CN"] as const) {
      const mine = articles.filter((a) => a.lang === lang);
      const docs = mine.map((a) => [a.title, a.tags.join(" , "), markdownToText(a.body)].map((text) => fieldTerms(textTerms(text, lang))));
      this.byLang.set(lang, {
        articles: mine,
        index: new Bm25Index(fields, docs),
        terms: docs.map((doc) => new Set(doc.flatMap((f) => [...f.counts.keys()]).filter((t) => !isFuzzyTerm(t)))),
      });
    }
  }
}

/**
 * The knowledge articles that best match what the customer just said, best first, at most `n`:
 * for the agent to open while they talk. Ranked by the concierge's BM25F; the utterance's call
 * fillers ("good morning", "sorry", 好的) are left out of the query, and an article is suggested
 * only with enough evidence (`EVIDENCE_SHARE`) and close enough to the best (`RELATIVE_FLOOR`),
 * so chit-chat suggests nothing. Articles in the utterance's language; in the other one if the
 * hall has none.
 */
export function suggestArticles(index: SuggestionIndex, text: string, lang: Lang, n = 3): ArticleSuggestion[] {
  const own = index.byLang.get(lang);
  const searchLang: Lang = own && own.articles.length > 0 ? lang : lang === "en" ? "zh-CN" : "en";
  const target = index.byLang.get(searchLang);
  if (!target || target.articles.length === 0) return [];

  const query = new Map<string, { rank: number; coverage: number }>();
  for (const term of textTerms(text, searchLang)) {
    if (!isFuzzyTerm(term)) {
      if (!isFillerTerm(term)) query.set(term, { rank: 1, coverage: 1 });
    } else if (/\p{Script=Han}/u.test(term) && !isFillerTerm(term.slice(1))) {
      query.set(term, { rank: HAN_HINT, coverage: 0 });
    }
  }
  const exact = [...query.keys()].filter((t) => !isFuzzyTerm(t));
  if (exact.length === 0) return [];

  const floor = EVIDENCE_SHARE * target.index.idf("\u0000 no such term");
  const found = target.index.search(query, Math.max(n * 3, 10));
  const best = found[0]?.score ?? 0;
  const out: ArticleSuggestion[] = [];
  for (const { doc, score } of found) {
    if (out.length >= n || score < RELATIVE_FLOOR * best) break;
    const evidence = exact.filter((t) => target.terms[doc]!.has(t)).reduce((sum, t) => sum + target.index.idf(t), 0);
    const article = target.articles[doc]!;
    if (evidence >= floor) out.push({ id: article.id, title: article.title, score: Math.round(score * 1000) / 1000 });
  }
  return out;
}
