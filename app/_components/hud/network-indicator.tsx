"use client";
import { useSyncExternalStore } from "react";
import type { QualityLevel } from "../../../game-server/protocol/qoe.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { NetworkStatus } from "../../_hall-client/network-monitor.ts";
import { barsFor, networkNotice } from "../../_hall-client/network-notice.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { CHAT_INPUT_ID } from "./chat-panel.tsx";
import { HUD_WORDS, QUALITY_WORDS } from "./hud-words.ts";
import styles from "./network-indicator.module.css";
import { fillWords as fill } from "./service-words.ts";

function useNetwork(client: HallClient): NetworkStatus {
  return useSyncExternalStore(
    (onChange) => client.network.subscribe(onChange),
    () => client.network.status,
    () => client.network.status,
  );
}

/** Signal bars for a quality level; also used beside names in the people list. */
export function NetworkBars({ quality, lang, small = false }: { quality: QualityLevel | "unknown"; lang: Lang; small?: boolean }) {
  const lit = barsFor(quality);
  const words = QUALITY_WORDS[lang];
  return (
    <span className={`${styles.bars} ${small ? styles.mini : ""} ${quality === "unknown" ? "" : styles[quality]}`} role="img" aria-label={words[quality]} title={words[quality]}>
      {[1, 2, 3, 4].map((n) => (
        <span key={n} className={`${styles.bar} ${n <= lit ? styles.on : ""}`} />
      ))}
    </span>
  );
}

/**
 * The visitor's own network: bars from the latest measurement, and, when the degradation
 * ladder holds media back or ICE is reconnecting, a line saying so (with a way to the chat
 * when voice is paused).
 */
export function NetworkIndicator({ client, lang }: { client: HallClient; lang: Lang }) {
  const status = useNetwork(client);
  const notice = networkNotice(status, Date.now(), lang);
  const w = HUD_WORDS[lang];
  const latest = status.latest;
  const detail = latest ? [latest.rttMs !== null ? fill(w.rtt, { n: Math.round(latest.rttMs) }) : undefined, latest.lossInPct !== null ? fill(w.loss, { n: Math.round(latest.lossInPct) }) : undefined].filter(Boolean).join(" · ") : "";
  return (
    <div className={styles.indicator} data-testid="network-indicator" data-quality={status.quality} data-ladder={status.ladder}>
      <div className={styles.row}>
        <NetworkBars quality={status.quality} lang={lang} />
        <span>{QUALITY_WORDS[lang][status.quality]}</span>
        {detail ? <span>· {detail}</span> : null}
      </div>
      {notice.text ? (
        <div className={`${styles.notice} ${styles[notice.tone]}`} role="status" data-testid="network-notice">
          <span>{notice.text}</span>
          {notice.suggestChat ? (
            <button type="button" onClick={() => document.getElementById(CHAT_INPUT_ID)?.focus()}>
              {w.openChat}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
