import { describe, expect, it } from "vitest";
import { articleBlocks } from "./article-blocks.ts";

describe("articleBlocks", () => {
  it("reads a plain article as its paragraphs", () => {
    expect(articleBlocks("Open 10:00–21:00 every day.\nClosed on 1 January.\n\n周末照常营业。")).toEqual([
      { kind: "paragraph", text: "Open 10:00–21:00 every day. Closed on 1 January." },
      { kind: "paragraph", text: "周末照常营业。" },
    ]);
  });

  it("reads headings, lists and inline markup as text", () => {
    const body = "# Returns\n\nWithin **30 days**, see [our policy](https://example.com/returns):\n- unopened: full refund\n- opened: *store credit*,\n  or an exchange\n1. bring the receipt";
    expect(articleBlocks(body)).toEqual([
      { kind: "heading", text: "Returns" },
      { kind: "paragraph", text: "Within 30 days, see our policy:" },
      { kind: "list", items: ["unopened: full refund", "opened: store credit, or an exchange", "bring the receipt"] },
    ]);
  });

  it("never passes markup through", () => {
    expect(articleBlocks("<script>alert(1)</script>")).toEqual([{ kind: "paragraph", text: "<script>alert(1)</script>" }]);
    expect(articleBlocks("\n\n  \n")).toEqual([]);
  });
});
