import Link from "next/link";
import type { FloorView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { durationAttr, formatClock, langName } from "../_staff/format.ts";
import { Stars } from "../_staff/stars.tsx";
import { fill } from "../_staff/staff-text.ts";
import staff from "../_staff/staff.module.css";
import { agentCounts, emptyQueueLine, offeredName, sinceAt, sortAgents, STATE_TONE, ticked, todayFigures } from "./floor-figures.ts";
import { floorText } from "./floor-text.ts";
import styles from "./supervisor.module.css";

export interface FloorBoardProps {
  view: FloorView;
  /** The page's clock when `view` arrived, and now: the clocks tick by their difference. */
  receivedAt: number;
  now: number;
  lang: Lang;
  /** Hall names by id ({} while unknown: the ids are shown). */
  halls: Record<string, string>;
}

/** A running span as a clock, with its length for assistive tech. */
function Clock({ ms }: { ms: number }) {
  return <time dateTime={durationAttr(ms)}>{formatClock(ms)}</time>;
}

function TicketLink({ n, lang }: { n: number; lang: Lang }) {
  return (
    <Link href={`/tickets/${n}`} aria-label={fill(floorText[lang].ticketLink, { n })} className={styles.ticket}>
      #{n}
    </Link>
  );
}

/** The floor as one view shows it: today's figures, the queues and who waits in them, the agents. */
export function FloorBoard({ view, receivedAt, now, lang, halls }: FloorBoardProps) {
  const t = floorText[lang];
  const hall = (id: string) => halls[id] ?? id;
  const counts = agentCounts(view.agents);
  const agents = sortAgents(view.agents, lang);

  return (
    <>
      <section aria-labelledby="floor-today" className={styles.section}>
        <h2 id="floor-today" className={staff.sectionTitle}>
          {t.today}
        </h2>
        {/* Announced when a figure changes; the ticking clocks below are not, or a screen reader would speak every second. */}
        <dl className={styles.figures} aria-live="polite">
          {todayFigures(view, lang).map((f) => (
            <div key={f.key} className={styles.figure} data-alert={f.alert || undefined} data-figure={f.key}>
              <dt>{f.label}</dt>
              <dd>
                <span className={styles.value}>{f.value}</span>
                {f.stars !== undefined && f.stars !== null && <Stars score={f.stars} lang={lang} />}
                {f.detail && <span className={styles.detail}>{f.detail}</span>}
              </dd>
            </div>
          ))}
        </dl>
      </section>

      {view.waiting.length === 0 ? (
        <section aria-labelledby="floor-queues" className={`${staff.card} ${styles.section}`}>
          <h2 id="floor-queues" className={staff.sectionTitle}>
            {t.queues}
          </h2>
          <p className={staff.empty} data-testid="queue-empty">
            {emptyQueueLine(view, lang)}
          </p>
        </section>
      ) : (
        <div className={`${styles.queueGrid} ${styles.section}`}>
          <section aria-labelledby="floor-queues" className={staff.card}>
            <h2 id="floor-queues" className={staff.sectionTitle}>
              {t.queues}
            </h2>
            <div className={staff.tableWrap}>
              <table className={staff.table}>
                <caption className="visually-hidden">{t.queuesCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t.hall}</th>
                    <th scope="col">{t.skill}</th>
                    <th scope="col" className={staff.num}>
                      {t.waiting}
                    </th>
                    <th scope="col" className={staff.num}>
                      {t.longest}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {view.queues.map((q) => (
                    <tr key={`${q.hallId}/${q.skill}`}>
                      <td>{hall(q.hallId)}</td>
                      <td>{skillName(view, q.skill, lang)}</td>
                      <td className={staff.num}>{q.waiting}</td>
                      <td className={staff.num}>
                        <Clock ms={ticked(q.longestWaitMs, receivedAt, now)} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
          <section aria-labelledby="floor-waiting" className={staff.card}>
            <h2 id="floor-waiting" className={staff.sectionTitle}>
              {t.waitingCustomers}
            </h2>
            <div className={staff.tableWrap}>
              <table className={staff.table}>
                <caption className="visually-hidden">{t.waitingCaption}</caption>
                <thead>
                  <tr>
                    <th scope="col" className={staff.num}>
                      {t.place}
                    </th>
                    <th scope="col">{t.customer}</th>
                    <th scope="col" className={styles.narrowHide}>
                      {t.skill}
                    </th>
                    <th scope="col" className={styles.narrowHide}>
                      {t.language}
                    </th>
                    <th scope="col" className={staff.num}>
                      {t.waited}
                    </th>
                    <th scope="col">{t.ticket}</th>
                  </tr>
                </thead>
                <tbody>
                  {view.waiting.map((w) => (
                    <tr key={w.contactId}>
                      <td className={staff.num}>{w.position}</td>
                      <th scope="row" className={styles.rowHeadCell}>
                        <div className={styles.rowHead}>
                          <span className={styles.customer}>{w.customerName}</span>
                          <span className={styles.sub}>{hall(w.hallId)}</span>
                          {/* On a narrow window the skill and language columns give way to this line. */}
                          <span className={`${styles.sub} ${styles.narrowShow}`}>
                            {skillName(view, w.skill, lang)} · {langName(w.lang)}
                          </span>
                          {(w.callback || w.offeredTo) && (
                            <span className={styles.badges}>
                              {w.callback && <span className={staff.badge}>{t.callback}</span>}
                              {w.offeredTo && (
                                <span className={staff.pill} data-tone="amber">
                                  {fill(t.offeredTo, { name: offeredName(view, w.offeredTo) })}
                                </span>
                              )}
                            </span>
                          )}
                        </div>
                      </th>
                      <td className={styles.narrowHide}>{skillName(view, w.skill, lang)}</td>
                      <td className={styles.narrowHide}>{langName(w.lang)}</td>
                      <td className={staff.num}>
                        <Clock ms={ticked(w.waitedMs, receivedAt, now)} />
                      </td>
                      <td>
                        <TicketLink n={w.ticketNumber} lang={lang} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}

      <section aria-labelledby="floor-agents" className={`${staff.card} ${styles.section}`}>
        <div className={styles.sectionHead}>
          <h2 id="floor-agents" className={staff.sectionTitle}>
            {t.agents}
          </h2>
          {agents.length > 0 && <p className={styles.counts}>{fill(t.agentCounts, { available: counts.available, busy: counts.busy + counts.offered + counts["after-call"], away: counts.away })}</p>}
        </div>
        {agents.length === 0 ? (
          <p className={staff.empty}>{t.noAgents}</p>
        ) : (
          <div className={staff.tableWrap}>
            <table className={staff.table}>
              <caption className="visually-hidden">{t.agentsCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.name}</th>
                  <th scope="col">{t.state}</th>
                  <th scope="col" className={staff.num}>
                    {t.since}
                  </th>
                  <th scope="col">{t.serving}</th>
                </tr>
              </thead>
              <tbody>
                {agents.map((a) => (
                  <tr key={a.id}>
                    <th scope="row" className={styles.rowHeadCell}>
                      <div className={styles.rowHead}>
                        <span className={styles.customer}>{a.name}</span>
                        {a.halls.length > 0 && <span className={styles.sub}>{a.halls.map(hall).join(", ")}</span>}
                      </div>
                    </th>
                    <td>
                      <span className={staff.pill} data-tone={STATE_TONE[a.state]}>
                        {t[a.state]}
                      </span>
                    </td>
                    <td className={staff.num}>
                      <Clock ms={sinceAt(a.since, view, receivedAt, now)} />
                    </td>
                    <td>
                      {a.customer ? (
                        <span className={styles.serving}>
                          <span>{a.customer.name}</span>
                          <TicketLink n={a.customer.ticketNumber} lang={lang} />
                          {a.customer.alerts?.length ? (
                            // Live assist's latest nudge in this call: where a supervisor may want to listen in.
                            <span className={styles.floorAlert} data-severity={a.customer.alerts.at(-1)!.severity} data-testid="floor-alert" title={a.customer.alerts.map((x) => x.message[lang]).join("\n")}>
                              ⚑ {a.customer.alerts.at(-1)!.message[lang]}
                            </span>
                          ) : null}
                        </span>
                      ) : (
                        <span className={staff.muted}>{t.nobody}</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

/** A skill id as words in the page's language (the id itself for one the floor did not list). */
function skillName(view: FloorView, id: string, lang: Lang): string {
  return view.skills?.find((s) => s.id === id)?.label[lang] ?? id;
}
