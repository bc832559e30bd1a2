import type { Lang } from "../../protocol/concierge.ts";
import type { Speaker, Utterance } from "../utterance.ts";
import type { KbFact } from "./kb-facts.ts";
import { FactChecker } from "./kb-facts.ts";
import type { QualityRule, RuleKind, RuleSet, Severity } from "./quality-rules.ts";
import type { Finding, QualityEvent, RuleCheck } from "./rule-checks.ts";
import { createCheck } from "./rule-checks.ts";

export type { QualityEvent } from "./rule-checks.ts";

/**
 * Live-assist quality alerts for one service session: a pure engine over the session's
 * transcript, events and clock, run by whoever wires it to the call. It keeps the rule set it
 * was made with (a supervisor's later edit is a new version, used by sessions that start after
 * it), so one session is judged by one set of rules from its first word to its last.
 *
 * Every enabled rule gets its own check (`rule-checks.ts`). An alert is raised at most once per
 * cause (an utterance, a silence gap, a hold…), and after one alert a rule stays quiet for its
 * cool-down (the file's `cooldownMs`, or the rule's own) so the agent is nudged, not nagged.
 */
export interface Alert {
  /** Unique within the session: `<ruleId>-<n>`. */
  id: string;
  ruleId: string;
  kind: RuleKind;
  severity: Severity;
  /** When the condition was met, ms from the session's start. */
  atMs: number;
  speaker?: Speaker;
  /** The rule's nudge with its {placeholders} filled. */
  message: { en: string; "zh-CN": string };
  /** The phrase or a short quote (the transcript arrives redacted; nothing else of it is kept). */
  evidence: string;
}

export interface QualityEngineOptions {
  /** Key facts of the hall's knowledge base (`extractFacts`), for `kb-contradiction`. */
  facts?: readonly KbFact[];
  /** The session's language: how evidence that is not a quote is worded. Default English. */
  lang?: Lang;
  /** Called with each alert as it is raised (the same alerts the calls return). */
  onAlert?: (alert: Alert) => void;
}

interface Running {
  rule: QualityRule;
  check: RuleCheck;
  /** When it last raised an alert. */
  lastAtMs?: number;
}

export class QualityEngine {
  /** The version of the rules this session is judged by. */
  readonly version: number;
  private readonly running: Running[];
  private readonly cooldownMs: number;
  private readonly causes = new Set<string>();
  private readonly raised: Alert[] = [];
  private readonly onAlert: ((alert: Alert) => void) | undefined;
  private sequence = 0;
  private ended = false;

  constructor(rules: RuleSet, options: QualityEngineOptions = {}) {
    // A copy: editing the caller's object later must not change a running session's rules.
    const own = structuredClone(rules);
    this.version = own.version;
    this.cooldownMs = own.cooldownMs;
    this.onAlert = options.onAlert;
    const ctx = { facts: new FactChecker(options.facts ?? []), lang: options.lang ?? "en" };
    this.running = own.rules.filter((r) => r.enabled).map((rule) => ({ rule, check: createCheck(rule, ctx) }));
  }

  /** A line of the transcript (finals are judged; partials only tell the clock someone is talking). */
  utterance(u: Utterance): Alert[] {
    return this.run((check) => check.utterance?.(u));
  }

  /** Something that happened in the call: connected, disconnected, hold-start, hold-end, an emotion reading. */
  event(e: QualityEvent): Alert[] {
    return this.run((check) => check.event?.(e));
  }

  /** The session clock, for rules about time (silence, greeting, hold, sustained emotion); call every second or so. */
  tick(nowMs: number): Alert[] {
    return this.run((check) => check.tick?.(nowMs));
  }

  /** The session is over: rules judged at the end (closing) have their say; nothing is raised after this. */
  end(atMs: number): Alert[] {
    const alerts = this.run((check) => [...(check.tick?.(atMs) ?? []), ...(check.end?.(atMs) ?? [])]);
    this.ended = true;
    return alerts;
  }

  /** Every alert raised so far, oldest first. */
  get alerts(): readonly Alert[] {
    return this.raised;
  }

  private run(step: (check: RuleCheck) => Finding[] | undefined): Alert[] {
    if (this.ended) return [];
    const out: Alert[] = [];
    for (const running of this.running) {
      const findings = [...(step(running.check) ?? [])].sort((a, b) => a.atMs - b.atMs);
      for (const finding of findings) {
        const alert = this.raise(running, finding);
        if (alert) out.push(alert);
      }
    }
    out.sort((a, b) => a.atMs - b.atMs);
    for (const alert of out) this.onAlert?.(alert);
    return out;
  }

  private raise(running: Running, finding: Finding): Alert | undefined {
    const { rule } = running;
    const cause = `${rule.id}\u0000${finding.cause}`;
    if (this.causes.has(cause)) return undefined;
    const cooldown = rule.cooldownMs ?? this.cooldownMs;
    if (running.lastAtMs !== undefined && Math.abs(finding.atMs - running.lastAtMs) < cooldown) return undefined;
    this.causes.add(cause);
    running.lastAtMs = finding.atMs;
    const vars: Record<string, string | { en: string; "zh-CN": string }> = { evidence: finding.evidence, ...finding.vars };
    const fill = (lang: Lang) => rule.message[lang].replace(/\{([^{}]+)\}/g, (whole, name: string) => {
      const value = vars[name];
      return value === undefined ? whole : typeof value === "string" ? value : value[lang];
    });
    const alert: Alert = {
      id: `${rule.id}-${++this.sequence}`,
      ruleId: rule.id,
      kind: rule.kind,
      severity: rule.severity,
      atMs: finding.atMs,
      message: { en: fill("en"), "zh-CN": fill("zh-CN") },
      evidence: finding.evidence,
    };
    if (finding.speaker) alert.speaker = finding.speaker;
    this.raised.push(alert);
    return alert;
  }
}
