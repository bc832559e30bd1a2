import type { Lang } from "../../protocol/concierge.ts";
import { chineseNumber, chineseNumeral, englishNumber, englishValueWords } from "../analytics/spoken-numbers.ts";

/**
 * Amounts in what people say and what articles write: prices, durations and counted things, in
 * English and Chinese, in digits or in words ("two years", 两年, 二十四个月, "seven hundred and
 * ninety-nine pounds", 七百九十九元, "£1,049", "2–4 working days", 百分之五). A transcript
 * spells numbers however the recognizer felt like it, so a statement is compared with an
 * article by value: durations in days (a month is a twelfth of a year, so 24 months = 2 years),
 * prices in currency units, other amounts in their unit.
 *
 * How: first every number — digits, English number words, Chinese numerals — is rewritten as
 * digits in a shadow of the text that remembers where each piece came from; then a few patterns
 * over the shadow find the amounts with their units, and their spans are mapped back so the
 * evidence quotes the words as said. A bare number without a unit or a price cue is no amount
 * ("Nova Phone 12", a phone number, a sort code).
 */
export type QuantityKind = "price" | "duration" | "number";

export interface Quantity {
  kind: QuantityKind;
  /** Durations in days; prices in units of the currency; numbers in `unit`. */
  value: number;
  /** The upper end of a range ("2–4 working days"); absent for a single amount. */
  max?: number;
  /** "day" for durations; a currency code ("GBP", "CNY", "USD", "EUR", "" when not said) for prices; "%", "GB", "mAh", "kg", … for numbers. */
  unit: string;
  /** The amount as written, for evidence. */
  text: string;
  /** Where `text` is in the input. */
  start: number;
  end: number;
}

const YEAR = 365.25;
const MONTH = YEAR / 12;

// --- numbers ---------------------------------------------------------------------------------

// Number words are read by `../analytics/spoken-numbers.ts`, the same reading the call analytics use.
const englishNumberWord = `(?:${englishValueWords.join("|")})`;
/** A run of number words: "twenty-four", "two hundred and forty nine", "one point five". */
const englishRun = new RegExp(`\\b${englishNumberWord}(?:(?:[\\s-]+|\\s+and\\s+)${englishNumberWord}|\\s+point(?:\\s+${englishNumberWord})+)*\\b`, "gi");

// --- the shadow: numbers as digits, with a map back to the text -------------------------------

interface Shadow {
  text: string;
  /** For each shadow character, where the text it stands for starts and ends in the input. */
  from: number[];
  to: number[];
}

function shadowOf(input: string): Shadow {
  const replacements: Array<{ start: number; end: number; text: string }> = [];
  const taken = (start: number, end: number) => replacements.some((r) => start < r.end && end > r.start);
  const add = (start: number, end: number, value: number | undefined, suffix = "") => {
    if (value === undefined || !Number.isFinite(value) || taken(start, end)) return;
    replacements.push({ start, end, text: `${formatPlain(value)}${suffix}` });
  };
  // 百分之五 → 5% (before the numerals, which would read 百 as a hundred).
  for (const m of input.matchAll(new RegExp(`百分之(${chineseNumeral}+(?:点${chineseNumeral}+)?|\\d+(?:\\.\\d+)?)`, "gu"))) {
    const n = /\d/.test(m[1]!) ? Number(m[1]) : chineseNumber(m[1]!);
    add(m.index, m.index + m[0].length, n, "%");
  }
  // Digits, with thousands separators and a scale after them: 1,049 · 1.5万 · 5000 万 · 1 million · 5k.
  for (const m of input.matchAll(/(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s*([万亿千])|\s+(thousand|million|billion)\b|(k)\b)?/giu)) {
    const base = Number(`${m[1]!.replaceAll(",", "")}${m[2] ?? ""}`);
    const scale = m[3] ? { 万: 1e4, 亿: 1e8, 千: 1e3 }[m[3]]! : m[4] ? englishNumber(m[4])! : m[5] ? 1000 : 1;
    add(m.index, m.index + m[0].length, base * scale);
  }
  for (const m of input.matchAll(englishRun)) add(m.index, m.index + m[0].length, englishNumber(m[0]));
  // Chinese numerals, not an ordinal or a weekday (第一, 周一, 星期三), not 一点 "a little" unless a digit follows.
  for (const m of input.matchAll(new RegExp(`(?<!第|星期|礼拜|周)${chineseNumeral}+(?:点${chineseNumeral}+)?`, "gu"))) {
    add(m.index, m.index + m[0].length, chineseNumber(m[0]));
  }
  replacements.sort((a, b) => a.start - b.start);
  const shadow: Shadow = { text: "", from: [], to: [] };
  let at = 0;
  /** Every character of a replacement stands for the whole span it replaced. */
  const push = (text: string, from: number, to: number) => {
    shadow.text += text;
    for (let i = 0; i < text.length; i++) {
      shadow.from.push(from);
      shadow.to.push(to);
    }
  };
  for (const r of replacements) {
    for (; at < r.start; at++) push(input[at]!, at, at + 1);
    push(r.text, r.start, r.end);
    at = r.end;
  }
  for (; at < input.length; at++) push(input[at]!, at, at + 1);
  return shadow;
}

