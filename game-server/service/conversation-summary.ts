import { asksForHuman, withoutHumanRequest } from "../concierge/answering/human-request.ts";
import { detectLang } from "../concierge/answering/language.ts";
import { isFuzzyTerm, textTerms } from "../concierge/answering/text-terms.ts";

export interface ConversationTurn {
  role: "customer" | "concierge";
  text: string;
  /** The concierge's confidence in its answer (concierge turns); null or absent when unknown. */
  confidence?: number | null;
}

export interface ConversationSummary {
  /** The customer's most informative question, at most SUBJECT_MAX characters. */
  subject: string;
  /** What they asked and what the concierge could not answer, at most SUMMARY_MAX characters. */
  summary: string;
}

export const SUBJECT_MAX = 80;
export const SUMMARY_MAX = 300;
/** A concierge answer below this confidence did not answer the question (the answerer's own "not sure" line). */
export const UNANSWERED_BELOW = 0.35;
const KEY_SENTENCES = 3;
const UNANSWERED_LISTED = 3;
const ITEM_MAX = 120;

const frame = {
  en: {
    asked: "Customer asked about: ",
    couldNot: "; the concierge could not answer: ",
    couldNotAlone: "The concierge could not answer: ",
    join: " / ",
    personOnly: "Asked for a person",
  },
  "zh-CN": {
    asked: "客户询问：",
    couldNot: "；智能助理未能回答：",
    couldNotAlone: "智能助理未能回答：",
    join: " / ",
    personOnly: "要求转人工",
  },
} as const;

interface Sentence {
  text: string;
  /** Order in the conversation. */
  at: number;
  /** The customer turn it is part of. */
  turn: number;
  /** Exact index terms, without the words of a request for a person. */
  terms: Set<string>;
  question: boolean;
}

/**
 * A short extractive summary of a customer's conversation with the concierge, for the agent who
 * takes it over: the customer's own sentences, picked by how much they share the words the
 * customer kept using (a term's weight is the number of the customer's sentences it is in), in
 * the order they were said; and the questions the concierge was not sure of. Requests for a
 * person ("转人工", "talk to a human") are no subject: the agent knows that already.
 */
export function summarizeConversation(turns: readonly ConversationTurn[], lang: "en" | "zh-CN"): ConversationSummary {
  const words = frame[lang];
  const sentences: Sentence[] = [];
  let askedForPerson = false;
  turns.forEach((turn, index) => {
    if (turn.role !== "customer") return;
    for (const text of sentencesOf(turn.text)) {
      const person = asksForHuman(text);
      askedForPerson ||= person;
      const topic = person ? withoutHumanRequest(text) : text;
      const terms = new Set(textTerms(topic, detectLang(text, lang)).filter((t) => !isFuzzyTerm(t)));
      if (terms.size > 0) sentences.push({ text, at: sentences.length, turn: index, terms, question: isQuestion(text) });
    }
  });
  if (sentences.length === 0) return { subject: askedForPerson ? words.personOnly : "", summary: askedForPerson ? words.personOnly : "" };

  const weight = new Map<string, number>();
  for (const s of sentences) for (const t of s.terms) weight.set(t, (weight.get(t) ?? 0) + 1);
  const score = (s: Sentence) => [...s.terms].reduce((sum, t) => sum + weight.get(t)!, 0);
  const best = (candidates: Sentence[]) => candidates.reduce((a, b) => (score(b) > score(a) ? b : a));

  const questions = sentences.filter((s) => s.question);
  const subject = cut(best(questions.length > 0 ? questions : sentences).text, SUBJECT_MAX);

  // What the concierge could not answer: the customer's turn before each unsure answer, by its
  // most informative question.
  const unanswered: Sentence[] = [];
  let lastCustomerTurn = -1;
  turns.forEach((turn, index) => {
    if (turn.role === "customer") lastCustomerTurn = index;
    else if (typeof turn.confidence === "number" && turn.confidence < UNANSWERED_BELOW && lastCustomerTurn >= 0) {
      const ofTurn = sentences.filter((s) => s.turn === lastCustomerTurn);
      const asked = ofTurn.filter((s) => s.question);
      if (ofTurn.length > 0) {
        const pick = best(asked.length > 0 ? asked : ofTurn);
        if (!unanswered.includes(pick)) unanswered.push(pick);
      }
      lastCustomerTurn = -1;
    }
  });

  const keys = sentences
    .filter((s) => !unanswered.includes(s))
    .sort((a, b) => score(b) - score(a) || a.at - b.at)
    .slice(0, KEY_SENTENCES);
  const listed = unanswered.slice(0, UNANSWERED_LISTED);

  const render = (k: Sentence[], u: Sentence[]) => {
    const list = (items: Sentence[]) =>
      items
        .sort((a, b) => a.at - b.at)
        .map((s) => cut(s.text, ITEM_MAX).replace(/[\s.。;；,，、]+$/u, ""))
        .join(words.join);
    if (k.length === 0) return u.length === 0 ? "" : words.couldNotAlone + list(u);
    return words.asked + list(k) + (u.length > 0 ? words.couldNot + list(u) : "");
  };
  // The best key sentence first, then what went unanswered, then the other key sentences: each
  // only if the whole still fits.
  const chosenKeys: Sentence[] = [];
  const chosenUnanswered: Sentence[] = [];
  for (const [item, into] of [
    ...keys.slice(0, 1).map((s) => [s, chosenKeys] as const),
    ...listed.map((s) => [s, chosenUnanswered] as const),
    ...keys.slice(1).map((s) => [s, chosenKeys] as const),
  ]) {
    into.push(item);
    if (render([...chosenKeys], [...chosenUnanswered]).length > SUMMARY_MAX) into.pop();
  }
  return { subject, summary: render(chosenKeys, chosenUnanswered) };
}

/** Sentences: after . ! ? followed by a space, after 。！？；, and at line breaks. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|(?<=[。！？；])|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

const englishQuestion = /^(how|what|what's|when|where|why|who|which|whose|can|could|do|does|did|is|are|was|will|would|should|may|have|has)\b/i;
const chineseQuestion = /[吗呢么][？?！!。]*$|什么|怎么|怎样|如何|多少|几|哪|为什么|是否|能否|有没有|是不是|可不可以|能不能/u;

function isQuestion(text: string): boolean {
  return /[?？]\s*$/u.test(text) || englishQuestion.test(text) || chineseQuestion.test(text);
}

/**
 * At most `max` characters, ending "…" when cut: between words in Latin text (not inside one),
 * between characters in Chinese, never inside a surrogate pair.
 */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const chars = Array.from(text);
  let kept = "";
  let count = 0;
  for (const ch of chars) {
    if (kept.length + ch.length > max - 1) break;
    kept += ch;
    count++;
  }
  const next = chars[count] ?? "";
  if (/[\p{L}\p{N}]/u.test(next) && /[A-Za-z0-9]$/.test(kept) && /[A-Za-z0-9]/.test(next)) {
    const space = kept.search(/\s\S*$/u);
    if (space > max / 2) kept = kept.slice(0, space);
  }
  return `${kept.replace(/[\s,，、;；:：]+$/u, "")}…`;
}
