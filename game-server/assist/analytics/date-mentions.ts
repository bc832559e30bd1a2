import { chineseNumber } from "./spoken-numbers.ts";

/** A date said in a call, as a calendar date (YYYY-MM-DD) relative to the day of the call. */
export interface DateMention {
  value: string;
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;

/**
 * The dates in a text, English and Chinese alike (a call may mix them): written ones
 * (2026-12-05, 2026年12月5日, 12月5日, 12/05, "December 5th", "5 Dec"), and ones that count from
 * `today` (YYYY-MM-DD, the call's local date): "today", "tomorrow", "the day after tomorrow",
 * 明天, 后天, and weekdays. A date without a year is in `today`'s year. "12/05" is month/day
 * (as Americans and Chinese write it) unless the first number cannot be a month.
 *
 * Weekdays: "next Monday" and 下周一 are the Monday of next week (weeks start on Monday),
 * "this Monday"/本周一 the Monday of this week, "last Monday"/上周一 of last week; a bare
 * "Monday", "on Monday" or 周一 the first Monday after today. A call speaks more of what will
 * happen than of what did, so a bare weekday is read forward.
 */
export function findDates(text: string, today: string): DateMention[] {
  const base = Date.parse(`${today}T00:00:00Z`);
  if (Number.isNaN(base)) throw new Error(`today must be YYYY-MM-DD, not ${today}`);
  const thisYear = new Date(base).getUTCFullYear();
  const found: DateMention[] = [];
  const add = (start: number, end: number, value: string | undefined) => {
    if (value && found.every((f) => end <= f.start || start >= f.end)) found.push({ value, start, end });
  };
  const at = (m: RegExpMatchArray, value: string | undefined) => add(m.index!, m.index! + m[0].length, value);
  const offset = (days: number) => iso(base + days * DAY_MS);

  for (const m of text.matchAll(/(?<![\d/.-])(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/.-])/g)) at(m, ymd(Number(m[1]), Number(m[2]), Number(m[3])));
  const zhNum = "(\\d{1,2}|[一二三四五六七八九十]{1,3})";
  for (const m of text.matchAll(new RegExp(`(?:(\\d{4}|[零〇一二三四五六七八九]{4})\\s*年\\s*)?${zhNum}\\s*月\\s*${zhNum}\\s*[日号]`, "gu"))) {
    at(m, ymd(m[1] ? numberOf(m[1]) : thisYear, numberOf(m[2]!), numberOf(m[3]!)));
  }
  const month = "(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";
  for (const m of text.matchAll(new RegExp(`\\b${month}\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?`, "gi"))) {
    at(m, ymd(m[3] ? Number(m[3]) : thisYear, monthOf(m[1]!), Number(m[2])));
  }
  for (const m of text.matchAll(new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+(?:of\\s+)?${month}\\b(?:,?\\s+(\\d{4})\\b)?`, "gi"))) {
    at(m, ymd(m[3] ? Number(m[3]) : thisYear, monthOf(m[2]!), Number(m[1])));
  }
  for (const m of text.matchAll(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}|\d{2}))?(?![\d/])/g)) {
    if (m[0] === "24/7") continue; // open around the clock
    const [a, b] = [Number(m[1]), Number(m[2])];
    const year = m[3] ? Number(m[3].length === 2 ? `20${m[3]}` : m[3]) : thisYear;
    at(m, a > 12 ? ymd(year, b, a) : ymd(year, a, b));
  }

  for (const m of text.matchAll(/\b(?:the\s+)?day\s+after\s+tomorrow\b/gi)) at(m, offset(2));
  for (const m of text.matchAll(/\b(?:the\s+)?day\s+before\s+yesterday\b/gi)) at(m, offset(-2));
  for (const m of text.matchAll(/\b(today|tonight|tomorrow|yesterday)\b/gi)) at(m, offset({ today: 0, tonight: 0, tomorrow: 1, yesterday: -1 }[m[1]!.toLowerCase()]!));
  for (const m of text.matchAll(/大后天|后天|明天|明日|今天|今日|今晚|昨天|昨日|前天/gu)) {
    at(m, offset({ 大后天: 3, 后天: 2, 明天: 1, 明日: 1, 今天: 0, 今日: 0, 今晚: 0, 昨天: -1, 昨日: -1, 前天: -2 }[m[0]]!));
  }

  const weekday = (new Date(base).getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const monday = base - weekday * DAY_MS;
  const inWeek = (weeks: number, day: number) => iso(monday + (weeks * 7 + day) * DAY_MS);
  const after = (day: number) => offset((day - weekday + 7) % 7 || 7);
  for (const m of text.matchAll(/\b(?:(next|this|last|on|coming)\s+)?(mon|tues|wednes|thurs|fri|satur|sun)day\b/gi)) {
    const day = ["mon", "tues", "wednes", "thurs", "fri", "satur", "sun"].indexOf(m[2]!.toLowerCase());
    const which = m[1]?.toLowerCase();
    at(m, which === "next" ? inWeek(1, day) : which === "last" ? inWeek(-1, day) : which === "this" ? inWeek(0, day) : after(day));
  }
  for (const m of text.matchAll(/(?<!每)(下下|下|上|这|本)?个?(?:周|星期|礼拜)([一二三四五六日天])/gu)) {
    const day = "一二三四五六日".indexOf(m[2] === "天" ? "日" : m[2]!);
    const weeks = { 下下: 2, 下: 1, 上: -1, 这: 0, 本: 0 }[m[1] ?? ""];
    at(m, weeks === undefined ? after(day) : inWeek(weeks, day));
  }
  return found.sort((a, b) => a.start - b.start);
}

function numberOf(text: string): number {
  return /^\d+$/.test(text) ? Number(text) : (chineseNumber(text) ?? Number.NaN);
}

function monthOf(name: string): number {
  return ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"].indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

/** The date, or undefined if there is no such day (13/45, 2月30日). */
function ymd(year: number, month: number, day: number): string | undefined {
  if (![year, month, day].every(Number.isInteger)) return undefined;
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || year < 1900 || year > 2200) return undefined;
  return iso(time);
}

function iso(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
