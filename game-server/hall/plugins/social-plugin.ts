import type { Client } from "@colyseus/core";
import { ErrorCode } from "../../protocol/errors.ts";
import { Limits } from "../../protocol/limits.ts";
import { SocialMessage, type ChatLine, type ChatScope, type EmoteEvent } from "../../protocol/social.ts";
import type { ChatRecord } from "../../storage/storage.ts";
import type { ChannelPayload } from "../../halls/hall-channel.ts";
import { HallPlugin } from "../hall-plugin.ts";
import { canHear } from "../hearing.ts";
import { MessageRejected } from "../message-guard.ts";
import type { RateRule } from "../rate-limits.ts";

const CHAT: RateRule = { name: "chat", max: Limits.chatPerTenSeconds, windowMs: 10_000, message: "you are sending messages too fast; wait a few seconds" };
/** An emote too soon after the last one is dropped without a word: it is a button people mash. */
const EMOTE: RateRule = { name: "emote", max: 1, windowMs: Limits.emoteGapMs, over: "drop" };
/** Hall-wide chat goes to every instance of the hall over the hall's channel. */
const HALL_CHAT_TOPIC = "chat";

/**
 * Chat and emotes. A chat line is stored before anyone sees it; hall-wide lines reach every
 * instance of the hall, nearby ones the people within earshot in this instance (booth walls keep
 * them in). Emotes are seen by this instance (they belong to avatars one can see).
 */
export class SocialPlugin extends HallPlugin {
  readonly pluginName = "social" as const;
  #unsubscribe?: () => void;

  protected override messages = this.rules({
    chat: { limits: [CHAT], handle: (client, m) => this.#chat(client, m.text, m.scope) },
    "chat:history": { handle: async () => (await this.room.services.storage.chat.recent(this.room.hallId, Limits.chatHistory)).map((r) => chatLine(r)) },
    emote: { limits: [EMOTE], handle: (client, m) => this.room.broadcast(SocialMessage.emote, { from: client.sessionId, emote: m.emote } satisfies EmoteEvent) },
  });

  protected override onCreate(): void {
    this.#unsubscribe = this.room.hall.channel.subscribe(HALL_CHAT_TOPIC, (payload) => {
      const line = payload as unknown as ChatLine;
      for (const client of this.room.clients) client.send(SocialMessage.chat, line);
    });
  }

  protected override onDispose(): void {
    this.#unsubscribe?.();
  }

  async #chat(client: Client, text: string, scope: ChatScope): Promise<{ id: string }> {
    const visitor = this.room.visitor(client.sessionId);
    if (!visitor) throw new MessageRejected({ code: ErrorCode.notAllowed, message: "you are not in this hall", type: "chat" });
    // Stored before anyone sees it: an acknowledged message survives a crash.
    const record = await this.room.services.storage.chat.append({
      hallId: this.room.hallId,
      visitorId: visitor.visitorId,
      name: visitor.name,
      role: visitor.role as ChatRecord["role"],
      scope,
      text,
    });
    const line = chatLine(record, client.sessionId);
    if (scope === "hall") this.room.hall.channel.publish(HALL_CHAT_TOPIC, line as unknown as ChannelPayload);
    else for (const other of this.room.clients) if (other.sessionId === client.sessionId || this.#isNearby(client.sessionId, other.sessionId)) other.send(SocialMessage.chat, line);
    return { id: record.id };
  }

  /** "Nearby" follows the hearing rules, at a shorter range: booth walls keep chat in too. */
  #isNearby(fromId: string, toId: string): boolean {
    const from = this.room.plugins.presence.poseOf(fromId);
    const to = this.room.plugins.presence.poseOf(toId);
    return !!from && !!to && canHear(to, from, this.room.scene.zones, Limits.nearbyChatRadius);
  }
}

function chatLine(record: ChatRecord, from?: string): ChatLine {
  return { id: record.id, from, visitorId: record.visitorId, name: record.name, role: record.role, scope: record.scope, text: record.text, at: record.createdAt };
}
