import { GENERAL_SKILL, type AgentProfile, type ContactRequest, type RoutingConfig } from "./routing-model.ts";

/**
 * What an agent's profile must have to take a contact, once its wait has relaxed the request:
 * after `relaxSkillAfterMs` any level of the skill will do, after `relaxAnyAgentAfterMs` no skill
 * at all, after `relaxLanguageAfterMs` no shared language. The hall is never relaxed (an agent of
 * another hall is not there), and neither is an agent's refusal (the router keeps those).
 */
export interface Requirement {
  /** undefined: any agent of the hall ("general", or relaxed). */
  skill: string | undefined;
  minLevel: number;
  /** undefined: language no longer required. */
  lang: string | undefined;
}

export type Relaxation = Pick<RoutingConfig, "relaxSkillAfterMs" | "relaxAnyAgentAfterMs" | "relaxLanguageAfterMs">;

export function requirementAfter(contact: Pick<ContactRequest, "skill" | "minLevel" | "lang">, waitedMs: number, relax: Relaxation): Requirement {
  return requirementWith(contact, relaxationsAfter(waitedMs, relax));
}

/** The relaxations a wait has reached, as bits (one of {@link RELAXED}'s each), so a requirement can be kept per stage. */
export function relaxationsAfter(waitedMs: number, relax: Relaxation): number {
  return (
    (waitedMs >= relax.relaxSkillAfterMs ? RELAXED.level : 0) |
    (waitedMs >= relax.relaxAnyAgentAfterMs ? RELAXED.anyAgent : 0) |
    (waitedMs >= relax.relaxLanguageAfterMs ? RELAXED.language : 0)
  );
}

export const RELAXED = { level: 1, anyAgent: 2, language: 4 } as const;

export function requirementWith(contact: Pick<ContactRequest, "skill" | "minLevel" | "lang">, relaxations: number): Requirement {
  const anySkill = contact.skill === GENERAL_SKILL || (relaxations & RELAXED.anyAgent) !== 0;
  return {
    skill: anySkill ? undefined : contact.skill,
    minLevel: anySkill || (relaxations & RELAXED.level) !== 0 ? 1 : (contact.minLevel ?? 1),
    lang: (relaxations & RELAXED.language) !== 0 ? undefined : contact.lang,
  };
}

/** Skill and language; the hall is {@link worksIn}. */
export function meetsRequirement(agent: Pick<AgentProfile, "skills" | "languages">, need: Requirement): boolean {
  return hasSkill(agent, need) && (need.lang === undefined || agent.languages.includes(need.lang));
}

export function hasSkill(agent: Pick<AgentProfile, "skills">, need: Pick<Requirement, "skill" | "minLevel">): boolean {
  if (need.skill === undefined) return true;
  // Own properties only: a skill id such as "constructor" must not match Object.prototype.
  const level = Object.hasOwn(agent.skills, need.skill) ? agent.skills[need.skill] : undefined;
  return typeof level === "number" && level >= need.minLevel;
}

/** An empty `hallIds` means every hall. */
export function worksIn(agent: Pick<AgentProfile, "hallIds">, hallId: string): boolean {
  return agent.hallIds.length === 0 || agent.hallIds.includes(hallId);
}
