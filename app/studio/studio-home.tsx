"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useState, type ChangeEvent, type FormEvent } from "react";
import type { Lang } from "../_i18n/lang.ts";
import { fetchJson } from "../_staff/fetch-json.ts";
import { StaffPage } from "../_staff/staff-page.tsx";
import staff from "../_staff/staff.module.css";
import { fillIn, STUDIO_WORDS } from "./studio-words.ts";
import type { SceneSummary } from "./use-studio-draft.ts";
import styles from "./studio.module.css";

interface StudioList {
  scenes: (SceneSummary & { halls: { id: string; name: string }[] })[];
  templates: { id: string; name: string }[];
  halls: { id: string; name: string; sceneId: string }[];
}

export function StudioHomePage() {
  return <StaffPage roles={["marketer", "admin"]}>{(_user, lang) => <StudioHome lang={lang} />}</StaffPage>;
}

/** The studio's first page: every scene with where it is live, a new scene from a template or a copy, import, and which scene each hall shows. */
function StudioHome({ lang }: { lang: Lang }) {
  const w = STUDIO_WORDS[lang];
  const router = useRouter();
  const [list, setList] = useState<StudioList>();
  const [error, setError] = useState<string>();
  const [notice, setNotice] = useState<string>();
  const [name, setName] = useState("");
  const [from, setFrom] = useState("");
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => fetchJson<StudioList>("/api/studio/scenes").then(setList, (e: Error) => setError(e.message)), []);
  useEffect(() => void load(), [load]);

  const create = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const r = await fetchJson<{ scene: { id: string } }>("/api/studio/scenes", { method: "POST", body: JSON.stringify({ name, from: from || list?.templates[0]?.id }) });
      router.push(`/studio/${r.scene.id}`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  const importZip = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      const r = await fetchJson<{ scene: { id: string } }>("/api/studio/import", { method: "POST", body: file, headers: { "content-type": "application/zip" } });
      router.push(`/studio/${r.scene.id}`);
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };
  const assign = async (hallId: string, sceneId: string) => {
    setError(undefined);
    try {
      await fetchJson(`/api/studio/halls/${hallId}/scene`, { method: "PUT", body: JSON.stringify({ sceneId }) });
      await load();
      setNotice(fillIn(w.assigned, { hall: list?.halls.find((h) => h.id === hallId)?.name ?? hallId, scene: list?.scenes.find((s) => s.id === sceneId)?.name ?? sceneId }));
    } catch (err) {
      setError((err as Error).message);
    }
  };

  if (!list && !error) return <p className={styles.notice} role="status">{w.loading}</p>;
  return (
    <div className={styles.home}>
      <h1 className={staff.pageTitle}>{w.studio}</h1>
      <p className={styles.lead}>{w.intro}</p>
      {error ? <p className={styles.errorNotice} role="alert">{error}</p> : null}
      {notice ? <p className={styles.okNotice} role="status">{notice}</p> : null}
      <div className={styles.homeGrid}>
        <section aria-labelledby="scenes-title">
          <h2 id="scenes-title" className={staff.sectionTitle}>{w.scenes}</h2>
          <ul className={styles.sceneCards} data-testid="scene-list">
            {list?.scenes.map((s) => (
              <li key={s.id} className={`${staff.card} ${styles.sceneCard}`}>
                <h3>{s.name}</h3>
                <span className={`${styles.pill} ${s.liveVersion === null ? styles.pillDraft : ""}`}>{s.liveVersion === null ? w.neverPublished : fillIn(w.live, { v: s.liveVersion })}</span>
                <p className={staff.muted}>{w.shownIn}: {s.halls.length > 0 ? s.halls.map((h) => h.name).join(", ") : w.nowhere}</p>
                <p className={staff.muted}>{fillIn(w.editedBy, { name: s.updatedBy.name, when: new Date(s.updatedAt).toLocaleString(lang) })}</p>
                {s.lock && Date.parse(s.lock.until) > Date.now() ? <p className={styles.warn}>{fillIn(w.editingNow, { name: s.lock.by.name })}</p> : null}
                <Link href={`/studio/${s.id}`} className={styles.buttonLink} aria-label={`${w.open}: ${s.name}`}>{w.open}</Link>
              </li>
            ))}
          </ul>
        </section>
        <div className={styles.home}>
          <form className={`${staff.card} ${styles.form}`} onSubmit={(e) => void create(e)}>
            <h2>{w.newScene}</h2>
            <label className={styles.field}>
              <span>{w.name}</span>
              <input required maxLength={80} value={name} onChange={(e) => setName(e.target.value)} data-testid="new-scene-name" />
            </label>
            <label className={styles.field}>
              <span>{w.startFrom}</span>
              <select value={from} onChange={(e) => setFrom(e.target.value)} data-testid="new-scene-from">
                <optgroup label={w.template}>
                  {list?.templates.map((t) => <option key={`t-${t.id}`} value={t.id}>{t.name}</option>)}
                </optgroup>
                <optgroup label={w.duplicateOf}>
                  {list?.scenes.map((s) => <option key={`s-${s.id}`} value={s.id}>{s.name}</option>)}
                </optgroup>
              </select>
            </label>
            <button type="submit" className={styles.primary} disabled={busy}>{w.create}</button>
            <label className={styles.uploadButton}>
              <input type="file" accept=".zip,application/zip" onChange={(e) => void importZip(e)} disabled={busy} />
              {busy ? w.importing : w.importArchive}
            </label>
          </form>
          <section className={`${staff.card} ${styles.form}`} aria-labelledby="halls-title">
            <h2 id="halls-title">{w.halls}</h2>
            {list?.halls.map((h) => (
              <label key={h.id} className={styles.field}>
                <span>{fillIn(w.hallShows, { hall: h.name })}</span>
                <select value={h.sceneId} onChange={(e) => void assign(h.id, e.target.value)} data-testid={`hall-scene-${h.id}`}>
                  {list.scenes.map((s) => <option key={s.id} value={s.id} disabled={s.liveVersion === null}>{s.name}{s.liveVersion === null ? ` (${w.neverPublished})` : ""}</option>)}
                </select>
              </label>
            ))}
          </section>
        </div>
      </div>
    </div>
  );
}
