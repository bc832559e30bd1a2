import type { Lang } from "../../protocol/concierge.ts";
import type { Answer, Answerer, AnswerRequest } from "../answerer.ts";
import { answerExcerpt } from "./answer-excerpt.ts";
import { Bm25Index, type FieldTerms, fieldTerms } from "./bm25-index.ts";
import { asksForHuman, withoutHumanRequest } from "./human-request.ts";
import type { KnowledgeArticle } from "./knowledge-article.ts";
import { detectLang } from "./language.ts";
import { markdownToText } from "./markdown-text.ts";
import { intentWords, isFollowUp } from "./question-intent.ts";
import { isFuzzyTerm, textTerms } from "./text-terms.ts";

/** Title words say what an article is about; tags are its synonyms; the body is the detail. */
const fields = [
  { name: "title", weight: 3 },
  { name: "tags", weight: 2.5 },
  { name: "body", weight: 1 },
];
/**
 * A letter trigram or a single Han character is a hint, for misspelt questions and for Chinese
 * words segmented differently in the question and the article (月费 vs 免月费). Han characters
 * carry more meaning than trigrams. Hints count half as much again in the confidence: sharing
 * letters is weaker evidence of an answer than sharing words ("weather" and "leather").
 */
const fuzzyWeight = { trigram: 0.25, han: 0.4 };
const fuzzyCoverage = 0.5;
/** The articles' words for what a question asks ("how much" → price): they are not the customer's words. */
const intentWeight = 0.3;
/** An earlier question of the same conversation helps with "and how much is it?". */
const historyWeight = 0.5;

/** Below this the concierge still answers but says it is unsure, and offers a person. */
export const offerHumanBelow = 0.35;
/** Below this no article is close enough to answer from at all. */
export const answerNothingBelow = 0.1;

export interface ArticleHit {
  article: KnowledgeArticle;
  score: number;
}

/** What retrieval found for a question: the embedded answer, and the articles behind it. */
export interface Retrieval {
  answer: Answer;
  /** The best articles in the answer's language, best first (the LLM adapter's context). */
  hits: ArticleHit[];
  humanRequested: boolean;
}

interface LangIndex {
  articles: KnowledgeArticle[];
  index: Bm25Index;
}

/**
 * The embedded concierge: answers from one hall's knowledge base by BM25F retrieval, in the
 * question's language, with the article's most relevant sentences as the answer.
 *
 * Confidence (0…1) = coverage × (0.6 + 0.4 × margin): coverage is the share of the question's
 * information (its terms weighted by idf; a word the knowledge base does not have counts at the
 * highest idf) that the best article contains; margin is how far the best article's score is
 * ahead of the second's, (s₁ − s₂) / s₁. So a question whose every word is in one article, and
 * in no other as well, is near 1; one that shares a rare word or two with several articles, or
 * that is mostly words the hall never uses, is low. BM25 scores themselves grow with question
 * length and knowledge-base size, so they cannot be compared against a fixed threshold.
 */
export class RetrievalAnswerer implements Answerer {
  private byLang = new Map<Lang, LangIndex>();
  /** Each article's terms by its text, from the last build (see `rebuild`). */
  private termsByText = new Map<string, FieldTerms[]>();

  static fromArticles(articles: readonly KnowledgeArticle[]): RetrievalAnswerer {
    const answerer = new RetrievalAnswerer();
    answerer.rebuild(articles);
    return answerer;
  }

  /**
   * Replaces the index (an admin edited the knowledge base). Segmenting and counting terms is
   * about half of a build, so the counted terms of articles whose text has not changed since the
   * last build are reused: after one edit only that article is segmented again, and the rest is
   * the index's construction (tens of ms for a demo hall, a few hundred for 2,000 articles).
   */
  rebuild(articles: readonly KnowledgeArticle[]): void {
    const byLang = new Map<Lang, LangIndex>();
    const terms = new Map<string, FieldTerms[]>();
    for (const lang of ["en", "zh-CN"] as const) {
      // Bodies are Markdown in storage; answers are read aloud, so the index and excerpts see plain text.
      const mine = articles.filter((a) => a.lang === lang).map((a) => ({ ...a, body: markdownToText(a.body) }));
      const docs = mine.map((a) => {
        const key = [lang, a.title, a.tags.join("\u0001"), a.body].join("\u0000");
        const known = this.termsByText.get(key) ?? [a.title, a.tags.join(" , "), a.body].map((text) => fieldTerms(textTerms(text, lang)));
        terms.set(key, known);
        return known;
      });
      byLang.set(lang, { articles: mine, index: new Bm25Index(fields, docs) });
    }
    this.byLang = byLang;
    this.termsByText = terms;
  }

  get articleCount(): number {
    let n = 0;
    for (const { articles } of this.byLang.values()) n += articles.length;
    return n;
  }

