import { describe, expect, it } from "vitest";
import { HandoverAdvisor, NOT_CONFIDENT_BELOW, REPEAT_LOOKBACK } from "./handover-advice.ts";

const sure = { confidence: 0.8, offerHuman: false };
const unsure = { confidence: NOT_CONFIDENT_BELOW - 0.01, offerHuman: true };
const en = (text: string) => ({ text, lang: "en" as const });
const zh = (text: string) => ({ text, lang: "zh-CN" as const });

describe("HandoverAdvisor", () => {
  it("says nothing while the concierge answers different questions well", () => {
    const advisor = new HandoverAdvisor();
    for (const q of ["how long is the warranty", "do you have the phone in blue", "what time do you close", "where is the laptop booth"]) {
      expect(advisor.observe(en(q), sure)).toBeUndefined();
    }
  });

  it.each([en("I want to talk to a human"), en("can I speak to an agent about my bill"), zh("转人工"), zh("我要找客服")])("offers a person when asked: %o", (question) => {
    expect(new HandoverAdvisor().observe(question, sure)).toBe("asked-for-person");
  });

  it.each([en("this is useless"), en("I'm really disappointed, the phone is broken"), zh("你们的服务太差了"), zh("气死我了")])("offers a person to an upset customer: %o", (question) => {
    expect(new HandoverAdvisor().observe(question, sure)).toBe("negative");
  });

  it("offers a person when the same question comes back", () => {
    const advisor = new HandoverAdvisor();
    expect(advisor.observe(en("how long is the warranty on the Nova Phone"), sure)).toBeUndefined();
    expect(advisor.observe(en("what colours does it come in"), sure)).toBeUndefined();
    expect(advisor.observe(en("How long is the Nova Phone warranty?"), sure)).toBe("repeated-question");

    const chinese = new HandoverAdvisor();
    expect(chinese.observe(zh("手机保修几年"), sure)).toBeUndefined();
    expect(chinese.observe(zh("手机保修几年？"), sure)).toBe("repeated-question");
  });

  it("does not take a question that only shares a word for a repeat", () => {
    const advisor = new HandoverAdvisor();
    advisor.observe(en("how long is the warranty on the Nova Phone"), sure);
    expect(advisor.observe(en("how much is the Nova Phone case"), sure)).toBeUndefined();
  });

  it(`looks for a repeat among the last ${REPEAT_LOOKBACK} questions only`, () => {
    const others = ["what time do you close", "where is the laptop booth", "do you sell speakers", "can I pay by card", "is parking free", "do you repair tablets"];
    const within = new HandoverAdvisor();
    within.observe(en("how long is the warranty"), sure);
    for (const q of others.slice(0, REPEAT_LOOKBACK - 1)) within.observe(en(q), sure);
    expect(within.observe(en("how long is the warranty"), sure)).toBe("repeated-question");

    const beyond = new HandoverAdvisor();
    beyond.observe(en("how long is the warranty"), sure);
    for (const q of others.slice(0, REPEAT_LOOKBACK)) beyond.observe(en(q), sure);
    expect(beyond.observe(en("how long is the warranty"), sure)).toBeUndefined();
  });

  it("does not count greetings or bare punctuation as repeats", () => {
    const advisor = new HandoverAdvisor();
    expect(advisor.observe(en("hi"), sure)).toBeUndefined();
    expect(advisor.observe(en("hi"), sure)).toBeUndefined();
    expect(advisor.observe(en("?"), sure)).toBeUndefined();
    expect(advisor.observe(en("?"), sure)).toBeUndefined();
  });

  it("offers a person at the second unsure answer in a row, not the first", () => {
    const advisor = new HandoverAdvisor();
    expect(advisor.observe(en("do you stock the Zephyr X9 drone"), unsure)).toBeUndefined();
    expect(advisor.observe(en("what about underwater cameras"), unsure)).toBe("not-confident");
  });

  it("starts counting again after a confident answer, and after offering", () => {
    const advisor = new HandoverAdvisor();
    expect(advisor.observe(en("do you stock the Zephyr X9 drone"), unsure)).toBeUndefined();
    expect(advisor.observe(en("how long is the warranty"), sure)).toBeUndefined();
    expect(advisor.observe(en("what about underwater cameras"), unsure)).toBeUndefined();
    expect(advisor.observe(en("any satellite phones"), unsure)).toBe("not-confident");
    expect(advisor.observe(en("or solar chargers"), unsure)).toBeUndefined();
    expect(advisor.observe(en("maybe walkie talkies"), unsure)).toBe("not-confident");
  });

  it("gives the first reason that applies", () => {
    const advisor = new HandoverAdvisor();
    advisor.observe(en("how long is the warranty"), unsure);
    // Asked for a person, upset, repeated and unsure all at once: the request wins.
    expect(advisor.observe(en("how long is the warranty, this is useless, get me a human"), unsure)).toBe("asked-for-person");

    const upsetRepeat = new HandoverAdvisor();
    upsetRepeat.observe(en("the screen is broken"), sure);
    expect(upsetRepeat.observe(en("the screen is broken!!!"), unsure)).toBe("negative");

    const unsureRepeat = new HandoverAdvisor();
    unsureRepeat.observe(en("do you stock the Zephyr X9 drone"), unsure);
    expect(unsureRepeat.observe(en("do you stock the Zephyr X9 drone"), unsure)).toBe("repeated-question");
  });
});
