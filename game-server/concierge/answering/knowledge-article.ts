import type { Lang } from "../../protocol/concierge.ts";

/**
 * One knowledge-base article in one language, as the answerers index it. The same shape as the
 * storage's article record (`storage.knowledge`), so a hall's stored articles go straight in;
 * `hallId` is there when they come from storage and unused here (an answerer serves one hall).
 */
export interface KnowledgeArticle {
  hallId?: string;
  id: string;
  lang: Lang;
  title: string;
  body: string;
  tags: readonly string[];
}
