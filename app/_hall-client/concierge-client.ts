import { ClientMessageName as Msg, ConciergeQuestion, ConciergeServerMessage, type Article, type ConciergeAnswer, type ConciergeSaid, type Lang } from "../../game-server/protocol/index.ts";
import { request, type RequestRoom } from "./room-request.ts";
import type { FloorSpot } from "./walk-route.ts";

/** What the concierge client needs of the hall's room: requests, and the server's unasked messages. */
export interface ConciergeRoom extends RequestRoom {
  onMessage<T>(type: string, callback: (message: T) => void): unknown;
}

/** Whatever walks the visitor's avatar along waypoints (the hall client's `WalkRoute`). */
export interface Walker {
  follow(path: readonly FloorSpot[]): void;
}

/** One entry of the conversation with the concierge, as the panel shows it. */
export type ConciergeTurn =
  | { kind: "question"; id: string; text: string; lang: Lang }
  | { kind: "answer"; id: string; answer: ConciergeAnswer }
  /** Said unasked: the greeting when the visitor walks up to the desk. */
  | { kind: "said"; id: string; text: string; lang: Lang };

/** A question the page refuses before sending it (the protocol's own rule, so the words match the server's). */
export class InvalidQuestion extends Error {
  override readonly name = "InvalidQuestion";
  /** Which rule: `empty` lets the page say it in the visitor's language. */
  readonly reason: "empty" | "invalid";
  constructor(message: string, reason: "empty" | "invalid") {
    super(message);
    this.reason = reason;
  }
}

const KEEP_TURNS = 100;
const keep = (turns: ConciergeTurn[]): ConciergeTurn[] => turns.slice(-KEEP_TURNS);

/**
 * The visitor's side of the hall's concierge: questions and answers (kept as a conversation
 * for the panel, which may be closed and reopened), "take me there", source articles, and
 * what the concierge says unasked.
 */
export class ConciergeClient {
  readonly #room: ConciergeRoom;
  readonly #walker: Walker;
  /**
   * The conversation so far (oldest first) and whether a question is on its way. Replaced (not
   * mutated) on every change, for React's external-store hook.
   */
  state: { readonly turns: readonly ConciergeTurn[]; readonly asking: boolean } = { turns: [], asking: false };
  readonly #listeners = new Set<() => void>();
  readonly #saidListeners = new Set<(said: ConciergeSaid) => void>();
  #seq = 0;

  constructor(room: ConciergeRoom, walker: Walker) {
    this.#room = room;
    this.#walker = walker;
    room.onMessage(ConciergeServerMessage.said, (said: ConciergeSaid) => {
      this.#set({ ...this.state, turns: keep([...this.state.turns, { kind: "said", id: this.#nextId(), text: said.text, lang: said.lang }]) });
      for (const l of this.#saidListeners) l(said);
    });
  }

  /**
   * Asks the concierge; resolves to its answer once the server has stored both turns. The
   * question goes in the conversation at once; a refusal (`RequestError`, the server's words)
   * leaves it there unanswered. An empty or overlong question is refused here with
   * {@link InvalidQuestion} and never sent.
   */
  async ask(text: string, lang: Lang): Promise<ConciergeAnswer> {
    const parsed = ConciergeQuestion.safeParse({ text, lang });
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new InvalidQuestion(issue?.message ?? "invalid question", text.trim() === "" ? "empty" : "invalid");
    }
    this.#set({ turns: keep([...this.state.turns, { kind: "question", id: this.#nextId(), text: parsed.data.text, lang }]), asking: true });
    try {
      const answer = await request(this.#room, Msg.ask, { text: parsed.data.text, lang });
      this.#set({ turns: keep([...this.state.turns, { kind: "answer", id: answer.id, answer }]), asking: false });
      return answer;
    } catch (error) {
      this.#set({ ...this.state, asking: false });
      throw error;
    }
  }

  /**
   * "Take me there": asks the server for the way to a booth (around the obstacles, over the
   * scene's collision map) and walks the avatar along it. Resolves with the path's length.
   */
  async walkTo(boothId: string): Promise<{ metres: number; path: FloorSpot[] }> {
    const way = await request(this.#room, Msg.walk, { boothId });
    this.#walker.follow(way.path);
    return way;
  }

  /** A whole knowledge-base article (an answer's source), in `lang` when it exists in it. */
  article(id: string, lang: Lang): Promise<Article> {
    return request(this.#room, Msg.article, { id, lang });
  }

  /** Told each time the concierge speaks to this visitor unasked (a greeting at the desk). */
  onSaid(listener: (said: ConciergeSaid) => void): () => void {
    this.#saidListeners.add(listener);
    return () => this.#saidListeners.delete(listener);
  }

  /** Told on every change of `state`. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #set(state: ConciergeClient["state"]): void {
    this.state = state;
    for (const l of this.#listeners) l();
  }

  #nextId(): string {
    return `local-${++this.#seq}`;
  }
}
