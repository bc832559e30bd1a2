import type { Lang } from "../../protocol/concierge.ts";
import { sentiment } from "../../service/sentiment.ts";
import type { Speaker, Utterance } from "../utterance.ts";
import type { FactChecker } from "./kb-facts.ts";
import { phraseMatcher } from "./phrase-matcher.ts";
import type { QualityRule, RuleKind, RuleOf } from "./quality-rules.ts";
import { formatAmount } from "./spoken-quantities.ts";

/**
 * One check per rule kind, each with its own state, fed the session's utterances, events and
 * clock by `QualityEngine`. A check proposes an alert once per cause (an utterance, a silence
 * gap, a hold, an episode of anger); the engine adds ids, messages and the cool-down. Times are
 * milliseconds from the session's start, as on `Utterance`.
 */

/** What the call reports besides speech. Emotion labels come from the face pipeline; a customer's only with their consent. */
export type QualityEvent =
  | { kind: "connected" | "disconnected" | "hold-start" | "hold-end"; atMs: number }
  | { kind: "agent-emotion"; atMs: number; label: string }
  | { kind: "customer-emotion"; atMs: number; label: string; consented: boolean };

type Localised = string | { en: string; "zh-CN": string };

/** An alert a check wants raised. */
export interface Finding {
  /** Same cause, same alert: the engine raises it once. */
  cause: string;
  atMs: number;
  speaker?: Speaker;
  /** The phrase or short quote shown with the alert (transcripts arrive redacted). */
  evidence: string;
  /** Values for the message's {placeholders}. */
  vars?: Record<string, Localised>;
}

export interface RuleCheck {
  utterance?(u: Utterance): Finding[];
  event?(e: QualityEvent): Finding[];
  tick?(nowMs: number): Finding[];
  end?(atMs: number): Finding[];
}

export interface CheckContext {
  facts: FactChecker;
  /** The session's language: how evidence that is not a quote is worded. */
  lang: Lang;
}

const seconds = (ms: number) => String(Math.round(ms / 1000));
const quote = (text: string, max = 80) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

export function createCheck(rule: QualityRule, ctx: CheckContext): RuleCheck {
  const make = checks[rule.kind] as (rule: QualityRule, ctx: CheckContext) => RuleCheck;
  return make(rule, ctx);
}

