"use client";
import { useEffect } from "react";
import { EMOTES, type Emote } from "../../../game-server/protocol/index.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";

const NAMES: Record<Emote, string> = { wave: "Wave", clap: "Clap", "thumbs-up": "Thumbs up", heart: "Heart", laugh: "Laugh", question: "Question" };

/** Emotes, by button or by the number keys 1–6. */
const EMOTE_LIST = Object.keys(EMOTES) as Emote[];

export function EmoteBar({ client }: { client: HallClient }) {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
      const index = Number(event.key) - 1;
      const emote = EMOTE_LIST[index];
      if (emote && !event.repeat) client.social.emote(emote);
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [client]);
  return (
    <div className="emote-bar panel" role="toolbar" aria-label="Emotes">
      {EMOTE_LIST.map((e, i) => (
        <button key={e} type="button" className="emote" title={`${NAMES[e]} (${i + 1})`} aria-label={NAMES[e]} onClick={() => client.social.emote(e)}>
          {EMOTES[e]}
        </button>
      ))}
    </div>
  );
}
