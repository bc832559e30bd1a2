"use client";
import { useEffect } from "react";
import { EMOTES, type Emote } from "../../../game-server/protocol/index.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { EMOTE_WORDS, HUD_WORDS } from "./hud-words.ts";
import { fillWords as fill } from "./service-words.ts";

/** Emotes, by button or by the number keys 1–6. */
const EMOTE_LIST = Object.keys(EMOTES) as Emote[];

export function EmoteBar({ client, lang }: { client: HallClient; lang: Lang }) {
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
  const names = EMOTE_WORDS[lang];
  return (
    <div className="emote-bar panel" role="toolbar" aria-label={HUD_WORDS[lang].emotes}>
      {EMOTE_LIST.map((e, i) => (
        <button key={e} type="button" className="emote" title={fill(HUD_WORDS[lang].emoteKey, { name: names[e], key: i + 1 })} aria-label={names[e]} onClick={() => client.social.emote(e)}>
          {EMOTES[e]}
        </button>
      ))}
    </div>
  );
}
