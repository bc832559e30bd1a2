"use client";
import { useState } from "react";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import { useRoster } from "../use-roster.ts";
import { NetworkBars } from "./network-indicator.tsx";
import { RoleBadge } from "./role-badge.tsx";

const COLLAPSED_ROWS = 12;

/**
 * Everyone in this instance of the hall, including those too far away to be drawn:
 * staff first, then by name.
 */
export function PeoplePanel({ client, micOn }: { client: HallClient; micOn: boolean }) {
  const people = useRoster(client);
  const [expanded, setExpanded] = useState(false);
  const rank = (role: string) => (role === "agent" ? 0 : role === "concierge" ? 1 : 2);
  const sorted = [...people].sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name));
  const shown = expanded ? sorted : sorted.slice(0, COLLAPSED_ROWS);
  return (
    <div className="panel people-panel">
      <h2>In the hall ({people.length + 1})</h2>
      <ul className="people" data-testid="people">
        <li>
          <span className={`dot ${micOn ? "live" : ""}`} title={micOn ? "microphone on" : "microphone off"} /> You
        </li>
        {shown.map((p) => (
          <li key={p.sessionId} className={p.away ? "away" : undefined}>
            <span className={`dot ${p.mic ? "live" : ""}`} title={p.mic ? "microphone on" : "microphone off"} />
            <span className="person-name">{p.name}</span>
            <RoleBadge role={p.role} />
            {p.net && p.net !== "unknown" ? <NetworkBars quality={p.net} small /> : null}
            {p.fallback === "audio" ? <span className="away-note">voice only</span> : p.fallback === "text" ? <span className="away-note">chat only</span> : null}
            {p.away ? <span className="away-note">reconnecting…</span> : null}
          </li>
        ))}
      </ul>
      {sorted.length > COLLAPSED_ROWS ? (
        <button type="button" className="link" onClick={() => setExpanded(!expanded)}>
          {expanded ? "Show fewer" : `Show all ${sorted.length + 1}`}
        </button>
      ) : null}
    </div>
  );
}
