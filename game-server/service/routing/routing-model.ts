/**
 * The service desk's routing vocabulary: agents, the contacts waiting for them, the settings of
 * the rule that matches the two, and what a tick reports. Plain data only: the engine is
 * `router.ts`, which re-exports all of this.
 */

/** What the agent sets. */
export type AgentPresence = "available" | "away";
/** What the desk shows: derived from presence, offer, wrap-up and work in hand (`Router.agent`). */
export type AgentState = "available" | "busy" | "after-call" | "away" | "offered";
export type WorkKind = "call" | "chat";

export interface AgentProfile {
  id: string;
  name: string;
  /** Skill id → level 1..5. */
  skills: Record<string, number>;
  /** Exact language tags ("en", "zh-CN"): a contact's language must be one of them. */
  languages: string[];
  /** Halls they work in; [] = every hall. */
  hallIds: string[];
  /** How many of each kind at once, e.g. { call: 1, chat: 3 }. */
  capacity: Record<WorkKind, number>;
}

export interface ContactRequest {
  id: string;
  hallId: string;
  /** Required skill id, or "general" (any agent of the hall). */
  skill: string;
  /** Default 1. */
  minLevel?: number;
  /** The customer's language. */
  lang: string;
  kind: WorkKind;
  /** Default 0; higher first (e.g. an upset customer +60). */
  basePriority?: number;
  /** The customer asked to be called back: they keep their place and are routed the same way. */
  callback?: boolean;
}

/** The skill id that any agent of the hall has. */
export const GENERAL_SKILL = "general";

export interface RoutingConfig {
  /** An offer not accepted within this passes on. */
  offerTimeoutMs: number;
  /** After-call work (wrap-up) lasts this long unless the agent ends it early. */
  afterCallMs: number;
  /** Priority points per minute waited. */
  agingPerMinute: number;
  /** After this wait, minLevel drops to 1 … */
  relaxSkillAfterMs: number;
  /** … and after this, any agent of the hall who speaks the language may take it. */
  relaxAnyAgentAfterMs: number;
  /** After this wait, language is no longer required. */
  relaxLanguageAfterMs: number;
  /** Waiting contacts per hall (offered ones included); beyond it enqueue is refused. */
  queueCap: number;
  /** What an agent becomes when an offer to them times out. */
  missedOfferPresence: AgentPresence;
}

export const DEFAULT_ROUTING: RoutingConfig = {
  offerTimeoutMs: 20_000,
  afterCallMs: 30_000,
  agingPerMinute: 10,
  relaxSkillAfterMs: 60_000,
  relaxAnyAgentAfterMs: 120_000,
  relaxLanguageAfterMs: 300_000,
  queueCap: 50,
  missedOfferPresence: "away",
};

/** What `Router.tick` reports, in the order it happened. */
export type RoutingEvent =
  | { type: "offer"; contactId: string; agentId: string; expiresAt: number }
  | { type: "offer-expired"; contactId: string; agentId: string }
  | { type: "offer-withdrawn"; contactId: string; agentId: string }
  | { type: "after-call-ended"; agentId: string };
