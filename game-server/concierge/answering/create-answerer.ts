import type { Answerer } from "../answerer.ts";
import type { KnowledgeArticle } from "./knowledge-article.ts";
import { type LlmConfig, LlmAnswerer } from "./llm-answerer.ts";
import { RetrievalAnswerer } from "./retrieval-answerer.ts";

export interface AnswererConfig {
  /** Set when `ATRIUM_LLM_URL` is: answers are then written by that model over retrieval. */
  llm?: LlmConfig;
}

/** An answerer that can re-index when an admin edits the hall's knowledge base. */
export type RebuildableAnswerer = Answerer & { rebuild(articles: readonly KnowledgeArticle[]): void };

/**
 * One hall's answerer over its articles: the embedded retrieval answerer (offline, the
 * default), or the LLM adapter over it when an endpoint is configured.
 */
export function createAnswerer(config: AnswererConfig, articles: readonly KnowledgeArticle[], onFallback?: (reason: string) => void): RebuildableAnswerer {
  return config.llm ? LlmAnswerer.fromArticles(articles, config.llm, onFallback) : RetrievalAnswerer.fromArticles(articles);
}
