import { TfIdf } from "@node-rs/jieba";
import { idf as jiebaIdfFile } from "@node-rs/jieba/dict.js";
import type { Lang } from "../../protocol/concierge.ts";
import { stemEnglish } from "../../concierge/answering/english-stemmer.ts";
import type { KnowledgeArticle } from "../../concierge/answering/knowledge-article.ts";
import { markdownToText } from "../../concierge/answering/markdown-text.ts";
import { chineseStopWords, englishStopWords } from "../../concierge/answering/stop-words.ts";
import { jieba } from "../../concierge/answering/text-terms.ts";
import { isFiller } from "./call-fillers.ts";
import { withoutMasks } from "./redaction.ts";

export interface Keyword {
  /** The word as people said it ("charged", 屏幕), the most frequent form of its stem. */
  term: string;
  /** Relative to the best keyword of the same list (1). */
  weight: number;
}

/** One candidate word: `key` is what occurrences are counted under (an English stem, a Chinese word). */
interface Candidate {
  key: string;
  surface: string;
}

/**
 * jieba's own IDF (from a general Chinese corpus) says 今天 and 时候 are common everywhere; the
 * hall's knowledge base says which words are common in this hall (手机 in a phone shop). A
 * Chinese word's IDF is the mean of both, each scaled to 0…1; an English word has only the
 * knowledge base's (jieba knows no English).
 */
const JIEBA_WEIGHT = 0.5;
/** Highest IDF in jieba's table (a word seen once), and what it gives a word it does not know (its median). */
const JIEBA_MAX_IDF = 13.9;
const JIEBA_UNKNOWN_IDF = 11.95;

/**
 * Keywords of what is said in a hall's calls, by TF-IDF against the hall's knowledge base as the
 * background corpus: a word the customer uses that few articles use (cracked, 扣款) outranks
 * one every article has (Nova, 手机). Chinese is segmented by jieba (precise mode: whole words,
 * not the search mode's overlapping pieces); English words are matched by their stem
 * (charged, charge, charging count together) and returned as said. Stop words, call fillers
 * (`call-fillers.ts`), numbers, codes and masks are no keywords.
 */
export class KeywordExtractor {
  private readonly df = new Map<Lang, { docs: number; counts: Map<string, number> }>();

  constructor(articles: readonly KnowledgeArticle[]) {
    for (const lang of ["en", "zh-CN"] as const) {
      const counts = new Map<string, number>();
      const mine = articles.filter((a) => a.lang === lang);
      for (const article of mine) {
        const keys = new Set(candidates(`${article.title}\n${article.tags.join(", ")}\n${markdownToText(article.body)}`, lang).map((c) => c.key));
        for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      this.df.set(lang, { docs: mine.length, counts });
    }
  }

  /** The `n` best keywords of one text (an utterance, a chat line). */
  keywords(text: string, lang: Lang, n = 5): Keyword[] {
    const counts = new Map<string, { tf: number; surfaces: Map<string, number> }>();
    for (const { key, surface } of this.candidates(text, lang)) {
      const entry = counts.get(key) ?? { tf: 0, surfaces: new Map() };
      entry.tf++;
      entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + 1);
      counts.set(key, entry);
    }
    return ranked(
      [...counts].map(([key, { tf, surfaces }]) => ({ surface: mostUsed(surfaces), score: tf * this.idf(key, lang) })),
      n,
    );
  }

  /** A running keyword list for one call. */
  session(): SessionKeywords {
    return new SessionKeywords(this);
  }

  /** 0…1: how rare `key` is in this hall (and, for Chinese, in Chinese at large). */
  idf(key: string, lang: Lang): number {
    const { docs, counts } = this.df.get(lang)!;
    const df = counts.get(key) ?? 0;
    const kb = docs === 0 ? 1 : Math.log(1 + (docs - df + 0.5) / (df + 0.5)) / Math.log(1 + (docs + 0.5) / 0.5);
    if (!/\p{Script=Han}/u.test(key)) return kb;
    return (1 - JIEBA_WEIGHT) * kb + JIEBA_WEIGHT * Math.min(1, (jiebaIdf(key) ?? JIEBA_UNKNOWN_IDF) / JIEBA_MAX_IDF);
  }

  /**
   * The keys and surface words of what was said. jieba's HMM guesses words its dictionary lacks:
   * right for 碎屏 (which the knowledge base has), wrong for 太气 (太气人了) or 元会 (…元会在…), so
   * a Chinese word that neither jieba's dictionary nor the knowledge base knows is left out.
   */
  candidates(text: string, lang: Lang): Candidate[] {
    const { counts } = this.df.get(lang)!;
    return candidates(text, lang).filter(({ key }) => !/\p{Script=Han}/u.test(key) || counts.has(key) || jiebaIdf(key) !== undefined);
  }

}

/**
 * The keywords of a whole call so far (the console's keyword chips): every utterance's words
 * counted together, ranked by TF-IDF with a damped term frequency (log(1 + tf)), so that what
 * the call keeps coming back to rises without one repeated word taking over. `weight` lets a
 * caller count the customer's words more than the agent's script.
 */
