"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Limits, type ChatScope } from "../../../game-server/protocol/index.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { HUD_WORDS } from "./hud-words.ts";
import { RoleBadge } from "./role-badge.tsx";
import { useChatLines } from "./use-social.ts";

/** The chat's text box, for the network notice's "Open chat" to focus in any language. */
export const CHAT_INPUT_ID = "chat-message";

/** Text chat: hall-wide, or only the people standing near you (booth walls keep it in). */
export function ChatPanel({ client, lang }: { client: HallClient; lang: Lang }) {
  const lines = useChatLines(client);
  const [scope, setScope] = useState<ChatScope>("hall");
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const list = useRef<HTMLOListElement>(null);
  const w = HUD_WORDS[lang];

  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [lines]);

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    setSending(true);
    setError(undefined);
    try {
      await client.social.say(text, scope);
      setText("");
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <section className="panel chat-panel" aria-label={w.chat}>
      <ol className="chat-lines" ref={list} data-testid="chat-lines">
        {lines.length === 0 ? <li className="hint">{w.noMessages}</li> : null}
        {lines.map((l) => (
          <li key={l.id} className={l.scope === "nearby" ? "nearby" : undefined}>
            <span className="chat-name">{l.from === client.presence.sessionId ? w.you : l.name}</span>
            <RoleBadge role={l.role} lang={lang} />
            {l.scope === "nearby" ? <span className="chat-scope">{w.nearbyTag}</span> : null}
            <span className="chat-text">{l.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={send}>
        <div className="scope-toggle" role="radiogroup" aria-label={w.whoHears}>
          {(["hall", "nearby"] as const).map((s) => (
            <button key={s} type="button" role="radio" aria-checked={scope === s} className={scope === s ? "on" : "secondary"} onClick={() => setScope(s)}>
              {s === "hall" ? w.scopeHall : w.scopeNearby}
            </button>
          ))}
        </div>
        <input type="text" id={CHAT_INPUT_ID} aria-label={w.chatMessage} placeholder={scope === "hall" ? w.toHall : w.toNearby} value={text} maxLength={Limits.chatMaxChars} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={sending || !text.trim()}>
          {w.send}
        </button>
      </form>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
