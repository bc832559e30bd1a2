"use client";
import { useSyncExternalStore } from "react";
import type { QualityLevel } from "../../../game-server/protocol/qoe.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { NetworkStatus } from "../../_hall-client/network-monitor.ts";
import { barsFor, networkNotice } from "../../_hall-client/network-notice.ts";
import styles from "./network-indicator.module.css";

const WORDS: Record<QualityLevel | "unknown", string> = { good: "Good network", fair: "Fair network", poor: "Poor network", bad: "Bad network", unknown: "Measuring network…" };

function useNetwork(client: HallClient): NetworkStatus {
  return useSyncExternalStore(
    (onChange) => client.network.subscribe(onChange),
    () => client.network.status,
    () => client.network.status,
  );
}

/** Signal bars for a quality level; also used beside names in the people list. */
export function NetworkBars({ quality, small = false }: { quality: QualityLevel | "unknown"; small?: boolean }) {
  const lit = barsFor(quality);
  return (
    <span className={`${styles.bars} ${small ? styles.mini : ""} ${quality === "unknown" ? "" : styles[quality]}`} role="img" aria-label={WORDS[quality]} title={WORDS[quality]}>
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
export function NetworkIndicator({ client }: { client: HallClient }) {
  const status = useNetwork(client);
  const notice = networkNotice(status);
  const latest = status.latest;
  const detail = latest ? [latest.rttMs !== null ? `${Math.round(latest.rttMs)} ms` : undefined, latest.lossInPct !== null ? `${Math.round(latest.lossInPct)} % lost` : undefined].filter(Boolean).join(" · ") : "";
  return (
    <div className={styles.indicator} data-testid="network-indicator" data-quality={status.quality} data-ladder={status.ladder}>
      <div className={styles.row}>
        <NetworkBars quality={status.quality} />
        <span>{WORDS[status.quality]}</span>
        {detail ? <span>· {detail}</span> : null}
      </div>
      {notice.text ? (
        <div className={`${styles.notice} ${styles[notice.tone]}`} role="status" data-testid="network-notice">
          <span>{notice.text}</span>
          {notice.suggestChat ? (
            <button type="button" onClick={() => document.querySelector<HTMLInputElement>('input[aria-label="Chat message"]')?.focus()}>
              Open chat
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
