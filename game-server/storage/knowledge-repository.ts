import type { ArticleLang, ArticleRecord } from "./storage.ts";

/** Each hall's knowledge base: articles and FAQs, one record per language of an article. */
export interface KnowledgeRepository {
  /** Creates or replaces the article in that language (key: hall, id, lang) and stamps `updatedAt`; resolves once durable. */
  put(article: Omit<ArticleRecord, "updatedAt">): Promise<ArticleRecord>;
  get(hallId: string, id: string, lang: ArticleLang): Promise<ArticleRecord | undefined>;
  /** A hall's articles, by id, then lang (plain code-point order, the same on every database). */
  list(hallId: string): Promise<ArticleRecord[]>;
  /** Removes the article in one language, or in every language when `lang` is left out; resolves with the rows removed. */
  remove(hallId: string, id: string, lang?: ArticleLang): Promise<number>;
}
