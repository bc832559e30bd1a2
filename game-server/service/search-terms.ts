import { isFuzzyTerm, textTerms } from "../concierge/answering/text-terms.ts";

/**
 * The words a ticket is found by, and a search is made of, the same way: Chinese segmented by
 * jieba (search mode: 银行卡 gives 银行 and 银行卡), Latin words stemmed (refunds → refund),
 * stop words and the retrieval's fuzzy terms left out. A ticket stores them space-delimited and
 * a search matches whole terms, so the same code serves SQLite and PostgreSQL without an
 * extension that knows Chinese.
 */
export function searchTerms(text: string): string[] {
  return [...new Set(textTerms(text, "zh-CN").filter((t) => !isFuzzyTerm(t) && !/\s/.test(t)))];
}
