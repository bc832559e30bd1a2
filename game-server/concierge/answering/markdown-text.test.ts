import { expect, it } from "vitest";
import { markdownToText } from "./markdown-text.ts";

it("keeps an article's words and drops its Markdown", () => {
  const markdown = [
    "## Returns",
    "",
    "You can return **anything** within *30 days*. See [our policy](https://example.com/returns).",
    "",
    "- Bring the `receipt`",
    "- Unopened headphones only",
    "",
    "> Faulty items: any time.",
  ].join("\n");
  expect(markdownToText(markdown)).toBe(
    "Returns. You can return anything within 30 days. See our policy. Bring the receipt. Unopened headphones only. Faulty items: any time.",
  );
});

it("ends Chinese lines with a Chinese full stop, and leaves plain text as it is", () => {
  expect(markdownToText("# 退货\n\n- 30 天内可退\n- 请带收据")).toBe("退货。30 天内可退。请带收据。");
  const plain = "Standard delivery takes 2–4 working days. It is free on orders over £50.";
  expect(markdownToText(plain)).toBe(plain);
});

it("keeps a table's cells as words", () => {
  expect(markdownToText("| Term | Rate |\n|---|---|\n| 1 year | 4.5% |")).toBe("Term Rate. 1 year 4.5%.");
});
