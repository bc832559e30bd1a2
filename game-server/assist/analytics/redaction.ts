import type { Lang } from "../../protocol/concierge.ts";
import { detectLang } from "../../concierge/answering/language.ts";
import { digitView, originalSpan } from "./spoken-numbers.ts";

/**
 * What must not be stored from a call: card numbers, phone numbers, e-mail addresses, Chinese
 * resident ID numbers and other long numbers that identify a person (passports, accounts).
 * Order numbers stay: the agent needs them, and they identify a purchase, not a person.
 */
export type RedactionKind = "card" | "phone" | "email" | "national-id" | "number";

export interface Redacted {
  text: string;
  /** Where each masked span was in the original text, in order, and what replaced it. */
  found: Array<{ kind: RedactionKind; start: number; end: number; mask: string }>;
}

/**
 * The masks. Each keeps what an agent uses to confirm a detail and nothing more: a card's last
 * four digits (as on a receipt), a phone's last four, an address's first letter and domain.
 * They are recognisable again (`maskPattern`), so entities can be read from redacted text.
 */
const labels = {
  en: { phone: "phone", id: "ID", number: "number" },
  "zh-CN": { phone: "电话", id: "身份证号", number: "号码" },
} as const satisfies Record<Lang, Record<string, string>>;

/** Every mask `redact` writes, in either language; the phone's before the card's, which it contains. */
export const maskPattern = /\[(?:phone|电话) •••• [\dXx]{4}\]|•••• \d{4}|\[(?:ID|身份证号|number|号码)\]|[^\s•@]?•••@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/gu;

export function maskKind(mask: string): RedactionKind {
  if (mask.startsWith("[phone") || mask.startsWith("[电话")) return "phone";
  if (mask.includes("@")) return "email";
  if (mask.startsWith("•")) return "card";
  return mask === "[ID]" || mask === "[身份证号]" ? "national-id" : "number";
}

/** The text with its masks taken out (for keywords: "phone" in "[phone •••• 5678]" is not a word the customer said). */
export function withoutMasks(text: string): string {
  return text.replace(maskPattern, " ");
}

/**
 * Masks what must not be stored. Numbers read out digit by digit ("four two four two…",
 * 一三八…) are read as digits first and masked the same way, the whole spoken span replaced.
 * `lang` picks the masks' words (default: the text's own language).
 */
