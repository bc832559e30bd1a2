"use client";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { Limits, type ChatScope } from "../../../game-server/protocol/index.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import { RoleBadge } from "./role-badge.tsx";
import { useChatLines } from "./use-social.ts";

/** Text chat: hall-wide, or only the people standing near you (booth walls keep it in). */
export function ChatPanel({ client }: { client: HallClient }) {
  const lines = useChatLines(client);
  const [scope, setScope] = useState<ChatScope>("hall");
  const [text, setText] = useState("");
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string>();
  const list = useRef<HTMLOListElement>(null);

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
    <section className="panel chat-panel" aria-label="Chat">
      <ol className="chat-lines" ref={list} data-testid="chat-lines">
        {lines.length === 0 ? <li className="hint">No messages yet. Say hello!</li> : null}
        {lines.map((l) => (
          <li key={l.id} className={l.scope === "nearby" ? "nearby" : undefined}>
            <span className="chat-name">{l.from === client.presence.sessionId ? "You" : l.name}</span>
            <RoleBadge role={l.role} />
            {l.scope === "nearby" ? <span className="chat-scope">nearby</span> : null}
            <span className="chat-text">{l.text}</span>
          </li>
        ))}
      </ol>
      <form className="chat-form" onSubmit={send}>
        <div className="scope-toggle" role="radiogroup" aria-label="Who hears it">
          {(["hall", "nearby"] as const).map((s) => (
            <button key={s} type="button" role="radio" aria-checked={scope === s} className={scope === s ? "on" : "secondary"} onClick={() => setScope(s)}>
              {s === "hall" ? "Hall" : "Nearby"}
            </button>
          ))}
        </div>
        <input type="text" aria-label="Chat message" placeholder={scope === "hall" ? "Message everyone in the hall" : "Message the people near you"} value={text} maxLength={Limits.chatMaxChars} onChange={(e) => setText(e.target.value)} />
        <button type="submit" disabled={sending || !text.trim()}>
          Send
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
