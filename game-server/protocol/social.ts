import { z } from "zod";
import { Limits } from "./limits.ts";

/** Emotes a visitor can play; the avatar waves and the emoji floats above its head. */
export const EMOTES = { wave: "👋", clap: "👏", "thumbs-up": "👍", heart: "❤️", laugh: "😄", question: "❓" } as const;
export type Emote = keyof typeof EMOTES;
export const EmoteName = z.enum(Object.keys(EMOTES) as [Emote, ...Emote[]]);

export const ChatScope = z.enum(["hall", "nearby"]);
export type ChatScope = z.infer<typeof ChatScope>;

export const ChatText = z
  .string()
  .trim()
  .min(1, "message is empty")
  .max(Limits.chatMaxChars, `message is longer than ${Limits.chatMaxChars} characters`)
  .regex(/^[^\u0000-\u0008\u000b-\u001f]+$/u, "message has control characters");

/** A chat line as clients receive it. `from` is the sender's sessionId (absent in history from earlier visits). */
export const ChatLine = z.object({
  id: z.string(),
  from: z.string().optional(),
  visitorId: z.string(),
  name: z.string(),
  role: z.string(),
  scope: ChatScope,
  text: z.string(),
  at: z.string(),
});
export type ChatLine = z.infer<typeof ChatLine>;

export interface EmoteEvent {
  from: string;
  emote: Emote;
}

export const SocialMessage = {
  chat: "chat",
  emote: "emote",
} as const;
