import { readFileSync } from "node:fs";
import { z } from "zod";
import type { JsonPath, TextPosition } from "./json-locator.ts";
import { JsonSyntaxError, locateJson, positionAt } from "./json-locator.ts";

/**
 * Live-assist quality rules, as data: a JSON document `{ "version", "cooldownMs"?, "rules": [...] }`
 * that a supervisor edits. Each rule watches one thing (a forbidden phrase, a missing greeting,
 * a long silence, a price the knowledge base contradicts, …) and carries the nudge the agent
 * reads, in English and Chinese. A file that does not validate is refused whole, with the line
 * and column at fault, so a broken edit never reaches a call (see README.md).
 */

export const SEVERITIES = ["info", "warning", "critical"] as const;
export const Severity = z.enum(SEVERITIES);
export type Severity = z.infer<typeof Severity>;

/** Milliseconds, up to an hour. */
const Ms = z.number().int().min(0).max(3_600_000);
const Text = z.string().trim().min(1);
const Words = z.array(Text.max(80)).max(200);
/** Phrases or words per language; either list may be empty. */
const PhraseLists = (defaults: { en: string[]; "zh-CN": string[] }) =>
  z.strictObject({ en: Words.default(defaults.en), "zh-CN": Words.default(defaults["zh-CN"]) }).default(defaults);
const Labels = z.array(Text.max(40).toLowerCase()).min(1).max(20);
const Sentiment = z.number().min(-1).max(1);

export const GREETING_WORDS = { en: ["hello", "hi", "hey", "good morning", "good afternoon", "good evening", "welcome"], "zh-CN": ["您好", "你好", "欢迎", "早上好", "上午好", "下午好", "晚上好"] };
export const CLOSING_PHRASES = {
  en: ["anything else", "thank you for", "thanks for", "have a nice day", "have a good day", "have a great day", "goodbye", "bye"],
  "zh-CN": ["还有其他", "还有什么", "感谢", "谢谢您", "再见", "祝您"],
};

const common = {
  /** A slug: lower-case words joined by hyphens. */
  id: z.string().max(64).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "a rule id is lower-case letters, digits and hyphens (a slug)"),
  severity: Severity,
  enabled: z.boolean().default(true),
  /** The nudge the agent reads (and the supervisor sees); {placeholders} are filled per kind. */
  message: z.strictObject({ en: Text.max(300), "zh-CN": Text.max(300) }),
  /** Overrides the file's cool-down for this rule. */
  cooldownMs: Ms.optional(),
};

export const PhraseRule = z.strictObject({
  ...common,
  kind: z.literal("phrase"),
  speaker: z.enum(["agent", "customer"]).default("agent"),
  phrases: z.strictObject({ en: Words.default([]), "zh-CN": Words.default([]) }),
});
export const GreetingMissingRule = z.strictObject({
  ...common,
  kind: z.literal("greeting-missing"),
  withinMs: Ms.default(10_000),
  words: PhraseLists(GREETING_WORDS),
});
export const ClosingMissingRule = z.strictObject({
  ...common,
  kind: z.literal("closing-missing"),
  lastMs: Ms.default(30_000),
  phrases: PhraseLists(CLOSING_PHRASES),
});
export const SilenceRule = z.strictObject({ ...common, kind: z.literal("silence"), afterMs: Ms.min(1000).default(20_000) });
export const OvertalkRule = z.strictObject({
  ...common,
  kind: z.literal("overtalk"),
  minOverlapMs: Ms.default(800),
  count: z.number().int().min(1).max(20).default(3),
  windowMs: Ms.min(1000).default(60_000),
});
export const AgentNegativeRule = z.strictObject({
  ...common,
  kind: z.literal("agent-negative"),
  /** An agent utterance scoring at or below this (`service/sentiment.ts`, −1…1). */
  threshold: Sentiment.default(-0.4),
  /** The agent's facial emotion reading one of `labels` for this long. */
  forMs: Ms.min(1000).default(10_000),
  labels: Labels.default(["angry", "frustrated"]),
});
export const CustomerFrustrationRule = z.strictObject({
  ...common,
  kind: z.literal("customer-frustration"),
  /** The customer's last `window` utterances… */
  window: z.number().int().min(1).max(20).default(3),
  /** …average at or below this, */
  threshold: Sentiment.default(-0.35),
  /** …or the latest is this far below the best of them. */
  drop: z.number().gt(0).max(2).default(0.9),
  /** The consented emotion signal reading one of `labels` for this long. */
  forMs: Ms.min(1000).default(15_000),
  labels: Labels.default(["angry", "upset", "frustrated", "disgusted"]),
});
export const LongHoldRule = z.strictObject({ ...common, kind: z.literal("long-hold"), afterMs: Ms.min(1000).default(90_000) });
export const KbContradictionRule = z.strictObject({
  ...common,
  kind: z.literal("kb-contradiction"),
  /** Which kinds of facts to check. */
  facts: z
    .array(z.enum(["price", "duration", "number"]))
    .min(1)
    .default(["price", "duration", "number"]),
});

