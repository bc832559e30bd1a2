import { describe, expect, it } from "vitest";
import type { ServiceHours } from "./service-hours.ts";
import { ALWAYS_OPEN, addBusinessMs, businessMs, describeHours, isOpen, nextOpening, ServiceHoursSchema } from "./service-hours.ts";

const H = 3600_000;
const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);

const weekdays = (ranges: Array<[string, string]>): ServiceHours["weekly"] => ({ mon: ranges, tue: ranges, wed: ranges, thu: ranges, fri: ranges });

/** Shanghai has no DST: +08:00 all year. 2025-01-03 is a Friday. */
const shanghai: ServiceHours = { timeZone: "Asia/Shanghai", weekly: { ...weekdays([["09:00", "18:00"]]), sat: [["10:00", "16:00"]] } };
const officeHours: ServiceHours = { timeZone: "Asia/Shanghai", weekly: weekdays([["09:00", "18:00"]]) };

describe("isOpen", () => {
  it.each([
    ["2025-01-03T09:00:00+08:00", true], // Friday, opening minute
    ["2025-01-03T17:59:59+08:00", true],
    ["2025-01-03T18:00:00+08:00", false], // a range ends at its end time
    ["2025-01-03T08:59:59+08:00", false],
    ["2025-01-04T11:00:00+08:00", true], // Saturday 10–16
    ["2025-01-04T16:30:00+08:00", false],
    ["2025-01-05T11:00:00+08:00", false], // Sunday: not listed, closed
  ])("Shanghai hours at %s → %s", (iso, open) => {
    expect(isOpen(shanghai, at(iso))).toBe(open);
  });

  it("reads the hours in the hall's time zone, not the server's", () => {
    // 02:00 UTC on a Friday is 10:00 in Shanghai (open) and 21:00 Thursday in New York (closed).
    const now = at("2025-01-03T02:00:00Z");
    expect(isOpen(shanghai, now)).toBe(true);
    expect(isOpen({ ...officeHours, timeZone: "America/New_York" }, now)).toBe(false);
  });

  it("is closed all day on a holiday, open again the day after", () => {
    const hours: ServiceHours = { ...officeHours, holidays: ["2025-01-01"] };
    expect(isOpen(hours, at("2025-01-01T10:00:00+08:00"))).toBe(false);
    expect(isOpen(hours, at("2025-01-02T10:00:00+08:00"))).toBe(true);
  });

  it("runs through midnight when a range ends 24:00 and the next day's starts 00:00", () => {
    const lateNight: ServiceHours = { timeZone: "Asia/Shanghai", weekly: { fri: [["22:00", "24:00"]], sat: [["00:00", "02:00"]] } };
    expect(isOpen(lateNight, at("2025-01-03T23:59:59+08:00"))).toBe(true);
    expect(isOpen(lateNight, at("2025-01-04T00:00:00+08:00"))).toBe(true);
    expect(isOpen(lateNight, at("2025-01-04T02:00:00+08:00"))).toBe(false);
    expect(addBusinessMs(lateNight, at("2025-01-03T23:00:00+08:00"), 2 * H)).toBe(at("2025-01-04T01:00:00+08:00"));
  });

  it("is always open for ALWAYS_OPEN", () => {
    for (const iso of ["2025-01-04T03:00:00Z", "2025-03-30T01:30:00Z", "2025-12-25T23:59:59Z"]) expect(isOpen(ALWAYS_OPEN, at(iso))).toBe(true);
  });
});

describe("nextOpening", () => {
  it("is now while open", () => {
    const now = at("2025-01-03T12:34:56+08:00");
    expect(nextOpening(shanghai, now)).toBe(now);
  });

  it("is the next range's start when closed: Friday evening → Monday 09:00 when weekends are closed", () => {
    expect(nextOpening(officeHours, at("2025-01-03T19:00:00+08:00"))).toBe(at("2025-01-06T09:00:00+08:00"));
    expect(nextOpening(shanghai, at("2025-01-03T19:00:00+08:00"))).toBe(at("2025-01-04T10:00:00+08:00"));
  });

  it("skips holidays", () => {
    const hours: ServiceHours = { ...officeHours, holidays: ["2025-01-06", "2025-01-07"] };
    expect(nextOpening(hours, at("2025-01-03T19:00:00+08:00"))).toBe(at("2025-01-08T09:00:00+08:00"));
  });

  it("is undefined when the desk does not open in the next 14 days", () => {
    expect(nextOpening({ timeZone: "Asia/Shanghai", weekly: {} }, at("2025-01-03T19:00:00+08:00"))).toBeUndefined();
    const holidays = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2025, 0, 4 + i)).toISOString().slice(0, 10));
    expect(nextOpening({ ...officeHours, holidays }, at("2025-01-03T19:00:00+08:00"))).toBeUndefined();
    expect(nextOpening({ ...officeHours, holidays: holidays.slice(0, 10) }, at("2025-01-03T19:00:00+08:00"))).toBe(at("2025-01-14T09:00:00+08:00"));
  });
});

