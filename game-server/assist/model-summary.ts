import { chatCompletion } from "../concierge/answering/chat-completion.ts";
import type { LlmConfig } from "../concierge/answering/llm-answerer.ts";
import type { Lang } from "../protocol/concierge.ts";
import { redact } from "./analytics/redaction.ts";
import type { RedactedLine } from "./assist-session.ts";

/** The transcript sent to the model: the call's end matters most (what was agreed), so the start is cut first. */
const TRANSCRIPT_MAX = 8000;
const SUMMARY_MAX = 1200;

const languageName: Record<Lang, string> = { en: "English", "zh-CN": "Simplified Chinese (简体中文)" };

/**
 * The wrap-up summary written by the configured chat model (`ATRIUM_LLM_*`, the concierge's
 * adapter) from the call's redacted transcript, with the extractive draft as a hint. Throws when
 * the model fails (the session keeps the extractive draft). Its words are redacted again: a model
 * may spell out what the transcript had masked.
 */
export async function modelSummary(config: LlmConfig, lines: readonly RedactedLine[], draft: string, lang: Lang): Promise<string> {
  const said = lines.map((l) => `${l.speaker === "agent" ? "Agent" : "Customer"}: ${l.text}`).join("\n");
  const transcript = said.length > TRANSCRIPT_MAX ? `…${said.slice(said.length - TRANSCRIPT_MAX)}` : said;
  const system = [
    "You write the summary of a customer service call for its ticket, from the call's transcript only.",
    "The transcript comes from speech recognition and may have misheard words: do not repeat obvious mistakes, never invent facts.",
    `Write in ${languageName[lang]}, at most five short lines: the customer's problem, what the agent did or agreed, and any follow-up with its date.`,
    "Never write card numbers, phone numbers, e-mail addresses or ID numbers.",
  ].join("\n");
  const reply = await chatCompletion(
    config,
    [
      { role: "system", content: system },
      { role: "user", content: `Transcript:\n${transcript}\n\nAn automatic extract, for reference:\n${draft}` },
    ],
    { maxTokens: 400 },
  );
  const text = redact(reply.trim(), lang).text;
  return text.length > SUMMARY_MAX ? `${text.slice(0, SUMMARY_MAX - 1)}…` : text;
}
