import { describe, expect, it } from "vitest";
import { findMoney } from "./money-mentions.ts";

const values = (text: string) => findMoney(text).map((m) => m.value);

describe("findMoney", () => {
  it("reads sums with a currency sign or code", () => {
    expect(values("¥1,299 or ￥99, $49.99, £29, €5 and HK$100")).toEqual(["1299 CNY", "99 CNY", "49.99 USD", "29 GBP", "5 EUR", "100 HKD"]);
    expect(values("RMB 500 and USD 20")).toEqual(["500 CNY", "20 USD"]);
  });

  it("reads sums with a currency word after them", () => {
    expect(values("1299元, 35块钱, 1.5万元, 20美元, 49 dollars, 10 pounds")).toEqual(["1299 CNY", "35 CNY", "15000 CNY", "20 USD", "49 USD", "10 GBP"]);
  });

  it("reads sums in words", () => {
    expect(values("三百元，一千二百九十九块，两万元")).toEqual(["300 CNY", "1299 CNY", "20000 CNY"]);
    expect(values("forty nine dollars and ninety nine cents")).toEqual(["49.99 USD"]);
    expect(values("a phone and a hundred and twenty pounds")).toEqual(["120 GBP"]);
  });

  it("gives where each sum was said", () => {
    const text = "一共扣了一千二百九十九元。";
    const [found] = findMoney(text);
    expect(text.slice(found!.start, found!.end)).toBe("一千二百九十九元");
  });

  it("finds no sum in numbers without a currency", () => {
    expect(values("order 10423, 3 phones, 12 months, 一个月")).toEqual([]);
  });
});
