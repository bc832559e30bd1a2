import { randomUUID } from "node:crypto";
import type { Scene } from "../../scenes/scene-format.ts";
import type { HallPlace, HallService, HallServiceFactory } from "../halls/hall-place.ts";
import { encodeAvatarChoice } from "../protocol/avatar-choice.ts";
import type { Article, ConciergeAnswer, ConciergeQuestion, ConciergeSaid, Lang } from "../protocol/concierge.ts";
import type { Storage } from "../storage/storage.ts";
import { detectLang } from "./answering/language.ts";
import type { KnowledgeArticle } from "./answering/knowledge-article.ts";
import { RetrievalAnswerer } from "./answering/retrieval-answerer.ts";
import type { Answerer } from "./answerer.ts";

/** Who the concierge is in a hall: a name, a look (an avatar choice string) and a greeting. */
export interface ConciergePersona {
  name: string;
  /** `Visitor.avatar`: the same encoding a visitor's lobby choice has (avatar-choice.ts). */
  avatar: string;
  greeting: Record<Lang, string>;
}

/** The demo halls' concierges by scene; any other hall gets {@link DEFAULT_LOOK} and its own name in the greeting. */
const LOOKS: Record<string, { name: string; avatar: string }> = {
  "nova-electronics": { name: "Mia", avatar: encodeAvatarChoice({ v: 1, preset: "sofia", hair: "bun", hairColor: "#2b1d14", top: "tshirt", topColor: "#1f6feb" }) },
  "meridian-bank": { name: "Lin", avatar: encodeAvatarChoice({ v: 1, preset: "priya", hair: "bob", hairColor: "#1b1410", top: "tshirt", topColor: "#0f4c5c" }) },
};
const DEFAULT_LOOK = { name: "Ava", avatar: encodeAvatarChoice({ v: 1, preset: "lena", top: "tshirt", topColor: "#444c56" }) };

export function personaFor(sceneId: string, hallName: string): ConciergePersona {
  const look = LOOKS[sceneId] ?? DEFAULT_LOOK;
  return {
    ...look,
    greeting: {
      en: `Hello, I'm ${look.name}, welcome to ${hallName}! Ask me anything, or ask me to take you to a product.`,
      "zh-CN": `您好，我是 ${look.name}，欢迎光临 ${hallName}！有什么问题都可以问我，我也可以带您去看产品。`,
    },
  };
}

/** Who is asking: the stored visitor and this visit's conversation. */
export interface Asker {
  visitorId: string;
  conversationId: string;
}

/** How many earlier turns go with a question (follow-ups such as "and how much is it?"). */
const HISTORY_TURNS = 6;

interface Ready {
  scene: Scene;
  persona: ConciergePersona;
  answerer: Answerer;
}

export interface ConciergeServiceOptions {
  hallId: string;
  storage: Pick<Storage, "halls" | "knowledge" | "conversations">;
  findScene(sceneId: string): Scene | undefined;
  /** Builds the hall's answerer over its articles (default: retrieval; the LLM adapter when configured). */
  answererFor?: (articles: readonly KnowledgeArticle[]) => Answerer;
}

/**
 * The concierge of one hall (all its instances): who it is, what it knows and what it said.
 * Answers come from the hall's `Answerer` over its knowledge base (`storage.knowledge`, indexed
 * when the hall opens and again on `reindex`); every question and answer is
 * stored as a conversation turn before the answer is given; an answer about a product names
 * the booth that shows it, so the page can offer "take me there".
 */
export class ConciergeService implements HallService {
  readonly name = "concierge";
  readonly hallId: string;
  readonly #options: ConciergeServiceOptions;
  #ready?: Promise<Ready>;

  constructor(options: ConciergeServiceOptions) {
    this.hallId = options.hallId;
    this.#options = options;
  }

  /** Loads the hall, its scene and its knowledge once (the first instance to ask waits for it). */
  ready(): Promise<Ready> {
    if (!this.#ready) {
      const loading = (this.#ready = this.#load());
      // A failed load (database down) is tried again on the next call, not remembered forever.
      loading.catch(() => this.#ready === loading && (this.#ready = undefined));
    }
    return this.#ready;
  }

  async persona(): Promise<ConciergePersona> {
    return (await this.ready()).persona;
  }

  /** The greeting in one language, or in both (English first) when the visitor's is not known. */
  async greeting(lang?: Lang): Promise<ConciergeSaid[]> {
    const { greeting } = await this.persona();
    const langs: Lang[] = lang ? [lang] : ["en", "zh-CN"];
    return langs.map((l) => ({ text: greeting[l], lang: l }));
  }

  /** Answers a question; both turns are durable before this resolves. */
  async ask(asker: Asker, question: ConciergeQuestion): Promise<ConciergeAnswer> {
    const { scene, answerer } = await this.ready();
    const { conversations } = this.#options.storage;
    const history = await conversations.forConversation(asker.conversationId, HISTORY_TURNS);
    const base = { conversationId: asker.conversationId, hallId: this.hallId, visitorId: asker.visitorId };
    await conversations.append({ ...base, role: "customer", text: question.text, lang: detectLang(question.text, question.lang), sources: [], confidence: null });
    const answer = await answerer.answer({ hallId: this.hallId, text: question.text, lang: question.lang, history: history.map((t) => ({ role: t.role, text: t.text })) });
    await conversations.append({ ...base, role: "concierge", text: answer.text, lang: answer.lang, sources: answer.sources.map((s) => s.id), confidence: answer.confidence });
    const booth = answer.sources.length > 0 ? scene.booths.find((b) => b.kbArticleId === answer.sources[0]!.id) : undefined;
    return { id: randomUUID(), ...answer, ...(booth ? { boothId: booth.id, boothLabel: booth.label } : {}) };
  }

  /** An article in `lang`, else in the other language; undefined for one the hall does not have. */
  async article(id: string, lang: Lang = "en"): Promise<Article | undefined> {
    const { knowledge } = this.#options.storage;
    const other: Lang = lang === "en" ? "zh-CN" : "en";
    const found = (await knowledge.get(this.hallId, id, lang)) ?? (await knowledge.get(this.hallId, id, other));
    return found && { id: found.id, lang: found.lang, title: found.title, body: found.body };
  }

  /** The knowledge base was edited (an admin): answer from what is stored now. */
  async reindex(): Promise<void> {
    const loading = this.#load();
    await loading;
    this.#ready = loading;
  }

  async #load(): Promise<Ready> {
    const { storage, findScene, answererFor = (articles) => RetrievalAnswerer.fromArticles(articles) } = this.#options;
    const hall = await storage.halls.get(this.hallId);
    if (!hall) throw new Error(`hall "${this.hallId}" does not exist`);
    const scene = findScene(hall.sceneId);
    if (!scene) throw new Error(`hall "${this.hallId}" uses unknown scene "${hall.sceneId}"`);
    return { scene, persona: personaFor(scene.id, hall.name), answerer: answererFor(await storage.knowledge.list(this.hallId)) };
  }
}

/** The factory `hostColyseus` takes: one concierge per open hall. */
export function conciergeServices(options: Omit<ConciergeServiceOptions, "hallId">): HallServiceFactory {
  return (hall: HallPlace) => new ConciergeService({ ...options, hallId: hall.hallId });
}