const formatPlain = (n: number): string => String(Math.round(n * 1e6) / 1e6);

// --- units -----------------------------------------------------------------------------------

/** Durations: the word or character → days. Longest first, so 个工作日 wins over 日. */
const durationUnits: Array<[RegExp, number]> = [
  [/^(?:working|business)[\s-]+days?/i, 1],
  [/^(?:years?|yrs?)(?![a-z])/i, YEAR],
  [/^months?(?![a-z])/i, MONTH],
  [/^fortnights?(?![a-z])/i, 14],
  [/^weeks?(?![a-z])/i, 7],
  [/^days?(?![a-z])/i, 1],
  [/^(?:hours?|hrs?)(?![a-z])/i, 1 / 24],
  [/^(?:minutes?|mins?)(?![a-z])/i, 1 / 1440],
  [/^个?工作日/u, 1],
  [/^个?(?:星期|礼拜)/u, 7],
  [/^个?(?:小时|钟头)/u, 1 / 24],
  [/^个月/u, MONTH],
  [/^年(?!级|代|纪|初|底|末|终)/u, YEAR],
  [/^周(?![一二三四五六日末])/u, 7],
  [/^天/u, 1],
  [/^分钟/u, 1 / 1440],
];

/** Counted amounts: unit → [canonical unit, factor]. Case matters for a few (5G is a network, not grams). */
const numberUnits: Array<[RegExp, string, number]> = [
  [/^(?:%|％|percent(?![a-z])|per\s+cent(?![a-z]))/i, "%", 1],
  [/^(?:GB|gb|gigabytes?)(?![A-Za-z])/, "GB", 1],
  [/^(?:TB|tb|terabytes?)(?![A-Za-z])/, "TB", 1],
  [/^(?:mAh|mah|毫安时|毫安)(?![A-Za-z])/u, "mAh", 1],
  [/^(?:kg|kilos?|kilograms?|公斤|千克)(?![A-Za-z])/u, "kg", 1],
  [/^(?:mm|millimet(?:re|er)s?|毫米)(?![A-Za-z])/u, "mm", 1],
  [/^(?:cm|centimet(?:re|er)s?|厘米)(?![A-Za-z])/u, "cm", 1],
  [/^(?:km|kilomet(?:re|er)s?|公里)(?![A-Za-z])/u, "km", 1],
  [/^(?:inch(?:es)?|英寸)(?![A-Za-z])/u, "inch", 1],
  [/^(?:Hz|hz|hertz|赫兹)(?![A-Za-z])/u, "Hz", 1],
  [/^(?:MP|megapixels?)(?![A-Za-z])/, "MP", 1],
  [/^像素/u, "MP", 1e-6],
  [/^(?:miles?|英里)(?![A-Za-z])/u, "mile", 1],
  [/^(?:W|watts?|瓦)(?![A-Za-z])/u, "W", 1],
  [/^(?:g|grams?|克)(?![A-Za-z])/u, "g", 1],
  [/^(?:m|metres?|meters?|米)(?![A-Za-z])/u, "m", 1],
];

const currencyAfter: Array<[RegExp, string]> = [
  [/^(?:pounds?|quid|sterling|英镑|镑)(?![A-Za-z])/u, "GBP"],
  [/^(?:dollars?|bucks|美元|美金)(?![A-Za-z])/u, "USD"],
  [/^(?:euros?|欧元)(?![A-Za-z])/u, "EUR"],
  [/^(?:yuan|rmb|RMB|元|块钱|块(?=$|[\s\d，。,.!?！？、；;]|钱))(?![A-Za-z])/u, "CNY"],
];
/** Words right before a number that make it a price even without a currency ("it costs 799", 售价 799). */
const priceCue = /(?:\bcosts?|\bpriced\s+at|\bprice\s+is|\bprice\s+of|售价|价格是?|售|卖|收费)\s*(?:is\s+|only\s+|just\s+|about\s+|around\s+|为|是|只要|仅)?$/iu;

