import { describe, expect, it } from "vitest";
import { loadDemoKnowledge } from "../../concierge/knowledge/demo-knowledge.ts";
import type { Speaker, Utterance } from "../utterance.ts";
import { extractFacts } from "./kb-facts.ts";
import type { Alert, QualityEngineOptions } from "./quality-engine.ts";
import { QualityEngine } from "./quality-engine.ts";
import { DEFAULT_RULES, parseRules } from "./quality-rules.ts";

const message = { en: "Nudge: {evidence}", "zh-CN": "提醒：{evidence}" };

/** An engine that runs only `rule` (validated like a file), with no cool-down unless the test sets one. */
function engineFor(rule: Record<string, unknown>, options: QualityEngineOptions = {}, cooldownMs = 0): QualityEngine {
  const set = parseRules(JSON.stringify({ version: 1, cooldownMs, rules: [{ id: "rule-under-test", severity: "warning", message, ...rule }] }));
  return new QualityEngine(set, options);
}

let counter = 0;
function line(speaker: Speaker, text: string, startMs: number, endMs = startMs + 2000, final = true): Utterance {
  return { id: `${speaker}-${++counter}`, speaker, text, startMs, endMs, confidence: 0.9, final, source: "speech" };
}
const agent = (text: string, startMs: number, endMs?: number) => line("agent", text, startMs, endMs);
const customer = (text: string, startMs: number, endMs?: number) => line("customer", text, startMs, endMs);

/** Ticks once a second from `from` to `to` (inclusive) and returns what they raised. */
function ticks(engine: QualityEngine, from: number, to: number): Alert[] {
  const out: Alert[] = [];
  for (let t = from; t <= to; t += 1000) out.push(...engine.tick(t));
  return out;
}

describe("phrase", () => {
  const rule = { kind: "phrase", phrases: { en: ["calm down", "not my problem"], "zh-CN": ["不归我管", "你自己看"] }, message: { en: 'Avoid "{phrase}".', "zh-CN": "避免说“{phrase}”。" } };

  it("fires on the agent's forbidden phrase, in English and Chinese, with the nudge filled in", () => {
    const engine = engineFor(rule);
    const [alert] = engine.utterance(agent("Sir, you need to calm down.", 5000, 7000));
    expect(alert).toEqual({ id: "rule-under-test-1", ruleId: "rule-under-test", kind: "phrase", severity: "warning", atMs: 7000, speaker: "agent", message: { en: 'Avoid "calm down".', "zh-CN": "避免说“calm down”。" }, evidence: "calm down" });
    const [zh] = engine.utterance(agent("这个不归我管，你去问别人", 20_000, 22_000));
    expect(zh).toMatchObject({ evidence: "不归我管", message: { "zh-CN": "避免说“不归我管”。" } });
  });

  it("does not fire on harmless words, partials, or the customer saying it", () => {
    const engine = engineFor(rule);
    expect(engine.utterance(agent("Let me calmly go through it", 0))).toEqual([]);
    expect(engine.utterance({ ...agent("calm down", 3000), final: false })).toEqual([]);
    expect(engine.utterance(customer("Don't tell me to calm down!", 6000))).toEqual([]);
    expect(engine.utterance(agent("我帮您看一下", 9000))).toEqual([]);
  });

  it("watches the customer when the rule says so", () => {
    const engine = engineFor({ ...rule, speaker: "customer" });
    expect(engine.utterance(agent("calm down", 0))).toEqual([]);
    expect(engine.utterance(customer("calm down yourself", 3000))).toHaveLength(1);
  });

  it("fires once per utterance, however often its final is sent", () => {
    const engine = engineFor(rule);
    const u = agent("calm down, not my problem", 0);
    expect(engine.utterance(u)).toHaveLength(1);
    expect(engine.utterance(u)).toEqual([]);
  });

  it("stays quiet for the cool-down after an alert", () => {
    const engine = engineFor(rule, {}, 30_000);
    expect(engine.utterance(agent("calm down", 0, 1000))).toHaveLength(1);
    expect(engine.utterance(agent("just calm down", 10_000, 11_000))).toEqual([]);
    expect(engine.utterance(agent("calm down please", 40_000, 41_000))).toHaveLength(1);
  });

  it("takes a rule's own cool-down over the file's", () => {
    const engine = engineFor({ ...rule, cooldownMs: 0 }, {}, 30_000);
    expect(engine.utterance(agent("calm down", 0, 1000))).toHaveLength(1);
    expect(engine.utterance(agent("calm down", 2000, 3000))).toHaveLength(1);
  });
});

