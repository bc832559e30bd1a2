"use client";
import { useEffect, useState } from "react";
import type { Lang } from "../_i18n/lang.ts";
import { StaffPage } from "../_staff/staff-page.tsx";
import staff from "../_staff/staff.module.css";
import { useNow } from "../_staff/use-now.ts";
import { hallNames } from "../signin/staff-auth-client.ts";
import { FloorBoard } from "./floor-board.tsx";
import { floorText } from "./floor-text.ts";
import styles from "./supervisor.module.css";
import { useFloor, type FloorConnection } from "./use-floor.ts";

const ROLES = ["supervisor", "admin"] as const;

/** `/supervisor`: the service floor, live, for supervisors and administrators. */
export function SupervisorView() {
  return <StaffPage roles={ROLES}>{(_user, lang) => <Floor lang={lang} />}</StaffPage>;
}

function Floor({ lang }: { lang: Lang }) {
  const t = floorText[lang];
  const feed = useFloor(true);
  const now = useNow(1000);
  const [halls, setHalls] = useState<Record<string, string>>({});
  useEffect(() => void hallNames().then(setHalls), []);

  return (
    <>
      <div className={styles.head}>
        <h1 className={staff.pageTitle}>{t.title}</h1>
        <ConnectionState connection={feed.connection} lang={lang} onReconnect={feed.reconnect} />
      </div>
      {feed.view ? (
        <div className={feed.connection === "live" ? undefined : styles.stale}>
          <FloorBoard view={feed.view} receivedAt={feed.receivedAt} now={now} lang={lang} halls={halls} />
        </div>
      ) : (
        feed.connection !== "closed" && (
          <p className={staff.empty} aria-busy>
            {t.waitingForFirst}
          </p>
        )
      )}
    </>
  );
}

function ConnectionState({ connection, lang, onReconnect }: { connection: FloorConnection; lang: Lang; onReconnect: () => void }) {
  const t = floorText[lang];
  const tone = connection === "live" ? "green" : connection === "closed" ? "red" : "amber";
  const words = { connecting: t.connecting, live: t.live, reconnecting: t.reconnecting, closed: t.closed }[connection];
  return (
    <div className={styles.connection}>
      <p role="status" className={styles.connectionLine}>
        <span className={staff.pill} data-tone={tone}>
          {words}
        </span>
      </p>
      {connection === "closed" && (
        <button type="button" className={`secondary ${staff.smallButton}`} onClick={onReconnect}>
          {t.reconnect}
        </button>
      )}
    </div>
  );
}
