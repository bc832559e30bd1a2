import type { KnowledgeArticle } from "../concierge/answering/knowledge-article.ts";
import { markdownToText } from "../concierge/answering/markdown-text.ts";
import type { ArticleSuggestionView, EntityView } from "../protocol/assist.ts";
import type { Lang } from "../protocol/concierge.ts";
import { analyzeUtterance, summarizeCall } from "./analytics/analyze.ts";
import type { Disposition } from "./analytics/disposition-match.ts";
import type { Entity } from "./analytics/entities.ts";
import { KeywordExtractor } from "./analytics/keywords.ts";
import { SuggestionIndex, suggestArticles } from "./analytics/suggestions.ts";
import type { RedactedLine, SessionAnalysis } from "./assist-session.ts";
import { extractFacts, type KbFact } from "./quality/kb-facts.ts";
import type { Utterance } from "./utterance.ts";

const EXCERPT_MAX = 280;
/** The customer's words count double in the call's keywords: the agent's script repeats itself. */
const CUSTOMER_WEIGHT = 2;

/** What a hall's knowledge base gives every session of that hall: keyword background, an article index, key facts. */
export interface HallAnalysis {
  facts: KbFact[];
  forSession(lang: Lang, dispositions: readonly Disposition[]): SessionAnalysis;
}

const entityView = (e: Entity): EntityView => ({ kind: e.kind, text: e.text, value: e.value });

/** The analytics of `analytics/` over one hall's articles, for the sessions of that hall. */
export function hallAnalysis(articles: readonly KnowledgeArticle[]): HallAnalysis {
  const extractor = new KeywordExtractor(articles);
  const index = new SuggestionIndex(articles);
  const byKey = new Map(articles.map((a) => [`${a.lang}/${a.id}`, a]));
  const excerpt = (id: string, lang: Lang) => {
    const article = byKey.get(`${lang}/${id}`) ?? articles.find((a) => a.id === id);
    const text = article ? markdownToText(article.body).replace(/\s+/g, " ").trim() : "";
    return text.length > EXCERPT_MAX ? `${text.slice(0, EXCERPT_MAX - 1).trimEnd()}…` : text;
  };
  return {
    facts: extractFacts(articles),
    forSession(lang, dispositions) {
      const session = extractor.session();
      const today = new Date().toISOString().slice(0, 10);
      return {
        analyze(u: Utterance) {
          const read = analyzeUtterance(u, { keywords: extractor, lang, today });
          if (u.final) session.add(read.redacted, read.lang, u.speaker === "customer" ? CUSTOMER_WEIGHT : 1);
          return { lang: read.lang, redacted: read.redacted, entities: read.entities.map(entityView), sentiment: read.sentiment.score };
        },
        keywords: () => session.top(8).map((k) => k.term),
        suggest(text: string, textLang: Lang): ArticleSuggestionView[] {
          return suggestArticles(index, text, textLang, 3).map((s) => ({ id: s.id, title: s.title, excerpt: excerpt(s.id, textLang), score: Math.round(s.score * 100) / 100 }));
        },
        summarize(lines: readonly RedactedLine[]) {
          const utterances: Utterance[] = lines.map((l, i) => ({ id: `line-${i}`, speaker: l.speaker, text: l.text, startMs: l.startMs, endMs: l.endMs, confidence: 1, final: true, source: l.source }));
          const summary = summarizeCall(utterances, { keywords: extractor, lang, today, dispositions });
          return { summary: summary.summary, keywords: summary.keywords, entities: summary.entities.map(entityView), ...(summary.disposition ? { disposition: summary.disposition } : {}) };
        },
      };
    },
  };
}