export class SessionKeywords {
  private readonly terms = new Map<string, { tf: number; lang: Lang; surfaces: Map<string, number> }>();

  private readonly extractor: KeywordExtractor;

  constructor(extractor: KeywordExtractor) {
    this.extractor = extractor;
  }

  add(text: string, lang: Lang, weight = 1): void {
    for (const { key, surface } of this.extractor.candidates(text, lang)) {
      const entry = this.terms.get(key) ?? { tf: 0, lang, surfaces: new Map() };
      entry.tf += weight;
      entry.surfaces.set(surface, (entry.surfaces.get(surface) ?? 0) + weight);
      this.terms.set(key, entry);
    }
  }

  top(n = 8): Keyword[] {
    return ranked(
      [...this.terms].map(([key, { tf, lang, surfaces }]) => ({ surface: mostUsed(surfaces), score: this.score(tf, key, lang) })),
      n,
    );
  }

  /** How much of what this call is about a text says: the sum of its distinct words' scores in the call. */
  informationOf(text: string, lang: Lang): number {
    let sum = 0;
    for (const key of new Set(this.extractor.candidates(text, lang).map((c) => c.key))) {
      const entry = this.terms.get(key);
      if (entry) sum += this.score(entry.tf, key, entry.lang);
    }
    return sum;
  }

  private score(tf: number, key: string, lang: Lang): number {
    return Math.log1p(tf) * this.extractor.idf(key, lang);
  }
}

function ranked(scored: Array<{ surface: string; score: number }>, n: number): Keyword[] {
  // Stable sort: equal scores keep the order the words were first said in.
  const best = scored.filter((s) => s.score > 0).sort((a, b) => b.score - a.score);
  const top = best[0]?.score ?? 1;
  return best.slice(0, n).map((s) => ({ term: s.surface, weight: Math.round((s.score / top) * 1000) / 1000 }));
}

function mostUsed(surfaces: Map<string, number>): string {
  let best = "";
  let count = -1;
  for (const [surface, n] of surfaces) if (n > count) [best, count] = [surface, n];
  return best;
}

/** 一千, 二百九十九, 第二笔, 四位, 五个: amounts and counts, not topics. */
const chineseNumeral = /^[第零〇一二两三四五六七八九十百千万亿几半]+$|^[第零〇一二两三四五六七八九十几半].{0,2}$/u;

function candidates(text: string, lang: Lang): Candidate[] {
  // Masks, and words with digits in them (NV-10423, 5G, 128GB): entities or specs, not topics.
  const clean = withoutMasks(text).replace(/[A-Za-z0-9０-９-]*[0-9０-９][A-Za-z0-9０-９-]*/g, " ");
  const out: Candidate[] = [];
  if (lang === "zh-CN") {
    for (const token of jieba().cut(clean, true)) {
      if (!/\p{Script=Han}/u.test(token)) englishCandidates(token, out, true);
      else if ([...token].length >= 2 && !chineseStopWords.has(token) && !isFiller(token) && !chineseNumeral.test(token)) out.push({ key: token, surface: token });
    }
  } else {
    englishCandidates(clean, out);
  }
  return out;
}

/** `asWritten`: a Latin word inside Chinese text keeps its case (a product name, Nova). */
function englishCandidates(text: string, into: Candidate[], asWritten = false): void {
  for (const m of text.matchAll(/[A-Za-z]+(?:['’][A-Za-z]+)?/g)) {
    const word = m[0].replace("’", "'");
    const lower = word.toLowerCase();
    const bare = lower.replace(/'[a-z]+$/, "");
    const acronym = /^[A-Z]{2,4}$/.test(word);
    if (englishStopWords.has(lower) || englishStopWords.has(bare) || isFiller(lower) || lower.endsWith("n't")) continue;
    if (bare.length < 3 && !acronym) continue;
    // A capital inside a sentence is a name (Nova, Meridian): keep it; elsewhere the word is lower-case.
    const before = text.slice(0, m.index).trimEnd();
    const name = /^[A-Z][a-z]/.test(word) && before !== "" && !/[.!?]$/.test(before);
    into.push({ key: stemEnglish(bare), surface: acronym || name || asWritten ? word.replace(/'[A-Za-z]+$/, "") : bare });
  }
}

let tfidf: TfIdf | undefined;
const jiebaIdfs = new Map<string, number | undefined>();

/**
 * jieba's IDF of one word, asked of its own TF-IDF extractor: a text of just that word has it
 * as its only keyword, weighted by its IDF (its table, ~6 MB, loaded once in native code, not
 * parsed here). Undefined for a word jieba does not know as one (it splits or filters it).
 */
function jiebaIdf(word: string): number | undefined {
  if (!jiebaIdfs.has(word)) {
    tfidf ??= TfIdf.withDict(jiebaIdfFile);
    const [only] = tfidf.extractKeywords(jieba(), word, 1);
    jiebaIdfs.set(word, only && only.keyword === word ? only.weight : undefined);
  }
  return jiebaIdfs.get(word);
}
