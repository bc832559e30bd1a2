import { chineseNumber, englishNumber, englishNumberWords } from "./spoken-numbers.ts";

/** A sum of money said in a call: `value` is "<amount> <ISO currency>" ("1299 CNY", "49.99 USD"). */
export interface MoneyMention {
  value: string;
  start: number;
  end: number;
}

const bySymbol: Record<string, string> = { "¥": "CNY", "￥": "CNY", $: "USD", "£": "GBP", "€": "EUR" };
const byWord: Array<[RegExp, string]> = [
  [/^(?:美元|美金|dollars?|bucks|usd)$/iu, "USD"],
  [/^(?:英镑|pounds?|quid|gbp)$/iu, "GBP"],
  [/^(?:欧元|euros?|eur)$/iu, "EUR"],
  [/^(?:港币|港元|hkd)$/iu, "HKD"],
  [/^(?:元|块钱|块|人民币|yuan|rmb|cny)$/iu, "CNY"],
];
const currencyOf = (word: string) => byWord.find(([pattern]) => pattern.test(word))?.[1];

/** Longer words first: 美元 before 元, 块钱 before 块. */
const unit = "美元|美金|英镑|欧元|港币|港元|人民币|块钱|块|元|dollars?|bucks|pounds?|quid|euros?|yuan|rmb|usd|gbp|eur|cny|hkd";
const arabic = "(\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.(\\d{1,2}))?";

/**
 * Sums of money: "¥1,299", "$49.99", "£29", "RMB 500", "1299元", "1.5万元", "49 dollars",
 * "forty nine dollars (and ninety nine cents)", 三百元, 一千二百九十九块.
 */
export function findMoney(text: string): MoneyMention[] {
  const found: MoneyMention[] = [];
  const add = (m: RegExpMatchArray, amount: number | undefined, currency: string | undefined) => {
    const start = m.index!;
    const end = start + m[0].length;
    if (amount === undefined || !Number.isFinite(amount) || !currency) return;
    if (found.every((f) => end <= f.start || start >= f.end)) found.push({ value: `${Math.round(amount * 100) / 100} ${currency}`, start, end });
  };
  const amountOf = (whole: string, cents: string | undefined) => Number(`${whole.replaceAll(",", "")}.${cents ?? "0"}`);

  for (const m of text.matchAll(new RegExp(`(?:US|HK)?([¥￥$£€])\\s?${arabic}`, "gu"))) {
    add(m, amountOf(m[2]!, m[3]), m[0].startsWith("HK") ? "HKD" : bySymbol[m[1]!]);
  }
  for (const m of text.matchAll(new RegExp(`\\b(RMB|CNY|USD|GBP|EUR|HKD)\\s?${arabic}`, "giu"))) add(m, amountOf(m[2]!, m[3]), currencyOf(m[1]!));
  for (const m of text.matchAll(new RegExp(`(?<![\\d.,])${arabic}\\s?(万)?\\s?(${unit})(?![A-Za-z])`, "giu"))) {
    add(m, amountOf(m[1]!, m[2]) * (m[3] ? 10_000 : 1), currencyOf(m[4]!));
  }
  for (const m of text.matchAll(new RegExp(`([零〇一二两三四五六七八九十百千万亿]+)(${unit})`, "gu"))) add(m, chineseNumber(m[1]!), currencyOf(m[2]!));
  const word = `(?:${englishNumberWords.join("|")})`;
  // A number does not start with "and" ("a phone and forty nine dollars").
  const first = `(?:${englishNumberWords.filter((w) => w !== "and").join("|")})`;
  for (const m of text.matchAll(new RegExp(`\\b(${first}(?:[\\s-]+${word})*)\\s+(dollars?|bucks|pounds?|quid|euros?|yuan)(?:\\s+and\\s+(${word}(?:[\\s-]+${word})*)\\s+(?:cents?|pence|p))?\\b`, "gi"))) {
    const whole = englishNumber(m[1]!);
    const cents = m[3] ? englishNumber(m[3]) : 0;
    add(m, whole === undefined || cents === undefined ? undefined : whole + cents / 100, currencyOf(m[2]!));
  }
  return found.sort((a, b) => a.start - b.start);
}
