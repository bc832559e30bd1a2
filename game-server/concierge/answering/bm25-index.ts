/**
 * A BM25F index over documents with weighted fields (title, tags, body): a term's frequency in
 * each field is length-normalised against that field's average length, multiplied by the
 * field's weight and summed, then saturated once (Robertson & Zaragoza, "The Probabilistic
 * Relevance Framework: BM25 and Beyond", 2009). So a word in the title counts more than the
 * same word in the body, and a long body does not win by repeating words.
 */
export interface FieldSpec {
  name: string;
  weight: number;
}

export interface ScoredDoc {
  doc: number;
  score: number;
  /**
   * Of the question's information (Σ weight × idf over its terms, unknown terms counted at the
   * highest idf there is), the share this document contains: 1 when it has every term.
   */
  coverage: number;
}

const k1 = 1.2;
const b = 0.75;

interface Posting {
  doc: number;
  /** The document's length-normalised, field-weighted term frequency. */
  tf: number;
}

/** One field of one document: how often each term occurs in it, and its length in terms. */
export interface FieldTerms {
  counts: ReadonlyMap<string, number>;
  length: number;
}

/** Counts a field's terms once, so that an unchanged document need not be counted again. */
export function fieldTerms(terms: readonly string[]): FieldTerms {
  const counts = new Map<string, number>();
  for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  return { counts, length: terms.length };
}

export class Bm25Index {
  private readonly postings = new Map<string, Posting[]>();
  readonly size: number;

  /** `docs[i][f]` holds field `fields[f]` of document i. */
  constructor(fields: readonly FieldSpec[], docs: readonly (readonly FieldTerms[])[]) {
    this.size = docs.length;
    const averageLength = fields.map((_, f) => docs.reduce((sum, doc) => sum + (doc[f]?.length ?? 0), 0) / Math.max(1, docs.length) || 1);
    docs.forEach((doc, docIndex) => {
      const weighted = new Map<string, number>();
      fields.forEach((field, f) => {
        const terms = doc[f];
        if (!terms) return;
        const norm = 1 - b + (b * terms.length) / (averageLength[f] ?? 1);
        for (const [term, count] of terms.counts) weighted.set(term, (weighted.get(term) ?? 0) + (count * field.weight) / norm);
      });
      for (const [term, tf] of weighted) {
        let list = this.postings.get(term);
        if (!list) this.postings.set(term, (list = []));
        list.push({ doc: docIndex, tf });
      }
    });
  }

  idf(term: string): number {
    const df = this.postings.get(term)?.length ?? 0;
    return Math.log(1 + (this.size - df + 0.5) / (df + 0.5));
  }

  /**
   * Documents matching any query term, best first, at most `limit`. `query` maps each term to
   * its weight in the ranking and, optionally, a different weight in the coverage.
   */
  search(query: ReadonlyMap<string, { rank: number; coverage?: number }>, limit: number): ScoredDoc[] {
    const scores = new Map<number, { score: number; matched: number }>();
    let information = 0;
    for (const [term, { rank, coverage = rank }] of query) {
      const idf = this.idf(term);
      information += coverage * idf;
      for (const { doc, tf } of this.postings.get(term) ?? []) {
        const entry = scores.get(doc) ?? { score: 0, matched: 0 };
        entry.score += rank * idf * ((tf * (k1 + 1)) / (tf + k1));
        entry.matched += coverage * idf;
        scores.set(doc, entry);
      }
    }
    const ranked = [...scores].map(([doc, { score, matched }]) => ({ doc, score, coverage: information > 0 ? matched / information : 0 }));
    ranked.sort((x, y) => y.score - x.score || x.doc - y.doc);
    return ranked.slice(0, limit);
  }
}
