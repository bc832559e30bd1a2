import type { ArticleRef, Lang } from "../../protocol/concierge.ts";
import type { Answer, Answerer, AnswerRequest } from "../answerer.ts";
import { chatCompletion, type ChatMessage } from "./chat-completion.ts";
import type { KnowledgeArticle } from "./knowledge-article.ts";
import { type ArticleHit, RetrievalAnswerer } from "./retrieval-answerer.ts";

/** An OpenAI-compatible chat-completions endpoint (`ATRIUM_LLM_*`). */
export interface LlmConfig {
  /** Base URL; the adapter POSTs to `{url}/v1/chat/completions`. */
  url: string;
  model: string;
  /** Sent as `Authorization: Bearer …` when set (local servers often need none). */
  key?: string;
  /** The whole request, connect to last byte; past it the retrieval answer is given instead. */
  timeoutMs: number;
}

/** Articles scoring below this share of the best one are left out of the model's context. */
const contextShare = 0.3;
const historyTurns = 6;

/**
 * Retrieval-augmented answers: the same retrieval as the embedded concierge finds the hall's best
 * articles, and a chat model writes the answer from them alone. The answer cites those articles
 * (the ones the model named first) and keeps retrieval's confidence and its offer of a person.
 * When the endpoint errors, answers other than 200, sends a body that is not a completion, or
 * takes longer than the timeout, the customer gets the retrieval answer: the concierge never
 * waits on, or fails with, a model. Questions retrieval finds nothing for, and requests for a
 * person, are not sent to the model (there is nothing to ground an answer in).
 */
export class LlmAnswerer implements Answerer {
  private readonly retrieval: RetrievalAnswerer;
  private readonly config: LlmConfig;
  private readonly onFallback: (reason: string) => void;

  /** `onFallback` hears why a model answer was replaced by retrieval's (for the log). */
  constructor(retrieval: RetrievalAnswerer, config: LlmConfig, onFallback: (reason: string) => void = () => {}) {
    this.retrieval = retrieval;
    this.config = config;
    this.onFallback = onFallback;
  }

  static fromArticles(articles: readonly KnowledgeArticle[], config: LlmConfig, onFallback?: (reason: string) => void): LlmAnswerer {
    return new LlmAnswerer(RetrievalAnswerer.fromArticles(articles), config, onFallback);
  }

  rebuild(articles: readonly KnowledgeArticle[]): void {
    this.retrieval.rebuild(articles);
  }

  async answer(request: AnswerRequest): Promise<Answer> {
    const { answer: fallback, hits } = this.retrieval.retrieve(request);
    const best = hits[0];
    if (!best || fallback.sources.length === 0) return fallback;
    const context = hits.filter((hit) => hit.score >= best.score * contextShare);
    try {
      const reply = await chatCompletion(this.config, messages(request, fallback.lang, context));
      const { text, cited } = withoutCitations(reply, context);
      if (!text) throw new Error("the answer was only citations");
      const sources: ArticleRef[] = (cited.length > 0 ? cited : context.map((hit) => hit.article)).map((a) => ({ id: a.id, title: a.title }));
      return { text, lang: fallback.lang, confidence: fallback.confidence, sources, offerHuman: fallback.offerHuman };
    } catch (error) {
      this.onFallback(error instanceof Error ? error.message : String(error));
      return fallback;
    }
  }
}

const languageName: Record<Lang, string> = { en: "English", "zh-CN": "Simplified Chinese (简体中文)" };

function messages(request: AnswerRequest, lang: Lang, context: readonly ArticleHit[]): ChatMessage[] {
  const articles = context.map(({ article }) => `[${article.id}] ${article.title}\n${article.body}`).join("\n\n");
  const system = [
    "You are the concierge at the reception desk of a virtual showroom. Answer the customer's question",
    "using only the knowledge-base articles below; do not invent prices, dates or policies.",
    `Answer in ${languageName[lang]}, in at most three short sentences that read well aloud.`,
    "After the answer, cite the ids of the articles you used in square brackets, e.g. [kb-warranty].",
    "If the articles do not answer the question, say so and offer to fetch a member of staff.",
    "",
    "Articles:",
    articles,
  ].join("\n");
  const history = (request.history ?? []).slice(-historyTurns).map((line): ChatMessage => ({ role: line.role === "customer" ? "user" : "assistant", content: line.text }));
  return [{ role: "system", content: system }, ...history, { role: "user", content: request.text }];
}

/**
 * The answer is spoken, so the "[kb-…]" citations come out of the text and into `sources`, in the
 * order the model named them; ids that were not in its context are ignored.
 */
function withoutCitations(reply: string, context: readonly ArticleHit[]): { text: string; cited: KnowledgeArticle[] } {
  const cited: KnowledgeArticle[] = [];
  for (const [, id] of reply.matchAll(/\[\s*(kb-[a-z0-9-]+)\s*\]/g)) {
    const article = context.find((hit) => hit.article.id === id)?.article;
    if (article && !cited.includes(article)) cited.push(article);
  }
  const text = reply
    .replace(/\[\s*kb-[a-z0-9-]+\s*\]/g, "")
    .replace(/[ \t]+([.,;:!?。，；：！？])/g, "$1")
    .replace(/[ \t]{2,}/g, " ")
    .trim();
  return { text, cited };
}
