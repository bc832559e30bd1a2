import { describe, expect, it } from "vitest";
import { JsonSyntaxError, locateJson, positionAt } from "./json-locator.ts";

const doc = `{
  "version": 3,
  "rules": [
    { "id": "a", "kind": "phrase" },
    {
      "id": "b",
      "kind": "silence",
      "afterMs": 20000
    }
  ]
}`;

function syntaxErrorAt(text: string): { line: number; column: number; message: string } {
  try {
    locateJson(text);
  } catch (error) {
    if (!(error instanceof JsonSyntaxError)) throw error;
    return { ...positionAt(text, error.offset), message: error.message };
  }
  throw new Error("no syntax error found");
}

describe("positionAt", () => {
  it("counts lines and columns from 1", () => {
    expect(positionAt("ab\ncd\n", 0)).toMatchObject({ line: 1, column: 1 });
    expect(positionAt("ab\ncd\n", 4)).toMatchObject({ line: 2, column: 2 });
    expect(positionAt("ab\r\ncd", 5)).toMatchObject({ line: 2, column: 2 });
  });
});

describe("locateJson", () => {
  it("finds where each value and key starts", () => {
    const at = locateJson(doc);
    expect(at.value(["version"])).toMatchObject({ line: 2, column: 14 });
    expect(at.value(["rules", 0])).toMatchObject({ line: 4, column: 5 });
    expect(at.value(["rules", 0, "kind"])).toMatchObject({ line: 4, column: 26, offset: doc.indexOf('"phrase"') });
    expect(at.value(["rules", 1, "afterMs"])).toMatchObject({ line: 8, column: 18 });
    expect(at.key(["rules", 1, "afterMs"])).toMatchObject({ line: 8, column: 7 });
    expect(at.value(["rules", 2])).toBeUndefined();
  });

  it("points at the enclosing object for a member that is missing", () => {
    expect(locateJson(doc).nearest(["rules", 1, "severity"])).toMatchObject({ line: 5, column: 5 });
    expect(locateJson(doc).nearest(["nothing", "here"])).toMatchObject({ line: 1, column: 1 });
  });

  it("reads keys with escapes by their value", () => {
    const text = `{"a\\u0062": [1, {"c": null}]}`;
    expect(locateJson(text).value(["ab", 1, "c"])).toMatchObject({ line: 1, offset: text.indexOf("null") });
  });

  it("accepts what JSON.parse accepts", () => {
    for (const text of ["0", "-1.5e+3", '"x"', "[]", "{}", ' { "a" : [ true , false , null ] } ', '"\\"\\\\\\/\\b\\f\\n\\r\\t"']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(() => locateJson(text)).not.toThrow();
    }
  });

  it.each([
    ['{\n  "a": 1,\n  "b": \n}', 4, 1, /expected a value/],
    ['{\n  "a": 1,\n  "b": 2,\n}', 3, 9, /trailing comma/],
    ['{\n  "a": 1\n  "b": 2\n}', 3, 3, /expected "," or "}"/],
    ["{\n  'a': 1\n}", 2, 3, /double quotes/],
    ['{\n  "a": "one\n}', 2, 12, /not closed/],
    ['{\n  "a": [1, 2\n}', 3, 1, /expected "," or "]"/],
    ['{ "a": 01 }', 1, 9, /malformed number/],
    ['{ "a": tru }', 1, 8, /expected a value/],
    ["", 1, 1, /empty/],
    ['{ "a": 1 } x', 1, 12, /after the end/],
    ['{ "a": "\\q" }', 1, 9, /unknown escape/],
  ])("reports %j at line %i, column %i", (text, line, column, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const error = syntaxErrorAt(text);
    expect(error).toMatchObject({ line, column });
    expect(error.message).toMatch(message);
  });

  it("refuses nesting deep enough to exhaust the stack, as a syntax error", () => {
    const deep = "[".repeat(10_000) + "]".repeat(10_000);
    expect(syntaxErrorAt(deep).message).toMatch(/nested more than/);
  });
});
