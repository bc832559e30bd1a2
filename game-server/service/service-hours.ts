import { z } from "zod";

export type Weekday = "mon" | "tue" | "wed" | "thu" | "fri" | "sat" | "sun";

/**
 * When a hall's live agents work, in the hall's own time zone. Outside these hours a customer
 * is still queued (or leaves a message) but the SLA clocks stand still.
 */
export interface ServiceHours {
  /** IANA time zone, e.g. "Asia/Shanghai": the ranges below are its wall-clock times. */
  timeZone: string;
  /** Local "HH:MM" ranges per day ("00:00"–"24:00" is all day); a missing day is closed. */
  weekly: Partial<Record<Weekday, Array<[string, string]>>>;
  /** Local dates "YYYY-MM-DD" on which the desk is closed all day. */
  holidays?: string[];
}

export const WEEKDAYS: readonly Weekday[] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

const ALL_DAY: Array<[string, string]> = [["00:00", "24:00"]];
export const ALWAYS_OPEN: ServiceHours = {
  timeZone: "UTC",
  weekly: { mon: ALL_DAY, tue: ALL_DAY, wed: ALL_DAY, thu: ALL_DAY, fri: ALL_DAY, sat: ALL_DAY, sun: ALL_DAY },
};

const MINUTE = 60_000;
const DAY = 86_400_000;
/** nextOpening looks this far ahead; beyond it a desk is taken as not opening at all. */
const NEXT_OPENING_HORIZON_DAYS = 14;
/** addBusinessMs gives up past this (a desk closed for over a year): the instant is then Infinity. */
const ADD_HORIZON_DAYS = 400;

// ---- validation ----

const timeOfDay = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isCalendarDate(text: string): boolean {
  if (!isoDate.test(text)) return false;
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

const DayRanges = z
  .array(z.tuple([z.string().regex(timeOfDay, "time must be HH:MM (00:00–24:00)"), z.string().regex(timeOfDay, "time must be HH:MM (00:00–24:00)")]))
  .max(4, "at most 4 ranges a day")
  .superRefine((ranges, ctx) => {
    const parsed = ranges.map(([from, to]) => [minutesOf(from), minutesOf(to)] as const);
    parsed.forEach(([from, to], i) => {
      if (from >= to) ctx.addIssue({ code: "custom", message: `range ${ranges[i]![0]}–${ranges[i]![1]} must start before it ends`, path: [i] });
    });
    const sorted = [...parsed].sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < sorted.length; i++) {
      if (sorted[i]![0] < sorted[i - 1]![1]) ctx.addIssue({ code: "custom", message: "ranges of one day must not overlap" });
    }
  });

export const ServiceHoursSchema: z.ZodType<ServiceHours> = z.strictObject({
  timeZone: z.string().refine(isTimeZone, "not an IANA time zone"),
  weekly: z.strictObject({
    mon: DayRanges.optional(),
    tue: DayRanges.optional(),
    wed: DayRanges.optional(),
    thu: DayRanges.optional(),
    fri: DayRanges.optional(),
    sat: DayRanges.optional(),
    sun: DayRanges.optional(),
  }),
  holidays: z.array(z.string().refine(isCalendarDate, "holiday must be a date YYYY-MM-DD")).max(366).optional(),
});

// ---- local time ----

