import { describe, expect, it } from "vitest";
import { loadDemoKnowledge } from "../../concierge/knowledge/demo-knowledge.ts";
import { deskConfigFor } from "../../service/desk-config.ts";
import type { Speaker, Utterance } from "../utterance.ts";
import { analyzeUtterance, type CallContext, SUMMARY_MAX, summarizeCall } from "./analyze.ts";
import { KeywordExtractor } from "./keywords.ts";
import { redact } from "./redaction.ts";

/** A Wednesday. */
const TODAY = "2026-03-04";

const nova: CallContext = { keywords: new KeywordExtractor(loadDemoKnowledge("nova-electronics")), today: TODAY, dispositions: deskConfigFor("nova-electronics").dispositions };
const bank: CallContext = {
  keywords: new KeywordExtractor(loadDemoKnowledge("meridian-bank")),
  today: TODAY,
  dispositions: [...deskConfigFor("meridian-bank").dispositions, { code: "refund", label: { en: "Refund issued", "zh-CN": "已退款" } }],
};

function call(lines: Array<[Speaker, string]>): Utterance[] {
  return lines.map(([speaker, text], i) => ({ id: `${speaker}-${i}`, speaker, text, startMs: i * 6000, endMs: i * 6000 + 5000, confidence: 0.92, final: true, source: "speech" }));
}
const redacted = (utterances: Utterance[]) => utterances.map((u) => ({ ...u, text: redact(u.text).text }));

const brokenScreen = call([
  ["agent", "Thank you for calling Nova Electronics, my name is Sam, how can I help you today?"],
  ["customer", "Hi. I bought a Nova Phone 12 last week and I dropped it yesterday. Now the screen is cracked and the touch doesn't work."],
  ["agent", "I'm sorry to hear that. Could you give me your order number?"],
  ["customer", "Yes, it's order NV-10423. My phone number is 415-555-2671."],
  ["agent", "Thanks. The phone is covered by Nova Care, so the screen repair is free."],
  ["customer", "That's great. How long will the repair take?"],
  ["agent", "I'll book a screen repair at the Support desk for tomorrow at 10, and I will send you a confirmation email."],
  ["customer", "Perfect, thank you so much."],
]);

const chargedTwice = call([
  ["agent", "您好，Meridian 银行，请问有什么可以帮您？"],
  ["customer", "你好，我的信用卡昨天在网上买东西被重复扣款了两次，一共扣了一千二百九十九元。"],
  ["agent", "非常抱歉给您带来不便，请问您的卡号是多少？"],
  ["customer", "卡号是4242 4242 4242 4242，手机号一三八一二三四五六七八。"],
  ["agent", "好的，我查到了，第二笔扣款确实是重复的。"],
  ["customer", "太气人了，能不能尽快退给我？我真的很生气！"],
  ["agent", "我这边给您安排退款，一千二百九十九元会在三到五个工作日退回到您的卡上。"],
  ["customer", "好的，谢谢。"],
]);

describe("analyzeUtterance", () => {
  it("redacts, finds keywords and entities, and reads the mood of an English utterance", () => {
    const a = analyzeUtterance(brokenScreen[3]!, nova);
    expect(a.lang).toBe("en");
    expect(a.redacted).toBe("Yes, it's order NV-10423. My phone number is [phone •••• 2671].");
    expect(a.entities.map((e) => [e.kind, e.value])).toEqual([
      ["order", "NV-10423"],
      ["phone", "•••• 2671"],
    ]);
    expect(JSON.stringify(a)).not.toContain("555-2671");

    const upset = analyzeUtterance(brokenScreen[1]!, nova);
    expect(upset.sentiment.label).toBe("negative");
    expect(upset.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(["cracked", "screen"]));
    expect(upset.entities).toEqual([expect.objectContaining({ kind: "date", value: "2026-03-03", text: "yesterday" })]);
    expect(analyzeUtterance(brokenScreen[7]!, nova).sentiment.label).toBe("positive");
    expect(analyzeUtterance(brokenScreen[2]!, nova).sentiment.label).toBe("neutral");
  });

  it("does the same for a Chinese utterance, with Chinese masks", () => {
    const a = analyzeUtterance(chargedTwice[3]!, bank);
    expect(a.lang).toBe("zh-CN");
    expect(a.redacted).toBe("卡号是•••• 4242，手机号[电话 •••• 5678]。");
    expect(a.entities.map((e) => e.kind)).toEqual(["card", "phone"]);
    expect(a.keywords.map((k) => k.term).join()).not.toMatch(/\d/);

    const first = analyzeUtterance(chargedTwice[1]!, bank);
    expect(first.keywords.map((k) => k.term)).toEqual(expect.arrayContaining(["扣款", "重复"]));
    expect(first.entities.map((e) => [e.kind, e.value])).toEqual([
      ["date", "2026-03-03"],
      ["amount", "1299 CNY"],
    ]);
    expect(analyzeUtterance(chargedTwice[5]!, bank).sentiment.label).toBe("negative");
  });

  it("takes the session's language for an utterance that does not tell", () => {
    const [digits] = call([["customer", "13812345678"]]);
    const a = analyzeUtterance(digits!, { ...nova, lang: "zh-CN" });
    expect(a).toMatchObject({ lang: "zh-CN", redacted: "[电话 •••• 5678]", keywords: [] });
  });
});