describe("greeting-missing", () => {
  const rule = { kind: "greeting-missing", withinMs: 10_000, message: { en: "Greet within {seconds} s", "zh-CN": "请在 {seconds} 秒内问候" } };

  it("stays quiet when the agent greets in time, in English or Chinese", () => {
    for (const text of ["Hello, this is Anna from Nova", "您好，我是客服小王"]) {
      const engine = engineFor(rule);
      engine.utterance(agent(text, 2000, 4000));
      expect(ticks(engine, 0, 30_000)).toEqual([]);
      expect(engine.end(60_000)).toEqual([]);
    }
  });

  it("fires once at the deadline when the agent has not greeted", () => {
    const engine = engineFor(rule);
    engine.utterance(agent("Let me look at your order", 2000, 4000));
    expect(ticks(engine, 0, 9000)).toEqual([]);
    const alerts = ticks(engine, 10_000, 30_000);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ atMs: 10_000, speaker: "agent", message: { en: "Greet within 10 s", "zh-CN": "请在 10 秒内问候" } });
  });

  it("waits for an utterance the agent started before the deadline", () => {
    const engine = engineFor(rule);
    engine.utterance({ ...agent("hi th", 8000, 9500), final: false });
    expect(ticks(engine, 0, 12_000)).toEqual([]);
    engine.utterance(agent("hi there, welcome to Nova", 8000, 12_500));
    expect(ticks(engine, 13_000, 30_000)).toEqual([]);
  });

  it("counts from when the agent was connected", () => {
    const engine = engineFor(rule);
    engine.event({ kind: "connected", atMs: 5000 });
    expect(ticks(engine, 0, 14_000)).toEqual([]);
    expect(engine.tick(15_000)).toHaveLength(1);
  });

  it("fires when the first words come late and without a greeting, even with no tick between", () => {
    const engine = engineFor(rule);
    expect(engine.utterance(agent("ok so what's the issue", 12_000, 14_000))).toMatchObject([{ atMs: 10_000 }]);
  });
});

describe("closing-missing", () => {
  const rule = { kind: "closing-missing", lastMs: 30_000 };

  it("stays quiet when the agent closes, in English or Chinese", () => {
    for (const text of ["Is there anything else I can help you with?", "好的，祝您生活愉快，再见"]) {
      const engine = engineFor(rule);
      engine.utterance(agent("Your refund is on its way", 50_000));
      engine.utterance(agent(text, 60_000));
      expect(engine.end(65_000)).toEqual([]);
    }
  });

  it("fires at the end when the agent's last words have no closing", () => {
    const engine = engineFor(rule);
    engine.utterance(agent("Thank you for calling Nova", 0));
    engine.utterance(agent("Your refund is on its way", 60_000));
    expect(engine.end(70_000)).toMatchObject([{ kind: "closing-missing", atMs: 70_000, speaker: "agent" }]);
  });

  it("says nothing about a session where the agent never spoke", () => {
    const engine = engineFor(rule);
    engine.utterance(customer("hello?", 0));
    expect(engine.end(20_000)).toEqual([]);
  });
});

describe("silence", () => {
  const rule = { kind: "silence", afterMs: 20_000, message: { en: "{seconds} s of silence", "zh-CN": "沉默 {seconds} 秒" } };

  it("fires once per gap when nobody speaks", () => {
    const engine = engineFor(rule);
    engine.utterance(customer("my phone is broken", 0, 3000));
    expect(ticks(engine, 1000, 22_000)).toEqual([]);
    const first = ticks(engine, 23_000, 40_000);
    expect(first).toMatchObject([{ atMs: 23_000, message: { en: "20 s of silence", "zh-CN": "沉默 20 秒" } }]);
    engine.utterance(agent("sorry, still checking", 41_000, 43_000));
    expect(ticks(engine, 41_000, 62_000)).toEqual([]);
    expect(ticks(engine, 63_000, 70_000)).toMatchObject([{ atMs: 63_000 }]);
  });

  it("counts speech still in progress (partials) as sound", () => {
    const engine = engineFor(rule);
    engine.utterance({ ...customer("so the thing is", 0, 19_000), final: false });
    expect(ticks(engine, 0, 30_000)).toEqual([]);
  });

  it("stays quiet on hold and while disconnected", () => {
    const engine = engineFor(rule);
    engine.event({ kind: "hold-start", atMs: 1000 });
    expect(ticks(engine, 0, 60_000)).toEqual([]);
    engine.event({ kind: "hold-end", atMs: 61_000 });
    engine.event({ kind: "disconnected", atMs: 62_000 });
    expect(ticks(engine, 62_000, 120_000)).toEqual([]);
    engine.event({ kind: "connected", atMs: 121_000 });
    expect(ticks(engine, 121_000, 140_000)).toEqual([]);
    expect(engine.tick(141_000)).toHaveLength(1);
  });

  it("notices a gap found only when speech resumes", () => {
    const engine = engineFor(rule);
    engine.utterance(agent("one moment", 0, 2000));
    expect(engine.utterance(customer("hello? are you there?", 30_000, 32_000))).toMatchObject([{ atMs: 22_000 }]);
  });
});