export const RULE_KINDS = [
  "phrase",
  "greeting-missing",
  "closing-missing",
  "silence",
  "overtalk",
  "agent-negative",
  "customer-frustration",
  "long-hold",
  "kb-contradiction",
] as const;
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * The {placeholders} a kind's message may use. Every kind has {evidence} (the phrase or short
 * quote the alert shows); a misspelt placeholder would reach the agent as "{phrse}", so it is
 * refused when the file is read.
 */
export const MESSAGE_PLACEHOLDERS: Record<RuleKind, readonly string[]> = {
  phrase: ["evidence", "phrase"],
  "greeting-missing": ["evidence", "seconds"],
  "closing-missing": ["evidence", "seconds"],
  silence: ["evidence", "seconds"],
  overtalk: ["evidence", "count", "seconds"],
  "agent-negative": ["evidence"],
  "customer-frustration": ["evidence"],
  "long-hold": ["evidence", "seconds", "minutes"],
  "kb-contradiction": ["evidence", "said", "value", "title"],
};

const AnyRule = z
  .discriminatedUnion("kind", [
    PhraseRule,
    GreetingMissingRule,
    ClosingMissingRule,
    SilenceRule,
    OvertalkRule,
    AgentNegativeRule,
    CustomerFrustrationRule,
    LongHoldRule,
    KbContradictionRule,
  ])
  .superRefine((rule, ctx) => {
    const allowed = MESSAGE_PLACEHOLDERS[rule.kind];
    for (const lang of ["en", "zh-CN"] as const) {
      for (const m of rule.message[lang].matchAll(/\{([^{}]*)\}/g)) {
        if (!allowed.includes(m[1]!)) ctx.addIssue({ code: "custom", path: ["message", lang], message: `unknown placeholder {${m[1]}}; a ${rule.kind} message may use ${allowed.map((a) => `{${a}}`).join(", ")}` });
      }
    }
    if (rule.kind === "phrase" && rule.phrases.en.length + rule.phrases["zh-CN"].length === 0) {
      ctx.addIssue({ code: "custom", path: ["phrases"], message: "a phrase rule needs at least one phrase (en or zh-CN)" });
    }
  });

export const RuleSetSchema = z
  .strictObject({
    /** Bumped on every saved edit; a session keeps the version it started with. */
    version: z.number().int().min(1),
    /** After an alert, the same rule stays quiet this long (per session), unless the rule says otherwise. */
    cooldownMs: Ms.default(30_000),
    rules: z.array(AnyRule).max(200),
  })
  .superRefine((set, ctx) => {
    const seen = new Set<string>();
    set.rules.forEach((rule, i) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `the rule id "${rule.id}" is used twice` });
      seen.add(rule.id);
    });
  });

export type RuleSet = z.output<typeof RuleSetSchema>;
export type QualityRule = RuleSet["rules"][number];
export type RuleOf<K extends RuleKind> = Extract<QualityRule, { kind: K }>;

