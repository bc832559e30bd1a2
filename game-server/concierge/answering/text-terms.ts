import { Jieba } from "@node-rs/jieba";
import { dict } from "@node-rs/jieba/dict.js";
import type { Lang } from "../../protocol/concierge.ts";
import { stemEnglish } from "./english-stemmer.ts";
import { chineseStopWords, englishStopWords } from "./stop-words.ts";

/**
 * Text → index terms, the same way for articles and questions (they must meet on the same keys).
 *
 * Exact terms: English words lower-cased, stop words dropped, stemmed; Chinese segmented with
 * jieba in search mode (which also yields the shorter words inside a long one: 银行卡 → 银行,
 * 银行卡), stop words dropped. Latin words inside Chinese text ("Nova Phone 12") are treated as
 * English, so product names match in both languages.
 *
 * Fuzzy terms, prefixed with `~`, let a misspelt question still land: letter trigrams of
 * English words of five letters or more ("warrenty" shares war, arr, nty with "warranty") and
 * single Han characters (保休 still shares 保 with 保修). The answerer weighs them well below
 * exact terms.
 */
export function textTerms(text: string, lang: Lang): string[] {
  const terms: string[] = [];
  if (lang === "zh-CN") {
    for (const token of jieba().cutForSearch(text, true)) {
      if (!/\p{Script=Han}/u.test(token)) englishTerms(token, terms);
      else if (!chineseStopWords.has(token)) terms.push(token);
    }
    for (const char of text.match(/\p{Script=Han}/gu) ?? []) if (!chineseStopWords.has(char)) terms.push(`~${char}`);
  } else {
    englishTerms(text, terms);
  }
  return terms;
}

export const isFuzzyTerm = (term: string): boolean => term.startsWith("~");

function englishTerms(text: string, into: string[]): void {
  for (const word of text.toLowerCase().match(/[a-z0-9]+(?:'[a-z]+)?/g) ?? []) {
    if (englishStopWords.has(word)) continue;
    const bare = word.replace(/'[a-z]+$/, "");
    if (bare.length < 2 && !/\d/.test(bare)) continue;
    into.push(stemEnglish(bare));
    if (bare.length >= 5 && !/\d/.test(bare)) for (let i = 0; i + 3 <= bare.length; i++) into.push(`~${bare.slice(i, i + 3)}`);
  }
}

let instance: Jieba | undefined;
/** Loading the dictionary takes ~150 ms: once per process, on first use (live assist's keywords share it). */
export function jieba(): Jieba {
  instance ??= Jieba.withDict(dict);
  return instance;
}
