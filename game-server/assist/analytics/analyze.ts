import type { Lang } from "../../protocol/concierge.ts";
import { detectLang } from "../../concierge/answering/language.ts";
import { sentiment } from "../../service/sentiment.ts";
import type { Utterance } from "../utterance.ts";
import { type Disposition, suggestDisposition } from "./disposition-match.ts";
import { type Entity, extractEntities } from "./entities.ts";
import type { Keyword, KeywordExtractor } from "./keywords.ts";
import { redact } from "./redaction.ts";

export interface AnalysisContext {
  /** The hall's keyword extractor (its knowledge base as background). */
  keywords: KeywordExtractor;
  /** The session's language: for an utterance that does not tell (digits only). */
  lang?: Lang;
  /** The call's local date (YYYY-MM-DD) for "tomorrow", 下周一; default today in UTC. */
  today?: string;
  /** Keywords per utterance; default 5. */
  keywordCount?: number;
}

export type SentimentLabel = "negative" | "neutral" | "positive";

export interface UtteranceAnalysis {
  lang: Lang;
  /** The text with card, phone, e-mail, ID and other long numbers masked: the only text to store. */
  redacted: string;
  keywords: Keyword[];
  entities: Entity[];
  sentiment: { score: number; label: SentimentLabel };
}

/** The sentiment module's own line for "upset" (`NEGATIVE_AT`), mirrored for "pleased". */
const NEGATIVE_AT = -0.3;
const POSITIVE_AT = 0.3;

/**
 * One utterance (a final one, or a chat line) for the agent's console: its language, its
 * redacted text, its keywords (of the redacted text, so no number leaks into them), the
 * entities the agent acts on (masked where they are personal), and how the speaker sounds.
 */
export function analyzeUtterance(u: Utterance, ctx: AnalysisContext): UtteranceAnalysis {
  const lang = detectLang(u.text, ctx.lang);
  const redacted = redact(u.text, lang).text;
  const mood = sentiment(redacted);
  const score = Math.round(mood.score * 1000) / 1000;
  return {
    lang,
    redacted,
    keywords: ctx.keywords.keywords(redacted, lang, ctx.keywordCount ?? 5),
    entities: extractEntities(u.text, lang, { today: ctx.today }),
    sentiment: { score, label: score <= NEGATIVE_AT ? "negative" : score >= POSITIVE_AT ? "positive" : "neutral" },
  };
}

export interface CallContext extends AnalysisContext {
  /** The hall's wrap-up codes (`HallDeskConfig.dispositions`); none, no suggestion. */
  dispositions?: readonly Disposition[];
}

export interface CallSummary {
  lang: Lang;
  /** "Customer: …" / "Agent: …" lines (客户：/坐席：), in speaking order, at most SUMMARY_MAX characters. */
  summary: string;
  /** The call's top keywords. */
  keywords: string[];
  /** Each distinct entity once (kind and value), where it was first said. */
  entities: Array<Entity & { utteranceId: string }>;
  /** A suggested disposition code, if one fits. */
  disposition: string | undefined;
}

export const SUMMARY_MAX = 600;
const LINE_MAX = 220;
const CALL_KEYWORDS = 8;
/** The agent's script ("how can I help", 请稍等) says less about the call than the customer's words. */
const AGENT_WEIGHT = 0.5;
/** Lines picked for each side: the customer's problem, what was agreed. */
const PER_SIDE = 2;

const prefix = {
  en: { customer: "Customer: ", agent: "Agent: " },
  "zh-CN": { customer: "客户：", agent: "坐席：" },
} as const satisfies Record<Lang, Record<"customer" | "agent", string>>;

/** What an agent says when committing to something. */
const englishCommitment = /\b(?:will|i'll|we'll|i will|we will|going to|refund(?:ed|ing)?|replace(?:d|ment)?|send(?:ing)?|sent|arrange(?:d)?|book(?:ed)?|schedul(?:e|ed)|credit(?:ed)?|revers(?:e|ed|al)|cancel(?:led)?|repair(?:ed)?|fix(?:ed)?|call you back|email you|courier|collect(?:ed)?)\b/giu;
const chineseCommitment = /会|给您|为您|帮您|安排|退款|退还|退回|更换|换新|补发|寄|发送|处理|预约|上门|维修|返还|撤销/gu;

interface Line {
  at: number;
  speaker: "customer" | "agent";
  text: string;
  lang: Lang;
  info: number;
  commitments: number;
}