const checks: { [K in RuleKind]: (rule: RuleOf<K>, ctx: CheckContext) => RuleCheck } = {
  phrase(rule) {
    const find = phraseMatcher(rule.phrases);
    return {
      utterance(u) {
        if (!u.final || u.speaker !== rule.speaker) return [];
        const phrase = find(u.text);
        return phrase ? [{ cause: u.id, atMs: u.endMs, speaker: u.speaker, evidence: phrase, vars: { phrase } }] : [];
      },
    };
  },

  "greeting-missing"(rule, ctx) {
    const greets = phraseMatcher(rule.words);
    let start = 0;
    let spoke = false;
    let done = false;
    /** When the agent started an utterance whose final has not come yet (a greeting may be in it). */
    let speakingSince: number | undefined;
    const deadline = () => start + rule.withinMs;
    const missing = (): Finding[] => {
      done = true;
      return [{ cause: "session", atMs: deadline(), speaker: "agent", evidence: ctx.lang === "zh-CN" ? `${seconds(rule.withinMs)} 秒内没有问候` : `no greeting within ${seconds(rule.withinMs)} s`, vars: { seconds: seconds(rule.withinMs) } }];
    };
    return {
      event(e) {
        // The clock starts when the agent is connected, if that comes after the session opened.
        if (e.kind === "connected" && !spoke && !done) start = Math.max(start, e.atMs);
        return [];
      },
      utterance(u) {
        if (u.speaker !== "agent" || done) return [];
        if (!u.final) {
          speakingSince ??= u.startMs;
          return [];
        }
        speakingSince = undefined;
        spoke = true;
        if (u.startMs <= deadline() && greets(u.text)) {
          done = true;
          return [];
        }
        return u.startMs > deadline() ? missing() : [];
      },
      tick(now) {
        if (done || now < deadline() || (speakingSince !== undefined && speakingSince <= deadline())) return [];
        return missing();
      },
      end(at) {
        return !done && at >= deadline() ? missing() : [];
      },
    };
  },

  "closing-missing"(rule, ctx) {
    const closes = phraseMatcher(rule.phrases);
    let recent: Utterance[] = [];
    return {
      utterance(u) {
        if (!u.final || u.speaker !== "agent") return [];
        const lastEnd = Math.max(u.endMs, ...recent.map((r) => r.endMs));
        recent = [...recent, u].filter((r) => r.endMs >= lastEnd - rule.lastMs);
        return [];
      },
      end(at) {
        if (recent.length === 0 || recent.some((r) => closes(r.text))) return [];
        const evidence = ctx.lang === "zh-CN" ? `最后 ${seconds(rule.lastMs)} 秒没有结束语` : `no closing in the last ${seconds(rule.lastMs)} s`;
        return [{ cause: "session", atMs: at, speaker: "agent", evidence, vars: { seconds: seconds(rule.lastMs) } }];
      },
    };
  },

  silence(rule, ctx) {
    let lastSound = 0;
    let connected = true;
    let onHold = false;
    let firedFor = -1;
    const gap = (at: number): Finding[] => {
      if (firedFor === lastSound) return [];
      firedFor = lastSound;
      const evidence = ctx.lang === "zh-CN" ? `${seconds(rule.afterMs)} 秒无人说话` : `no one spoke for ${seconds(rule.afterMs)} s`;
      return [{ cause: `gap-${lastSound}`, atMs: at, evidence, vars: { seconds: seconds(rule.afterMs) } }];
    };
    return {
      utterance(u) {
        // Partials count: someone is talking even before the recognizer is done.
        const late = connected && !onHold && u.startMs - lastSound >= rule.afterMs ? gap(lastSound + rule.afterMs) : [];
        lastSound = Math.max(lastSound, u.endMs);
        return late;
      },
      event(e) {
        if (e.kind === "hold-start") onHold = true;
        else if (e.kind === "hold-end") onHold = false;
        else if (e.kind === "disconnected") connected = false;
        else if (e.kind === "connected") connected = true;
        else return [];
        // A hold, a drop or a reconnect starts the silence clock afresh.
        lastSound = Math.max(lastSound, e.atMs);
        return [];
      },
      tick(now) {
        return connected && !onHold && now - lastSound >= rule.afterMs ? gap(lastSound + rule.afterMs) : [];
      },
    };
  },

  overtalk(rule, ctx) {
    const heard: Utterance[] = [];
    /** Agent utterances that started over the customer, by id → when. */
    const interruptions = new Map<string, number>();
    return {
      utterance(u) {
        if (!u.final) return [];
        // Finals arrive in any order (the customer's may come after the agent's): pair each new one with those already heard.
        const fresh = heard.findIndex((h) => h.id === u.id);
        if (fresh >= 0) heard.splice(fresh, 1);
        for (const other of heard) {
          if (other.speaker === u.speaker) continue;
          const [agent, customer] = u.speaker === "agent" ? [u, other] : [other, u];
          const overlap = Math.min(agent.endMs, customer.endMs) - agent.startMs;
          if (agent.startMs > customer.startMs && agent.startMs < customer.endMs && overlap >= rule.minOverlapMs) interruptions.set(agent.id, agent.startMs);
        }
        heard.push(u);
        const latest = Math.max(...heard.map((h) => h.endMs));
        // Keep what can still pair with a late final or count towards the window.
        while (heard.length > 0 && heard[0]!.endMs < latest - rule.windowMs - 30_000) heard.shift();
        for (const [id, at] of interruptions) if (at < latest - rule.windowMs) interruptions.delete(id);
        if (interruptions.size < rule.count) return [];
        const times = [...interruptions.values()].sort((a, b) => a - b);
        const ids = [...interruptions.keys()].sort().join(",");
        interruptions.clear();
        const evidence = ctx.lang === "zh-CN" ? `${seconds(rule.windowMs)} 秒内打断客户 ${times.length} 次` : `talked over the customer ${times.length} times in ${seconds(rule.windowMs)} s`;
        return [{ cause: ids, atMs: times[times.length - 1]!, speaker: "agent", evidence, vars: { count: String(times.length), seconds: seconds(rule.windowMs) } }];
      },
    };
  },

  "agent-negative"(rule, ctx) {
    const face = sustained(rule.labels, rule.forMs, "agent", ctx.lang);
    return {
      utterance(u) {
        if (!u.final || u.speaker !== "agent") return [];
        const s = sentiment(u.text);
        if (s.score > rule.threshold) return [];
        return [{ cause: u.id, atMs: u.endMs, speaker: "agent", evidence: quote(s.words.join(", ") || u.text) }];
      },
      event(e) {
        return e.kind === "agent-emotion" ? face.reading(e.atMs, e.label) : [];
      },
      tick: (now) => face.check(now),
    };
  },

  "customer-frustration"(rule, ctx) {
    const face = sustained(rule.labels, rule.forMs, "customer", ctx.lang);
    const scores: number[] = [];
    const counted = new Set<string>();
    let armed = true;
    return {
      utterance(u) {
        if (!u.final || u.speaker !== "customer" || counted.has(u.id)) return [];
        counted.add(u.id);
        const s = sentiment(u.text);
        scores.push(s.score);
        if (scores.length > rule.window) scores.shift();
        const level = scores.reduce((a, b) => a + b, 0) / scores.length;
        const drop = scores.length >= 2 ? Math.max(...scores.slice(0, -1)) - s.score : 0;
        const frustrated = level <= rule.threshold || drop >= rule.drop;
        // Once per episode: it must ease before it can fire again.
        if (!frustrated) {
          armed = true;
          return [];
        }
        if (!armed) return [];
        armed = false;
        return [{ cause: `words-${u.id}`, atMs: u.endMs, speaker: "customer", evidence: quote(s.words.join(", ") || u.text) }];
      },
      event(e) {
        // Without the customer's consent their face is not read, and a stray reading is not used.
        return e.kind === "customer-emotion" && e.consented ? face.reading(e.atMs, e.label) : [];
      },
      tick: (now) => face.check(now),
    };
  },

  "long-hold"(rule, ctx) {
    let since: number | undefined;
    let fired = false;
    const long = (): Finding[] => {
      fired = true;
      const evidence = ctx.lang === "zh-CN" ? `等待超过 ${seconds(rule.afterMs)} 秒` : `on hold over ${seconds(rule.afterMs)} s`;
      return [{ cause: `hold-${since}`, atMs: since! + rule.afterMs, evidence, vars: { seconds: seconds(rule.afterMs), minutes: String(Math.round(rule.afterMs / 6000) / 10) } }];
    };
    return {
      event(e) {
        if (e.kind === "hold-start" && since === undefined) {
          since = e.atMs;
          fired = false;
        } else if (e.kind === "hold-end" && since !== undefined) {
          const out = !fired && e.atMs - since >= rule.afterMs ? long() : [];
          since = undefined;
          return out;
        }
        return [];
      },
      tick(now) {
        return since !== undefined && !fired && now - since >= rule.afterMs ? long() : [];
      },
    };
  },

  "kb-contradiction"(rule, ctx) {
    const kinds = new Set(rule.facts);
    return {
      utterance(u) {
        if (!u.final || u.speaker !== "agent" || ctx.facts.size === 0) return [];
        return ctx.facts
          .check(u.text)
          .filter((c) => kinds.has(c.said.kind))
          .map((c) => {
            const first = c.facts[0]!;
            const values = (lang: Lang) => [...new Set(c.facts.slice(0, 3).map((f) => formatAmount(f.amount, lang)))].join(" / ");
            const value = { en: values("en"), "zh-CN": values("zh-CN") };
            return {
              // The same wrong amount about the same fact is one mistake, however often it is repeated.
              cause: `${first.articleId}#${first.clause ?? 0}:${c.said.kind}:${c.said.value}`,
              atMs: u.endMs,
              speaker: "agent" as const,
              evidence: quote(`"${c.said.text}" — ${first.title[ctx.lang]}: ${value[ctx.lang]}`, 120),
              vars: { said: c.said.text, value, title: first.title },
            };
          });
      },
    };
  },
};

/**
 * A face-emotion signal held for a while: each reading says what the face shows from then on
 * (the pipeline sends "neutral" or "none" when that changes or the face is lost). Fires once
 * per episode, once it has lasted `forMs`.
 */
function sustained(labels: readonly string[], forMs: number, speaker: Speaker, lang: Lang) {
  const negative = new Set(labels.map((l) => l.toLowerCase()));
  let since: number | undefined;
  let label = "";
  let firedFor: number | undefined;
  const check = (now: number): Finding[] => {
    if (since === undefined || firedFor === since || now - since < forMs) return [];
    firedFor = since;
    const evidence = lang === "zh-CN" ? `表情为“${label}”已持续 ${seconds(now - since)} 秒` : `${label} for ${seconds(now - since)} s`;
    return [{ cause: `face-${since}`, atMs: since + forMs, speaker, evidence }];
  };
  return {
    reading(at: number, reading: string): Finding[] {
      const bad = negative.has(reading.toLowerCase());
      if (!bad) {
        // An episode that lasted long enough between two readings still counts when it ends.
        const out = check(at);
        since = undefined;
        return out;
      }
      if (since === undefined) {
        since = at;
        label = reading.toLowerCase();
      }
      return check(at);
    },
    check,
  };
}
