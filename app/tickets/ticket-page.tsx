"use client";
import Link from "next/link";
import { useCallback, useEffect, useState } from "react";
import type { TicketDetail, TicketView, TimelineEntryView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { ApiError, fetchJson } from "../_staff/fetch-json.ts";
import { StaffPage } from "../_staff/staff-page.tsx";
import { fill } from "../_staff/staff-text.ts";
import staff from "../_staff/staff.module.css";
import { useNow } from "../_staff/use-now.ts";
import { NoteForm, TicketUpdate } from "./ticket-actions.tsx";
import { OutcomePanel, SlaPanel, TicketHeader } from "./ticket-header.tsx";
import { TICKET_ROLES } from "./ticket-list.tsx";
import { ticketText } from "./ticket-text.ts";
import { Timeline } from "./timeline-view.tsx";
import { CallTranscripts } from "./call-transcript-view.tsx";
import styles from "./tickets.module.css";

type Loaded = { at: "loading" } | { at: "missing" } | { at: "failed"; error: string } | { at: "ready"; detail: TicketDetail; loadedAt: number; refreshing: boolean };

/** `/tickets/<number or id>`: one ticket, its SLA clocks, its timeline, and what staff can do to it. */
export function TicketPage({ ticketRef }: { ticketRef: string }) {
  return <StaffPage roles={TICKET_ROLES}>{(_user, lang) => <TicketBody ticketRef={ticketRef} lang={lang} />}</StaffPage>;
}

function TicketBody({ ticketRef, lang }: { ticketRef: string; lang: Lang }) {
  const t = ticketText[lang];
  const [loaded, setLoaded] = useState<Loaded>({ at: "loading" });
  // "5 minutes ago" needs no second hand; the SLA clocks tick on their own (LiveSla).
  const now = useNow(30_000);

  /** The ticket as the server has it now; on a refresh the page keeps showing the last answer until the next one is in. */
  const load = useCallback(
    async (refresh: boolean) => {
      if (refresh) setLoaded((l) => (l.at === "ready" ? { ...l, refreshing: true } : l));
      else setLoaded({ at: "loading" });
      try {
        const detail = await fetchJson<TicketDetail>(`/api/tickets/${encodeURIComponent(ticketRef)}`);
        setLoaded({ at: "ready", detail, loadedAt: Date.now(), refreshing: false });
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) setLoaded({ at: "missing" });
        else if (refresh) setLoaded((l) => (l.at === "ready" ? { ...l, refreshing: false } : l));
        else setLoaded({ at: "failed", error: error instanceof Error ? error.message : String(error) });
      }
    },
    [ticketRef],
  );
  useEffect(() => void load(false), [load]);

  const saved = useCallback(
    (ticket: TicketView) => {
      // The server's answer first, then the whole ticket again for its new timeline entry and SLA clocks.
      setLoaded((l) => (l.at === "ready" ? { ...l, detail: { ...l.detail, ticket } } : l));
      void load(true);
    },
    [load],
  );
  const noted = useCallback((entry: TimelineEntryView) => {
    setLoaded((l) => (l.at === "ready" ? { ...l, detail: { ...l.detail, timeline: [...l.detail.timeline, entry] } } : l));
  }, []);

  const back = (
    <nav aria-label={t.back} className={styles.back}>
      <Link href="/tickets">
        <span aria-hidden>← </span>
        {t.back}
      </Link>
    </nav>
  );

  if (loaded.at === "loading") {
    return (
      <>
        {back}
        <p className={staff.notice} role="status">
          {t.loadingTicket}
        </p>
      </>
    );
  }
  if (loaded.at === "missing" || loaded.at === "failed") {
    return (
      <>
        {back}
        <div className={`${staff.card} ${staff.gate}`}>
          <h1>{loaded.at === "missing" ? fill(t.notFound, { ref: /^\d+$/.test(ticketRef) ? `#${ticketRef}` : `“${ticketRef}”` }) : fill(t.loadTicketFailed, { error: loaded.error })}</h1>
          {loaded.at === "failed" && (
            <button type="button" onClick={() => void load(false)}>
              {t.retry}
            </button>
          )}
        </div>
      </>
    );
  }

  const { detail } = loaded;
  return (
    <>
      {back}
      <TicketHeader detail={detail} now={now} lang={lang} />
      <div className={styles.layout}>
        <aside className={styles.side} aria-label={t.facts}>
          <LiveSla sla={detail.sla} loadedAt={loaded.loadedAt} lang={lang} />
          <OutcomePanel detail={detail} lang={lang} />
          <TicketUpdate ticket={detail.ticket} lang={lang} onSaved={saved} />
        </aside>
        <div className={styles.mainColumn}>
          <CallTranscripts entries={detail.timeline} lang={lang} />
          <section aria-labelledby="ticket-timeline" className={staff.card} aria-busy={loaded.refreshing}>
            <h2 id="ticket-timeline" className={staff.sectionTitle}>
              {t.timeline}
            </h2>
            <Timeline entries={detail.timeline} lang={lang} />
          </section>
          <NoteForm ticketId={detail.ticket.id} lang={lang} onAdded={noted} />
        </div>
      </div>
    </>
  );
}

/** The SLA clocks, re-read every second; only they re-render, not the timeline. */
function LiveSla({ sla, loadedAt, lang }: { sla: TicketDetail["sla"]; loadedAt: number; lang: Lang }) {
  const now = useNow(1000);
  return <SlaPanel sla={sla} sinceLoadedMs={now - loadedAt} lang={lang} />;
}
