/**
 * Word error rate: the fewest substitutions, deletions and insertions that turn what was
 * recognised into what was said (Levenshtein over words), over the number of words said.
 */
export interface WordErrors {
  substitutions: number;
  deletions: number;
  insertions: number;
  /** Words in the reference. */
  words: number;
}

/** Lower case, words of letters, digits and apostrophes; punctuation and case are not errors. */
export function normalizedWords(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
}

export function wordErrors(reference: string, hypothesis: string): WordErrors {
  const ref = normalizedWords(reference);
  const hyp = normalizedWords(hypothesis);
  // cost[j]: the cheapest edit of ref[0..i) into hyp[0..j), with its counts.
  type Cell = { cost: number; s: number; d: number; i: number };
  let row: Cell[] = Array.from({ length: hyp.length + 1 }, (_, j) => ({ cost: j, s: 0, d: 0, i: j }));
  for (let i = 1; i <= ref.length; i++) {
    const next: Cell[] = [{ cost: i, s: 0, d: i, i: 0 }];
    for (let j = 1; j <= hyp.length; j++) {
      const same = ref[i - 1] === hyp[j - 1];
      const diagonal = row[j - 1]!;
      const up = row[j]!;
      const left = next[j - 1]!;
      let best: Cell = { cost: diagonal.cost + (same ? 0 : 1), s: diagonal.s + (same ? 0 : 1), d: diagonal.d, i: diagonal.i };
      if (up.cost + 1 < best.cost) best = { cost: up.cost + 1, s: up.s, d: up.d + 1, i: up.i };
      if (left.cost + 1 < best.cost) best = { cost: left.cost + 1, s: left.s, d: left.d, i: left.i + 1 };
      next.push(best);
    }
    row = next;
  }
  const last = row[hyp.length]!;
  return { substitutions: last.s, deletions: last.d, insertions: last.i, words: ref.length };
}

/** Errors over words said, for several utterances together (0 when nothing was said). */
export function wordErrorRate(all: readonly WordErrors[]): number {
  const words = all.reduce((n, e) => n + e.words, 0);
  const errors = all.reduce((n, e) => n + e.substitutions + e.deletions + e.insertions, 0);
  return words === 0 ? 0 : errors / words;
}
