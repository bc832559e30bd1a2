import Link from "next/link";
import type { TicketView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { formatDateTime, formatRelative } from "../_staff/format.ts";
import { Stars } from "../_staff/stars.tsx";
import { fill } from "../_staff/staff-text.ts";
import staff from "../_staff/staff.module.css";
import { PriorityPill, StatusPill } from "./ticket-pills.tsx";
import { ticketText } from "./ticket-text.ts";
import styles from "./tickets.module.css";

/**
 * The ticket list's table. Each row is one link (the subject's, stretched over the row), so a
 * keyboard user tabs once per ticket and a click anywhere on the row opens it.
 */
export function TicketTable({ tickets, lang, now, halls }: { tickets: readonly TicketView[]; lang: Lang; now: number; halls: Record<string, string> }) {
  const t = ticketText[lang];
  return (
    <div className={staff.tableWrap}>
      <table className={`${staff.table} ${styles.ticketTable}`}>
        <caption className="visually-hidden">{t.caption}</caption>
        <thead>
          <tr>
            <th scope="col" className={staff.num}>
              {t.number}
            </th>
            <th scope="col">{t.subject}</th>
            <th scope="col">{t.customer}</th>
            <th scope="col" className={styles.optional}>
              {t.agent}
            </th>
            <th scope="col" className={styles.optional}>
              {t.hall}
            </th>
            <th scope="col">{t.status}</th>
            <th scope="col">{t.priority}</th>
            <th scope="col" className={styles.optional}>
              {t.csat}
            </th>
            <th scope="col">{t.created}</th>
          </tr>
        </thead>
        <tbody>
          {tickets.map((ticket) => (
            <tr key={ticket.id} className={styles.row}>
              <td className={`${staff.num} ${styles.number}`}>#{ticket.number}</td>
              <td className={styles.subject}>
                <Link href={`/tickets/${ticket.number}`} className={styles.rowLink} aria-label={`#${ticket.number} ${ticket.subject || t.noSubject}`}>
                  {ticket.subject || t.noSubject}
                </Link>
              </td>
              <td>{ticket.customerName}</td>
              <td className={styles.optional}>{ticket.agentName ?? <span className={staff.muted}>{t.unassigned}</span>}</td>
              <td className={styles.optional}>{halls[ticket.hallId] ?? ticket.hallId}</td>
              <td>
                <StatusPill status={ticket.status} lang={lang} />
              </td>
              <td>
                <PriorityPill priority={ticket.priority} lang={lang} />
              </td>
              <td className={styles.optional}>
                <Stars score={ticket.csat} lang={lang} />
              </td>
              <td className={styles.created}>
                <time dateTime={ticket.createdAt} title={formatDateTime(ticket.createdAt, lang)}>
                  {formatRelative(ticket.createdAt, now, lang)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** How many tickets are shown, for the live line above the table. */
export function ticketCount(n: number, more: boolean, lang: Lang): string {
  const t = ticketText[lang];
  if (more) return fill(t.countMore, { n });
  return n === 1 ? t.countOne : fill(t.countMany, { n });
}
