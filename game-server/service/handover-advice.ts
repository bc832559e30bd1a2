import { asksForHuman } from "../concierge/answering/human-request.ts";
import { isFuzzyTerm, textTerms } from "../concierge/answering/text-terms.ts";
import { sentiment } from "./sentiment.ts";

/** Why the concierge should offer the customer a person now. */
export type HandoverReason = "asked-for-person" | "not-confident" | "repeated-question" | "negative";

/** An answer below this confidence is one the concierge was not sure of (the answerer's own line for offering a human). */
export const NOT_CONFIDENT_BELOW = 0.35;
/** Unsure answers in a row before a person is offered: one can be bad luck, two is a pattern. */
export const NOT_CONFIDENT_IN_A_ROW = 2;
/** Two questions whose term sets overlap this much (Jaccard) are the same question asked again. */
export const REPEAT_SIMILARITY = 0.6;
/** How many earlier questions a repeat is looked for among. */
export const REPEAT_LOOKBACK = 5;

/**
 * Watches one customer's conversation with the concierge and says when to offer a person, and
 * why. The first rule that applies wins: asked for a person, upset, asking the same thing again,
 * a second unsure answer in a row.
 */
export class HandoverAdvisor {
  readonly #recent: Array<Set<string>> = [];
  #unsureInARow = 0;

  observe(question: { text: string; lang: "en" | "zh-CN" }, answer: { confidence: number; offerHuman: boolean }): HandoverReason | undefined {
    const terms = new Set(textTerms(question.text, question.lang).filter((t) => !isFuzzyTerm(t)));
    const repeated = terms.size > 0 && this.#recent.some((earlier) => jaccard(earlier, terms) >= REPEAT_SIMILARITY);
    this.#recent.push(terms);
    if (this.#recent.length > REPEAT_LOOKBACK) this.#recent.shift();

    // A confident answer ends a run of unsure ones; the run is counted whatever else is advised.
    this.#unsureInARow = answer.confidence < NOT_CONFIDENT_BELOW ? this.#unsureInARow + 1 : 0;

    if (asksForHuman(question.text)) return "asked-for-person";
    if (sentiment(question.text).negative) return "negative";
    if (repeated) return "repeated-question";
    if (this.#unsureInARow >= NOT_CONFIDENT_IN_A_ROW) {
      // Offered once for this run; two more unsure answers offer again.
      this.#unsureInARow = 0;
      return "not-confident";
    }
    return undefined;
  }
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0;
  for (const term of a) if (b.has(term)) shared++;
  const union = a.size + b.size - shared;
  return union === 0 ? 0 : shared / union;
}