describe("overtalk", () => {
  const rule = { kind: "overtalk", minOverlapMs: 800, count: 3, windowMs: 60_000, message: { en: "Talked over {count} times", "zh-CN": "打断 {count} 次" } };

  it("fires when the agent starts over the customer often enough", () => {
    const engine = engineFor(rule);
    const alerts: Alert[] = [];
    for (const t of [0, 15_000, 30_000]) {
      alerts.push(...engine.utterance(customer("so what happened was that the phone", t, t + 5000)));
      alerts.push(...engine.utterance(agent("right, right, I see", t + 3000, t + 6000)));
    }
    expect(alerts).toMatchObject([{ atMs: 33_000, speaker: "agent", message: { en: "Talked over 3 times", "zh-CN": "打断 3 次" } }]);
  });

  it("pairs finals that arrive in either order", () => {
    const engine = engineFor({ ...rule, count: 1 });
    expect(engine.utterance(agent("yes yes", 3000, 6000))).toEqual([]);
    expect(engine.utterance(customer("my order never came", 0, 5000))).toHaveLength(1);
  });

  it("ignores back-channel overlaps, the customer talking over the agent, and interruptions spread out", () => {
    const engine = engineFor(rule);
    const alerts: Alert[] = [];
    for (const t of [0, 15_000, 30_000]) {
      alerts.push(...engine.utterance(customer("and then it just stopped", t, t + 5000)));
      alerts.push(...engine.utterance(agent("mm", t + 4600, t + 6000)));
    }
    for (const t of [60_000, 75_000, 90_000]) {
      alerts.push(...engine.utterance(agent("let me explain the policy", t, t + 5000)));
      alerts.push(...engine.utterance(customer("but I already", t + 2000, t + 4000)));
    }
    for (const t of [120_000, 200_000, 280_000]) {
      alerts.push(...engine.utterance(customer("the screen is cracked", t, t + 5000)));
      alerts.push(...engine.utterance(agent("OK so", t + 2000, t + 6000)));
    }
    expect(alerts).toEqual([]);
  });
});

describe("agent-negative", () => {
  const rule = { kind: "agent-negative", threshold: -0.4, forMs: 10_000, labels: ["angry", "frustrated"] };

  it("fires on an agent utterance that reads angry, in English and Chinese", () => {
    const engine = engineFor(rule);
    expect(engine.utterance(agent("This is ridiculous, I'm fed up with you", 0))).toMatchObject([{ speaker: "agent", evidence: expect.stringContaining("ridiculous") }]);
    expect(engine.utterance(agent("烦死了，你真烦人", 10_000))).toHaveLength(1);
  });

  it("does not fire on a calm or kind utterance", () => {
    const engine = engineFor(rule);
    expect(engine.utterance(agent("I'm sorry about the delay, let me fix that for you", 0))).toEqual([]);
    expect(engine.utterance(agent("没问题，我马上帮您处理", 5000))).toEqual([]);
    expect(engine.utterance(customer("This is ridiculous", 9000))).toEqual([]);
  });

  it("fires when the agent's face reads angry for long enough, once per episode", () => {
    const engine = engineFor(rule);
    engine.event({ kind: "agent-emotion", atMs: 0, label: "angry" });
    engine.event({ kind: "agent-emotion", atMs: 5000, label: "neutral" });
    engine.event({ kind: "agent-emotion", atMs: 6000, label: "frustrated" });
    expect(ticks(engine, 6000, 15_000)).toEqual([]);
    expect(ticks(engine, 16_000, 40_000)).toMatchObject([{ atMs: 16_000, speaker: "agent" }]);
  });
});

