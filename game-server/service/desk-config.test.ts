import { describe, expect, it } from "vitest";
import { deskConfigFor, GENERAL_SKILL, skillFor } from "./desk-config.ts";

const nova = deskConfigFor("nova-electronics");
const turn = (role: "customer" | "concierge", text: string, sources: string[] = [], confidence: number | null = null) => ({ role, text, sources, confidence });

describe("the skill a customer needs", () => {
  it("follows the articles the concierge answered from, the latest first", () => {
    expect(skillFor(nova, [turn("customer", "how much is it?"), turn("concierge", "£799", ["kb-nova-phone-12"], 0.8)])).toBe("phones");
    expect(skillFor(nova, [turn("concierge", "…", ["kb-nova-phone-12"], 0.8), turn("customer", "and can I return it?"), turn("concierge", "30 days", ["kb-returns"], 0.7)])).toBe("returns");
  });

  it("ignores the sources of answers the concierge was unsure of, and falls back to the customer's words", () => {
    expect(skillFor(nova, [turn("customer", "fix my fridge?"), turn("concierge", "not sure", ["kb-nova-phone-12"], 0.2)])).toBe(GENERAL_SKILL);
    expect(skillFor(nova, [turn("customer", "我的耳机坏了"), turn("concierge", "不确定", ["kb-nova-phone-12"], 0.1)])).toBe("tv-audio");
    expect(skillFor(nova, [turn("customer", "My laptops keep crashing")])).toBe("laptops");
  });

  it("gives a hall without a desk of its own the general skill only", () => {
    expect(skillFor(deskConfigFor("some-other-scene"), [turn("customer", "phone")])).toBe(GENERAL_SKILL);
  });
});