const NUMBER = /^(\d+(?:\.\d+)?)/;

// --- finding amounts ---------------------------------------------------------------------------

interface Found {
  kind: QuantityKind;
  value: number;
  max?: number;
  unit: string;
  /** Shadow offsets. */
  start: number;
  end: number;
}

/** What a number's unit says it is: kind, canonical unit, value = (n + half) × factor + extra. */
interface Reading {
  kind: QuantityKind;
  unit: string;
  factor: number;
  half: number;
  extra: number;
  /** Shadow offset where the unit (and anything after it that belongs to the amount) ends. */
  end: number;
}

const signBefore = /(£|US\$|\$|€|¥|￥|GBP|USD|EUR|RMB|CNY|人民币)\s?$/u;
const signCurrency: Record<string, string> = { "£": "GBP", GBP: "GBP", US$: "USD", $: "USD", USD: "USD", "€": "EUR", EUR: "EUR", "¥": "CNY", "￥": "CNY", RMB: "CNY", CNY: "CNY", 人民币: "CNY" };
const joint = /^\s*(?:[-–—~～]|to\b|到|至|(or)\b|(或者?))\s*(?:[£$€¥￥]\s?)?(?=\d)/iu;
/** Words after which "a year" is a duration ("for a year", "takes an hour"), not a rate ("£79 a year", "twice a year"). */
const beforeOneUnit = /\b(?:for|in|within|about|around|roughly|approximately|take|takes|took|last|lasts|lasted|is|was|be|only|just|than|after|under|over|to|nearly|almost|half|of)\s+$/i;

/** Every price, duration and counted amount in `text`, in order. */
export function findQuantities(text: string): Quantity[] {
  const shadow = shadowOf(text);
  const s = shadow.text;
  const found: Found[] = [];
  const free = (start: number, end: number) => !found.some((f) => start < f.end && end > f.start);

  for (let i = 0; i < s.length; i++) {
    // A number starts here (not inside a longer number or a code such as "RS1").
    if (!/\d/.test(s[i]!) || (i > 0 && /[\dA-Za-z.]/.test(s[i - 1]!))) continue;
    const first = NUMBER.exec(s.slice(i))!;
    const a = Number(first[1]);
    const aEnd = i + first[0].length;
    const sign = signBefore.exec(s.slice(Math.max(0, i - 5), i));
    const start = sign ? i - sign[0].length : i;

    // A range ("2–4", "two to four", 三到五, "£10 to £500") or two alternatives ("12 or 24").
    let b: number | undefined;
    let bStart = 0;
    let alternative = false;
    let unitFrom = aEnd;
    const j = joint.exec(s.slice(aEnd));
    if (j) {
      bStart = aEnd + j[0].length;
      const second = NUMBER.exec(s.slice(bStart))!;
      b = Number(second[1]);
      alternative = Boolean(j[1] ?? j[2]);
      unitFrom = bStart + second[0].length;
    }
    let reading = read(s, unitFrom, sign ? signCurrency[sign[1]!] : undefined);
    if (!reading && b !== undefined) {
      // "5 to 10" without a unit after the second number: read the first alone.
      b = undefined;
      reading = read(s, aEnd, sign ? signCurrency[sign[1]!] : undefined);
    }
    if (!reading && priceCue.test(s.slice(Math.max(0, i - 24), start))) {
      reading = { kind: "price", unit: "", factor: 1, half: 0, extra: 0, end: aEnd };
      b = undefined;
    }
    if (!reading) continue;
    // 2024年 is a year, not two thousand years.
    if (reading.kind === "duration" && reading.factor === YEAR && a >= 1000 && /^\s*年/u.test(s.slice(unitFrom))) continue;
    if (!free(start, reading.end)) continue;
    const value = (n: number) => (n + reading.half) * reading.factor + reading.extra;
    const base = { kind: reading.kind, unit: reading.unit };
    if (b !== undefined && alternative) {
      // Two amounts with one unit: "12 or 24 months" is 12 months or 24 months, not anything between.
      found.push({ ...base, value: value(a), start, end: aEnd });
      found.push({ ...base, value: value(b), start: bStart, end: reading.end });
    } else if (b !== undefined) {
      found.push({ ...base, value: value(a), max: value(b), start, end: reading.end });
    } else {
      found.push({ ...base, value: value(a), start, end: reading.end });
    }
    i = reading.end - 1;
  }

  // "a year", "an hour", "half a year", "an hour and a half": one (or a half) without a digit.
  for (const m of s.matchAll(/\b(half\s+)?an?[\s-]+(?=[a-z])/gi)) {
    const rest = s.slice(m.index + m[0].length);
    const unit = durationUnits.find(([re]) => re.test(rest));
    if (!unit) continue;
    const head = s.slice(Math.max(0, m.index - 24), m.index);
    if (!m[1] && !beforeOneUnit.test(head) && !/(?:^|[.,;:!?，。；：！？])\s*$/u.test(head)) continue;
    let end = m.index + m[0].length + unit[0].exec(rest)![0].length;
    const trailing = /^\s+and\s+a\s+half\b/i.exec(s.slice(end));
    if (trailing) end += trailing[0].length;
    if (!free(m.index, end)) continue;
    found.push({ kind: "duration", value: ((m[1] ? 0.5 : 1) + (trailing ? 0.5 : 0)) * unit[1], unit: "day", start: m.index, end });
  }
  // 半年, 半个月, 半小时: a half without a digit.
  for (const m of s.matchAll(/(?<![\d个])半\s*(?:个)?/gu)) {
    const rest = s.slice(m.index + m[0].length);
    const unit = durationUnits.find(([re]) => re.test(rest) && !/^[a-z]/i.test(rest));
    const monthUnit = /^月/u.test(rest) ? ([/^月/u, MONTH] as [RegExp, number]) : undefined;
    const u = unit ?? monthUnit;
    if (!u) continue;
    const end = m.index + m[0].length + u[0].exec(rest)![0].length;
    if (!free(m.index, end)) continue;
    found.push({ kind: "duration", value: 0.5 * u[1], unit: "day", start: m.index, end });
  }

  return found
    .sort((x, y) => x.start - y.start)
    .map((f) => {
      const start = shadow.from[f.start] ?? text.length;
      const end = shadow.to[f.end - 1] ?? text.length;
      const q: Quantity = { kind: f.kind, value: f.value, unit: f.unit, text: text.slice(start, end).trim(), start, end };
      if (f.max !== undefined && f.max !== f.value) q.max = f.max;
      return q;
    });
}

