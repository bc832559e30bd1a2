import type { Lang } from "../../protocol/concierge.ts";
import { stemEnglish } from "../../concierge/answering/english-stemmer.ts";
import { isFuzzyTerm, textTerms } from "../../concierge/answering/text-terms.ts";

/** A hall's wrap-up code, as `service/desk-config.ts` lists them. */
export interface Disposition {
  code: string;
  label: { en: string; "zh-CN": string };
}

/**
 * Outcomes said in other words: a disposition that names one of these words also matches the
 * others (a "fault" code fits a call about a cracked screen; a "refund" code, 退款 and "money
 * back"). English words are compared by stem, phrases as written, Chinese words as substrings.
 */
const concepts: readonly (readonly string[])[] = [
  ["refund", "refunded", "money back", "reimburse", "reverse", "reversal", "chargeback", "退款", "退钱", "退回", "返还"],
  ["fault", "faulty", "broken", "crack", "cracked", "damaged", "defect", "defective", "repair", "not working", "stopped working", "故障", "坏了", "摔碎", "碎屏", "屏幕碎", "损坏", "维修", "开不了机"],
  ["complaint", "complain", "unacceptable", "投诉", "不满"],
  ["appointment", "book", "booking", "schedule", "visit", "预约", "上门"],
  ["sale", "buy", "purchase", "order placed", "下单", "购买"],
  ["replace", "replacement", "exchange", "swap", "更换", "换新", "换货"],
  ["cancel", "cancellation", "取消"],
  ["fraud", "scam", "unauthorised", "unauthorized", "stolen", "盗刷", "诈骗", "被盗"],
  ["delivery", "shipping", "courier", "parcel", "快递", "配送", "物流"],
  ["follow", "call back", "callback", "get back to you", "跟进", "回电", "回访"],
];

/** Words of a label that say nothing about which outcome it is ("Fault reported", "需要跟进"). */
const generic = new Set(["question", "customer", "need", "report", "log", "place", "respond", "did", "问题", "客户", "需要", "登记", "已"]);

/** A word of the disposition's own code (or one meaning the same) weighs this much; a label word 1. */
const CODE_WEIGHT = 2;
/** Below this score nothing fits: one passing label word is not enough. */
const MIN_SCORE = 2;
/** Repeating a word makes the case, up to a point. */
const MAX_REPEATS = 3;

/**
 * The disposition that fits a call, by overlap between what was said and each disposition's
 * code and label (in both languages), outcomes in other words counting (`concepts`); undefined
 * when nothing fits. Ties go to the one listed first (a hall lists its codes in its own order).
 */
export function suggestDisposition(said: ReadonlyArray<{ text: string; lang: Lang }>, dispositions: readonly Disposition[]): string | undefined {
  const stems = new Map<string, number>();
  let lower = "";
  for (const { text, lang } of said) {
    lower += ` ${text.toLowerCase()} `;
    for (const term of textTerms(text, lang)) if (!isFuzzyTerm(term) && !/\p{Script=Han}/u.test(term)) stems.set(term, (stems.get(term) ?? 0) + 1);
  }
  const count = (word: string): number => {
    if (/\p{Script=Han}/u.test(word)) return lower.split(word).length - 1;
    if (word.includes(" ")) return lower.split(word).length - 1;
    return stems.get(stemEnglish(word)) ?? 0;
  };

  let best: { code: string; score: number } | undefined;
  for (const disposition of dispositions) {
    const weights = new Map<string, number>();
    const own = [...disposition.code.toLowerCase().split(/[-_\s]+/), ...wordsOf(disposition.label.en, "en"), ...wordsOf(disposition.label["zh-CN"], "zh-CN")];
    for (const word of own) {
      if (generic.has(word)) continue;
      const isCode = disposition.code.toLowerCase().split(/[-_\s]+/).includes(word);
      const group = concepts.find((c) => c.some((w) => w === word || (!/\p{Script=Han}/u.test(w) && !w.includes(" ") && stemEnglish(w) === word)));
      weights.set(word, Math.max(weights.get(word) ?? 0, isCode || group ? CODE_WEIGHT : 1));
      for (const w of group ?? []) weights.set(w, CODE_WEIGHT);
    }
    let score = 0;
    for (const [word, weight] of weights) score += Math.min(MAX_REPEATS, count(word)) * weight;
    if (score >= MIN_SCORE && (!best || score > best.score)) best = { code: disposition.code, score };
  }
  return best?.code;
}

/** A label's words: English stemmed, Chinese as jieba cuts them (已退款 → 已, 退款). */
function wordsOf(label: string, lang: Lang): string[] {
  return textTerms(label, lang).filter((t) => !isFuzzyTerm(t));
}