/** "HH:MM" → minutes after local midnight; "24:00" → 1440. */
function minutesOf(time: string): number {
  const [h, m] = time.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at `instant`, read as if it were UTC (ms, whole seconds). */
function wallClock(timeZone: string, instant: number): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) if (part.type !== "literal") p[part.type] = Number(part.value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** How far the zone's clocks are ahead of UTC at `instant`. */
function offsetAt(timeZone: string, instant: number): number {
  return wallClock(timeZone, instant) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a local wall-clock time (given as if UTC) happens. A time the clocks skip (the
 * spring-forward gap) is read with the offset before the change, so it lands just after the
 * gap; a time that happens twice (autumn) is its first occurrence.
 */
function instantOfWall(timeZone: string, wall: number): number {
  const before = offsetAt(timeZone, wall - DAY);
  const after = offsetAt(timeZone, wall + DAY);
  if (before === after) return wall - before;
  let best: number | undefined;
  for (const offset of [before, after]) {
    const t = wall - offset;
    if (offsetAt(timeZone, t) === offset && (best === undefined || t < best)) best = t;
  }
  return best ?? wall - before;
}

/** Local calendar day number (days since 1970-01-01 in the zone's calendar) of an instant. */
function localDay(timeZone: string, instant: number): number {
  return Math.floor(wallClock(timeZone, instant) / DAY);
}

/** Date.getUTCDay order (0 = Sunday) → our keys. */
const BY_JS_DAY: readonly Weekday[] = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

interface Compiled {
  timeZone: string;
  /** Per weekday, merged [from, to) minute ranges, sorted. */
  weekly: Map<Weekday, Array<[number, number]>>;
  holidays: Set<string>;
}

function compile(hours: ServiceHours): Compiled {
  const weekly = new Map<Weekday, Array<[number, number]>>();
  for (const day of WEEKDAYS) {
    const ranges = (hours.weekly[day] ?? []).map(([from, to]) => [minutesOf(from), Math.min(1440, minutesOf(to))] as [number, number]);
    const merged: Array<[number, number]> = [];
    for (const r of ranges.filter(([a, b]) => a < b).sort((a, b) => a[0] - b[0])) {
      const last = merged.at(-1);
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    }
    if (merged.length > 0) weekly.set(day, merged);
  }
  return { timeZone: hours.timeZone, weekly, holidays: new Set(hours.holidays ?? []) };
}

/**
 * The desk's open intervals [start, end) as instants, in order, merged where they touch (a
 * range ending 24:00 and the next day's starting 00:00 are one stretch), from the local day
 * of `from` for `days` local days. One step per day and range, never per minute.
 */
function* openIntervals(c: Compiled, from: number, days: number): Generator<[number, number]> {
  const first = localDay(c.timeZone, from);
  let pending: [number, number] | undefined;
  for (let day = first; day < first + days; day++) {
    const date = new Date(day * DAY);
    const ranges = c.weekly.get(BY_JS_DAY[date.getUTCDay()]!);
    if (!ranges || c.holidays.has(date.toISOString().slice(0, 10))) continue;
    for (const [a, b] of ranges) {
      const start = instantOfWall(c.timeZone, day * DAY + a * MINUTE);
      const end = instantOfWall(c.timeZone, day * DAY + b * MINUTE);
      if (end <= start) continue;
      if (pending && start <= pending[1]) {
        pending[1] = Math.max(pending[1], end);
        continue;
      }
      if (pending && pending[1] > from) yield pending;
      pending = [start, end];
    }
  }
  if (pending && pending[1] > from) yield pending;
}

// ---- the questions asked of service hours ----

export function isOpen(hours: ServiceHours, now: number): boolean {
  for (const [start] of openIntervals(compile(hours), now, 2)) return start <= now;
  return false;
}

/** `now` when open; else when the desk next opens; undefined when it does not within 14 days. */
export function nextOpening(hours: ServiceHours, now: number): number | undefined {
  for (const [start] of openIntervals(compile(hours), now, NEXT_OPENING_HORIZON_DAYS + 1)) {
    const at = Math.max(start, now);
    return at <= now + NEXT_OPENING_HORIZON_DAYS * DAY ? at : undefined;
  }
  return undefined;
}

/** Open time between two instants (0 when `to` is not after `from`). */
export function businessMs(hours: ServiceHours, from: number, to: number): number {
  if (!(to > from)) return 0;
  const days = Math.ceil((to - from) / DAY) + 2;
  let total = 0;
  for (const [start, end] of openIntervals(compile(hours), from, days)) {
    if (start >= to) break;
    total += Math.min(end, to) - Math.max(start, from);
  }
  return total;
}

/**
 * The instant at which `ms` of open time has passed since `from`: it ends inside (or at the end
 * of) an open stretch, so 30 minutes from Friday 17:50 with 09:00–18:00 is Monday 09:20.
 * `ms` ≤ 0 is `from` itself; Infinity when the desk does not open within 400 days.
 */
export function addBusinessMs(hours: ServiceHours, from: number, ms: number): number {
  if (!(ms > 0)) return from;
  let left = ms;
  for (const [start, end] of openIntervals(compile(hours), from, ADD_HORIZON_DAYS)) {
    const begin = Math.max(start, from);
    if (end - begin >= left) return begin + left;
    left -= end - begin;
  }
  return Number.POSITIVE_INFINITY;
}

// ---- for people ----

const words = {
  en: {
    days: { mon: "Mon", tue: "Tue", wed: "Wed", thu: "Thu", fri: "Fri", sat: "Sat", sun: "Sun" },
    span: (a: string, b: string) => `${a}–${b}`,
    rangeJoin: " and ",
    groupJoin: ", ",
    allDay: "all day",
    always: "24/7",
    closed: "Closed",
    zone: (zone: string) => ` (${zone})`,
  },
  "zh-CN": {
    days: { mon: "周一", tue: "周二", wed: "周三", thu: "周四", fri: "周五", sat: "周六", sun: "周日" },
    span: (a: string, b: string) => `${a}至${b}`,
    rangeJoin: "、",
    groupJoin: "，",
    allDay: "全天",
    always: "全天 24 小时",
    closed: "暂不提供人工服务",
    zone: (zone: string) => `（${zone}）`,
  },
} as const;

/**
 * "Mon–Fri 09:00–18:00, Sat 10:00–16:00 (Asia/Shanghai)": consecutive days with the same
 * ranges are one group. Holidays are not listed (they are dates, not a weekly pattern).
 */
export function describeHours(hours: ServiceHours, lang: "en" | "zh-CN"): string {
  const w = words[lang];
  const c = compile(hours);
  const key = (day: Weekday) => (c.weekly.get(day) ?? []).map(([a, b]) => `${a}-${b}`).join(",");
  if (WEEKDAYS.every((day) => key(day) === "0-1440")) return w.always;
  const groups: Array<{ first: Weekday; last: Weekday; ranges: Array<[number, number]> }> = [];
  for (const day of WEEKDAYS) {
    const ranges = c.weekly.get(day);
    if (!ranges) continue;
    const last = groups.at(-1);
    if (last && WEEKDAYS.indexOf(last.last) === WEEKDAYS.indexOf(day) - 1 && key(last.last) === key(day)) last.last = day;
    else groups.push({ first: day, last: day, ranges });
  }
  if (groups.length === 0) return w.closed;
  const clock = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
  const text = groups
    .map(({ first, last, ranges }) => {
      const days = first === last ? w.days[first] : w.span(w.days[first], w.days[last]);
      const times = ranges.map(([a, b]) => (a === 0 && b === 1440 ? w.allDay : `${clock(a)}–${clock(b)}`)).join(w.rangeJoin);
      return `${days} ${times}`;
    })
    .join(w.groupJoin);
  return `${text}${w.zone(hours.timeZone)}`;
}