/** What follows a number at `at`: a currency word, a duration unit or a counted unit (or a sign before it). */
function read(s: string, at: number, currency: string | undefined): Reading | undefined {
  const after = s.slice(at);
  if (currency !== undefined) return { kind: "price", unit: currency, factor: 1, half: 0, extra: 0, end: at };
  const gap = /^[\s-]*/.exec(after)![0];
  const rest = after.slice(gap.length);
  for (const [re, unit] of currencyAfter) {
    const m = re.exec(rest);
    if (!m) continue;
    let end = at + gap.length + m[0].length;
    // "nine pounds ninety-five", 九块九: the smaller unit after the larger.
    let extra = 0;
    const small = /^\s*(?:and\s+)?(\d{1,2})(?![\d.])(\s*(?:(?:p|pence|cents?)\b|毛|角))?/u.exec(s.slice(end));
    if (small && !read(s, end + small[0].length, undefined)) {
      const chinese = /[元块]/u.test(m[0]);
      extra = chinese && small[1]!.length === 1 ? Number(small[1]) / 10 : Number(small[1]) / 100;
      end += small[0].length;
    }
    return { kind: "price", unit, factor: 1, half: 0, extra, end };
  }
  // Durations: "2 years", "2-year", 两年, 三个月, 一个半小时, 一年半, "one and a half years".
  const zh = /^(个)?\s*(半)?\s*/u.exec(rest)!;
  const andHalf = /^and\s+a\s+half\s+/i.exec(rest);
  for (const [lead, half] of [
    ["", 0],
    [andHalf?.[0] ?? null, 0.5],
    [zh[1] || zh[2] ? zh[0] : null, zh[2] ? 0.5 : 0],
  ] as Array<[string | null, number]>) {
    if (lead === null) continue;
    const unit = durationUnits.find(([re]) => re.test(rest.slice(lead.length)));
    if (!unit) continue;
    let end = at + gap.length + lead.length + unit[0].exec(rest.slice(lead.length))![0].length;
    let extraHalf = 0;
    const trailing = /^(?:半|\s+and\s+a\s+half\b)/iu.exec(s.slice(end));
    if (trailing && half === 0) {
      extraHalf = 0.5;
      end += trailing[0].length;
    }
    return { kind: "duration", unit: "day", factor: unit[1], half: half + extraHalf, extra: 0, end };
  }
  for (const [re, unit, factor] of numberUnits) {
    const m = re.exec(rest);
    if (m) return { kind: "number", unit, factor, half: 0, extra: 0, end: at + gap.length + m[0].length };
  }
  return undefined;
}

