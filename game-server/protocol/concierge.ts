import { z } from "zod";
import { Limits } from "./limits.ts";

/** The languages Atrium serves in: pages, the concierge, the knowledge base. */
export const Lang = z.enum(["en", "zh-CN"]);
export type Lang = z.infer<typeof Lang>;

/** A customer's question to the hall's concierge (typed in the chat panel, or recognised speech later). */
export const ConciergeQuestion = z.object({
  text: z
    .string()
    .trim()
    .min(1, "question is empty")
    .max(Limits.conciergeQuestionMax, `question is longer than ${Limits.conciergeQuestionMax} characters`)
    .regex(/^[^\u0000-\u0008\u000b-\u001f]+$/u, "question has control characters"),
  /** The page's language; the concierge answers in the question's own language when it can tell. */
  lang: Lang.optional(),
});
export type ConciergeQuestion = z.infer<typeof ConciergeQuestion>;

/** A knowledge-base article an answer came from, shown with the answer. */
export const ArticleRef = z.object({ id: z.string(), title: z.string() });
export type ArticleRef = z.infer<typeof ArticleRef>;

/** The concierge's answer, as the asking page receives it (the concierge also says it aloud at the desk). */
export const ConciergeAnswer = z.object({
  id: z.string(),
  text: z.string(),
  lang: Lang,
  /** How sure the concierge is, 0…1 (retrieval score normalised; an LLM answer keeps its sources' score). */
  confidence: z.number().min(0).max(1),
  /** The articles it answered from, best first; empty when it did not find one. */
  sources: z.array(ArticleRef),
  /** The booth (scene `booths[].id`) the answer is about: "Take me there" walks the visitor to it. */
  boothId: z.string().optional(),
  boothLabel: z.string().optional(),
  /** The concierge could not help well (unsure, or asked for a person): the page offers a human. */
  offerHuman: z.boolean(),
  /**
   * Why it offers a person (set with `offerHuman`): they asked for one, it was unsure twice in a
   * row, the same question came back, or the customer is upset. The page passes it on with the
   * customer's "Talk to a person" (`service:request`).
   */
  handover: z.enum(["asked-for-person", "not-confident", "repeated-question", "negative"]).optional(),
});
export type ConciergeAnswer = z.infer<typeof ConciergeAnswer>;

/** Walk me to a booth: the server moves the visitor's avatar along a path around obstacles. */
export const WalkRequest = z.object({ boothId: z.string().min(1).max(64) });
/**
 * The way there, worked out by the server over the scene's collision map: waypoints from where
 * the visitor stands to the front of the booth, and the length in metres. The page walks its
 * avatar along it with ordinary moves, which the server checks like any other.
 */
export const WalkReply = z.object({ metres: z.number().nonnegative(), path: z.array(z.object({ x: z.number(), z: z.number() })) });

/** A whole article, for the "source" link under an answer. */
export const ArticleRequest = z.object({ id: z.string().min(1).max(64), lang: Lang.optional() });
export const Article = z.object({ id: z.string(), lang: Lang, title: z.string(), body: z.string() });
export type Article = z.infer<typeof Article>;

/** Server → client: the concierge speaks to this visitor unasked (a greeting when they come near). */
export interface ConciergeSaid {
  text: string;
  lang: Lang;
}

export const ConciergeServerMessage = {
  said: "concierge:said",
} as const;