describe("daylight saving time (Europe/London, clocks go forward 2025-03-30 01:00 GMT)", () => {
  const london: ServiceHours = { timeZone: "Europe/London", weekly: { sat: [["09:00", "17:00"]], sun: [["09:00", "17:00"]], mon: [["09:00", "17:00"]] } };

  it("opens at 09:00 local on both sides of the change: 09:00 UTC on Saturday, 08:00 UTC on Sunday", () => {
    expect(nextOpening(london, at("2025-03-29T07:00:00Z"))).toBe(at("2025-03-29T09:00:00Z"));
    expect(nextOpening(london, at("2025-03-29T18:00:00Z"))).toBe(at("2025-03-30T08:00:00Z"));
    expect(isOpen(london, at("2025-03-30T08:30:00Z"))).toBe(true); // 09:30 BST
    expect(isOpen(london, at("2025-03-30T16:30:00Z"))).toBe(false); // 17:30 BST
  });

  it("counts each day's eight hours whatever its length", () => {
    expect(businessMs(london, at("2025-03-29T00:00:00Z"), at("2025-04-01T00:00:00Z"))).toBe(24 * H);
  });

  it("gives an all-day range 23 hours on the short day and 25 on the long one", () => {
    const allWeekend: ServiceHours = { timeZone: "Europe/London", weekly: { sun: [["00:00", "24:00"]] } };
    expect(businessMs(allWeekend, at("2025-03-29T00:00:00Z"), at("2025-04-01T00:00:00Z"))).toBe(23 * H);
    expect(businessMs(allWeekend, at("2025-10-25T00:00:00Z"), at("2025-10-28T00:00:00Z"))).toBe(25 * H);
  });

  it("does not count the hour the clocks skip", () => {
    const night: ServiceHours = { timeZone: "Europe/London", weekly: { sun: [["00:30", "03:00"]] } };
    // 00:30 GMT … 03:00 BST (02:00 UTC): 1 h 30 min of real time.
    expect(businessMs(night, at("2025-03-29T12:00:00Z"), at("2025-03-31T00:00:00Z"))).toBe(90 * MIN);
    expect(addBusinessMs(night, at("2025-03-30T00:00:00Z"), 60 * MIN)).toBe(at("2025-03-30T01:30:00Z")); // 02:30 BST
  });
});

describe("businessMs", () => {
  it("counts only the open time between two instants", () => {
    expect(businessMs(officeHours, at("2025-01-03T17:00:00+08:00"), at("2025-01-06T10:00:00+08:00"))).toBe(2 * H);
    expect(businessMs(officeHours, at("2025-01-03T19:00:00+08:00"), at("2025-01-05T19:00:00+08:00"))).toBe(0);
    expect(businessMs(shanghai, at("2025-01-06T00:00:00+08:00"), at("2025-01-13T00:00:00+08:00"))).toBe(5 * 9 * H + 6 * H);
  });

  it("is 0 when `to` is not after `from`", () => {
    expect(businessMs(officeHours, at("2025-01-03T12:00:00+08:00"), at("2025-01-03T11:00:00+08:00"))).toBe(0);
  });

  it("leaves holidays out", () => {
    const hours: ServiceHours = { ...officeHours, holidays: ["2025-01-07"] };
    expect(businessMs(hours, at("2025-01-06T00:00:00+08:00"), at("2025-01-13T00:00:00+08:00"))).toBe(4 * 9 * H);
  });

  it("adds up a month with several ranges a day", () => {
    const split: ServiceHours = { timeZone: "Asia/Shanghai", weekly: weekdays([["09:00", "12:00"], ["13:00", "18:00"]]) };
    // January 2025 has 23 weekdays.
    expect(businessMs(split, at("2025-01-01T00:00:00+08:00"), at("2025-02-01T00:00:00+08:00"))).toBe(23 * 8 * H);
  });
});