export function redact(text: string, lang: Lang = detectLang(text)): Redacted {
  const view = digitView(text);
  const words = labels[lang];
  const spans: Array<{ kind: RedactionKind; start: number; end: number; mask: string }> = [];
  const free = (start: number, end: number) => spans.every((s) => end <= s.start || start >= s.end);
  const claim = (kind: RedactionKind, start: number, end: number, mask: string) => {
    if (free(start, end)) spans.push({ kind, start, end, mask });
  };
  const s = view.text;

  for (const m of s.matchAll(/[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g)) {
    const at = m[0].indexOf("@");
    claim("email", m.index, m.index + m[0].length, `${m[0][0]}•••${m[0].slice(at)}`);
  }
  for (const m of s.matchAll(/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g)) {
    if (residentIdValid(m[0])) claim("national-id", m.index, m.index + m[0].length, `[${words.id}]`);
  }
  for (const run of digitGroups(s)) {
    const card = cardWithin(run);
    if (card) claim("card", card.start, card.end, `•••• ${card.digits.slice(-4)}`);
  }
  for (const pattern of phonePatterns(lang)) {
    for (const m of s.matchAll(pattern)) {
      const digits = m[0].replace(/\D/g, "");
      if (digits.length < 7 || digits.length > 15) continue;
      claim("phone", m.index, m.index + m[0].length, `[${words.phone} •••• ${digits.slice(-4)}]`);
    }
  }
  for (const run of digitGroups(s)) {
    const digits = run.groups.map((g) => g.digits).join("");
    // Grouped digits are one number when every group is one (1234 5678 9012), not "at 10 30 pm".
    if (digits.length < LONG_NUMBER || (run.groups.length > 1 && run.groups.some((g) => g.digits.length < 3))) continue;
    if (isMoney(s, run.start, run.end)) continue;
    const start = s.slice(0, run.start).match(/[A-Za-z]{1,4}-?$/)?.[0].length ?? 0;
    claim("number", run.start - start, run.end, `[${words.number}]`);
  }
  // Passport-like: a letter or two and 7–8 digits (E12345678), unless said as the order number.
  for (const m of s.matchAll(/(?<![A-Za-z0-9-])[A-Za-z]{1,2}\d{7,8}(?![A-Za-z0-9])/g)) {
    if (!afterOrderWord(s, m.index)) claim("number", m.index, m.index + m[0].length, `[${words.number}]`);
  }

  spans.sort((a, b) => a.start - b.start);
  const found = spans.map((span) => ({ ...span, ...originalSpan(view, span.start, span.end) }));
  let out = "";
  let at = 0;
  for (const span of found) {
    out += text.slice(at, span.start) + span.mask;
    at = span.end;
  }
  return { text: out + text.slice(at), found };
}

/** A number this long is never an order number (those have at most 8 digits) and is masked. */
const LONG_NUMBER = 9;

interface Group {
  digits: string;
  start: number;
  end: number;
}
interface DigitRun {
  start: number;
  end: number;
  groups: Group[];
}

/** Runs of digit groups joined by single spaces or hyphens ("4242 4242-4242 4242"), not inside a longer word. */
function digitGroups(s: string): DigitRun[] {
  const runs: DigitRun[] = [];
  for (const m of s.matchAll(/(?<![\d.,])\d+(?:[ -]\d+)*(?![\d])/g)) {
    const groups = [...m[0].matchAll(/\d+/g)].map((g) => ({ digits: g[0], start: m.index + g.index, end: m.index + g.index + g[0].length }));
    runs.push({ start: m.index, end: m.index + m[0].length, groups });
  }
  return runs;
}

/**
 * The card number in a run of digit groups: the longest stretch of whole groups with 13–19
 * digits that passes the Luhn check, its groups three digits or more (cards are written 4-4-4-4
 * or 4-6-5, or read out as one run), so that "card 4242 4242 4242 4242 exp 12 28" finds the card.
 */
function cardWithin(run: DigitRun): { start: number; end: number; digits: string } | undefined {
  let best: { start: number; end: number; digits: string } | undefined;
  for (let i = 0; i < run.groups.length; i++) {
    let digits = "";
    for (let j = i; j < run.groups.length; j++) {
      const group = run.groups[j]!;
      if (group.digits.length < 3 && run.groups.length > 1) break;
      digits += group.digits;
      if (digits.length > 19) break;
      if (digits.length >= 13 && luhn(digits) && (!best || digits.length > best.digits.length)) best = { start: run.groups[i]!.start, end: group.end, digits };
    }
  }
  return best;
}

export function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

const residentWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const residentCheck = "10X98765432";

/** GB 11643: 17 digits weighted, mod 11, picks the last character. */
export function residentIdValid(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  const sum = residentWeights.reduce((total, w, i) => total + w * Number(id[i]), 0);
  return residentCheck[sum % 11] === id[17]!.toUpperCase();
}

/**
 * Phone numbers: Chinese mobiles (1[3-9]x and 8 more digits, +86 or 0086 before), numbers with
 * a + country code, Chinese landlines with an area code (010-12345678), American ones written
 * (415) 555-2671 or 415-555-2671, and in English the bare digits a recognizer writes for a
 * number read out: American (4155552671) and British (07700900123).
 */
function phonePatterns(lang: Lang): RegExp[] {
  const patterns = [
    /(?<![\d+])(?:(?:\+|00)\s?86[ -]?)?1[3-9]\d(?:[ -]?\d){8}(?!\d)/g,
    /(?<![\w+])(?:\+|00)\d{1,3}(?:[ .-]?(?:\(\d{1,4}\)|\d{1,5})){1,6}(?!\d)/g,
    /(?<![\d-])0\d{2,3}-\d{7,8}(?!\d)/g,
    /(?<![\d-])(?:1[ .-]?)?(?:\(\d{3}\)\s?|\d{3}[-. ])\d{3}[-. ]\d{4}(?![\d-])/g,
  ];
  if (lang === "en") patterns.push(/(?<!\d)1?[2-9]\d{2}[2-9]\d{6}(?!\d)/g, /(?<!\d)0[1-9]\d{8,9}(?!\d)/g);
  return patterns;
}

/** "¥100000000", "100000000 元": a sum of money, not an account number. */
function isMoney(s: string, start: number, end: number): boolean {
  return /[¥￥$£€]\s?$/u.test(s.slice(Math.max(0, start - 2), start)) || /^\s?(?:元|块|万|亿|dollars?|yuan|rmb|usd|pounds?)/iu.test(s.slice(end, end + 8));
}

/** Said right after "order", "reference", 订单, 单号: the customer is giving an order number. */
export function afterOrderWord(s: string, at: number): boolean {
  return /(?:order|reference|ref|订单|单号)[^\n.。!?！？]{0,16}$/iu.test(s.slice(Math.max(0, at - 30), at));
}
