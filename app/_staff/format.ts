import type { Lang } from "../_i18n/lang.ts";

/**
 * Dates and durations on the staff pages, in the page's language. Pure: the caller passes the
 * clock (`now`) and, in tests, a time zone, so the same input always reads the same.
 */

const UNITS: Record<Lang, { s: string; min: string; h: string; d: string; join: string }> = {
  en: { s: " s", min: " min", h: " h", d: " d", join: " " },
  "zh-CN": { s: " 秒", min: " 分钟", h: " 小时", d: " 天", join: " " },
};

/**
 * A span of time as people say it: "42 s", "3 min", "1 h 5 min", "2 d 3 h" ("42 秒", "3 分钟"…).
 * Seconds only under a minute: a supervisor reads "3 min", not "3 min 12 s".
 */
export function formatDuration(ms: number, lang: Lang): string {
  const u = UNITS[lang];
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return `${seconds}${u.s}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `${minutes}${u.min}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    const rest = minutes % 60;
    return rest === 0 ? `${hours}${u.h}` : `${hours}${u.h}${u.join}${rest}${u.min}`;
  }
  const days = Math.floor(hours / 24);
  const restHours = hours % 24;
  return restHours === 0 ? `${days}${u.d}` : `${days}${u.d}${u.join}${restHours}${u.h}`;
}

/** A running wait as a stopwatch reads it: "0:07", "3:05", "1:02:03" — changes every second, the same in both languages. */
export function formatClock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const ss = String(s).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/** An ISO 8601 duration for `<time dateTime>` ("PT185S"), so assistive tech can read a clock like "3:05" as a span. */
export function durationAttr(ms: number): string {
  return `PT${Math.max(0, Math.floor(ms / 1000))}S`;
}

const toMs = (at: string | number) => (typeof at === "number" ? at : Date.parse(at));

/**
 * How long ago, in words: "just now", "5 minutes ago", "yesterday", "3 days ago" ("刚刚",
 * "5分钟前", "昨天"); past a month, the date itself. A time a little in the future (clocks
 * differ) reads "just now" rather than "in 3 seconds".
 */
export function formatRelative(at: string | number, now: number, lang: Lang, timeZone?: string): string {
  const ms = toMs(at);
  if (Number.isNaN(ms)) return "";
  const ago = now - ms;
  if (ago < 45_000) return lang === "zh-CN" ? "刚刚" : "just now";
  const rtf = new Intl.RelativeTimeFormat(lang, { numeric: "auto" });
  const minutes = Math.round(ago / 60_000);
  if (minutes < 60) return rtf.format(-minutes, "minute");
  const hours = Math.round(ago / 3_600_000);
  if (hours < 24) return rtf.format(-hours, "hour");
  const days = Math.round(ago / 86_400_000);
  if (days < 30) return rtf.format(-days, "day");
  return formatDate(ms, lang, timeZone);
}

/** The exact moment, e.g. "Mar 4, 2025, 3:06 PM" / "2025年3月4日 15:06". */
export function formatDateTime(at: string | number, lang: Lang, timeZone?: string): string {
  const ms = toMs(at);
  if (Number.isNaN(ms)) return "";
  return new Intl.DateTimeFormat(lang, { dateStyle: "medium", timeStyle: "short", timeZone }).format(ms);
}

/** A day, e.g. "Tue, Mar 4, 2025" / "2025年3月4日星期二". */
export function formatDate(at: string | number, lang: Lang, timeZone?: string): string {
  const ms = toMs(at);
  if (Number.isNaN(ms)) return "";
  return new Intl.DateTimeFormat(lang, { weekday: "short", year: "numeric", month: "short", day: "numeric", timeZone }).format(ms);
}

/** A time of day for lines in a conversation, e.g. "3:06 PM" / "15:06". */
export function formatTime(at: string | number, lang: Lang, timeZone?: string): string {
  const ms = toMs(at);
  if (Number.isNaN(ms)) return "";
  return new Intl.DateTimeFormat(lang, { hour: "numeric", minute: "2-digit", timeZone }).format(ms);
}

/**
 * A calendar date the server keeps as "YYYY-MM-DD" (a follow-up day): shown as that day in
 * every time zone, never the day before because midnight UTC is yesterday evening here.
 */
export function formatCalendarDate(day: string, lang: Lang): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return day;
  return formatDate(`${day}T12:00:00Z`, lang, "UTC");
}

/** A customer's language as staff read it, in its own name (as the language switch shows them). */
export function langName(lang: string): string {
  if (lang.toLowerCase().startsWith("zh")) return "中文";
  if (lang.toLowerCase().startsWith("en")) return "English";
  return lang;
}
