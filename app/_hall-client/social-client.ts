import type { Room } from "@colyseus/sdk";
import { ClientMessageName as Msg, SocialMessage, type ChatLine, type ChatScope, type Emote, type EmoteEvent } from "../../game-server/protocol/index.ts";
import { request, send } from "./room-request.ts";

const KEEP_LINES = 200;
/** How long an emote shows above an avatar. */
export const EMOTE_SHOW_MS = 2600;

/** Text chat (hall-wide and nearby) and emotes, over the hall's room. */
export class SocialClient {
  readonly #room: Room;
  /** Replaced (not mutated) on every change, for React's external-store hook. */
  lines: readonly ChatLine[] = [];
  readonly #emotes = new Map<string, { emote: Emote; at: number }>();
  readonly #listeners = new Set<() => void>();

  constructor(room: Room) {
    this.#room = room;
    room.onMessage(SocialMessage.chat, (line: ChatLine) => this.#setLines([...this.lines, line]));
    room.onMessage(SocialMessage.emote, (e: EmoteEvent) => this.#emotes.set(e.from, { emote: e.emote, at: performance.now() }));
  }

  /** Fetches what was said in the hall before we came in. */
  async loadHistory(): Promise<void> {
    const history = await request(this.#room, Msg.chatHistory);
    const known = new Set(this.lines.map((l) => l.id));
    this.#setLines([...history.filter((l) => !known.has(l.id)), ...this.lines]);
  }

  /** Resolves once the server has stored and delivered the line; rejects with a `RequestError` whose message is the server's reason. */
  async say(text: string, scope: ChatScope): Promise<void> {
    await request(this.#room, Msg.chat, { text, scope });
  }

  emote(emote: Emote): void {
    send(this.#room, Msg.emote, { emote });
  }

  /** The emote a visitor is showing right now, read per frame by their avatar. */
  currentEmote(sessionId: string, now = performance.now()): { emote: Emote; age: number } | undefined {
    const e = this.#emotes.get(sessionId);
    if (!e) return undefined;
    const age = now - e.at;
    if (age > EMOTE_SHOW_MS) {
      this.#emotes.delete(sessionId);
      return undefined;
    }
    return { emote: e.emote, age };
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #setLines(lines: ChatLine[]): void {
    this.lines = lines.slice(-KEEP_LINES);
    for (const l of this.#listeners) l();
  }
}