  async answer(request: AnswerRequest): Promise<Answer> {
    return this.retrieve(request).answer;
  }

  retrieve(request: AnswerRequest, limit = 3): Retrieval {
    const lang = detectLang(request.text, request.lang);
    const humanRequested = asksForHuman(request.text);
    // No article in the question's language (a hall that only wrote English): answer from the other.
    const own = this.byLang.get(lang);
    const searchLang: Lang = own && own.articles.length > 0 ? lang : lang === "en" ? "zh-CN" : "en";
    const target = this.byLang.get(searchLang);
    if (!target || target.articles.length === 0) return { answer: nothingFound(lang, humanRequested), hits: [], humanRequested };

    // "Can I talk to a person about my warranty?" is still a warranty question; "转人工" is not a question.
    const question = humanRequested ? withoutHumanRequest(request.text) : request.text;
    let query = queryTerms(question, searchLang, 1);
    for (const term of textTerms(intentWords(question, searchLang), searchLang)) if (!query.has(term)) query.set(term, { rank: intentWeight, coverage: 0 });
    let found = target.index.search(query, limit + 1);
    let confidence = confidenceOf(found);
    // A follow-up ("and what colours?"), or a question that found little on its own, is read
    // with the customer's previous question at half weight.
    const previous = request.history?.filter((line) => line.role === "customer").at(-1);
    const followUp = isFollowUp(question, lang);
    if (previous && (followUp || confidence < offerHumanBelow)) {
      const withContext = new Map(query);
      for (const [term, weight] of queryTerms(previous.text, searchLang, historyWeight)) if (!withContext.has(term)) withContext.set(term, weight);
      const again = target.index.search(withContext, limit + 1);
      if (followUp || confidenceOf(again) > confidence) [query, found, confidence] = [withContext, again, confidenceOf(again)];
    }

    const hits = found.slice(0, limit).flatMap(({ doc, score }) => {
      const article = target.articles[doc];
      return article ? [{ article, score }] : [];
    });
    const best = hits[0]?.article;
    if (!best || confidence < (humanRequested ? offerHumanBelow : answerNothingBelow)) {
      return { answer: humanRequested ? handover(lang) : nothingFound(lang, false), hits: [], humanRequested };
    }
    // The intent words ("price") pick the sentence at full weight: that is what they are for.
    const sentenceQuery = new Map([...query].map(([term, { rank, coverage }]) => [term, coverage === 0 ? 1 : rank]));
    const excerpt = answerExcerpt(best, searchLang, sentenceQuery, (term) => target.index.idf(term));
    const unsure = confidence < offerHumanBelow;
    const text = unsure ? `${phrases[lang].unsure}${excerpt}` : excerpt;
    return {
      answer: {
        text,
        lang,
        confidence: round(confidence),
        sources: [{ id: best.id, title: best.title }],
        offerHuman: unsure || humanRequested,
      },
      hits,
      humanRequested,
    };
  }
}

type Query = Map<string, { rank: number; coverage: number }>;

function queryTerms(text: string, lang: Lang, weight: number): Query {
  const query: Query = new Map();
  for (const term of textTerms(text, lang)) {
    if (!isFuzzyTerm(term)) query.set(term, { rank: weight, coverage: weight });
    else {
      const rank = weight * (/\p{Script=Han}/u.test(term) ? fuzzyWeight.han : fuzzyWeight.trigram);
      query.set(term, { rank, coverage: rank * fuzzyCoverage });
    }
  }
  return query;
}

function confidenceOf(found: readonly { score: number; coverage: number }[]): number {
  const [first, second] = found;
  if (!first || first.score <= 0) return 0;
  const margin = second ? (first.score - second.score) / first.score : 1;
  return Math.min(1, first.coverage * (0.6 + 0.4 * margin));
}

const round = (x: number) => Math.round(x * 1000) / 1000;

const phrases = {
  en: {
    unsure: "I'm not completely sure, but this may help: ",
    nothing: "Sorry, I couldn't find that in our information. Would you like me to ask a member of staff to help you?",
    handover: "Of course — I'll ask a member of staff to help you. One moment, please.",
  },
  "zh-CN": {
    unsure: "我不太确定，以下信息也许对您有帮助：",
    nothing: "抱歉，我没有找到相关信息。需要我为您联系工作人员吗？",
    handover: "好的，我这就为您联系工作人员，请稍候。",
  },
} as const satisfies Record<Lang, Record<string, string>>;

function nothingFound(lang: Lang, humanRequested: boolean): Answer {
  if (humanRequested) return handover(lang);
  return { text: phrases[lang].nothing, lang, confidence: 0, sources: [], offerHuman: true };
}

function handover(lang: Lang): Answer {
  return { text: phrases[lang].handover, lang, confidence: 0, sources: [], offerHuman: true };
}