/** One fault in a rules file, where it is. */
export interface RuleFileIssue {
  line: number;
  column: number;
  /** "rules[2].kind"; "" for the document itself. */
  path: string;
  message: string;
}

/** A rules file that is not valid: the message starts with the line and column of the first fault. */
export class RuleFileError extends Error {
  readonly line: number;
  readonly column: number;
  readonly issues: readonly RuleFileIssue[];

  constructor(issues: readonly RuleFileIssue[]) {
    const first = issues[0]!;
    const more = issues.length > 1 ? ` (and ${issues.length - 1} more: ${issues.slice(1, 4).map((i) => `line ${i.line}`).join(", ")})` : "";
    super(`line ${first.line}, column ${first.column}: ${first.path ? `${first.path}: ` : ""}${first.message}${more}`);
    this.name = "RuleFileError";
    this.line = first.line;
    this.column = first.column;
    this.issues = issues;
  }
}

/** Larger than any sensible rules file: refused before it is read. */
export const MAX_RULE_FILE_CHARS = 256 * 1024;

/** Reads and validates a rules file; throws `RuleFileError` naming the line at fault. */
export function parseRules(jsonText: string): RuleSet {
  const text = jsonText.replace(/^\uFEFF/, "");
  if (text.length > MAX_RULE_FILE_CHARS) throw new RuleFileError([{ line: 1, column: 1, path: "", message: `the file is larger than ${MAX_RULE_FILE_CHARS / 1024} KiB` }]);
  let locations: ReturnType<typeof locateJson>;
  try {
    locations = locateJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    const at = positionAt(text, error.offset);
    throw new RuleFileError([{ line: at.line, column: at.column, path: "", message: `not valid JSON: ${error.message}` }]);
  }
  const raw: unknown = JSON.parse(text);
  const parsed = RuleSetSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue): RuleFileIssue & { offset: number } => {
    const path = issue.path as JsonPath;
    let at: TextPosition;
    let message = issue.message;
    const value = valueAt(raw, path);
    if (issue.code === "unrecognized_keys") {
      const key = issue.keys[0]!;
      at = locations.key([...path, key]) ?? locations.nearest(path);
      message = `unknown field${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}`;
    } else {
      at = locations.value(path) ?? locations.nearest(path);
      if (issue.code === "invalid_union" && path[path.length - 1] === "kind") {
        message = value === undefined ? `a rule needs a "kind" (${RULE_KINDS.join(", ")})` : `unknown kind ${JSON.stringify(value)}; kinds are ${RULE_KINDS.join(", ")}`;
      } else if (value === undefined) {
        message = `"${String(path[path.length - 1])}" is missing`;
      } else if (issue.code === "invalid_value" && path[path.length - 1] === "severity") {
        message = `unknown severity ${JSON.stringify(value)}; severities are ${SEVERITIES.join(", ")}`;
      }
    }
    return { line: at.line, column: at.column, offset: at.offset, path: formatPath(path), message };
  });
  issues.sort((a, b) => a.offset - b.offset);
  throw new RuleFileError(issues.map(({ offset: _offset, ...issue }) => issue));
}

function valueAt(root: unknown, path: JsonPath): unknown {
  let node = root;
  for (const key of path) {
    if (node === null || typeof node !== "object") return undefined;
    node = (node as Record<PropertyKey, unknown>)[key as string];
  }
  return node;
}

function formatPath(path: JsonPath): string {
  return path.map((p, i) => (typeof p === "number" ? `[${p}]` : i === 0 ? String(p) : /^[A-Za-z_$][\w$]*$/.test(String(p)) ? `.${String(p)}` : `["${String(p)}"]`)).join("");
}

/** The rules every hall starts with: `default-rules.json` beside this module, validated when this module loads (a broken default file fails at start). */
export const DEFAULT_RULES_TEXT: string = readFileSync(new URL("./default-rules.json", import.meta.url), "utf8");
export const DEFAULT_RULES: RuleSet = parseRules(DEFAULT_RULES_TEXT);