describe("summarizeCall", () => {
  it("summarises an English call: the problem, what was agreed, keywords, entities, disposition", () => {
    const s = summarizeCall(redacted(brokenScreen), nova);
    const lines = s.summary.split("\n");
    expect(lines[0]).toMatch(/^Customer: .*dropped/);
    expect(lines.some((l) => l.startsWith("Customer: ") && l.includes("screen is cracked"))).toBe(true);
    expect(lines.at(-1)).toBe("Agent: I'll book a screen repair at the Support desk for tomorrow at 10, and I will send you a confirmation email.");
    expect(lines.every((l) => /^(Customer|Agent): /.test(l))).toBe(true);
    // Greetings and thanks are no part of it.
    expect(s.summary).not.toMatch(/Thank you for calling|Perfect/);
    expect(s.summary.length).toBeLessThanOrEqual(SUMMARY_MAX);

    expect(s.keywords.length).toBeLessThanOrEqual(8);
    expect(s.keywords).toEqual(expect.arrayContaining(["screen", "cracked", "repair"]));
    expect(s.entities.map((e) => [e.kind, e.value, e.utteranceId])).toEqual(
      expect.arrayContaining([
        ["order", "NV-10423", "customer-3"],
        ["phone", "•••• 2671", "customer-3"],
        ["date", "2026-03-05", "agent-6"],
      ]),
    );
    expect(s.disposition).toBe("fault");
    expect(s.lang).toBe("en");
  });

  it("summarises a Chinese call with 客户/坐席 lines", () => {
    const s = summarizeCall(redacted(chargedTwice), bank);
    const lines = s.summary.split("\n");
    expect(lines[0]).toBe("客户：你好，我的信用卡昨天在网上买东西被重复扣款了两次，一共扣了一千二百九十九元。");
    expect(lines).toContain("坐席：我这边给您安排退款，一千二百九十九元会在三到五个工作日退回到您的卡上。");
    expect(lines.every((l) => /^(客户|坐席)：/.test(l))).toBe(true);
    // The agent's question asks, it agrees to nothing.
    expect(s.summary).not.toContain("请问您的卡号");
    expect(s.summary).not.toMatch(/4242 4242|13812345678/);

    expect(s.keywords).toEqual(expect.arrayContaining(["扣款", "重复", "信用卡"]));
    expect(s.entities.map((e) => [e.kind, e.value])).toEqual(
      expect.arrayContaining([
        ["amount", "1299 CNY"],
        ["card", "•••• 4242"],
        ["phone", "•••• 5678"],
      ]),
    );
    // The same sum said twice is one entity.
    expect(s.entities.filter((e) => e.kind === "amount")).toHaveLength(1);
    expect(s.disposition).toBe("refund");
    expect(s.lang).toBe("zh-CN");
  });

  it("keeps a long call's summary within its limit, whole lines in speaking order", () => {
    const long = "My NovaBook Air laptop keeps overheating and the fan is very loud whenever I open more than a few browser tabs or run a video call ".repeat(3);
    const utterances = call([
      ["customer", long],
      ["customer", `The battery also drains quickly. ${long}`],
      ["agent", `I will arrange a replacement laptop and send a courier to collect the faulty one. ${long}`],
      ["agent", `I'll also refund the delivery charge. ${long}`],
    ]);
    const s = summarizeCall(utterances, nova);
    expect(s.summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
    const lines = s.summary.split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(2);
    // The same sentence said twice is summarised once.
    expect(new Set(lines).size).toBe(lines.length);
    expect(lines[0]).toMatch(/^Customer: /);
    expect(lines.some((l) => l.startsWith("Agent: "))).toBe(true);
  });

  it("summarises only final utterances, and nothing from an empty call", () => {
    const partial = { ...brokenScreen[1]!, final: false, text: "my laptop" };
    const s = summarizeCall([partial], nova);
    expect(s).toEqual({ lang: "en", summary: "", keywords: [], entities: [], disposition: undefined });
  });
});
