import { describe, expect, it } from "vitest";
import { findDates } from "./date-mentions.ts";

/** A Wednesday. */
const TODAY = "2026-03-04";
const values = (text: string) => findDates(text, TODAY).map((d) => d.value);

describe("findDates", () => {
  it("reads written dates, a missing year being this year", () => {
    expect(values("on 2026-12-05")).toEqual(["2026-12-05"]);
    expect(values("2026/12/5 or 12/05")).toEqual(["2026-12-05", "2026-12-05"]);
    expect(values("by 25/12")).toEqual(["2026-12-25"]);
    expect(values("December 5th, or 5 Dec 2027, or the 3rd of January")).toEqual(["2026-12-05", "2027-12-05", "2026-01-03"]);
    expect(values("2026年12月5日和12月5号和十二月五日")).toEqual(["2026-12-05", "2026-12-05", "2026-12-05"]);
  });

  it("counts relative days from today", () => {
    expect(values("today, tomorrow, yesterday, the day after tomorrow")).toEqual(["2026-03-04", "2026-03-05", "2026-03-03", "2026-03-06"]);
    expect(values("今天 明天 后天 大后天 昨天 前天")).toEqual(["2026-03-04", "2026-03-05", "2026-03-06", "2026-03-07", "2026-03-03", "2026-03-02"]);
  });

  it("reads weekdays by the week they are in", () => {
    expect(values("next Monday")).toEqual(["2026-03-09"]);
    expect(values("this Friday")).toEqual(["2026-03-06"]);
    expect(values("last Monday")).toEqual(["2026-02-23"]);
    // A bare weekday is the next one after today: Wednesday is a week on.
    expect(values("on Monday or Wednesday")).toEqual(["2026-03-09", "2026-03-11"]);
    expect(values("下周一、下个星期天、本周五、上周三、周四、下下周一")).toEqual(["2026-03-09", "2026-03-15", "2026-03-06", "2026-02-25", "2026-03-05", "2026-03-16"]);
  });

  it("gives where each date was said", () => {
    const text = "可以下周一送到吗";
    const [found] = findDates(text, TODAY);
    expect(text.slice(found!.start, found!.end)).toBe("下周一");
  });

  it("finds no date where there is none", () => {
    expect(values("we are open 24/7")).toEqual([]);
    expect(values("每周一都开门")).toEqual([]);
    expect(values("13/45 or 2月30日")).toEqual([]);
  });
});
