import type { ArticleRef, Lang } from "../protocol/concierge.ts";

/** One earlier turn of a conversation with the concierge, oldest first. */
export interface ConversationLine {
  role: "customer" | "concierge";
  text: string;
}

export interface AnswerRequest {
  hallId: string;
  text: string;
  /** The page's language; the question's own language wins when it can be told (CJK → zh-CN). */
  lang?: Lang;
  history?: readonly ConversationLine[];
}

/** What an answerer says; the concierge adds the answer's id and the booth it is about. */
export interface Answer {
  text: string;
  lang: Lang;
  /** 0…1: how sure the answerer is (retrieval: the best article's normalised score). */
  confidence: number;
  /** The articles the answer came from, best first (ids are knowledge-base article ids, shared by both languages). */
  sources: ArticleRef[];
  /** Unsure, or the customer asked for a person: the page offers a human (the handover issue). */
  offerHuman: boolean;
}

/**
 * The concierge's seam: the embedded default answers from the hall's knowledge base by
 * retrieval (zh + en); an adapter adds an LLM over the same retrieved articles (RAG) and falls
 * back to retrieval when the endpoint fails or is slow. One contract suite covers both.
 */
export interface Answerer {
  answer(request: AnswerRequest): Promise<Answer>;
}
