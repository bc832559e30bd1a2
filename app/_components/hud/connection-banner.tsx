"use client";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { HUD_WORDS } from "./hud-words.ts";
import { useSyncExternalStore } from "react";
import { useConnection } from "./use-social.ts";

/** Tells the visitor when the link to the hall dropped, and that we are getting it back. */
export function ConnectionBanner({ client, lang }: { client: HallClient; lang: Lang }) {
  const connection = useConnection(client);
  const updated = useSyncExternalStore(
    (onChange) => client.presence.subscribe(onChange),
    () => client.presence.hallUpdated,
    () => false,
  );
  const w = HUD_WORDS[lang];
  if (connection === "connected" && updated) {
    // Nothing changes under the visitor: the new hall is there whenever they reload.
    return (
      <div className="connection-banner hall-updated" role="status" data-testid="hall-updated">
        {w.hallUpdated} <button type="button" onClick={() => window.location.reload()}>{w.refresh}</button>
      </div>
    );
  }
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