describe("customer-frustration", () => {
  const rule = { kind: "customer-frustration", window: 3, threshold: -0.35, drop: 0.9, forMs: 15_000, labels: ["angry", "upset"] };

  it("fires once as the customer's mood sinks, in English", () => {
    const engine = engineFor(rule);
    const alerts = [
      ...engine.utterance(customer("Hi, my phone won't charge", 0)),
      ...engine.utterance(customer("I already tried another cable", 5000)),
      ...engine.utterance(customer("This is ridiculous, worst service ever", 10_000)),
      ...engine.utterance(customer("I'm furious, you are useless", 15_000)),
      ...engine.utterance(customer("Absolutely unacceptable", 20_000)),
    ];
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ speaker: "customer" });
  });

  it("fires in Chinese", () => {
    const engine = engineFor(rule);
    engine.utterance(customer("我的订单还没到", 0));
    expect(engine.utterance(customer("太失望了，你们的服务太差了", 5000))).toHaveLength(1);
  });

  it("fires on a sharp drop from a pleased customer", () => {
    const engine = engineFor(rule);
    engine.utterance(customer("Great, thank you so much!", 0));
    engine.utterance(customer("Perfect, that's helpful", 5000));
    expect(engine.utterance(customer("wait, that is terrible", 10_000))).toHaveLength(1);
  });

  it("stays quiet for a neutral or mildly unhappy customer", () => {
    const engine = engineFor(rule);
    for (const [i, text] of ["How long is the warranty?", "It is a bit slow", "OK, and the refund?", "保修几年"].entries()) expect(engine.utterance(customer(text, i * 5000))).toEqual([]);
  });

  it("reads the customer's face only with their consent", () => {
    const consented = engineFor(rule);
    consented.event({ kind: "customer-emotion", atMs: 0, label: "upset", consented: true });
    expect(ticks(consented, 0, 20_000)).toMatchObject([{ atMs: 15_000, speaker: "customer" }]);
    const not = engineFor(rule);
    not.event({ kind: "customer-emotion", atMs: 0, label: "upset", consented: false });
    expect(ticks(not, 0, 20_000)).toEqual([]);
  });
});

describe("long-hold", () => {
  const rule = { kind: "long-hold", afterMs: 90_000, message: { en: "On hold {seconds} s ({minutes} min)", "zh-CN": "已等待 {seconds} 秒" } };

  it("fires once when a hold runs long", () => {
    const engine = engineFor(rule);
    engine.event({ kind: "hold-start", atMs: 10_000 });
    expect(ticks(engine, 10_000, 99_000)).toEqual([]);
    expect(ticks(engine, 100_000, 150_000)).toMatchObject([{ atMs: 100_000, message: { en: "On hold 90 s (1.5 min)" } }]);
    expect(engine.event({ kind: "hold-end", atMs: 151_000 })).toEqual([]);
  });

  it("does not fire for a short hold, and notices a long one ended without a tick", () => {
    const engine = engineFor(rule);
    engine.event({ kind: "hold-start", atMs: 0 });
    expect(engine.event({ kind: "hold-end", atMs: 60_000 })).toEqual([]);
    expect(ticks(engine, 60_000, 200_000)).toEqual([]);
    engine.event({ kind: "hold-start", atMs: 300_000 });
    expect(engine.event({ kind: "hold-end", atMs: 420_000 })).toMatchObject([{ atMs: 390_000 }]);
  });
});

describe("kb-contradiction", () => {
  const facts = extractFacts(loadDemoKnowledge("nova-electronics"));
  const rule = { kind: "kb-contradiction", message: { en: 'You said {said}, but "{title}" says {value}.', "zh-CN": "您说的是{said}，但《{title}》写的是{value}。" } };

  it("warns when the agent gives a different amount than the article, in English and Chinese", () => {
    const engine = engineFor(rule, { facts });
    expect(engine.utterance(agent("The warranty is one year.", 0))).toMatchObject([
      { kind: "kb-contradiction", speaker: "agent", message: { en: 'You said one year, but "Warranty" says 2 years.', "zh-CN": "您说的是one year，但《保修政策》写的是2 年。" }, evidence: expect.stringContaining("one year") },
    ]);
    const zh = engineFor(rule, { facts, lang: "zh-CN" });
    expect(zh.utterance(agent("这款手机保修一年", 0))).toMatchObject([{ message: { "zh-CN": "您说的是一年，但《保修政策》写的是2 年。" }, evidence: "\"一年\" — 保修政策: 2 年" }]);
  });

  it("understands amounts in words and other units", () => {
    const engine = engineFor(rule, { facts });
    expect(engine.utterance(agent("Every Nova device has a twenty-four month warranty", 0))).toEqual([]);
    expect(engine.utterance(agent("保修是二十四个月", 5000))).toEqual([]);
    expect(engine.utterance(agent("The Nova Buds Max are three hundred and forty-nine pounds", 10_000))).toEqual([]);
    expect(engine.utterance(agent("The Nova Buds Max are two hundred and ninety-nine pounds", 15_000))).toHaveLength(1);
  });

  it("raises the same wrong amount about the same fact once", () => {
    const engine = engineFor(rule, { facts });
    expect(engine.utterance(agent("the warranty is one year", 0))).toHaveLength(1);
    expect(engine.utterance(agent("yes, as I said, the warranty is one year", 60_000))).toEqual([]);
  });

  it("does not check the customer, or with no facts, or kinds the rule leaves out", () => {
    expect(engineFor(rule, { facts }).utterance(customer("the warranty is one year, right?", 0))).toEqual([]);
    expect(engineFor(rule).utterance(agent("the warranty is one year", 0))).toEqual([]);
    expect(engineFor({ ...rule, facts: ["price"] }, { facts }).utterance(agent("the warranty is one year", 0))).toEqual([]);
  });
});