/**
 * The call in a few lines, for the ticket and the agent's wrap-up, from utterances whose text is
 * already redacted: extractive, in the speakers' own words. The customer's problem is their most
 * informative early sentences (words the call kept coming back to, by TF-IDF over the call,
 * earlier ones preferred); what was agreed is the agent's sentences with words of commitment
 * ("I'll", "refund", "send", 安排, 给您), later ones preferred. The best of each first, then the
 * second of each, while the whole fits in SUMMARY_MAX characters; shown in speaking order.
 */
export function summarizeCall(utterances: readonly Utterance[], ctx: CallContext): CallSummary {
  const finals = utterances.filter((u) => u.final).sort((a, b) => a.startMs - b.startMs);
  const lang = callLang(finals, ctx.lang);
  const session = ctx.keywords.session();
  const said = finals.map((u) => ({ u, lang: detectLang(u.text, lang) }));
  for (const { u, lang: l } of said) session.add(u.text, l, u.speaker === "agent" ? AGENT_WEIGHT : 1);

  const lines: Line[] = [];
  for (const { u, lang: l } of said) {
    for (const text of sentencesOf(u.text)) {
      const words = l === "zh-CN" ? chineseCommitment : englishCommitment;
      // A question ("could I have your card number?", 请问…？) asks, it does not agree to anything.
      const commitments = /[?？]\s*$/u.test(text) ? 0 : (text.match(words)?.length ?? 0);
      lines.push({ at: lines.length, speaker: u.speaker, text, lang: l, info: session.informationOf(text, l), commitments });
    }
  }
  // A sentence said again (a repeated question, a recognizer's echo) is one line.
  const unique = lines.filter((l, i) => lines.findIndex((o) => o.text === l.text) === i);
  const customer = unique.filter((l) => l.speaker === "customer" && l.info > 0);
  const problem = customer
    .map((l, rank) => ({ l, score: l.info / (1 + 0.25 * rank) }))
    .sort((a, b) => b.score - a.score)
    .map((s) => s.l);
  const agreed = unique
    .filter((l) => l.speaker === "agent" && l.commitments > 0)
    .map((l) => ({ l, score: (l.commitments + l.info) * (1 + l.at / Math.max(1, lines.length)) }))
    .sort((a, b) => b.score - a.score)
    .map((s) => s.l);

  const words = prefix[lang];
  const render = (chosen: Line[]) =>
    [...chosen]
      .sort((a, b) => a.at - b.at)
      .map((l) => words[l.speaker] + clip(l.text, LINE_MAX))
      .join("\n");
  const chosen: Line[] = [];
  for (let k = 0; k < PER_SIDE; k++) {
    for (const line of [problem[k], agreed[k]]) {
      if (!line || chosen.includes(line)) continue;
      chosen.push(line);
      if (render(chosen).length > SUMMARY_MAX) chosen.pop();
    }
  }

  const entities: CallSummary["entities"] = [];
  for (const { u, lang: l } of said) {
    for (const entity of extractEntities(u.text, l, { today: ctx.today })) {
      if (!entities.some((e) => e.kind === entity.kind && e.value === entity.value)) entities.push({ ...entity, utteranceId: u.id });
    }
  }

  return {
    lang,
    summary: render(chosen),
    keywords: session.top(CALL_KEYWORDS).map((k) => k.term),
    entities,
    disposition: ctx.dispositions ? suggestDisposition(said.map(({ u, lang: l }) => ({ text: u.text, lang: l })), ctx.dispositions) : undefined,
  };
}

/** The language most of the call was spoken in, by characters. */
function callLang(utterances: readonly Utterance[], fallback: Lang | undefined): Lang {
  let zh = 0;
  let en = 0;
  for (const u of utterances) {
    if (detectLang(u.text, fallback) === "zh-CN") zh += u.text.length * 3;
    else en += u.text.length;
  }
  if (zh === 0 && en === 0) return fallback ?? "en";
  return zh >= en ? "zh-CN" : "en";
}

/** Sentences: after . ! ? and a space, after 。！？；, at line breaks. */
function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?;])\s+|(?<=[。！？；])|\n+/u)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** At most `max` characters, "…" when cut, between words in Latin text. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  let kept = Array.from(text).slice(0, max - 1).join("");
  while (kept.length > max - 1) kept = Array.from(kept).slice(0, -1).join("");
  const space = kept.lastIndexOf(" ");
  if (/[A-Za-z0-9]$/.test(kept) && space > max / 2) kept = kept.slice(0, space);
  return `${kept.replace(/[\s,，、;；:：]+$/u, "")}…`;
}
