import type { KnowledgeArticle } from "../../concierge/answering/knowledge-article.ts";
import { englishStopWords } from "../../concierge/answering/stop-words.ts";
import { isFuzzyTerm, textTerms } from "../../concierge/answering/text-terms.ts";
import type { Lang } from "../../protocol/concierge.ts";
import type { Amount, Quantity, QuantityKind } from "./spoken-quantities.ts";
import { agrees, comparable, findQuantities } from "./spoken-quantities.ts";

/**
 * Key facts of a knowledge base — a price, a duration, a counted amount, and what it is about —
 * and the check that an agent's sentence names the same thing with a different amount ("the
 * warranty is one year" when the article says two years).
 *
 * A fact's words come in two sets: its topic (the article's title: "Warranty", "Nova Tab 11
 * tablet") and its `subject` (the words of the clause the amount stands in: "accessories",
 * 配件). A sentence is matched to the facts of the same kind that share the most words with it
 * (`FactChecker.score`: rarer words count more, a title word that names its article most, a
 * brand word in every title least). Then, conservatively, because a false alarm teaches agents
 * to ignore the panel:
 * - best matches in more than one article: what the sentence is about is unclear, no alert;
 * - matched by their clause's words: the earliest such clause of the article is the one meant
 *   (an article states the rule first and the exceptions after it: "two-year warranty;
 *   accessories one year"), so "保修一年" is checked against the two years, "配件保修一年"
 *   against the one;
 * - matched by the title alone: every amount of that kind in the article is a variant the
 *   agent may mean ("£449 with 128 GB and £529 with 256 GB"), and any of them will do;
 * - amounts ten times apart are about different things (a battery that lasts days, a battery
 *   swap that takes an hour); a threshold ("orders over £50", "more than two days late") is
 *   compared only with a threshold; an amount right after a negation ("not one year") is no claim.
 */
export type FactKind = QuantityKind;

export interface KbFact {
  articleId: string;
  title: { en: string; "zh-CN": string };
  kind: FactKind;
  /** Words of the clause the amount stands in, per language (plain words; matched after stemming / segmenting). */
  subject: { en: string[]; "zh-CN": string[] };
  /** Durations: in `unit` ("day", "week", "month", "year", "hour", "minute"); prices: in the currency (`unit` "GBP", "CNY", …). */
  value: number;
  /** The top of a range ("2–4 working days"). */
  max?: number;
  unit: string;
  /** The clause's place in the article, 0 first; hand-written facts may leave it out. */
  clause?: number;
  /** A threshold ("orders over £50", "more than two working days late"), compared only with a threshold of the same sense. */
  bound?: "at-least" | "at-most";
}

/** A sentence that gives an amount the knowledge base contradicts. */
export interface Contradiction {
  said: Quantity;
  /** The facts it was checked against (one clause's, or an article's variants), as amounts in canonical units. */
  facts: Array<KbFact & { amount: Amount }>;
}

const DURATION_DAYS: Record<string, number> = { day: 1, days: 1, week: 7, weeks: 7, month: 365.25 / 12, months: 365.25 / 12, year: 365.25, years: 365.25, hour: 1 / 24, hours: 1 / 24, minute: 1 / 1440, minutes: 1 / 1440 };

/** Words that go with any amount and say nothing of what it is about. */
const GENERIC = new Set(
  `cost costs costing price prices priced pay paid about around up
  each per every only just least most less more within over under from usually normally typically approximately roughly
  also both all new its it's another other same one two first year years month months week weeks day days hour hours
  minute minutes working business am pm`.split(/\s+/),
);
const GENERIC_ZH = new Set(["售", "售价", "价格", "收费", "需", "需要", "约", "大约", "可", "最长", "最多", "以内", "内", "起", "每", "每年", "每月", "每次", "只需", "仅", "之间"]);

// --- extraction ------------------------------------------------------------------------------

/**
 * Facts from knowledge-base articles (both languages of an article, as the store keeps them):
 * each price, duration or counted amount with the words of its clause. A fact found in both
 * languages with the same amount, in the same order, becomes one fact with words in both.
 */
export function extractFacts(articles: readonly KnowledgeArticle[]): KbFact[] {
  const byId = new Map<string, Partial<Record<Lang, KnowledgeArticle>>>();
  for (const article of articles) byId.set(article.id, { ...byId.get(article.id), [article.lang]: article });
  const facts: KbFact[] = [];
  for (const [id, versions] of byId) {
    const en = versions.en ? factsOf(versions.en) : [];
    const zh = versions["zh-CN"] ? factsOf(versions["zh-CN"]) : [];
    const title = { en: versions.en?.title ?? versions["zh-CN"]!.title, "zh-CN": versions["zh-CN"]?.title ?? versions.en!.title };
    const used = new Set<number>();
    for (const e of en) {
      const z = zh.findIndex((z, i) => !used.has(i) && z.bound === e.bound && comparable(e.amount, z.amount) && agrees(e.amount, z.amount) && agrees(z.amount, e.amount));
      if (z >= 0) used.add(z);
      facts.push(fact(id, title, e, z >= 0 ? zh[z]!.words : []));
    }
    zh.forEach((z, i) => {
      if (!used.has(i)) facts.push({ ...fact(id, title, z, []), subject: { en: [], "zh-CN": z.words } });
    });
  }
  return facts;
}

