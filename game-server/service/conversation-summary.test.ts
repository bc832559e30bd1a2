import { describe, expect, it } from "vitest";
import type { ConversationTurn } from "./conversation-summary.ts";
import { SUBJECT_MAX, SUMMARY_MAX, summarizeConversation } from "./conversation-summary.ts";

const customer = (text: string): ConversationTurn => ({ role: "customer", text });
const concierge = (confidence: number | null, text = "…"): ConversationTurn => ({ role: "concierge", text, confidence });

describe("summarizeConversation", () => {
  it("gives the agent the customer's question and what the concierge could not answer (English)", () => {
    const result = summarizeConversation(
      [
        customer("Hi there."),
        concierge(null, "Hello! How can I help?"),
        customer("My Nova Phone 12 screen cracked after a week. Is the screen repair on a Nova Phone covered by the warranty?"),
        concierge(0.8),
        customer("How long does a screen repair take?"),
        concierge(0.2),
        customer("I want to talk to a human"),
        concierge(0.1),
      ],
      "en",
    );
    expect(result).toEqual({
      subject: "Is the screen repair on a Nova Phone covered by the warranty?",
      summary:
        "Customer asked about: My Nova Phone 12 screen cracked after a week / Is the screen repair on a Nova Phone covered by the warranty?; the concierge could not answer: How long does a screen repair take?",
    });
  });

  it("does the same in Chinese", () => {
    const result = summarizeConversation(
      [customer("你好"), concierge(null), customer("我的手机屏幕碎了。屏幕维修在保修范围内吗？"), concierge(0.7), customer("修屏幕要多久？"), concierge(0.2), customer("转人工"), concierge(0.1)],
      "zh-CN",
    );
    expect(result).toEqual({ subject: "屏幕维修在保修范围内吗？", summary: "客户询问：我的手机屏幕碎了 / 屏幕维修在保修范围内吗？；智能助理未能回答：修屏幕要多久？" });
  });

  it("keeps the sentences about what the customer kept coming back to, in the order said, and drops small talk", () => {
    const { subject, summary } = summarizeConversation(
      [
        customer("Hello."),
        customer("I bought a NovaBook Air last month."),
        customer("The NovaBook Air battery drains in two hours."),
        customer("Nice weather today."),
        customer("Can the NovaBook Air battery be replaced under warranty?"),
        customer("Also, do you sell umbrellas?"),
      ],
      "en",
    );
    expect(subject).toBe("Can the NovaBook Air battery be replaced under warranty?");
    expect(summary).toBe(
      "Customer asked about: I bought a NovaBook Air last month / The NovaBook Air battery drains in two hours / Can the NovaBook Air battery be replaced under warranty?",
    );
  });

  it("does not make a bare request for a person the subject, but keeps a question asked with one", () => {
    expect(summarizeConversation([customer("I want to talk to a human"), customer("do you have the phone in blue?")], "en").subject).toBe("do you have the phone in blue?");
    expect(summarizeConversation([customer("转人工"), customer("这个手机有蓝色的吗")], "zh-CN").subject).toBe("这个手机有蓝色的吗");
    expect(summarizeConversation([customer("Can I speak to an agent about my warranty claim?")], "en").subject).toBe("Can I speak to an agent about my warranty claim?");
  });

  it("says only that a person was asked for when nothing else was said", () => {
    expect(summarizeConversation([customer("agent please"), concierge(0.1)], "en")).toEqual({ subject: "Asked for a person", summary: "Asked for a person" });
    expect(summarizeConversation([customer("转人工")], "zh-CN")).toEqual({ subject: "要求转人工", summary: "要求转人工" });
  });

  it("is empty for a conversation without the customer's words", () => {
    expect(summarizeConversation([], "en")).toEqual({ subject: "", summary: "" });
    expect(summarizeConversation([concierge(null, "Welcome to Nova Electronics!")], "zh-CN")).toEqual({ subject: "", summary: "" });
  });

  it("does not take an answer of unknown confidence for an unanswered one", () => {
    const { summary } = summarizeConversation([customer("Where is the laptop booth?"), concierge(null), customer("Do you repair drones?"), { role: "concierge", text: "…" }], "en");
    expect(summary).not.toContain("could not answer");
  });

  it("frames the summary in the hall's language even when the customer writes in the other", () => {
    const { summary } = summarizeConversation([customer("Do you stock the Zephyr X9 drone?"), concierge(0.1)], "zh-CN");
    expect(summary).toBe("智能助理未能回答：Do you stock the Zephyr X9 drone?");
  });

  it("cuts a long subject at a word boundary (English) or between characters (Chinese) with …", () => {
    const long = "Could you please tell me whether the extended warranty for the NovaBook Air also covers accidental damage such as liquid spills and cracked screens?";
    const en = summarizeConversation([customer(long)], "en").subject;
    expect(en.length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(en.endsWith("…")).toBe(true);
    const kept = en.slice(0, -1);
    expect(long.startsWith(kept)).toBe(true);
    expect(long[kept.length]).toBe(" "); // the cut falls between words

    const longZh = "请问一下延长保修服务是否也包括意外损坏，比如进水或者屏幕摔碎这种情况，另外如果我在外地购买的话是否也可以在你们这里办理延保手续，需要带什么证件和购物发票吗，办理大概需要多长时间呢";
    const zh = summarizeConversation([customer(longZh)], "zh-CN").subject;
    expect(zh.length).toBe(SUBJECT_MAX);
    expect(zh.endsWith("…")).toBe(true);
    expect(longZh.startsWith(zh.slice(0, -1))).toBe(true);
  });

  it("keeps the summary within its length however much was said", () => {
    const turns: ConversationTurn[] = [];
    for (let i = 0; i < 12; i++) {
      turns.push(customer(`Question ${i}: how does the NovaBook Air ${i} compare with the Vista OLED 65 for watching films and editing photos in a bright room during the day?`));
      turns.push(concierge(i % 2 === 0 ? 0.1 : 0.9));
    }
    const { subject, summary } = summarizeConversation(turns, "en");
    expect(subject.length).toBeLessThanOrEqual(SUBJECT_MAX);
    expect(summary.length).toBeLessThanOrEqual(SUMMARY_MAX);
    expect(summary).toMatch(/^Customer asked about: .+; the concierge could not answer: .+/);
  });
});
