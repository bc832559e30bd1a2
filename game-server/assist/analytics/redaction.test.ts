import { describe, expect, it } from "vitest";
import { luhn, redact, residentIdValid, withoutMasks } from "./redaction.ts";

const kinds = (text: string, lang?: "en" | "zh-CN") => redact(text, lang).found.map((f) => f.kind);

describe("redact (English)", () => {
  it("masks a card number to its last four digits, however it is written", () => {
    expect(redact("my card is 4242 4242 4242 4242, thanks").text).toBe("my card is •••• 4242, thanks");
    expect(redact("card 4000-0566-5566-5556 please").text).toBe("card •••• 5556 please");
    expect(redact("4242424242424242").text).toBe("•••• 4242");
    // Amex, 4-6-5
    expect(redact("it's 3782 822463 10005").text).toBe("it's •••• 0005");
  });

  it("finds the card among other numbers said with it", () => {
    const r = redact("card 4242 4242 4242 4242 12 28 cvv 123", "en");
    expect(r.text).toBe("card •••• 4242 12 28 cvv 123");
  });

  it("does not call a number that fails the Luhn check a card, but still masks it as a long number", () => {
    expect(luhn("4242424242424241")).toBe(false);
    const r = redact("4242 4242 4242 4241", "en");
    expect(r.found.map((f) => f.kind)).toEqual(["number"]);
    expect(r.text).toBe("[number]");
  });

  it("masks a card number read out word by word, the whole spoken span", () => {
    const text = "my card number is four two four two four two four two four two four two four two four two okay";
    const r = redact(text, "en");
    expect(r.text).toBe("my card number is •••• 4242 okay");
    expect(r.found).toEqual([{ kind: "card", start: 18, end: text.indexOf(" okay"), mask: "•••• 4242" }]);
  });

  it("masks phone numbers to their last four digits", () => {
    expect(redact("call me on (415) 555-2671", "en").text).toBe("call me on [phone •••• 2671]");
    expect(redact("it's 415-555-2671.", "en").text).toBe("it's [phone •••• 2671].");
    expect(redact("my mobile is +44 20 7946 0958", "en").text).toBe("my mobile is [phone •••• 0958]");
    expect(redact("+86 138 1234 5678", "en").text).toBe("[phone •••• 5678]");
    expect(redact("four one five five five five two six seven one", "en").text).toBe("[phone •••• 2671]");
    expect(redact("oh seven seven double oh nine double oh one two three", "en").text).toBe("[phone •••• 0123]");
  });

  it("keeps an interjection out of a number read out", () => {
    expect(redact("Oh, four one five five five five two six seven one", "en").text).toBe("Oh, [phone •••• 2671]");
  });

  it("masks e-mail addresses to their first letter and domain", () => {
    expect(redact("send it to john.smith+nova@example.co.uk please").text).toBe("send it to j•••@example.co.uk please");
  });

  it("masks passport-like and other long numbers", () => {
    expect(redact("passport E12345678", "en").text).toBe("passport [number]");
    expect(redact("account 1234 5678 9012", "en").text).toBe("account [number]");
    expect(redact("my account is 12345678901234", "en").text).toBe("my account is [number]");
    expect(kinds("order 1234567890", "en")).toEqual(["number"]);
  });

  it("keeps order numbers, dates, times and sums of money", () => {
    for (const text of [
      "order NV-10423 has not arrived",
      "my order number is 10423",
      "order 12345678",
      "order AB12345678",
      "order one oh four two three",
      "it was 2026-12-05 at 10:30",
      "I paid ¥1,299 and $49.99",
      "a 100000000 yuan loan",
      "open 24/7",
    ]) {
      expect(redact(text, "en")).toEqual({ text, found: [] });
    }
  });
});

describe("redact (Chinese)", () => {
  it("masks a mobile number written or read out, in Chinese words", () => {
    expect(redact("我的手机号是13812345678").text).toBe("我的手机号是[电话 •••• 5678]");
    expect(redact("手机号一三八一二三四五六七八，谢谢").text).toBe("手机号[电话 •••• 5678]，谢谢");
    expect(redact("电话幺三八 幺二三四 五六七八").text).toBe("电话[电话 •••• 5678]");
    expect(redact("号码是+86 138-1234-5678").text).toBe("号码是[电话 •••• 5678]");
    expect(redact("座机010-12345678").text).toBe("座机[电话 •••• 5678]");
  });

  it("masks a resident ID whose check digit is right, whole", () => {
    expect(residentIdValid("11010519491231002X")).toBe(true);
    expect(residentIdValid("110105194912310021")).toBe(false);
    const r = redact("身份证号11010519491231002X，麻烦了");
    expect(r.text).toBe("身份证号[身份证号]，麻烦了");
    expect(r.found[0]?.kind).toBe("national-id");
    // A wrong check digit is no ID, but still a long number not to keep.
    expect(kinds("身份证号110105194912310021")).toEqual(["number"]);
  });

  it("masks a card number read out in Chinese digits", () => {
    expect(redact("卡号是四二四二四二四二四二四二四二四二").text).toBe("卡号是•••• 4242");
    // A 19-digit UnionPay number, 4-4-4-4-3.
    expect(redact("卡号 6222 0202 0000 1234 562").text).toBe("卡号 •••• 4562");
  });

  it("keeps order numbers, dates and money", () => {
    for (const text of ["订单号是一零四二三", "订单NV-10423还没到", "下周一送到，12月5日之前", "一共一千二百九十九元", "花了1299元", "二零二六年"]) {
      expect(redact(text)).toEqual({ text, found: [] });
    }
  });

  it("writes masks in the language asked", () => {
    expect(redact("call 13812345678", "zh-CN").text).toBe("call [电话 •••• 5678]");
    expect(redact("电话13812345678", "en").text).toBe("电话[phone •••• 5678]");
  });
});

describe("redacted text", () => {
  it("has no digit of a masked number left, and masks that can be taken out", () => {
    const raw = "card 4000 0566 5566 5556, phone 13812345678, mail a.b@c.com, id 11010519491231002X";
    const { text, found } = redact(raw, "en");
    expect(text).not.toMatch(/0566|1381|1101|a\.b@/);
    expect(found.map((f) => raw.slice(f.start, f.end))).toEqual(["4000 0566 5566 5556", "13812345678", "a.b@c.com", "11010519491231002X"]);
    expect(withoutMasks(text).replace(/\s+/g, " ")).toBe("card , phone , mail , id ");
  });

  it("is unchanged by a second pass", () => {
    const once = redact("4242 4242 4242 4242 and 13812345678 and j@x.io", "en").text;
    expect(redact(once, "en").text).toBe(once);
  });
});
