"use client";
import { useState } from "react";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { useRoster } from "../use-roster.ts";
import { HUD_WORDS } from "./hud-words.ts";
import { NetworkBars } from "./network-indicator.tsx";
import { RoleBadge } from "./role-badge.tsx";
import { fillWords as fill } from "./service-words.ts";

const COLLAPSED_ROWS = 12;

/**
 * Everyone in this instance of the hall, including those too far away to be drawn:
 * staff first, then by name.
 */
export function PeoplePanel({ client, micOn, lang }: { client: HallClient; micOn: boolean; lang: Lang }) {
  const people = useRoster(client);
  const [expanded, setExpanded] = useState(false);
  const w = HUD_WORDS[lang];
  const rank = (role: string) => (role === "agent" ? 0 : role === "concierge" ? 1 : 2);
  const sorted = [...people].sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name));
  const shown = expanded ? sorted : sorted.slice(0, COLLAPSED_ROWS);
  return (
    <div className="panel people-panel">
      <h2>{fill(w.people, { n: people.length + 1 })}</h2>
      <ul className="people" data-testid="people">
        <li>
          <span className={`dot ${micOn ? "live" : ""}`} title={micOn ? w.micOn : w.micOff} /> {w.you}
        </li>
        {shown.map((p) => (
          <li key={p.sessionId} className={p.away ? "away" : undefined}>
            <span className={`dot ${p.mic ? "live" : ""}`} title={p.mic ? w.micOn : w.micOff} />
            <span className="person-name">{p.name}</span>
            <RoleBadge role={p.role} lang={lang} />
            {p.net && p.net !== "unknown" ? <NetworkBars quality={p.net} lang={lang} small /> : null}
            {p.fallback === "audio" ? <span className="away-note">{w.voiceOnly}</span> : p.fallback === "text" ? <span className="away-note">{w.chatOnly}</span> : null}
            {p.away ? <span className="away-note">{w.away}</span> : null}
          </li>
        ))}
      </ul>
      {sorted.length > COLLAPSED_ROWS ? (
        <button type="button" className="link" onClick={() => setExpanded(!expanded)}>
          {expanded ? w.showFewer : fill(w.showAll, { n: sorted.length + 1 })}
        </button>
      ) : null}
    </div>
  );
}
