import { describe, expect, it } from "vitest";
import { durationAttr, formatCalendarDate, formatClock, formatDate, formatDateTime, formatDuration, formatRelative } from "./format.ts";

// Intl puts narrow no-break spaces in English times ("3:06 PM"); compare with plain spaces.
const plain = (s: string) => s.replace(/[\u202f\u00a0]/g, " ");

describe("durations", () => {
  it("reads as people say them, in both languages", () => {
    expect(formatDuration(42_000, "en")).toBe("42 s");
    expect(formatDuration(42_000, "zh-CN")).toBe("42 秒");
    expect(formatDuration(3 * 60_000 + 12_000, "en")).toBe("3 min");
    expect(formatDuration(5 * 60_000, "zh-CN")).toBe("5 分钟");
    expect(formatDuration(65 * 60_000, "en")).toBe("1 h 5 min");
    expect(formatDuration(2 * 3_600_000, "zh-CN")).toBe("2 小时");
    expect(formatDuration(51 * 3_600_000, "en")).toBe("2 d 3 h");
  });

  it("never says 60 min or a negative time", () => {
    expect(formatDuration(3_599_000, "en")).toBe("1 h");
    expect(formatDuration(59_600, "en")).toBe("1 min");
    expect(formatDuration(-5_000, "en")).toBe("0 s");
  });

  it("ticks as a stopwatch", () => {
    expect(formatClock(7_900)).toBe("0:07");
    expect(formatClock(185_000)).toBe("3:05");
    expect(formatClock(3_723_000)).toBe("1:02:03");
    expect(formatClock(-1)).toBe("0:00");
    expect(durationAttr(185_400)).toBe("PT185S");
  });
});

describe("dates", () => {
  const now = Date.parse("2025-03-04T15:06:00Z");

  it("says how long ago", () => {
    expect(formatRelative(now - 10_000, now, "en")).toBe("just now");
    expect(formatRelative(now + 5_000, now, "zh-CN")).toBe("刚刚");
    expect(formatRelative(new Date(now - 5 * 60_000).toISOString(), now, "en")).toBe("5 minutes ago");
    expect(formatRelative(now - 5 * 60_000, now, "zh-CN")).toBe("5分钟前");
    expect(formatRelative(now - 3 * 3_600_000, now, "en")).toBe("3 hours ago");
    expect(formatRelative(now - 26 * 3_600_000, now, "en")).toBe("yesterday");
    expect(formatRelative(now - 26 * 3_600_000, now, "zh-CN")).toBe("昨天");
  });

  it("gives the date itself past a month", () => {
    expect(formatRelative("2025-01-02T10:00:00Z", now, "en", "UTC")).toBe("Thu, Jan 2, 2025");
  });

  it("shows the exact time in the page's language and zone", () => {
    expect(plain(formatDateTime("2025-03-04T15:06:00Z", "en", "UTC"))).toBe("Mar 4, 2025, 3:06 PM");
    expect(formatDateTime("2025-03-04T15:06:00Z", "zh-CN", "Asia/Shanghai")).toBe("2025年3月4日 23:06");
    expect(formatDate("2025-03-04T15:06:00Z", "zh-CN", "UTC")).toBe("2025年3月4日周二");
  });

  it("keeps a follow-up day on its day wherever the reader is", () => {
    expect(formatCalendarDate("2025-03-07", "en")).toBe("Fri, Mar 7, 2025");
    expect(formatCalendarDate("someday", "en")).toBe("someday");
  });

  it("shows nothing for a date it cannot read", () => {
    expect(formatDateTime("not a date", "en")).toBe("");
    expect(formatRelative("", now, "en")).toBe("");
  });
});
