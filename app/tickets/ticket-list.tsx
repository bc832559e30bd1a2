"use client";
import { useRouter, useSearchParams } from "next/navigation";
import { Suspense, useCallback, useEffect, useMemo, useState, type FormEvent } from "react";
import { TicketPriority, TicketStatus, type TicketView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { fetchJson } from "../_staff/fetch-json.ts";
import { StaffPage } from "../_staff/staff-page.tsx";
import { fill } from "../_staff/staff-text.ts";
import staff from "../_staff/staff.module.css";
import { useNow } from "../_staff/use-now.ts";
import { hallNames } from "../signin/staff-auth-client.ts";
import { filtersFrom, filterSearch, hasFilters, NO_FILTERS, PAGE_SIZE, ticketsApiPath, toggleStatus, type TicketFilters } from "./ticket-query.ts";
import { ticketCount, TicketTable } from "./ticket-table.tsx";
import { PRIORITY_WORDS, STATUS_WORDS, ticketText } from "./ticket-text.ts";
import styles from "./tickets.module.css";

/** Who works with tickets (the API's roles): marketers do not, tickets hold customers' words. */
export const TICKET_ROLES = ["agent", "supervisor", "admin"] as const;

type Listing =
  | { at: "loading" }
  | { at: "failed"; error: string }
  | { at: "ready"; tickets: TicketView[]; more: boolean; paging: "idle" | "loading" | { failed: string } };

/** `/tickets`: every ticket the signed-in staff member may see, filtered by the URL. */
export function TicketList() {
  return (
    <StaffPage roles={TICKET_ROLES}>
      {(_user, lang) => (
        // The URL's filters are read on the client only; nothing of the list is rendered on the server.
        <Suspense fallback={<p className={staff.notice}>{ticketText[lang].loading}</p>}>
          <TicketListBody lang={lang} />
        </Suspense>
      )}
    </StaffPage>
  );
}

function TicketListBody({ lang }: { lang: Lang }) {
  const t = ticketText[lang];
  const params = useSearchParams();
  const router = useRouter();
  const search = params.toString();
  const filters = useMemo(() => filtersFrom(new URLSearchParams(search)), [search]);
  const firstPage = ticketsApiPath(filters);
  const [listing, setListing] = useState<Listing>({ at: "loading" });
  const [attempt, setAttempt] = useState(0);
  const [halls, setHalls] = useState<Record<string, string>>({});
  // Categories are the hall's skills; the API has no list of them, so the menu offers those seen so far.
  const [categories, setCategories] = useState<string[]>([]);
  const now = useNow(30_000);

  useEffect(() => void hallNames().then(setHalls), []);

  useEffect(() => {
    let live = true;
    setListing({ at: "loading" });
    fetchJson<{ tickets: TicketView[] }>(firstPage).then(
      ({ tickets }) => {
        if (!live) return;
        setListing({ at: "ready", tickets, more: tickets.length === PAGE_SIZE, paging: "idle" });
        setCategories((known) => mergeCategories(known, tickets));
      },
      (error: unknown) => live && setListing({ at: "failed", error: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, [firstPage, attempt]);

  const go = useCallback((next: TicketFilters) => router.push(`/tickets${filterSearch(next)}`, { scroll: false }), [router]);

  async function loadMore() {
    if (listing.at !== "ready" || listing.paging === "loading") return;
    const last = listing.tickets[listing.tickets.length - 1];
    if (!last) return;
    setListing({ ...listing, paging: "loading" });
    try {
      const { tickets } = await fetchJson<{ tickets: TicketView[] }>(ticketsApiPath(filters, last.number));
      setListing((l) => (l.at === "ready" ? { at: "ready", tickets: [...l.tickets, ...tickets], more: tickets.length === PAGE_SIZE, paging: "idle" } : l));
      setCategories((known) => mergeCategories(known, tickets));
    } catch (error) {
      setListing((l) => (l.at === "ready" ? { ...l, paging: { failed: error instanceof Error ? error.message : String(error) } } : l));
    }
  }

  return (
    <>
      <h1 className={staff.pageTitle}>{t.title}</h1>
      <TicketFilterBar filters={filters} categories={categories} lang={lang} onChange={go} />
      <section aria-labelledby="tickets-results" className={`${staff.card} ${styles.results}`}>
        <h2 id="tickets-results" className="visually-hidden">
          {t.title}
        </h2>
        <p role="status" className={styles.count}>
          {listing.at === "loading" ? t.loading : listing.at === "ready" ? ticketCount(listing.tickets.length, listing.more, lang) : ""}
        </p>
        {listing.at === "failed" && (
          <div className={styles.problem}>
            <p className={staff.error} role="alert">
              {fill(t.loadFailed, { error: listing.error })}
            </p>
            <button type="button" className={`secondary ${staff.smallButton}`} onClick={() => setAttempt((n) => n + 1)}>
              {t.retry}
            </button>
          </div>
        )}
        {listing.at === "ready" && listing.tickets.length === 0 && (
          <div className={styles.problem}>
            <p className={staff.empty}>{hasFilters(filters) ? t.noneMatch : t.noneYet}</p>
            {hasFilters(filters) && (
              <button type="button" className={`secondary ${staff.smallButton}`} onClick={() => go(NO_FILTERS)}>
                {t.clear}
              </button>
            )}
          </div>
        )}
        {listing.at === "ready" && listing.tickets.length > 0 && (
          <>
            <TicketTable tickets={listing.tickets} lang={lang} now={now} halls={halls} />
            {typeof listing.paging === "object" && (
              <p className={staff.error} role="alert">
                {fill(t.loadFailed, { error: listing.paging.failed })}
              </p>
            )}
            {listing.more && (
              <div className={styles.more}>
                <button type="button" className="secondary" onClick={() => void loadMore()} disabled={listing.paging === "loading"}>
                  {listing.paging === "loading" ? t.loadingMore : t.loadMore}
                </button>
              </div>
            )}
          </>
        )}
      </section>
    </>
  );
}

function mergeCategories(known: readonly string[], tickets: readonly TicketView[]): string[] {
  const all = new Set(known);
  for (const ticket of tickets) if (ticket.category) all.add(ticket.category);
  return all.size === known.length ? (known as string[]) : [...all].sort();
}

/**
 * The search box (sent with Enter or the button), status chips (each a toggle), priority and
 * category menus (applied as soon as chosen). Every change is a new URL: the back button undoes it.
 */
export function TicketFilterBar({ filters, categories, lang, onChange }: { filters: TicketFilters; categories: readonly string[]; lang: Lang; onChange: (f: TicketFilters) => void }) {
  const t = ticketText[lang];
  const [q, setQ] = useState(filters.q);
  // The box follows the URL when it changes under it (back button, "Clear filters"), and keeps what is typed otherwise.
  const [urlQ, setUrlQ] = useState(filters.q);
  if (urlQ !== filters.q) {
    setUrlQ(filters.q);
    setQ(filters.q);
  }
  const categoryChoices = filters.category && !categories.includes(filters.category) ? [...categories, filters.category] : categories;

  function submit(event: FormEvent) {
    event.preventDefault();
    onChange({ ...filters, q: q.trim() });
  }

  return (
    <div className={styles.filters}>
      <form role="search" className={styles.search} onSubmit={submit}>
        <label htmlFor="tickets-q" className="visually-hidden">
          {t.searchLabel}
        </label>
        <input id="tickets-q" type="search" className={staff.control} value={q} onChange={(e) => setQ(e.target.value)} placeholder={t.searchPlaceholder} maxLength={200} enterKeyHint="search" />
        <button type="submit" className={staff.smallButton}>
          {t.search}
        </button>
      </form>
      <div className={styles.filterRow}>
        <fieldset className={styles.chips}>
          <legend className={staff.label}>{t.statusLegend}</legend>
          {TicketStatus.options.map((status) => (
            <button key={status} type="button" className={styles.chip} aria-pressed={filters.status.includes(status)} onClick={() => onChange(toggleStatus(filters, status))}>
              {STATUS_WORDS[lang][status]}
            </button>
          ))}
        </fieldset>
        <div className={styles.select}>
          <label htmlFor="tickets-priority" className={staff.label}>
            {t.priorityLabel}
          </label>
          <select id="tickets-priority" className={staff.control} value={filters.priority} onChange={(e) => onChange({ ...filters, priority: e.target.value as TicketFilters["priority"] })}>
            <option value="">{t.anyPriority}</option>
            {TicketPriority.options.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_WORDS[lang][p]}
              </option>
            ))}
          </select>
        </div>
        <div className={styles.select}>
          <label htmlFor="tickets-category" className={staff.label}>
            {t.categoryLabel}
          </label>
          <select id="tickets-category" className={staff.control} value={filters.category} onChange={(e) => onChange({ ...filters, category: e.target.value })}>
            <option value="">{t.anyCategory}</option>
            {categoryChoices.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        {hasFilters(filters) && (
          <button type="button" className={`link ${styles.clear}`} onClick={() => onChange(NO_FILTERS)}>
            {t.clear}
          </button>
        )}
      </div>
    </div>
  );
}
