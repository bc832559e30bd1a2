import type { Lang } from "../protocol/concierge.ts";
import type { SettingsRepository } from "../storage/settings-repository.ts";
import type { RaisedAlert, SessionQuality } from "./assist-session.ts";
import type { KbFact } from "./quality/kb-facts.ts";
import { QualityEngine, type Alert } from "./quality/quality-engine.ts";
import { DEFAULT_RULES, DEFAULT_RULES_TEXT, parseRules, RuleFileError, type RuleSet } from "./quality/quality-rules.ts";

/** The settings key of a hall's rules in force; each saved version is also kept under `…@<version>`. */
const rulesKey = (hallId: string) => `assist.quality-rules/${hallId}`;

export type HallRules = RuleSet;

/** A hall's rules in force: its supervisors' last saved version, else the defaults. */
export async function loadRuleSet(settings: Pick<SettingsRepository, "get">, hallId: string): Promise<RuleSet> {
  return rulesFrom(await settings.get(rulesKey(hallId)));
}

function rulesFrom(text: string | undefined): RuleSet {
  if (!text) return DEFAULT_RULES;
  try {
    return parseRules(text);
  } catch {
    // A stored file was valid when saved; one that is not (edited by hand in the database) never stops a call.
    return DEFAULT_RULES;
  }
}

/** A hall's rules in force as the supervisor edits them: the JSON text and its version. */
export async function readRuleFile(settings: Pick<SettingsRepository, "get">, hallId: string): Promise<{ text: string; version: number }> {
  const text = await settings.get(rulesKey(hallId));
  return { text: text ?? DEFAULT_RULES_TEXT, version: rulesFrom(text).version };
}

/**
 * Saves a supervisor's edit: refused with the line at fault (`RuleFileError`) when it is not a
 * valid rule file, and when its version is not the next one (two supervisors editing at once:
 * the second is told to reload). Sessions already running keep the version they started with.
 */
export async function saveRuleFile(settings: SettingsRepository, hallId: string, text: string): Promise<RuleSet> {
  const rules = parseRules(text);
  const current = await loadRuleSet(settings, hallId);
  if (rules.version !== current.version + 1) throw new RuleVersionConflict(current.version);
  await settings.set(`${rulesKey(hallId)}@${rules.version}`, text);
  await settings.set(rulesKey(hallId), text);
  return rules;
}

export class RuleVersionConflict extends Error {
  readonly current: number;
  constructor(current: number) {
    super(`the rules in force are version ${current}: save this edit as version ${current + 1} (reload to see the latest)`);
    this.current = current;
  }
}

export { RuleFileError };

const raised = (alert: Alert): RaisedAlert => ({ id: alert.id, ruleId: alert.ruleId, severity: alert.severity, atMs: alert.atMs, ...(alert.speaker ? { speaker: alert.speaker } : {}), message: alert.message, evidence: alert.evidence });

/** One session's quality engine, as the session drives it. */
export function sessionQuality(rules: RuleSet, facts: readonly KbFact[], lang: Lang): SessionQuality {
  const engine = new QualityEngine(rules, { facts, lang });
  const first = engine.event({ kind: "connected", atMs: 0 });
  let pending = first.map(raised);
  const withPending = (alerts: Alert[]) => {
    const out = [...pending, ...alerts.map(raised)];
    pending = [];
    return out;
  };
  return {
    utterance: (u) => withPending(engine.utterance(u)),
    signal(event) {
      if (event.kind === "customer-emotion") return withPending(engine.event({ kind: "customer-emotion", atMs: event.atMs, label: event.label ?? "", consented: true }));
      if (event.kind === "agent-emotion") return withPending(engine.event({ kind: "agent-emotion", atMs: event.atMs, label: event.label ?? "" }));
      if (event.kind === "hold-start" || event.kind === "hold-end" || event.kind === "disconnected") return withPending(engine.event({ kind: event.kind, atMs: event.atMs }));
      return withPending([]);
    },
    tick: (atMs) => withPending(engine.tick(atMs)),
    end: (atMs) => withPending(engine.end(atMs)),
  };
}
