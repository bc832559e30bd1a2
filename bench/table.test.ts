import { describe, expect, it } from "vitest";
import { formatCell, formatTable } from "./table.ts";

describe("formatCell", () => {
  it("keeps integers whole and gives fractions digits by size", () => {
    expect(formatCell(37500)).toBe("37500");
    expect(formatCell(123.456)).toBe("123");
    expect(formatCell(56.78)).toBe("56.8");
    expect(formatCell(8.912)).toBe("8.91");
    expect(formatCell(0.01234)).toBe("0.012");
  });

  it("writes booleans and missing values as words", () => {
    expect(formatCell(true)).toBe("yes");
    expect(formatCell(false)).toBe("no");
    expect(formatCell(null)).toBe("–");
  });
});

describe("formatTable", () => {
  it("pads a Markdown table, right-aligning numeric columns", () => {
    const text = formatTable({
      title: "Steps",
      rows: [
        { step: "small", consumers: 100, "cpu %": 12.5 },
        { step: "large", consumers: 1000, "cpu %": 61.25 },
      ],
    });
    expect(text).toBe(
      [
        "Steps",
        "",
        "| step  | consumers | cpu % |",
        "|-------|----------:|------:|",
        "| small |       100 |  12.5 |",
        "| large |      1000 |  61.3 |",
      ].join("\n"),
    );
  });

  it("follows the given column order and marks missing cells", () => {
    const text = formatTable({ title: "T", columns: ["b", "a"], rows: [{ a: 1 }, { a: 2, b: "x" }] });
    expect(text.split("\n")[2]).toBe("| b   |   a |");
    expect(text.split("\n")[4]).toBe("| –   |   1 |");
  });
});
