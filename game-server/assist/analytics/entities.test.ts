import { describe, expect, it } from "vitest";
import { type Entity, extractEntities } from "./entities.ts";
import { redact } from "./redaction.ts";

const TODAY = "2026-03-04";
const brief = (entities: Entity[]) => entities.map((e) => [e.kind, e.value, e.text]);

describe("extractEntities (English)", () => {
  it("finds what an agent acts on, in order, with where it was said", () => {
    const text = "Order NV-10423 was $49.99, can it come next Monday? Call 415-555-2671 or mail jo@example.com";
    const entities = extractEntities(text, "en", { today: TODAY });
    expect(brief(entities)).toEqual([
      ["order", "NV-10423", "NV-10423"],
      ["amount", "49.99 USD", "$49.99"],
      ["date", "2026-03-09", "next Monday"],
      ["phone", "•••• 2671", "[phone •••• 2671]"],
      ["email", "j•••@example.com", "j•••@example.com"],
    ]);
    expect(text.slice(entities[0]!.start, entities[0]!.end)).toBe("NV-10423");
    expect(text.slice(entities[3]!.start, entities[3]!.end)).toBe("415-555-2671");
  });

  it("reads order numbers after 'order', also read out digit by digit", () => {
    expect(brief(extractEntities("my order number is 10423", "en"))).toEqual([["order", "10423", "10423"]]);
    expect(brief(extractEntities("order one oh four two three", "en"))).toEqual([["order", "10423", "one oh four two three"]]);
    expect(brief(extractEntities("ref: ab-1234", "en"))).toEqual([["order", "AB-1234", "ab-1234"]]);
    // Not an order: a count, a time.
    expect(extractEntities("I ordered 3 phones at 10423", "en")).toEqual([]);
  });

  it("never returns a card, phone or e-mail unmasked", () => {
    const text = "card four two four two four two four two four two four two four two four two, phone 13812345678, a.b@c.com";
    const entities = extractEntities(text, "en");
    expect(entities.map((e) => e.kind)).toEqual(["card", "phone", "email"]);
    expect(JSON.stringify(entities)).not.toMatch(/4242424242424242|four two|1381234|a\.b@/);
    expect(entities[0]).toMatchObject({ value: "•••• 4242", text: "•••• 4242", start: 5 });
  });

  it("reads the same entities back from the redacted text", () => {
    const raw = "card 4242 4242 4242 4242, phone +86 138 1234 5678, mail j@x.io, order NV-10423 for ¥1,299 tomorrow";
    const fromRaw = extractEntities(raw, "en", { today: TODAY }).map((e) => [e.kind, e.value]);
    const fromRedacted = extractEntities(redact(raw, "en").text, "en", { today: TODAY }).map((e) => [e.kind, e.value]);
    expect(fromRedacted).toEqual(fromRaw);
    expect(fromRaw.map(([kind]) => kind)).toEqual(["card", "phone", "email", "order", "amount", "date"]);
  });

  it("takes no order or amount out of a masked long number", () => {
    expect(extractEntities("passport E12345678 and account 1234 5678 9012", "en")).toEqual([]);
  });
});

describe("extractEntities (Chinese)", () => {
  it("finds orders, sums, dates, phones and cards", () => {
    const text = "订单号是一零四二三，一共一千二百九十九元，卡号4242 4242 4242 4242，手机一三八一二三四五六七八，下周一或者12月5日送到";
    expect(brief(extractEntities(text, "zh-CN", { today: TODAY }))).toEqual([
      ["order", "10423", "一零四二三"],
      ["amount", "1299 CNY", "一千二百九十九元"],
      ["card", "•••• 4242", "•••• 4242"],
      ["phone", "•••• 5678", "[电话 •••• 5678]"],
      ["date", "2026-03-09", "下周一"],
      ["date", "2026-12-05", "12月5日"],
    ]);
  });

  it("reads 订单 and 单号 followed by an id, and coded ids on their own", () => {
    expect(brief(extractEntities("我的订单NV-10423还没到", "zh-CN"))).toEqual([["order", "NV-10423", "NV-10423"]]);
    expect(brief(extractEntities("单号：20231105", "zh-CN"))).toEqual([["order", "20231105", "20231105"]]);
    expect(extractEntities("订单一直没到", "zh-CN")).toEqual([]);
  });

  it("reads sums in Chinese words, and 明天 from today", () => {
    expect(brief(extractEntities("退三百元，明天到账", "zh-CN", { today: TODAY }))).toEqual([
      ["amount", "300 CNY", "三百元"],
      ["date", "2026-03-05", "明天"],
    ]);
  });
});
