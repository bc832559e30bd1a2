import type { DatabaseSync } from "node:sqlite";
import type { ArticleLang, ArticleRecord, KnowledgeRepository } from "../storage.ts";

interface ArticleRow { hall_id: string; id: string; lang: string; title: string; body: string; tags: string; updated_at: string }

const toArticle = (r: ArticleRow): ArticleRecord => ({
  hallId: r.hall_id,
  id: r.id,
  lang: r.lang as ArticleLang,
  title: r.title,
  body: r.body,
  tags: JSON.parse(r.tags) as string[],
  updatedAt: r.updated_at,
});

export class SqliteKnowledgeRepository implements KnowledgeRepository {
  readonly #db: DatabaseSync;

  constructor(db: DatabaseSync) {
    this.#db = db;
  }

  async put(article: Omit<ArticleRecord, "updatedAt">): Promise<ArticleRecord> {
    const record: ArticleRecord = { ...article, updatedAt: new Date().toISOString() };
    this.#db
      .prepare(
        `INSERT INTO knowledge_articles (hall_id, id, lang, title, body, tags, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (hall_id, id, lang) DO UPDATE SET title = excluded.title, body = excluded.body, tags = excluded.tags, updated_at = excluded.updated_at`,
      )
      .run(record.hallId, record.id, record.lang, record.title, record.body, JSON.stringify(record.tags), record.updatedAt);
    return record;
  }

  async get(hallId: string, id: string, lang: ArticleLang): Promise<ArticleRecord | undefined> {
    const row = this.#db.prepare("SELECT * FROM knowledge_articles WHERE hall_id = ? AND id = ? AND lang = ?").get(hallId, id, lang) as ArticleRow | undefined;
    return row && toArticle(row);
  }

  async list(hallId: string): Promise<ArticleRecord[]> {
    // SQLite compares TEXT byte by byte (BINARY), i.e. in code-point order.
    return (this.#db.prepare("SELECT * FROM knowledge_articles WHERE hall_id = ? ORDER BY id, lang").all(hallId) as unknown as ArticleRow[]).map(toArticle);
  }

  async remove(hallId: string, id: string, lang?: ArticleLang): Promise<number> {
    const result =
      lang === undefined
        ? this.#db.prepare("DELETE FROM knowledge_articles WHERE hall_id = ? AND id = ?").run(hallId, id)
        : this.#db.prepare("DELETE FROM knowledge_articles WHERE hall_id = ? AND id = ? AND lang = ?").run(hallId, id, lang);
    return Number(result.changes);
  }
}
