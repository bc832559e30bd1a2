import { describe, expect, it } from "vitest";
import { chineseNumber, digitView, englishNumber, originalSpan } from "./spoken-numbers.ts";

describe("digitView", () => {
  it("writes English digits read one by one as digits, and maps them back to the words", () => {
    const text = "it is four two four two, four two please";
    const view = digitView(text);
    expect(view.text).toBe("it is 424242 please");
    const at = view.text.indexOf("424242");
    const span = originalSpan(view, at, at + 6);
    expect(text.slice(span.start, span.end)).toBe("four two four two, four two");
  });

  it("reads double, triple and oh inside a number", () => {
    expect(digitView("oh seven seven double four triple nine").text).toBe("07744999");
    expect(digitView("one two double-five").text).toBe("1255");
  });

  it("leaves words that are not a number read out", () => {
    for (const text of ["I have two phones", "one or two days", "let me double check", "Oh, four two four two"]) {
      expect(digitView(text).text).toBe(text.startsWith("Oh") ? "Oh, 4242" : text);
    }
  });

  it("joins written digits and spoken ones in one run", () => {
    expect(digitView("4242 four two four two").text).toBe("42424242");
  });

  it("writes Chinese digits read one by one (and 幺, full-width digits) as digits, character for character", () => {
    const text = "手机号一三八幺二三四五六七八";
    const view = digitView(text);
    expect(view.text).toBe("手机号13812345678");
    expect(originalSpan(view, 3, 14)).toEqual({ start: 3, end: 14 });
    expect(digitView("１３８").text).toBe("138");
  });

  it("leaves Chinese words with a digit in them alone", () => {
    for (const text of ["下周一来", "五一放假", "一个一样的", "三三两两"]) expect(digitView(text).text).toBe(text);
  });
});

describe("number words", () => {
  it("reads English cardinals", () => {
    expect(englishNumber("forty nine")).toBe(49);
    expect(englishNumber("forty-nine")).toBe(49);
    expect(englishNumber("a hundred and twenty")).toBe(120);
    expect(englishNumber("two thousand five hundred")).toBe(2500);
    expect(englishNumber("phone")).toBeUndefined();
  });

  it.each([
    ["two", 2],
    ["twenty-four", 24],
    ["seven hundred and ninety-nine", 799],
    ["one thousand and forty nine", 1049],
    ["eighty five thousand", 85_000],
    ["a thousand", 1000],
    ["three million", 3_000_000],
    ["two million five hundred thousand", 2_500_000],
    ["one point five", 1.5],
    ["two point oh five", 2.05],
    ["a", undefined],
    ["and forty", undefined],
    ["forty a", undefined],
    ["one point", undefined],
    ["one point twenty", undefined],
  ])("reads English %j as %s", (words, value) => expect(englishNumber(words)).toBe(value));

  it("reads Chinese numerals, and digits without units one by one", () => {
    expect(chineseNumber("三百")).toBe(300);
    expect(chineseNumber("一千二百九十九")).toBe(1299);
    expect(chineseNumber("十五")).toBe(15);
    expect(chineseNumber("两万")).toBe(20_000);
    expect(chineseNumber("一千零五")).toBe(1005);
    expect(chineseNumber("两亿三千万")).toBe(230_000_000);
    expect(chineseNumber("二零二六")).toBe(2026);
    expect(chineseNumber("手机")).toBeUndefined();
  });

  it.each([
    ["两", 2],
    ["十八", 18],
    ["二十四", 24],
    ["七百九十九", 799],
    ["一千零四十九", 1049],
    ["千", 1000],
    ["一亿五千万", 150_000_000],
    ["一点五", 1.5],
    ["三点一四", 3.14],
    ["二〇二四", 2024],
    ["幺幺零", 110],
    ["点五", undefined],
    ["一点", undefined],
    ["一点五点五", undefined],
    ["一点五万", undefined],
  ])("reads Chinese %s as %s", (numerals, value) => expect(chineseNumber(numerals)).toBe(value));
});
