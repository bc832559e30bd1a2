"use client";
import { useId, useState, type FormEvent } from "react";
import { ServiceLimits, TicketPriority, TicketStatus, type TicketView, type TimelineEntryView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { fetchJson } from "../_staff/fetch-json.ts";
import { fill } from "../_staff/staff-text.ts";
import staff from "../_staff/staff.module.css";
import { PRIORITY_WORDS, STATUS_WORDS, ticketText } from "./ticket-text.ts";
import styles from "./tickets.module.css";

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Status and priority: chosen, then saved together. Nothing changes on the page until the
 * server has answered: what it answers is what is shown (no optimistic update to take back).
 */
export function TicketUpdate({ ticket, lang, onSaved }: { ticket: TicketView; lang: Lang; onSaved: (ticket: TicketView) => void }) {
  const t = ticketText[lang];
  const [status, setStatus] = useState(ticket.status);
  const [priority, setPriority] = useState(ticket.priority);
  const [shown, setShown] = useState(ticket);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: string } | undefined>();
  // A new answer from the server (saved here, or a reload) resets the choices to what it says.
  if (shown !== ticket) {
    setShown(ticket);
    setStatus(ticket.status);
    setPriority(ticket.priority);
  }
  const patch = { ...(status !== ticket.status ? { status } : {}), ...(priority !== ticket.priority ? { priority } : {}) };
  const changed = Object.keys(patch).length > 0;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!changed || busy) return;
    setBusy(true);
    setResult(undefined);
    try {
      const answer = await fetchJson<{ ticket: TicketView }>(`/api/tickets/${encodeURIComponent(ticket.id)}`, { method: "PATCH", body: JSON.stringify(patch) });
      setResult({ ok: true });
      onSaved(answer.ticket);
    } catch (error) {
      setResult({ ok: false, error: message(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="ticket-update" className={staff.card}>
      <h2 id="ticket-update" className={staff.sectionTitle}>
        {t.actions}
      </h2>
      <form className={styles.update} onSubmit={(e) => void save(e)}>
        <label htmlFor="ticket-status" className={staff.label}>
          {t.status}
        </label>
        <select id="ticket-status" className={staff.control} value={status} onChange={(e) => setStatus(e.target.value as TicketStatus)} disabled={busy}>
          {TicketStatus.options.map((s) => (
            <option key={s} value={s}>
              {STATUS_WORDS[lang][s]}
            </option>
          ))}
        </select>
        <label htmlFor="ticket-priority" className={staff.label}>
          {t.priority}
        </label>
        <select id="ticket-priority" className={staff.control} value={priority} onChange={(e) => setPriority(e.target.value as TicketPriority)} disabled={busy}>
          {TicketPriority.options.map((p) => (
            <option key={p} value={p}>
              {PRIORITY_WORDS[lang][p]}
            </option>
          ))}
        </select>
        <div className={styles.formEnd}>
          <button type="submit" className={staff.smallButton} disabled={!changed || busy}>
            {busy ? t.saving : t.save}
          </button>
          <p role="status" className={styles.saved}>
            {result?.ok && !changed ? t.saved : ""}
          </p>
        </div>
        <p role="alert" className={`${staff.error} ${styles.formError}`}>
          {result && !result.ok ? fill(t.saveFailed, { error: result.error }) : ""}
        </p>
      </form>
    </section>
  );
}

/** A note for the team on the ticket (at most `ServiceLimits.noteMax` characters, counted as typed). */
export function NoteForm({ ticketId, lang, onAdded }: { ticketId: string; lang: Lang; onAdded: (entry: TimelineEntryView) => void }) {
  const t = ticketText[lang];
  const [text, setText] = useState("");
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: true } | { ok: false; error: string } | undefined>();
  const hintId = useId();
  const counterId = useId();
  const max = ServiceLimits.noteMax;
  const empty = text.trim().length === 0;

  async function add(event: FormEvent) {
    event.preventDefault();
    if (empty || busy) return;
    setBusy(true);
    setResult(undefined);
    try {
      const { entry } = await fetchJson<{ entry: TimelineEntryView }>(`/api/tickets/${encodeURIComponent(ticketId)}/notes`, { method: "POST", body: JSON.stringify({ text }) });
      setText("");
      setResult({ ok: true });
      onAdded(entry);
    } catch (error) {
      setResult({ ok: false, error: message(error) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="ticket-note" className={`${staff.card} ${styles.noteCard}`}>
      <h2 id="ticket-note" className={staff.sectionTitle}>
        {t.noteTitle}
      </h2>
      <form className={styles.noteForm} onSubmit={(e) => void add(e)}>
        <label htmlFor="ticket-note-text" className="visually-hidden">
          {t.noteLabel}
        </label>
        <textarea
          id="ticket-note-text"
          className={`${staff.control} ${styles.noteText}`}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (result?.ok) setResult(undefined);
          }}
          maxLength={max}
          rows={4}
          aria-describedby={`${hintId} ${counterId}`}
          disabled={busy}
        />
        <div className={styles.noteFoot}>
          <span id={hintId} className={staff.muted}>
            {t.noteHint}
          </span>
          <span id={counterId} className={styles.counter} data-near={text.length > max * 0.9 || undefined}>
            {fill(t.noteCounter, { n: text.length, max })}
          </span>
        </div>
        <div className={styles.formEnd}>
          <button type="submit" className={staff.smallButton} disabled={empty || busy}>
            {busy ? t.adding : t.addNote}
          </button>
          <p role="status" className={styles.saved}>
            {result?.ok ? t.noteAdded : ""}
          </p>
        </div>
        <p role="alert" className={`${staff.error} ${styles.formError}`}>
          {result && !result.ok ? fill(t.noteFailed, { error: result.error }) : ""}
        </p>
      </form>
    </section>
  );
}
