import { describe, expect, it } from "vitest";
import { meetsRequirement, requirementAfter, worksIn } from "./eligibility.ts";
import { DEFAULT_ROUTING, type AgentProfile } from "./routing-model.ts";

const S = 1000;
const agent = (skills: Record<string, number>, languages = ["en"]): Pick<AgentProfile, "skills" | "languages"> => ({ skills, languages });
const mortgage = { skill: "mortgage", minLevel: 4, lang: "zh-CN" };

describe("what an agent needs to take a contact", () => {
  it.each<{ case: string; skills: Record<string, number>; langs: string[]; ok: boolean }>([
    { case: "the skill at the level", skills: { mortgage: 4 }, langs: ["zh-CN"], ok: true },
    { case: "the skill above the level", skills: { mortgage: 5 }, langs: ["en", "zh-CN"], ok: true },
    { case: "the skill below the level", skills: { mortgage: 3 }, langs: ["zh-CN"], ok: false },
    { case: "another skill only", skills: { cards: 5 }, langs: ["zh-CN"], ok: false },
    { case: "the skill but not the language", skills: { mortgage: 5 }, langs: ["en"], ok: false },
    { case: "a language that only starts the same", skills: { mortgage: 5 }, langs: ["zh-TW"], ok: false },
  ])("fresh request, agent with $case: $ok", ({ skills, langs, ok }) => {
    expect(meetsRequirement(agent(skills, langs), requirementAfter(mortgage, 0, DEFAULT_ROUTING))).toBe(ok);
  });

  it.each<{ waited: number; skills: Record<string, number>; langs: string[]; ok: boolean }>([
    { waited: 59 * S, skills: { mortgage: 1 }, langs: ["zh-CN"], ok: false },
    { waited: 60 * S, skills: { mortgage: 1 }, langs: ["zh-CN"], ok: true },
    { waited: 60 * S, skills: {}, langs: ["zh-CN"], ok: false },
    { waited: 119 * S, skills: { cards: 2 }, langs: ["zh-CN"], ok: false },
    { waited: 120 * S, skills: { cards: 2 }, langs: ["zh-CN"], ok: true },
    { waited: 120 * S, skills: {}, langs: ["en"], ok: false },
    { waited: 299 * S, skills: { mortgage: 5 }, langs: ["en"], ok: false },
    { waited: 300 * S, skills: {}, langs: ["en"], ok: true },
  ])("after $waited ms an agent with $skills speaking $langs: $ok", ({ waited, skills, langs, ok }) => {
    expect(meetsRequirement(agent(skills, langs), requirementAfter(mortgage, waited, DEFAULT_ROUTING))).toBe(ok);
  });

  it("takes any agent of the hall for a general request, still in the customer's language", () => {
    const general = requirementAfter({ skill: "general", lang: "en" }, 0, DEFAULT_ROUTING);
    expect(meetsRequirement(agent({}), general)).toBe(true);
    expect(meetsRequirement(agent({}, ["zh-CN"]), general)).toBe(false);
  });

  it("defaults the level to 1, and a skill id never matches what every object has", () => {
    expect(meetsRequirement(agent({ cards: 1 }), requirementAfter({ skill: "cards", lang: "en" }, 0, DEFAULT_ROUTING))).toBe(true);
    expect(meetsRequirement(agent({}), requirementAfter({ skill: "constructor", lang: "en" }, 0, DEFAULT_ROUTING))).toBe(false);
  });

  it("never relaxes the hall; an agent with no halls works in every one", () => {
    expect(worksIn({ hallIds: [] }, "bank")).toBe(true);
    expect(worksIn({ hallIds: ["bank"] }, "bank")).toBe(true);
    expect(worksIn({ hallIds: ["shop"] }, "bank")).toBe(false);
  });
});
