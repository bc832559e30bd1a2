import type { QoeSummary, TicketPriority, TicketStatus, TimelineEntryView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { formatCalendarDate, formatDate, formatDateTime, formatDuration, formatTime } from "../_staff/format.ts";
import { Stars } from "../_staff/stars.tsx";
import { fill } from "../_staff/staff-text.ts";
import staff from "../_staff/staff.module.css";
import { botTurns, callRecord, chatSide, csatScore, fieldChanges, groupTimeline, queueEvent, wrapUp, type FieldChange } from "./timeline.ts";
import { dispositionName, KIND_WORDS, PRIORITY_WORDS, STATUS_WORDS, ticketText } from "./ticket-text.ts";
import styles from "./tickets.module.css";
import { FileEntry } from "./file-entry.tsx";

type Text = (typeof ticketText)["en"];

/** A ticket's timeline, oldest first: each kind of entry drawn its own way, and any kind not known yet as its name and text. */
export function Timeline({ entries, lang }: { entries: readonly TimelineEntryView[]; lang: Lang }) {
  const t = ticketText[lang];
  if (entries.length === 0) return <p className={staff.empty}>{t.timelineEmpty}</p>;
  // A call's transcript lines are read in the call transcript above, in call time; here they would bury the rest.
  const shown = entries.filter((e) => !(e.kind === "transcript" && typeof e.data.speaker === "string"));
  return (
    <ol className={styles.timeline}>
      {groupTimeline(shown).map((item) => {
        if (item.type === "day") {
          return (
            <li key={item.key} className={styles.day}>
              <h3>{formatDate(item.at, lang)}</h3>
            </li>
          );
        }
        if (item.type === "chat") {
          return (
            <li key={item.key}>
              <ChatRun entries={item.entries} lang={lang} />
            </li>
          );
        }
        return (
          <li key={item.key}>
            <Entry entry={item.entry} lang={lang} />
          </li>
        );
      })}
    </ol>
  );
}

function When({ at, lang }: { at: string; lang: Lang }) {
  return (
    <time dateTime={at} title={formatDateTime(at, lang)} className={styles.when}>
      {formatTime(at, lang)}
    </time>
  );
}

function Entry({ entry, lang }: { entry: TimelineEntryView; lang: Lang }) {
  const t = ticketText[lang];
  switch (entry.kind) {
    case "bot":
      return <BotEntry entry={entry} lang={lang} t={t} />;
    case "queue":
      return <SystemLine entry={entry} lang={lang} text={queueText(entry, lang)} />;
    case "status":
      return <SystemLine entry={entry} lang={lang} text={statusText(entry, lang)} />;
    case "call":
      return <CallEntry entry={entry} lang={lang} t={t} />;
    case "wrap-up":
      return <WrapUpEntry entry={entry} lang={lang} t={t} />;
    case "csat":
      return (
        <article className={styles.entry} data-kind="csat">
          <Head title={t.csatTitle} by={entry.authorName} at={entry.at} lang={lang} />
          <Stars score={csatScore(entry)} lang={lang} />
          {entry.text && <p className={styles.body}>{entry.text}</p>}
        </article>
      );
    case "emotion":
      return <SystemLine entry={entry} lang={lang} text={moodText(entry, lang)} />;
    case "file":
      return <FileEntry entry={entry} lang={lang} />;
    case "alert": {
      const message = entry.data.message as Partial<Record<Lang, string>> | undefined;
      return <SystemLine entry={entry} lang={lang} text={`${t.alertTitle}: ${message?.[lang] ?? entry.text}`} />;
    }
    case "recording":
      return <SystemLine entry={entry} lang={lang} text={fill(t.recordingLine, { d: formatDuration(typeof entry.data.durationMs === "number" ? entry.data.durationMs : 0, lang) })} />;
    case "summary":
      return (
        <article className={styles.entry} data-kind="summary">
          <Head title={t.summaryTitle} by={entry.authorName} at={entry.at} lang={lang} />
          <p className={styles.body}>{entry.text}</p>
        </article>
      );
    case "note":
      return (
        <article className={styles.entry} data-kind="note">
          <Head title={entry.authorName ? fill(t.noteBy, { name: entry.authorName }) : t.noteAnon} at={entry.at} lang={lang} />
          <p className={styles.body}>{entry.text}</p>
        </article>
      );
    default:
      return <OtherEntry entry={entry} lang={lang} t={t} />;
  }
}

function Head({ title, by, at, lang }: { title: string; by?: string | null; at: string; lang: Lang }) {
  return (
    <p className={styles.entryHead}>
      <strong>{title}</strong>
      {by && <span className={staff.muted}>{by}</span>}
      <When at={at} lang={lang} />
    </p>
  );
}

/** A small line for what the system noted (queue events, status changes). */
function SystemLine({ entry, lang, text }: { entry: TimelineEntryView; lang: Lang; text: string }) {
  return (
    <p className={styles.system} data-kind={entry.kind}>
      <span>{text}</span>
      <When at={entry.at} lang={lang} />
    </p>
  );
}

function BotEntry({ entry, lang, t }: { entry: TimelineEntryView; lang: Lang; t: Text }) {
  const turns = botTurns(entry);
  return (
    <article className={styles.entry} data-kind="bot">
      <Head title={t.botTitle} at={entry.at} lang={lang} />
      <p className={styles.body}>{entry.text || t.noText}</p>
      {turns.length > 0 && (
        <details className={styles.turns}>
          <summary>{fill(t.botShow, { n: turns.length })}</summary>
          <ol>
            {turns.map((turn, i) => (
              <li key={i} data-role={turn.role}>
                <span className={styles.turnWho}>
                  {turn.role === "customer" ? t.customerRole : t.concierge}
                  {turn.at && <When at={turn.at} lang={lang} />}
                  {turn.role === "concierge" && turn.confidence !== null && (
                    <span className={staff.badge} data-low={turn.confidence < 0.5 || undefined}>
                      {fill(t.confidence, { p: Math.round(turn.confidence * 100) })}
                    </span>
                  )}
                </span>
                <span className={styles.turnText}>{turn.text}</span>
              </li>
            ))}
          </ol>
        </details>
      )}
    </article>
  );
}

/** Chat lines as speech bubbles: the customer on the left, the agent on the right, the system in the middle. */
function ChatRun({ entries, lang }: { entries: readonly TimelineEntryView[]; lang: Lang }) {
  const t = ticketText[lang];
  return (
    <section className={styles.chat} aria-label={t.chatTitle}>
      <ol>
        {entries.map((entry) => {
          const side = chatSide(entry);
          return (
            <li key={entry.id} data-side={side}>
              <span className={styles.bubbleHead}>
                <strong>{side === "system" ? t.system : (entry.authorName ?? (side === "customer" ? t.customerRole : t.agent))}</strong>
                <When at={entry.at} lang={lang} />
              </span>
              <span className={styles.bubble}>{entry.text}</span>
            </li>
          );
        })}
      </ol>
    </section>
  );
}

function CallEntry({ entry, lang, t }: { entry: TimelineEntryView; lang: Lang; t: Text }) {
  const call = callRecord(entry);
  const who = { customer: t.byCustomer, agent: t.byAgent, system: t.bySystem }[call.endedBy];
  const sides = [
    { name: t.customerRole, qoe: call.qoe.customer },
    { name: t.agent, qoe: call.qoe.agent },
  ];
  return (
    <article className={styles.entry} data-kind="call">
      <Head title={fill(t.callTitle, { d: formatDuration(call.durationMs, lang) })} at={entry.at} lang={lang} />
      <div className={styles.callFacts}>
        <span className={staff.muted}>{t.media}</span>
        <ol className={styles.media}>
          {call.media.map((m, i) => (
            <li key={m}>
              {i > 0 && (
                <span aria-hidden className={styles.arrow}>
                  →
                </span>
              )}
              <span className={staff.badge}>{t[m]}</span>
            </li>
          ))}
        </ol>
        <span className={staff.muted}>{fill(t.endedBy, { who })}</span>
      </div>
      {sides.every((s) => s.qoe === null) ? (
        <p className={styles.noQuality}>{t.noQuality}</p>
      ) : (
        <div className={staff.tableWrap}>
          <table className={`${staff.table} ${styles.qoe}`}>
            <caption className={styles.qoeCaption}>{t.quality}</caption>
            <thead>
              <tr>
                <th scope="col">{t.side}</th>
                <th scope="col" className={staff.num}>
                  {t.score}
                </th>
                <th scope="col" className={staff.num}>
                  {t.poorShare}
                </th>
                <th scope="col" className={staff.num}>
                  {t.rtt}
                </th>
                <th scope="col" className={staff.num}>
                  {t.loss}
                </th>
                <th scope="col">{t.lowestRung}</th>
              </tr>
            </thead>
            <tbody>
              {sides.map((side) => (
                <tr key={side.name}>
                  <th scope="row">
                    {side.name}
                    {side.qoe && <span className={styles.reports}>{fill(t.reports, { n: side.qoe.windows })}</span>}
                  </th>
                  {side.qoe ? <QoeCells q={side.qoe} t={t} /> : <td colSpan={5} className={staff.muted}>{t.noQuality}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </article>
  );
}

function QoeCells({ q, t }: { q: QoeSummary; t: Text }) {
  const dash = "—";
  const rung = { video: t.rungVideo, audio: t.rungAudio, text: t.rungText }[q.lowestRung];
  return (
    <>
      <td className={staff.num}>{q.meanScore === null ? dash : `${Math.round(q.meanScore)} / 100`}</td>
      <td className={staff.num}>{`${Math.round(q.poorShare * 100)} %`}</td>
      <td className={staff.num}>{q.meanRttMs === null ? dash : `${Math.round(q.meanRttMs)} ms`}</td>
      <td className={staff.num}>{q.meanLossInPct === null ? dash : `${q.meanLossInPct.toFixed(1)} %`}</td>
      <td data-rung={q.lowestRung}>{rung}</td>
    </>
  );
}

function WrapUpEntry({ entry, lang, t }: { entry: TimelineEntryView; lang: Lang; t: Text }) {
  const w = wrapUp(entry);
  const status = w.status && w.status in STATUS_WORDS[lang] ? STATUS_WORDS[lang][w.status as TicketStatus] : w.status;
  return (
    <article className={styles.entry} data-kind="wrap-up">
      <Head title={entry.authorName ? fill(t.wrapUpTitle, { name: entry.authorName }) : t.wrapUpAnon} at={entry.at} lang={lang} />
      <p className={styles.wrapFacts}>
        {w.disposition && <span className={staff.badge}>{dispositionName(w.disposition, lang)}</span>}
        {status && <span>{fill(t.statusSetTo, { status })}</span>}
        {w.followUp && <span>{fill(t.followUpOn, { date: formatCalendarDate(w.followUp, lang) })}</span>}
      </p>
      {entry.text && <p className={styles.body}>{entry.text}</p>}
    </article>
  );
}

function OtherEntry({ entry, lang, t }: { entry: TimelineEntryView; lang: Lang; t: Text }) {
  const kind = String(entry.kind);
  return (
    <article className={styles.entry} data-kind="other">
      <Head title={fill(t.otherEntry, { kind: KIND_WORDS[lang][kind] ?? kind })} by={entry.authorName} at={entry.at} lang={lang} />
      <p className={styles.body}>{entry.text || t.noText}</p>
    </article>
  );
}

/** A queue event in the page's language; the server's own (English) text where the data does not say more. */
export function queueText(entry: TimelineEntryView, lang: Lang): string {
  const t = ticketText[lang];
  const e = queueEvent(entry);
  switch (e.type) {
    case "asked":
      return e.reason ? fill(t.askedFor, { reason: t[e.reason], skill: e.skill }) : entry.text;
    case "asked-closed":
      return t.askedClosed;
    case "callback":
      return e.note ? fill(t.callbackNote, { note: e.note }) : t.callbackAsked;
    case "gave-up":
      return fill(e.left ? t.leftHall : t.stoppedWaiting, { d: formatDuration(e.waitedMs, lang) });
    case "answered":
      return fill(t.answeredBy, { name: e.by, d: formatDuration(e.waitedMs, lang) });
    case "full":
      return t.queueFull;
    default:
      return entry.text || t.noText;
  }
}

function changeValue(c: FieldChange, value: string, lang: Lang): string {
  if (c.field === "status" && value in STATUS_WORDS[lang]) return STATUS_WORDS[lang][value as TicketStatus];
  if (c.field === "priority" && value in PRIORITY_WORDS[lang]) return PRIORITY_WORDS[lang][value as TicketPriority];
  return value;
}

/** "Ada changed status: Open → Resolved · priority: Normal → High". */
export function statusText(entry: TimelineEntryView, lang: Lang): string {
  const t = ticketText[lang];
  const changes = fieldChanges(entry);
  if (changes.length === 0) return entry.text || t.noText;
  const field = (name: string) => (name === "status" ? t.status : name === "priority" ? t.priority : name === "category" ? t.category : name).toLowerCase();
  const colon = lang === "zh-CN" ? "：" : ": ";
  const parts = changes.map((c) => `${field(c.field)}${colon}${c.from !== null ? `${changeValue(c, c.from, lang)} → ` : ""}${changeValue(c, c.to, lang)}`);
  const who = entry.authorName ? fill(t.changedBy, { name: entry.authorName }) : t.changedAnon;
  return `${who} ${parts.join(" · ")}`;
}

const MOODS: Record<string, Record<Lang, string>> = {
  neutral: { en: "calm", "zh-CN": "平静" },
  happy: { en: "happy", "zh-CN": "开心" },
  surprised: { en: "surprised", "zh-CN": "惊讶" },
  confused: { en: "confused", "zh-CN": "困惑" },
  frustrated: { en: "frustrated", "zh-CN": "不满" },
  sad: { en: "sad", "zh-CN": "难过" },
};

/** A change of how the consenting customer seemed (face, with their words), as one line. */
export function moodText(entry: TimelineEntryView, lang: Lang): string {
  const mood = MOODS[entry.text]?.[lang] ?? entry.text;
  const words = entry.data.textNegative === true;
  return lang === "zh-CN" ? `客户情绪：${mood}${words ? "（文字流露不满）" : ""}` : `The customer seemed ${mood}${words ? " (their words read as upset)" : ""}`;
}

