import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_RULES, parseRules, RULE_KINDS, RuleFileError } from "./quality-rules.ts";

/** The error `parseRules` throws for `text` (fails the test if it parses). */
function refusal(text: string): RuleFileError {
  try {
    parseRules(text);
  } catch (error) {
    if (error instanceof RuleFileError) return error;
    throw error;
  }
  throw new Error("the file was accepted");
}

const valid = `{
  "version": 4,
  "rules": [
    {
      "id": "no-blame",
      "kind": "phrase",
      "severity": "critical",
      "phrases": { "en": ["calm down"] },
      "message": { "en": "Avoid \\"{phrase}\\".", "zh-CN": "避免说“{phrase}”。" }
    },
    {
      "id": "dead-air",
      "kind": "silence",
      "severity": "warning",
      "enabled": false,
      "afterMs": 15000,
      "message": { "en": "{seconds} s of silence", "zh-CN": "沉默 {seconds} 秒" }
    }
  ]
}`;

/** `valid` with one line replaced (1-based), to put a fault on a known line. */
const withLine = (line: number, text: string) => valid.split("\n").map((l, i) => (i === line - 1 ? text : l)).join("\n");

describe("parseRules", () => {
  it("reads a valid file and fills in the defaults", () => {
    const set = parseRules(valid);
    expect(set.version).toBe(4);
    expect(set.cooldownMs).toBe(30_000);
    expect(set.rules[0]).toMatchObject({ id: "no-blame", kind: "phrase", speaker: "agent", enabled: true, phrases: { en: ["calm down"], "zh-CN": [] } });
    expect(set.rules[1]).toMatchObject({ kind: "silence", enabled: false, afterMs: 15_000 });
  });

  it("names the line and column of a JSON syntax error", () => {
    const error = refusal(withLine(7, `      "severity": "critical"`)); // the comma at the end is gone
    expect(error.line).toBe(8);
    expect(error.message).toMatch(/^line 8, column 7: not valid JSON: expected "," or "}"/);
  });

  it("names the line of a trailing comma", () => {
    const last = `      "message": { "en": "{seconds} s of silence", "zh-CN": "沉默 {seconds} 秒" },`;
    const error = refusal(withLine(17, last));
    expect(error.message).toMatch(new RegExp(`^line 17, column ${last.length}: not valid JSON: a comma before "}"`));
  });

  it("names the line of an unknown kind", () => {
    const error = refusal(withLine(13, `      "kind": "shouting",`));
    expect(error.line).toBe(13);
    expect(error.column).toBe(15);
    expect(error.message).toBe(`line 13, column 15: rules[1].kind: unknown kind "shouting"; kinds are ${RULE_KINDS.join(", ")}`);
  });

  it("names the line of a bad severity", () => {
    const error = refusal(withLine(7, `      "severity": "urgent",`));
    expect(error.message).toBe('line 7, column 19: rules[0].severity: unknown severity "urgent"; severities are info, warning, critical');
  });

  it("names the line of a misspelt field, at the field", () => {
    const error = refusal(withLine(16, `      "afterMS": 15000,`));
    expect(error.message).toBe('line 16, column 7: rules[1]: unknown field "afterMS"');
  });

  it("points at the rule when a required field is missing", () => {
    const error = refusal(withLine(7, ``));
    expect(error.message).toBe('line 4, column 5: rules[0].severity: "severity" is missing');
  });

  it("names the line of a wrong type, a duplicate id and an unknown placeholder", () => {
    expect(refusal(withLine(16, `      "afterMs": "15s",`)).line).toBe(16);
    expect(refusal(withLine(12, `      "id": "no-blame",`)).message).toMatch(/^line 12, column 13: rules\[1\]\.id: the rule id "no-blame" is used twice/);
    const placeholder = refusal(withLine(17, `      "message": { "en": "{secs} s of silence", "zh-CN": "沉默 {seconds} 秒" }`));
    expect(placeholder.message).toMatch(/^line 17, column 26: rules\[1\]\.message\.en: unknown placeholder \{secs\}/);
  });

  it("lists every fault, first in the file first", () => {
    const error = refusal(withLine(7, `      "severity": "urgent",`).replace(`"version": 4`, `"version": 0`));
    expect(error.issues.map((i) => i.line)).toEqual([2, 7]);
    expect(error.message).toMatch(/^line 2, .*\(and 1 more: line 7\)$/);
  });

  it("refuses an empty file and a file that is not an object", () => {
    expect(refusal("").message).toMatch(/^line 1, column 1: not valid JSON: the file is empty/);
    expect(refusal("[]").message).toMatch(/^line 1, column 1:/);
  });
});

describe("DEFAULT_RULES", () => {
  it("is default-rules.json, valid, with at least one rule of every kind", () => {
    expect(DEFAULT_RULES).toEqual(parseRules(readFileSync(new URL("./default-rules.json", import.meta.url), "utf8")));
    expect(new Set(DEFAULT_RULES.rules.map((r) => r.kind))).toEqual(new Set(RULE_KINDS));
    for (const rule of DEFAULT_RULES.rules) {
      expect(rule.message.en.length, rule.id).toBeGreaterThan(10);
      expect(rule.message["zh-CN"], rule.id).toMatch(/\p{Script=Han}/u);
    }
  });
});
