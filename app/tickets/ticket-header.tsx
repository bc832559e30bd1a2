import type { SlaClockView, TicketDetail } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { formatCalendarDate, formatDateTime, formatDuration, formatRelative, langName } from "../_staff/format.ts";
import { Stars } from "../_staff/stars.tsx";
import { fill } from "../_staff/staff-text.ts";
import staff from "../_staff/staff.module.css";
import { readSla, SLA_TONE, slaWords } from "./sla-reading.ts";
import { PriorityPill, StatusPill } from "./ticket-pills.tsx";
import { dispositionName, ticketText } from "./ticket-text.ts";
import styles from "./tickets.module.css";

function Moment({ at, now, lang }: { at: string; now: number; lang: Lang }) {
  return (
    <time dateTime={at} title={formatDateTime(at, lang)}>
      {formatRelative(at, now, lang)}
    </time>
  );
}

/** The top of a ticket: number, subject, status and priority, the concierge's summary, and who, where and when. */
export function TicketHeader({ detail, now, lang }: { detail: TicketDetail; now: number; lang: Lang }) {
  const t = ticketText[lang];
  const { ticket } = detail;
  return (
    <header className={`${staff.card} ${styles.header}`}>
      <p className={styles.headNumber}>{fill(t.ticketNo, { n: ticket.number })}</p>
      <h1 className={styles.headSubject}>{ticket.subject || t.noSubject}</h1>
      <p className={styles.pills}>
        <StatusPill status={ticket.status} lang={lang} />
        <PriorityPill priority={ticket.priority} lang={lang} />
        {ticket.category && <span className={staff.badge}>{ticket.category}</span>}
      </p>
      {ticket.summary && ticket.summary !== ticket.subject && (
        <p className={styles.summary}>
          <span className="visually-hidden">{t.summary}: </span>
          {ticket.summary}
        </p>
      )}
      <dl className={styles.facts} aria-label={t.facts}>
        <div>
          <dt>{t.hall}</dt>
          <dd>{detail.hallName}</dd>
        </div>
        <div>
          <dt>{t.customer}</dt>
          <dd>
            {ticket.customerName} <span className={staff.muted}>· {langName(ticket.lang)}</span>
          </dd>
        </div>
        <div>
          <dt>{t.agent}</dt>
          <dd>{ticket.agentName ?? <span className={staff.muted}>{t.unassigned}</span>}</dd>
        </div>
        <div>
          <dt>{t.created}</dt>
          <dd>
            <Moment at={ticket.createdAt} now={now} lang={lang} />
          </dd>
        </div>
        <div>
          <dt>{t.updated}</dt>
          <dd>
            <Moment at={ticket.updatedAt} now={now} lang={lang} />
          </dd>
        </div>
        {ticket.followUpAt && (
          <div>
            <dt>{t.followUp}</dt>
            <dd>{formatCalendarDate(ticket.followUpAt.slice(0, 10), lang)}</dd>
          </div>
        )}
      </dl>
    </header>
  );
}

/** The two SLA clocks; a running one counts down from when the ticket was loaded. */
export function SlaPanel({ sla, sinceLoadedMs, lang }: { sla: TicketDetail["sla"]; sinceLoadedMs: number; lang: Lang }) {
  const t = ticketText[lang];
  const rows: [string, SlaClockView][] = [
    [t.firstResponse, sla.firstResponse],
    [t.resolution, sla.resolution],
  ];
  return (
    <section aria-labelledby="ticket-sla" className={staff.card}>
      <h2 id="ticket-sla" className={staff.sectionTitle}>
        {t.sla}
      </h2>
      <dl className={styles.sla}>
        {rows.map(([name, clock]) => {
          const reading = readSla(clock, sinceLoadedMs);
          return (
            <div key={name}>
              <dt>
                {name} <span className={styles.target}>{fill(t.slaTarget, { d: formatDuration(clock.targetMs, lang) })}</span>
              </dt>
              <dd>
                <span className={staff.pill} data-tone={SLA_TONE(reading)} data-sla={reading.state}>
                  {slaWords(reading, lang)}
                </span>
              </dd>
            </div>
          );
        })}
      </dl>
    </section>
  );
}

/** How the session ended for the customer: the agent's disposition and the customer's rating. */
export function OutcomePanel({ detail, lang }: { detail: TicketDetail; lang: Lang }) {
  const t = ticketText[lang];
  const { ticket } = detail;
  return (
    <section aria-labelledby="ticket-outcome" className={staff.card}>
      <h2 id="ticket-outcome" className={staff.sectionTitle}>
        {t.outcome}
      </h2>
      <dl className={styles.sla}>
        <div>
          <dt>{t.disposition}</dt>
          <dd>{ticket.disposition ? dispositionName(ticket.disposition, lang) : <span className={staff.muted}>—</span>}</dd>
        </div>
        <div>
          <dt>{t.csat}</dt>
          <dd>{ticket.csat === null ? <span className={staff.muted}>{t.noRatingYet}</span> : <Stars score={ticket.csat} lang={lang} />}</dd>
        </div>
      </dl>
      {ticket.csatComment && <blockquote className={styles.comment}>{ticket.csatComment}</blockquote>}
    </section>
  );
}