// --- comparing and showing ------------------------------------------------------------------------

/** How far two amounts may be apart and still be the same (a month of 30 days is a month). */
const TOLERANCE: Record<QuantityKind, number> = { price: 0.005, duration: 0.02, number: 0.01 };

export type Amount = Pick<Quantity, "kind" | "value" | "max" | "unit">;

/** Whether two units can be compared at all: a price said without a currency fits any currency. */
export function comparable(a: Amount, b: Amount): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === "price") return a.unit === b.unit || a.unit === "" || b.unit === "";
  return a.unit === b.unit;
}

/**
 * Whether what was said (`said`) agrees with the reference (`ref`): the same amount, or (for a
 * reference range "2–4 days") an amount or range within it.
 */
export function agrees(said: Amount, ref: Amount): boolean {
  if (!comparable(said, ref)) return false;
  const tol = TOLERANCE[said.kind];
  const near = (x: number, y: number) => Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y)) + 1e-9;
  const lo = ref.value;
  const hi = ref.max ?? ref.value;
  const inside = (x: number) => (x >= lo && x <= hi) || near(x, lo) || near(x, hi);
  return inside(said.value) && inside(said.max ?? said.value);
}

const durationNames: Array<[number, { en: [string, string]; "zh-CN": string }]> = [
  [YEAR, { en: ["year", "years"], "zh-CN": "年" }],
  [MONTH, { en: ["month", "months"], "zh-CN": "个月" }],
  [28, { en: ["week", "weeks"], "zh-CN": "周" }],
  [1, { en: ["day", "days"], "zh-CN": "天" }],
  [1 / 24, { en: ["hour", "hours"], "zh-CN": "小时" }],
  [1 / 1440, { en: ["minute", "minutes"], "zh-CN": "分钟" }],
];
const currencySign: Record<string, string> = { GBP: "£", USD: "$", EUR: "€", CNY: "¥", "": "" };

/** An amount as a person reads it: "2 years", "2 年", "£1,049", "2–4 days", "128 GB". */
export function formatAmount(amount: Amount, lang: Lang): string {
  const nf = new Intl.NumberFormat(lang === "zh-CN" ? "zh-CN" : "en-GB", { maximumFractionDigits: 2 });
  if (amount.kind === "price") {
    const n = (v: number) => `${currencySign[amount.unit] ?? `${amount.unit} `}${nf.format(v)}`;
    return amount.max === undefined ? n(amount.value) : `${n(amount.value)}–${n(amount.max)}`;
  }
  if (amount.kind === "number") {
    const n = (v: number) => nf.format(v);
    const span = amount.max === undefined ? n(amount.value) : `${n(amount.value)}–${n(amount.max)}`;
    return amount.unit === "%" ? `${span}%` : `${span} ${amount.unit}`;
  }
  // The largest unit that gives a whole (or half) count: 730.5 days → 2 years, 30 days stays 30 days.
  const values = [amount.value, amount.max ?? amount.value];
  // Weeks only from four on ("8 weeks"); "14 days" reads as the articles write it.
  const fits = (size: number) => (size === 28 ? values.every((v) => v >= 28 && v % 7 === 0) : values.every((v) => v >= size * 0.999 && Math.abs(v / size - Math.round((v / size) * 2) / 2) < 0.001));
  const [found, names] = durationNames.find(([size]) => fits(size)) ?? durationNames[durationNames.length - 1]!;
  const size = found === 28 ? 7 : found;
  const count = (v: number) => nf.format(Math.round((v / size) * 2) / 2);
  const span = amount.max === undefined ? count(amount.value) : `${count(amount.value)}–${count(amount.max)}`;
  if (lang === "zh-CN") return `${span} ${names["zh-CN"]}`;
  const plural = amount.max !== undefined || Math.round((amount.value / size) * 2) / 2 !== 1;
  return `${span} ${names.en[plural ? 1 : 0]}`;
}