interface Found {
  amount: Quantity;
  words: string[];
  clause: number;
  bound: KbFact["bound"];
}

function fact(articleId: string, title: KbFact["title"], en: Found, zhWords: string[]): KbFact {
  const f: KbFact = { articleId, title, kind: en.amount.kind, subject: { en: en.words, "zh-CN": zhWords }, value: en.amount.value, unit: en.amount.unit, clause: en.clause };
  if (en.amount.max !== undefined) f.max = en.amount.max;
  if (en.bound) f.bound = en.bound;
  return f;
}

function factsOf(article: KnowledgeArticle): Found[] {
  const found: Found[] = [];
  const clauses = splitClauses(article.body, article.lang);
  clauses.forEach((clause, n) => {
    const amounts = findQuantities(clause);
    if (amounts.length === 0) return;
    const words = subjectWords(blank(clause, amounts), article.lang);
    for (const amount of amounts) found.push({ amount, words, clause: n, bound: boundOf(clause, amount) });
  });
  return found;
}

/** Sentences, then clauses (";", "；", and Chinese "，"; an English comma list such as "£799, £899" stays one clause). */
function splitClauses(body: string, lang: Lang): string[] {
  const plain = body.replace(/\[([^\]]*)\]\([^)]*\)/g, "$1").replace(/[*_`#>]/g, " ");
  const sentences = plain.split(lang === "zh-CN" ? /(?<=[。！？!?])\s*|\n+/u : /(?<=[.!?])\s+(?=[A-Z"“(])|\n+/u);
  return sentences.flatMap((s) => s.split(lang === "zh-CN" ? /[；;，]/u : /;\s*/)).map((s) => s.trim()).filter(Boolean);
}

function blank(text: string, amounts: readonly Quantity[]): string {
  let out = text;
  for (const a of amounts) out = out.slice(0, a.start) + " ".repeat(a.end - a.start) + out.slice(a.end);
  return out;
}

/** The content words of a clause: English words (no stop words), Chinese words as jieba cuts them. */
function subjectWords(clause: string, lang: Lang): string[] {
  const words = new Set<string>();
  for (const w of clause.toLowerCase().match(/[a-z0-9]+(?:[+'][a-z]*)?/g) ?? []) {
    const bare = w.replace(/'s$|'$/, "");
    if (bare.length < 2 || englishStopWords.has(bare) || GENERIC.has(bare) || /^\d+$/.test(bare)) continue;
    words.add(bare);
  }
  if (lang === "zh-CN") {
    for (const t of textTerms(clause, "zh-CN")) if (!isFuzzyTerm(t) && /\p{Script=Han}/u.test(t) && !GENERIC_ZH.has(t)) words.add(t);
  }
  return [...words];
}

// --- checking ----------------------------------------------------------------------------------

interface Indexed {
  fact: KbFact;
  amount: Amount;
  /** Index terms of the title and of the clause. */
  topic: Set<string>;
  clause: Set<string>;
}

/** A title word in at most this many titles names its article ("warranty", "tab"). */
const DISTINCT_TITLES = 2;
/** A title word in at least this many titles is a brand ("nova"): it says little about which fact is meant. */
const BRAND_TITLES = 5;
/** Amounts this many times apart are about different things (a watch's battery life and the hour a battery swap takes), not one contradicting the other. */
const SAME_THING_RATIO = 10;
const NEGATION = /(?:\b(?:not|isn't|isnt|wasn't|never|no longer|rather than|instead of)\s+(?:\w+\s+){0,2}|(?:不是|并非|而不是|没有)\s*)$/iu;
const AT_LEAST_BEFORE = /(?:\b(?:more\s+than|over|at\s+least|above|exceeding)|超过|至少|满)\s*$/iu;
const AT_MOST_BEFORE = /(?:\b(?:less\s+than|fewer\s+than|under|below)|低于|不到|不满|不超过)\s*$/iu;

/** "more than two working days", 订单满 £300, 十台以上: a threshold, only comparable with another threshold. */
function boundOf(text: string, q: Quantity): KbFact["bound"] {
  const before = text.slice(Math.max(0, q.start - 16), q.start);
  const after = text.slice(q.end, q.end + 4);
  if (AT_LEAST_BEFORE.test(before) || /^\s*(?:以上|多|or\s+more\b|plus\b)/iu.test(after)) return "at-least";
  if (AT_MOST_BEFORE.test(before) || /^\s*(?:以下|or\s+less\b)/iu.test(after)) return "at-most";
  return undefined;
}

export class FactChecker {
  private readonly facts: Indexed[];
  private readonly weight = new Map<string, number>();
  private readonly titleCount = new Map<string, number>();

  constructor(facts: readonly KbFact[]) {
    const titleArticles = new Map<string, Set<string>>();
    const allArticles = new Map<string, Set<string>>();
    const note = (map: Map<string, Set<string>>, term: string, article: string) => map.set(term, (map.get(term) ?? new Set()).add(article));
    this.facts = facts.map((fact) => {
      const topic = new Set([...terms(fact.title.en), ...terms(fact.title["zh-CN"])]);
      const clause = new Set([...fact.subject.en.flatMap(terms), ...fact.subject["zh-CN"].flatMap(terms)]);
      for (const t of topic) note(titleArticles, t, fact.articleId);
      for (const t of [...topic, ...clause]) note(allArticles, t, fact.articleId);
      return { fact, amount: canonical(fact), clause, topic };
    });
    const articleCount = new Set(facts.map((f) => f.articleId)).size;
    for (const [term, articles] of allArticles) this.weight.set(term, Math.log(1 + articleCount / articles.size));
    for (const [term, articles] of titleArticles) this.titleCount.set(term, articles.size);
  }

  get size(): number {
    return this.facts.length;
  }

  /** The amounts in `text` that the knowledge base contradicts, each with the facts it disagrees with. */
  check(text: string): Contradiction[] {
    if (this.facts.length === 0) return [];
    const amounts = findQuantities(text).filter((q) => !NEGATION.test(text.slice(Math.max(0, q.start - 30), q.start)));
    if (amounts.length === 0) return [];
    const said = new Set(terms(blank(text, amounts)));
    const out: Contradiction[] = [];
    for (const q of amounts) {
      const bound = boundOf(text, q);
      const scored = this.facts
        .filter((f) => comparable(q, f.amount) && f.fact.bound === bound && sameThing(q, f.amount))
        .map((f) => ({ f, ...this.score(f, said) }))
        .filter((s) => s.score > 0);
      if (scored.length === 0) continue;
      const best = Math.max(...scored.map((s) => s.score));
      let top = scored.filter((s) => s.score >= best - 1e-9);
      if (new Set(top.map((s) => s.f.fact.articleId)).size > 1) continue;
      if (top.some((s) => s.byClause)) {
        top = top.filter((s) => s.byClause);
        const first = Math.min(...top.map((s) => s.f.fact.clause ?? 0));
        top = top.filter((s) => (s.f.fact.clause ?? 0) === first);
      }
      if (top.some((s) => agrees(q, s.f.amount))) continue;
      out.push({ said: q, facts: top.map((s) => ({ ...s.f.fact, amount: s.f.amount })) });
    }
    return out;
  }

  /**
   * How well `said` names the fact, word by word (each by its rarity): a brand word ("nova")
   * once wherever it is; a title word that names few articles ("warranty", "tab") three times,
   * another title word once; a word of the fact's clause twice, a title word the clause repeats
   * once more. `byClause`: the clause's own words matched, not only the title.
   */
  private score(f: Indexed, said: ReadonlySet<string>): { score: number; byClause: boolean } {
    let score = 0;
    let byClause = false;
    for (const t of said) {
      const inTitle = f.topic.has(t);
      const inClause = f.clause.has(t);
      if (!inTitle && !inClause) continue;
      const w = this.weight.get(t) ?? 1;
      const titles = this.titleCount.get(t) ?? 0;
      if (titles >= BRAND_TITLES) {
        score += w;
        continue;
      }
      const distinct = titles <= DISTINCT_TITLES;
      if (inTitle) score += (distinct ? 3 : 1) * w;
      if (inClause) {
        score += (inTitle && distinct ? 1 : 2) * w;
        byClause = true;
      }
    }
    return { score, byClause };
  }
}

function sameThing(a: Amount, b: Amount): boolean {
  const x = Math.max(a.value, a.max ?? 0);
  const y = Math.max(b.value, b.max ?? 0);
  if (x <= 0 || y <= 0) return true;
  return Math.max(x, y) / Math.min(x, y) < SAME_THING_RATIO;
}

/** Exact index terms of a word or phrase, the way the concierge's retrieval makes them. */
function terms(text: string): string[] {
  const lang: Lang = /\p{Script=Han}/u.test(text) ? "zh-CN" : "en";
  return textTerms(text, lang).filter((t) => !isFuzzyTerm(t) && !GENERIC.has(t) && !GENERIC_ZH.has(t));
}

/** A fact's amount in the units `agrees` compares: durations in days. */
function canonical(fact: KbFact): Amount {
  const amount: Amount = { kind: fact.kind, value: fact.value, unit: fact.unit };
  if (fact.max !== undefined) amount.max = fact.max;
  if (fact.kind !== "duration") return amount;
  const days = DURATION_DAYS[fact.unit.toLowerCase()] ?? 1;
  return { ...amount, value: fact.value * days, ...(fact.max !== undefined ? { max: fact.max * days } : {}), unit: "day" };
}
