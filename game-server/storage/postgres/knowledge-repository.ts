import type pg from "pg";
import type { ArticleLang, ArticleRecord, KnowledgeRepository } from "../storage.ts";
import { iso } from "./database.ts";

interface ArticleRow { hall_id: string; id: string; lang: string; title: string; body: string; tags: string[]; updated_at: Date }

const toArticle = (r: ArticleRow): ArticleRecord => ({
  hallId: r.hall_id,
  id: r.id,
  lang: r.lang as ArticleLang,
  title: r.title,
  body: r.body,
  tags: r.tags,
  updatedAt: iso(r.updated_at),
});

export class PostgresKnowledgeRepository implements KnowledgeRepository {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async put(article: Omit<ArticleRecord, "updatedAt">): Promise<ArticleRecord> {
    const { rows } = await this.#pool.query<ArticleRow>(
      `INSERT INTO knowledge_articles (hall_id, id, lang, title, body, tags, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (hall_id, id, lang) DO UPDATE SET title = excluded.title, body = excluded.body, tags = excluded.tags, updated_at = excluded.updated_at
       RETURNING *`,
      [article.hallId, article.id, article.lang, article.title, article.body, article.tags, new Date()],
    );
    return toArticle(rows[0]!);
  }

  async get(hallId: string, id: string, lang: ArticleLang): Promise<ArticleRecord | undefined> {
    const row = (await this.#pool.query<ArticleRow>("SELECT * FROM knowledge_articles WHERE hall_id = $1 AND id = $2 AND lang = $3", [hallId, id, lang])).rows[0];
    return row && toArticle(row);
  }

  async list(hallId: string): Promise<ArticleRecord[]> {
    // COLLATE "C": code-point order, as SQLite sorts, whatever the database's locale.
    const { rows } = await this.#pool.query<ArticleRow>('SELECT * FROM knowledge_articles WHERE hall_id = $1 ORDER BY id COLLATE "C", lang COLLATE "C"', [hallId]);
    return rows.map(toArticle);
  }

  async remove(hallId: string, id: string, lang?: ArticleLang): Promise<number> {
    const result =
      lang === undefined
        ? await this.#pool.query("DELETE FROM knowledge_articles WHERE hall_id = $1 AND id = $2", [hallId, id])
        : await this.#pool.query("DELETE FROM knowledge_articles WHERE hall_id = $1 AND id = $2 AND lang = $3", [hallId, id, lang]);
    return result.rowCount ?? 0;
  }
}
