"use client";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { HUD_WORDS } from "./hud-words.ts";
import { useConnection } from "./use-social.ts";

/** Tells the visitor when the link to the hall dropped, and that we are getting it back. */
export function ConnectionBanner({ client, lang }: { client: HallClient; lang: Lang }) {
  const connection = useConnection(client);
  const w = HUD_WORDS[lang];
  if (connection === "connected") return null;
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      {connection === "reconnecting" ? w.connectionLost : (
        <>
          {w.leftHall} <a href="">{w.enterAgain}</a>
        </>
      )}
    </div>
  );
}
