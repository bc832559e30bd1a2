import { describe, expect, it } from "vitest";
import { NEGATIVE_AT, sentiment } from "./sentiment.ts";

type Row = [text: string, mood: "negative" | "neutral" | "positive"];

const english: Row[] = [
  ["This is the worst service I've ever had", "negative"],
  ["I'm so angry right now", "negative"],
  ["The phone you sold me is broken", "negative"],
  ["This app is useless", "negative"],
  ["I want a refund now!!!", "negative"],
  ["Ridiculous, I have been queuing for an hour", "negative"],
  ["you guys are a scam", "negative"],
  ["what a waste of time", "negative"],
  ["I'm not happy with this at all", "negative"],
  ["The screen is not working", "negative"],
  ["it never works", "negative"],
  ["This is not good", "negative"],
  ["I am FURIOUS", "negative"],
  ["terrible experience", "negative"],
  ["I'm really disappointed with the delivery", "negative"],
  ["your staff were rude and unhelpful", "negative"],
  ["THIS IS UNACCEPTABLE", "negative"],
  ["It doesnt work and nobody helps", "negative"],
  ["how much is the phone", "neutral"],
  ["Do you have the Nova Phone 12 in blue?", "neutral"],
  ["what time do you open on Sunday", "neutral"],
  ["Can I pay with Alipay?", "neutral"],
  ["How long is the warranty?", "neutral"],
  ["Where is the service desk?", "neutral"],
  ["How do refunds work?", "neutral"],
  ["Is this laptop expensive?", "neutral"],
  ["I lost my charger, do you sell them?", "neutral"],
  ["I have a problem with my account login", "neutral"],
  ["I'm not sure it works with my old charger", "neutral"],
  ["no thanks, just looking", "neutral"],
  ["no problem", "positive"],
  ["not bad at all", "positive"],
  ["Thank you, that was really helpful!", "positive"],
  ["Great, thanks a lot", "positive"],
  ["The staff were friendly and professional", "positive"],
  ["I love it", "positive"],
];

const chinese: Row[] = [
  ["你们的服务太差了", "negative"],
  ["这是什么破手机", "negative"],
  ["我要投诉你们", "negative"],
  ["骗子！", "negative"],
  ["我很生气", "negative"],
  ["手机坏了，我要退款", "negative"],
  ["太失望了", "negative"],
  ["真是浪费时间", "negative"],
  ["我对这个结果很不满意", "negative"],
  ["这个功能没用", "negative"],
  ["等了半天都没人理", "negative"],
  ["气死我了！！！", "negative"],
  ["受不了你们了", "negative"],
  ["垃圾产品", "negative"],
  ["一点也不好用", "negative"],
  ["不太满意", "negative"],
  ["这个手机多少钱", "neutral"],
  ["保修几年", "neutral"],
  ["Nova Phone 12 有哪些颜色", "neutral"],
  ["你们几点开门", "neutral"],
  ["可以用支付宝吗", "neutral"],
  ["有没有蓝色的", "neutral"],
  ["这款手机好不好用", "neutral"],
  ["退款政策是什么", "neutral"],
  ["不好意思，请问洗手间在哪里", "neutral"],
  ["我没用过这个功能，怎么设置", "neutral"],
  ["你们满不满意我不知道", "neutral"],
  ["没问题", "positive"],
  ["谢谢，你们服务很好", "positive"],
  ["不错，我很满意", "positive"],
  ["太棒了", "positive"],
  ["非常感谢你的耐心", "positive"],
  ["我不生气", "positive"],
];

/** Neutral: neither side of ±0.3 (a product question may lean slightly either way). */
const moodOf = (score: number) => (score <= NEGATIVE_AT ? "negative" : score >= -NEGATIVE_AT ? "positive" : "neutral");

describe.each([
  ["English", english],
  ["Chinese", chinese],
])("%s sentences", (_, rows) => {
  it.each(rows)("%s → %s", (text, mood) => {
    const result = sentiment(text);
    expect(result.negative).toBe(mood === "negative");
    expect(moodOf(result.score)).toBe(mood);
    expect(result.score).toBeGreaterThanOrEqual(-1);
    expect(result.score).toBeLessThanOrEqual(1);
  });
});

describe("sentiment", () => {
  it("is 0 for text without any word of the lexicon", () => {
    expect(sentiment("")).toEqual({ score: 0, negative: false, words: [] });
    expect(sentiment("Where is booth 3?")).toEqual({ score: 0, negative: false, words: [] });
  });

  it("turns a word round after a negation and reports it with the negation", () => {
    expect(sentiment("happy").score).toBeGreaterThan(0);
    expect(sentiment("not happy")).toMatchObject({ negative: true, words: ["not happy"] });
    expect(sentiment("I am not very happy")).toMatchObject({ negative: true, words: ["not very happy"] });
    expect(sentiment("满意").score).toBeGreaterThan(0);
    expect(sentiment("不满意")).toMatchObject({ negative: true, words: ["不满意"] });
    expect(sentiment("我并不喜欢")).toMatchObject({ negative: true, words: ["并不喜欢"] });
  });

  it("reads an A-not-A question (喜不喜欢, 有没有) as a question, not a negation", () => {
    expect(sentiment("你喜不喜欢这个颜色").negative).toBe(false);
    expect(sentiment("这个价格你开不开心").negative).toBe(false);
    expect(sentiment("我不喜欢这个颜色").negative).toBe(true);
  });

  it("does not carry a negation across a clause", () => {
    expect(sentiment("It is not cheap, but great").negative).toBe(false);
    expect(sentiment("No, that's great").score).toBeGreaterThan(0);
  });

  it("counts a word more after an intensifier, in capitals, or with !!!", () => {
    const bad = sentiment("the service is bad").score;
    expect(sentiment("the service is very bad").score).toBeLessThan(bad);
    expect(sentiment("the service is BAD").score).toBeLessThan(bad);
    expect(sentiment("the service is bad!!!").score).toBeLessThan(bad);
    const disappointed = sentiment("失望").score;
    expect(sentiment("非常失望").score).toBeLessThan(disappointed);
    expect(sentiment("失望！！！").score).toBeLessThan(disappointed);
  });

  it("lets a mild word alone stay above the line and two of them cross it", () => {
    expect(sentiment("the delivery is slow").negative).toBe(false);
    expect(sentiment("the delivery is really slow").negative).toBe(true);
    expect(sentiment("the delivery is slow and the tracking is wrong").negative).toBe(true);
  });

  it("weighs pleasant and unpleasant words against each other", () => {
    const complaint = sentiment("the phone is broken").score;
    expect(sentiment("thanks, but the phone is broken").score).toBeGreaterThan(complaint);
    expect(sentiment("thanks, but this is a scam and the phone is broken").negative).toBe(true);
  });

  it("reads mixed Chinese and English text in both lexicons", () => {
    const result = sentiment("Nova Phone 坏了, totally useless");
    expect(result.negative).toBe(true);
    expect(result.words).toEqual(["坏了", "useless"]);
  });
});