describe("QualityEngine", () => {
  it("never runs a disabled rule", () => {
    const engine = engineFor({ kind: "phrase", enabled: false, phrases: { en: ["calm down"] } });
    expect(engine.utterance(agent("calm down", 0))).toEqual([]);
  });

  it("keeps the rules it started with when the caller's copy changes", () => {
    const set = parseRules(JSON.stringify({ version: 7, rules: [{ id: "p", kind: "phrase", severity: "info", message, phrases: { en: ["calm down"] } }] }));
    const engine = new QualityEngine(set);
    const rule = set.rules[0]!;
    if (rule.kind === "phrase") rule.phrases.en.splice(0, 1, "hello");
    set.version = 8;
    expect(engine.version).toBe(7);
    expect(engine.utterance(agent("calm down", 0))).toHaveLength(1);
    expect(engine.utterance(agent("hello", 40_000))).toEqual([]);
  });

  it("hands every alert to onAlert as well, and nothing after the end", () => {
    const seen: Alert[] = [];
    const engine = engineFor({ kind: "phrase", phrases: { en: ["calm down"] } }, { onAlert: (a) => seen.push(a) });
    const returned = engine.utterance(agent("calm down", 0));
    expect(seen).toEqual(returned);
    expect(engine.alerts).toEqual(returned);
    engine.end(10_000);
    expect(engine.utterance(agent("calm down", 50_000))).toEqual([]);
  });

  it("words evidence that is not a quote in the session's language", () => {
    const engine = engineFor({ kind: "silence", afterMs: 20_000 }, { lang: "zh-CN" });
    expect(engine.tick(20_000)).toMatchObject([{ evidence: "20 秒无人说话", message: { "zh-CN": "提醒：20 秒无人说话" } }]);
  });
});

describe("a scripted call with the default rules", () => {
  it("raises the forbidden phrase once and nothing for a call that is otherwise fine", () => {
    const facts = extractFacts(loadDemoKnowledge("nova-electronics"));
    const engine = new QualityEngine(DEFAULT_RULES, { facts, lang: "en" });
    const script: Utterance[] = [
      agent("Hello, this is Sam from Nova Electronics, how can I help?", 1000, 4000),
      customer("Hi, my Nova Phone 12 stopped charging yesterday.", 5000, 8000),
      agent("I'm sorry to hear that. Every Nova device has a two-year warranty, so we can fix it for free.", 9000, 14_000),
      customer("I bought it last month and it's already broken, I'm annoyed.", 15_000, 19_000),
      agent("Please calm down, we will sort it out.", 20_000, 23_000),
      customer("Don't tell me to calm down.", 24_000, 26_000),
      agent("Sorry. Calm down was the wrong thing to say. I will book a repair now.", 27_000, 32_000),
      customer("OK, thank you.", 33_000, 34_000),
      agent("It is booked for tomorrow. Is there anything else I can help with?", 35_000, 39_000),
      customer("No, that's all.", 40_000, 41_000),
      agent("Thank you for calling, have a nice day!", 42_000, 44_000),
    ];
    const alerts: Alert[] = [];
    let clock = 0;
    for (const u of script) {
      for (; clock < u.endMs; clock += 1000) alerts.push(...engine.tick(clock));
      alerts.push(...engine.utterance(u));
    }
    alerts.push(...engine.end(45_000));
    expect(alerts.map((a) => [a.ruleId, a.atMs, a.evidence])).toEqual([["blaming-the-customer", 23_000, "calm down"]]);
    expect(alerts[0]!.message.en).toBe('"calm down" can sound dismissive. Acknowledge the customer\'s point and say what you will do.');
    expect(alerts[0]!.severity).toBe("critical");
  });
});