describe("addBusinessMs", () => {
  it("carries over closed time: 30 minutes from Friday 17:50 is Monday 09:20", () => {
    expect(addBusinessMs(officeHours, at("2025-01-03T17:50:00+08:00"), 30 * MIN)).toBe(at("2025-01-06T09:20:00+08:00"));
  });

  it("ends at the close when the time runs out exactly then", () => {
    expect(addBusinessMs(officeHours, at("2025-01-03T17:30:00+08:00"), 30 * MIN)).toBe(at("2025-01-03T18:00:00+08:00"));
  });

  it("starts counting at the opening when created while closed", () => {
    expect(addBusinessMs(officeHours, at("2025-01-04T12:00:00+08:00"), H)).toBe(at("2025-01-06T10:00:00+08:00"));
  });

  it("is `from` for no time, and Infinity for a desk that never opens", () => {
    const from = at("2025-01-04T12:00:00+08:00");
    expect(addBusinessMs(officeHours, from, 0)).toBe(from);
    expect(addBusinessMs({ timeZone: "UTC", weekly: {} }, from, H)).toBe(Number.POSITIVE_INFINITY);
  });

  it("is the inverse of businessMs", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const london: ServiceHours = { timeZone: "Europe/London", weekly: { ...weekdays([["08:30", "12:00"], ["13:00", "17:30"]]), sun: [["00:00", "24:00"]] } };
    for (let i = 0; i < 50; i++) {
      const from = at("2025-03-20T00:00:00Z") + Math.floor(random() * 20 * 24 * H);
      const ms = Math.floor(random() * 40 * H);
      const due = addBusinessMs(london, from, ms);
      expect(businessMs(london, from, due)).toBe(ms);
    }
  });
});

describe("describeHours", () => {
  it("groups consecutive days with the same hours", () => {
    expect(describeHours(shanghai, "en")).toBe("Mon–Fri 09:00–18:00, Sat 10:00–16:00 (Asia/Shanghai)");
    expect(describeHours(shanghai, "zh-CN")).toBe("周一至周五 09:00–18:00，周六 10:00–16:00（Asia/Shanghai）");
  });

  it("says 24/7 for a desk that never closes", () => {
    expect(describeHours(ALWAYS_OPEN, "en")).toBe("24/7");
    expect(describeHours(ALWAYS_OPEN, "zh-CN")).toBe("全天 24 小时");
  });

  it("lists a lunch break, all-day days and a gap in the week", () => {
    const hours: ServiceHours = {
      timeZone: "Europe/London",
      weekly: { mon: [["13:00", "18:00"], ["09:00", "12:00"]], tue: [["09:00", "12:00"], ["13:00", "18:00"]], thu: [["09:00", "12:00"], ["13:00", "18:00"]], sat: [["00:00", "24:00"]], sun: [["00:00", "24:00"]] },
    };
    expect(describeHours(hours, "en")).toBe("Mon–Tue 09:00–12:00 and 13:00–18:00, Thu 09:00–12:00 and 13:00–18:00, Sat–Sun all day (Europe/London)");
    expect(describeHours(hours, "zh-CN")).toBe("周一至周二 09:00–12:00、13:00–18:00，周四 09:00–12:00、13:00–18:00，周六至周日 全天（Europe/London）");
  });

  it("says when there are no hours at all", () => {
    expect(describeHours({ timeZone: "UTC", weekly: {} }, "en")).toBe("Closed");
  });
});

describe("ServiceHoursSchema", () => {
  it("accepts well-formed hours", () => {
    expect(ServiceHoursSchema.safeParse(shanghai).success).toBe(true);
    expect(ServiceHoursSchema.safeParse(ALWAYS_OPEN).success).toBe(true);
    expect(ServiceHoursSchema.safeParse({ ...officeHours, holidays: ["2025-10-01", "2024-02-29"] }).success).toBe(true);
  });

  it.each<[string, unknown]>([
    ["an unknown time zone", { timeZone: "Mars/Olympus", weekly: {} }],
    ["a time without two-digit hours", { timeZone: "UTC", weekly: { mon: [["9:00", "18:00"]] } }],
    ["a range that ends before it starts", { timeZone: "UTC", weekly: { mon: [["18:00", "09:00"]] } }],
    ["an empty range", { timeZone: "UTC", weekly: { mon: [["09:00", "09:00"]] } }],
    ["a time past 24:00", { timeZone: "UTC", weekly: { mon: [["20:00", "24:30"]] } }],
    ["five ranges in a day", { timeZone: "UTC", weekly: { mon: [["01:00", "02:00"], ["03:00", "04:00"], ["05:00", "06:00"], ["07:00", "08:00"], ["09:00", "10:00"]] } }],
    ["overlapping ranges", { timeZone: "UTC", weekly: { mon: [["09:00", "13:00"], ["12:00", "18:00"]] } }],
    ["a misspelt day", { timeZone: "UTC", weekly: { monday: [["09:00", "18:00"]] } }],
    ["a holiday that is no date", { timeZone: "UTC", weekly: {}, holidays: ["2025-02-30"] }],
  ])("refuses %s", (_, value) => {
    expect(ServiceHoursSchema.safeParse(value).success).toBe(false);
  });
});
