import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { ConciergeAnswer } from "../../../game-server/protocol/index.ts";
import type { ConciergeTurn } from "../../_hall-client/concierge-client.ts";
import { answerLead, ConciergeConversation, WORDS, type SourceView } from "./concierge-panel.tsx";

const phone: ConciergeAnswer = {
  id: "a1",
  text: "The Nova Phone 12 has a two-year warranty.",
  lang: "en",
  confidence: 0.84,
  sources: [{ id: "kb-nova-phone-12", title: "Nova Phone 12 — warranty" }],
  boothId: "nova-phone-12",
  boothLabel: "Nova Phone 12",
  offerHuman: false,
};
const unsure: ConciergeAnswer = { id: "a2", text: "抱歉，我没有找到相关信息。", lang: "zh-CN", confidence: 0.12, sources: [], offerHuman: true };

const render = (turns: ConciergeTurn[], lang: "en" | "zh-CN", sources: Record<string, SourceView> = {}, asking = false) =>
  renderToStaticMarkup(<ConciergeConversation turns={turns} asking={asking} lang={lang} name="Mia" sources={sources} onSource={() => undefined} onTakeMe={() => undefined} onTalkToPerson={() => undefined} />);

/** The visible text of some markup, tags dropped. */
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

describe("the concierge conversation", () => {
  it("shows a product answer with its source and a way to the booth, in the page's language", () => {
    const turns: ConciergeTurn[] = [
      { kind: "question", id: "q1", text: "How long is the warranty on the Nova Phone 12?", lang: "en" },
      { kind: "answer", id: "a1", answer: phone },
    ];
    const en = text(render(turns, "en"));
    expect(en).toContain("How long is the warranty on the Nova Phone 12?");
    expect(en).toContain("The Nova Phone 12 has a two-year warranty.");
    expect(en).toContain("Source: Nova Phone 12 — warranty");
    expect(en).toContain("Take me there · Nova Phone 12");
    expect(en).not.toContain(WORDS.en.unsure);
    expect(en).not.toContain(WORDS.en.human);
    const zh = text(render(turns, "zh-CN"));
    expect(zh).toContain("来源: Nova Phone 12 — warranty");
    expect(zh).toContain("带我去 · Nova Phone 12");
  });

  it("says when the concierge is unsure and offers a person in one click, in the page's language", () => {
    const html = render([{ kind: "answer", id: "a2", answer: unsure }], "zh-CN");
    expect(text(html)).toContain(WORDS["zh-CN"].unsure);
    expect(text(html)).toContain(WORDS["zh-CN"].human);
    expect(html).toContain(`data-testid="concierge-talk-to-person">${WORDS["zh-CN"].talkToPerson}</button>`);
    expect(text(render([{ kind: "answer", id: "a2", answer: unsure }], "en"))).toContain("Talk to a person");
    // A sure answer offers no person.
    expect(render([{ kind: "answer", id: "a1", answer: phone }], "en")).not.toContain("concierge-talk-to-person");
  });

  it("opens the source article under its answer", () => {
    const article = { id: "kb-nova-phone-12", lang: "en" as const, title: "Nova Phone 12 — warranty", body: "# Warranty\n\nTwo years, parts and labour.\n\nBattery: 80 % after 800 cycles." };
    const html = render([{ kind: "answer", id: "a1", answer: phone }], "en", { "kb-nova-phone-12:en": { status: "shown", article } });
    expect(html).toContain('aria-expanded="true"');
    expect(html).toContain("<h4>Warranty</h4><p>Two years, parts and labour.</p><p>Battery: 80 % after 800 cycles.</p>");
    expect(text(render([{ kind: "answer", id: "a1", answer: phone }], "en", { "kb-nova-phone-12:en": { status: "failed", message: 'no article "kb-nova-phone-12"' } }))).toContain('no article "kb-nova-phone-12"');
  });

  it("greets, and says the concierge is looking while a question is on its way", () => {
    const html = render([{ kind: "said", id: "s1", text: "Welcome to Nova Electronics! I'm Mia.", lang: "en" }], "en", {}, true);
    expect(text(html)).toContain("Welcome to Nova Electronics! I'm Mia.");
    expect(text(html)).toContain("Mia is looking it up…");
    expect(text(render([], "zh-CN"))).toContain(WORDS["zh-CN"].intro);
  });

  it("hedges by confidence", () => {
    expect(answerLead({ confidence: 0.9, sources: [] })).toBeUndefined();
    expect(answerLead({ confidence: 0.5, sources: [] })).toBe("maybe");
    expect(answerLead({ confidence: 0.2, sources: [] })).toBe("unsure");
  });

  it("speaks every word in both languages", () => {
    expect(Object.keys(WORDS["zh-CN"]).sort()).toEqual(Object.keys(WORDS.en).sort());
    for (const [key, zh] of Object.entries(WORDS["zh-CN"])) expect(zh, key).not.toBe(WORDS.en[key as keyof typeof WORDS.en]);
  });
});
