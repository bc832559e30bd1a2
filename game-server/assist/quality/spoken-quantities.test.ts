import { describe, expect, it } from "vitest";
import { agrees, findQuantities, formatAmount } from "./spoken-quantities.ts";

const YEAR = 365.25;
const one = (text: string) => {
  const found = findQuantities(text);
  expect(found, text).toHaveLength(1);
  return found[0]!;
};

describe("numbers in words", () => {
  it.each([
    ["seven hundred and ninety-nine pounds", 799, "GBP"],
    ["two million pounds", 2e6, "GBP"],
    ["两亿三千万元", 230_000_000, "CNY"],
  ])("reads the price in %j", (text, value, unit) => {
    expect(one(text)).toMatchObject({ kind: "price", value, unit });
  });

  it.each([
    ["one point five kilograms", 1.5, "kg"],
    ["一点五公斤", 1.5, "kg"],
    ["eighty five thousand mAh", 85_000, "mAh"],
  ])("reads the counted amount in %j", (text, value, unit) => {
    expect(one(text)).toMatchObject({ kind: "number", value, unit });
  });
});

describe("findQuantities", () => {
  it.each([
    ["the warranty is two years", 2 * YEAR],
    ["a two-year warranty", 2 * YEAR],
    ["24 months", 2 * YEAR],
    ["twenty-four months", 2 * YEAR],
    ["两年", 2 * YEAR],
    ["二十四个月", 2 * YEAR],
    ["保修一年半", 1.5 * YEAR],
    ["one and a half years", 1.5 * YEAR],
    ["半年", YEAR / 2],
    ["for a year", YEAR],
    ["three working days", 3],
    ["5 个工作日", 5],
    ["一周内", 7],
    ["两小时", 2 / 24],
    ["一个半小时", 1.5 / 24],
    ["half an hour", 0.5 / 24],
    ["an hour and a half", 1.5 / 24],
  ])("reads the duration in %j (days)", (text, days) => {
    const q = one(text);
    expect(q.kind).toBe("duration");
    expect(q.value).toBeCloseTo(days, 6);
  });

  it("says where the amount is, as written", () => {
    const text = "OK so the warranty is twenty-four months, fine";
    const q = one(text);
    expect(q.text).toBe("twenty-four months");
    expect(text.slice(q.start, q.end)).toBe("twenty-four months");
    expect(one("保修二十四个月就够了").text).toBe("二十四个月");
  });

  it.each([
    ["£1,049", 1049, "GBP"],
    ["seven hundred and ninety-nine pounds", 799, "GBP"],
    ["nine pounds ninety-five", 9.95, "GBP"],
    ["七百九十九元", 799, "CNY"],
    ["九块九", 9.9, "CNY"],
    ["¥ 99", 99, "CNY"],
    ["$5", 5, "USD"],
    ["一千零四十九英镑", 1049, "GBP"],
    ["£1 million", 1e6, "GBP"],
    ["£100 万", 1e6, "GBP"],
    ["it costs 899", 899, ""],
    ["售价 799", 799, ""],
  ])("reads the price in %j", (text, value, unit) => {
    expect(one(text)).toMatchObject({ kind: "price", value, unit });
  });

  it.each([
    ["5%", 5, "%"],
    ["百分之五", 5, "%"],
    ["4,700 mAh", 4700, "mAh"],
    ["a 6.3-inch screen", 6.3, "inch"],
    ["5000 万像素", 50, "MP"],
    ["weighs 390 g", 390, "g"],
    ["swim-proof to 50 metres", 50, "m"],
  ])("reads the counted amount in %j", (text, value, unit) => {
    const q = one(text);
    expect(q).toMatchObject({ kind: "number", unit });
    expect(q.value).toBeCloseTo(value, 6);
  });

  it("reads ranges and alternatives", () => {
    expect(one("2–4 working days")).toMatchObject({ value: 2, max: 4 });
    expect(one("三到五天")).toMatchObject({ value: 3, max: 5 });
    expect(one("£10 to £500")).toMatchObject({ kind: "price", value: 10, max: 500 });
    const [a, b] = findQuantities("spread it over 12 or 24 months");
    expect(a!.value).toBeCloseTo(YEAR, 6);
    expect(b!.value).toBeCloseTo(2 * YEAR, 6);
    expect(a!.max).toBeUndefined();
  });

  it.each([
    "Nova Phone 12",
    "call 0345 600 7000",
    "sort code 40-12-88",
    "open from 10 am to 8 pm",
    "2024年",
    "12月",
    "星期三",
    "第一年",
    "两块电池",
    "the 5G model",
    "£79 a year",
    "with two claims a year",
  ])("finds no %s amount where there is none (or only the price)", (text) => {
    expect(findQuantities(text).filter((q) => q.kind !== "price")).toEqual([]);
  });
});

describe("agrees", () => {
  const d = (value: number, max?: number) => ({ kind: "duration" as const, value, unit: "day", ...(max === undefined ? {} : { max }) });
  it("takes 24 months, two years and 730 days as one amount", () => {
    const [months] = findQuantities("二十四个月");
    const [years] = findQuantities("two years");
    expect(agrees(months!, years!)).toBe(true);
    expect(agrees(d(730), years!)).toBe(true);
    expect(agrees(d(YEAR), years!)).toBe(false);
  });

  it("takes an amount inside a reference range, not one outside it", () => {
    expect(agrees(d(3), d(2, 4))).toBe(true);
    expect(agrees(d(2, 4), d(2, 4))).toBe(true);
    expect(agrees(d(5), d(2, 4))).toBe(false);
  });

  it("compares a price said without a currency with any, but not pounds with yuan", () => {
    expect(agrees({ kind: "price", value: 799, unit: "" }, { kind: "price", value: 799, unit: "GBP" })).toBe(true);
    expect(agrees({ kind: "price", value: 799, unit: "CNY" }, { kind: "price", value: 799, unit: "GBP" })).toBe(false);
  });
});

describe("formatAmount", () => {
  it("shows an amount in the largest whole unit, per language", () => {
    expect(formatAmount(one("24 months"), "en")).toBe("2 years");
    expect(formatAmount(one("24 months"), "zh-CN")).toBe("2 年");
    expect(formatAmount(one("30 days"), "en")).toBe("30 days");
    expect(formatAmount(one("8 weeks"), "en")).toBe("8 weeks");
    expect(formatAmount(one("one year"), "en")).toBe("1 year");
    expect(formatAmount(one("2–4 working days"), "en")).toBe("2–4 days");
    expect(formatAmount(one("£1049"), "en")).toBe("£1,049");
    expect(formatAmount(one("4700 mAh"), "en")).toBe("4,700 mAh");
  });
});
