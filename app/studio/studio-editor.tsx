"use client";
import Link from "next/link";
import { useCallback, useDeferredValue, useEffect, useState, type ChangeEvent, type ReactNode } from "react";
import type { SceneIssue } from "../../scenes/scene-checks.ts";
import { ProductModel, type Scene } from "../../scenes/scene-format.ts";
import { snapToWall } from "../../scenes/scene-snapping.ts";
import type { Lang } from "../_i18n/lang.ts";
import { fetchJson } from "../_staff/fetch-json.ts";
import { StaffPage } from "../_staff/staff-page.tsx";
import type { StaffUser } from "../signin/staff-auth-client.ts";
import { addEntry, allRefs, boxOf, deleteEntries, duplicateEntries, entryName, entryOf, issueTarget, moveEntry, placeOf, refKey, sameRef, setField, type EntryRef, type LooseEntry, type NewEntryKind } from "./scene-entries.ts";
import { HallProperties } from "./hall-properties.tsx";
import { StudioCanvas, type GizmoMode } from "./studio-canvas.tsx";
import { fillIn, STUDIO_WORDS } from "./studio-words.ts";
import { useStudioDraft } from "./use-studio-draft.ts";
import styles from "./studio.module.css";

const STUDIO_ROLES = ["marketer", "admin"] as const;
const ADDABLE: readonly [NewEntryKind, "addBooth" | "addSign" | "addScreen" | "addWhiteboard" | "addDesk" | "addObstacle" | "addZone" | "addSpawn"][] = [
  ["booth", "addBooth"], ["sign", "addSign"], ["screen", "addScreen"], ["whiteboard", "addWhiteboard"],
  ["agentDesk", "addDesk"], ["obstacle", "addObstacle"], ["zone", "addZone"], ["spawnPoint", "addSpawn"],
];

export interface AssetView { id: string; name: string; description: string; url: string; thumbnail: string; bytes: number; originalBytes: number; triangles: number; price: string | null; kbArticleIds: string[] }
interface ArticleOption { id: string; title: string }

export function StudioEditorPage({ sceneId }: { sceneId: string }) {
  return <StaffPage roles={STUDIO_ROLES}>{(user, lang) => <StudioEditor sceneId={sceneId} user={user} lang={lang} />}</StaffPage>;
}

const kb = (n: number) => (n >= 1048576 ? `${(n / 1048576).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`);

function StudioEditor({ sceneId, user, lang }: { sceneId: string; user: StaffUser; lang: Lang }) {
  const w = STUDIO_WORDS[lang];
  const draft = useStudioDraft(sceneId, user.id);
  const { scene, lock } = draft;
  // The 3D view redraws the whole hall from the document: it follows typing without holding it up.
  const shownScene = useDeferredValue(scene);
  const readOnly = lock.at === "theirs";
  const [selection, setSelection] = useState<EntryRef[]>([]);
  const [mode, setMode] = useState<GizmoMode>("translate");
  const [grid, setGrid] = useState(true);
  const [assets, setAssets] = useState<AssetView[]>([]);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string }>();
  const [busy, setBusy] = useState<string>();

  const [articles, setArticles] = useState<ArticleOption[]>([]);
  const [productInfo, setProductInfo] = useState({ name: "", price: "", description: "", article: "" });
  const loadAssets = useCallback(() => fetchJson<{ assets: AssetView[] }>("/api/studio/assets").then((r) => setAssets(r.assets)).catch(() => undefined), []);
  useEffect(() => void loadAssets(), [loadAssets]);
  // The knowledge articles of the hall this scene is for: what a booth's product links to (the concierge answers from it and takes people there).
  const articleHall = draft.detail?.halls[0]?.id ?? user.hallIds[0] ?? "demo";
  useEffect(() => {
    fetchJson<{ articles: { id: string; versions: Partial<Record<Lang, { title: string }>> }[] }>(`/api/halls/${encodeURIComponent(articleHall)}/articles`)
      .then((r) => setArticles(r.articles.map((a) => ({ id: a.id, title: a.versions[lang]?.title ?? a.versions.en?.title ?? a.versions["zh-CN"]?.title ?? a.id }))))
      .catch(() => setArticles([]));
  }, [articleHall, lang]);

  const edit = useCallback((change: (s: Scene) => Scene, key?: string) => !readOnly && draft.change(change, key), [readOnly, draft]);
  const select = useCallback((ref: EntryRef | undefined, add: boolean) => {
    setSelection((current) => (!ref ? [] : add ? (current.some((r) => sameRef(r, ref)) ? current.filter((r) => !sameRef(r, ref)) : [...current, ref]) : [ref]));
  }, []);
  const onMoved = useCallback(
    (ref: EntryRef, x: number, z: number, rotation: number | undefined) => {
      edit((s) => {
        const from = placeOf(s, ref)!;
        let next = moveEntry(s, ref, x, z, rotation);
        // The rest of a multi-selection moves along by the same step.
        for (const other of selection.slice(1)) {
          const p = placeOf(next, other);
          if (p) next = moveEntry(next, other, p.x + (x - from.x), p.z + (z - from.z), p.rotation);
        }
        return next;
      });
    },
    [edit, selection],
  );

  // Keyboard: undo / redo, delete, duplicate — not while typing in a field.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const typing = (e.target as HTMLElement | null)?.closest("input, textarea, select, [contenteditable]");
      if (typing) return;
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === "z") {
        e.preventDefault();
        if (e.shiftKey) draft.redo();
        else draft.undo();
      } else if (mod && e.key.toLowerCase() === "y") {
        e.preventDefault();
        draft.redo();
      } else if (mod && e.key.toLowerCase() === "d" && selection.length > 0) {
        e.preventDefault();
        duplicate();
      } else if ((e.key === "Delete" || e.key === "Backspace") && selection.length > 0) {
        e.preventDefault();
        remove();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (draft.loadError) return <p className="error" role="alert">{draft.loadError}</p>;
  if (!scene || !draft.detail) return <p className={styles.notice} role="status">{w.loading}</p>;

  function duplicate() {
    if (readOnly || !scene) return;
    const { scene: next, refs } = duplicateEntries(scene, selection);
    draft.change(() => next);
    setSelection(refs);
  }
  function remove() {
    if (readOnly) return;
    edit((s) => deleteEntries(s, selection));
    setSelection([]);
  }
  function add(kind: NewEntryKind) {
    if (readOnly || !scene) return;
    const { scene: next, ref } = addEntry(scene, kind, scene.spawn.x, scene.spawn.z - 2.5);
    draft.change(() => next);
    setSelection([ref]);
  }

  async function run(label: string, work: () => Promise<string>) {
    setBusy(label);
    setMessage(undefined);
    try {
      setMessage({ tone: "ok", text: await work() });
    } catch (error) {
      setMessage({ tone: "error", text: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(undefined);
    }
  }

  const publish = () =>
    run("publish", async () => {
      await draft.saveNow();
      const r = await fetchJson<{ version: { version: number } }>(`/api/studio/scenes/${sceneId}/publish`, { method: "POST" });
      await draft.reload();
      return fillIn(w.published, { v: r.version.version });
    });
  const rollBack = (version: number) =>
    run("rollback", async () => {
      await fetchJson(`/api/studio/scenes/${sceneId}/live`, { method: "PUT", body: JSON.stringify({ version }) });
      await draft.reload();
      return fillIn(w.rolledBack, { v: version });
    });
  const preview = async () => {
    await draft.saveNow();
    const hall = draft.detail?.halls[0]?.id ?? "demo";
    window.open(`/hall/${hall}?preview=${encodeURIComponent(sceneId)}`, "_blank", "noopener");
  };
  const upload = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    e.target.value = "";
    if (!file) return;
    void run("upload", async () => {
      const name = productInfo.name.trim() || file.name.replace(/\.glb$/i, "").slice(0, 80) || "Product";
      const query = new URLSearchParams({ name });
      if (productInfo.price.trim()) query.set("price", productInfo.price.trim());
      if (productInfo.description.trim()) query.set("description", productInfo.description.trim());
      if (productInfo.article) query.append("kb", productInfo.article);
      const r = await fetchJson<{ asset: AssetView }>(`/api/studio/assets?${query}`, { method: "POST", body: file, headers: { "content-type": "model/gltf-binary" } });
      setProductInfo({ name: "", price: "", description: "", article: "" });
      await loadAssets();
      return fillIn(w.uploadedOk, { name: r.asset.name, before: kb(r.asset.originalBytes), after: kb(r.asset.bytes), tris: r.asset.triangles });
    });
  };

  const primary = selection[0];
  const selectedBooth = primary && primary.list === "booths" ? primary : undefined;
  const saveText =
    draft.save.at === "saved" ? w.saved : draft.save.at === "unsaved" ? w.unsaved : draft.save.at === "saving" ? w.saving : fillIn(draft.save.at === "failed" ? w.saveFailed : w.conflict, { message: draft.save.message });
  const liveVersion = draft.detail.scene.liveVersion;

  return (
    <div className={styles.editor}>
      <header className={styles.toolbar}>
        <Link href="/studio" className={styles.backLink}>← {w.back}</Link>
        <input className={styles.sceneName} aria-label={w.name} value={scene.name} readOnly={readOnly} maxLength={80} onChange={(e) => e.target.value.trim() && edit((s) => ({ ...s, name: e.target.value }), "name")} />
        <span className={`${styles.saveState} ${draft.save.at === "failed" || draft.save.at === "conflict" ? styles.bad : ""}`} role="status" data-testid="save-state" data-state={draft.save.at}>
          {saveText}
          {draft.save.at === "conflict" ? <button type="button" className={styles.linkButton} onClick={() => void draft.discardLocal()}>{w.reloadDraft}</button> : null}
        </span>
        <div className={styles.toolbarEnd}>
          <button type="button" onClick={draft.undo} disabled={!draft.canUndo || readOnly} aria-keyshortcuts="Control+Z">{w.undo}</button>
          <button type="button" onClick={draft.redo} disabled={!draft.canRedo || readOnly} aria-keyshortcuts="Control+Shift+Z">{w.redo}</button>
          <button type="button" onClick={() => void preview()}>{w.preview}</button>
          <a className={styles.buttonLink} href={`/api/studio/scenes/${sceneId}/export`} download>{w.exportZip}</a>
          <button type="button" className={styles.primary} onClick={() => void publish()} disabled={readOnly || busy === "publish"}>{busy === "publish" ? w.publishing : w.publish}</button>
        </div>
      </header>
      {readOnly ? <p className={styles.lockNotice} role="alert">{fillIn(w.readOnly, { name: lock.at === "theirs" ? lock.name : "" })}</p> : null}
      {message ? <p className={message.tone === "ok" ? styles.okNotice : styles.errorNotice} role={message.tone === "ok" ? "status" : "alert"} data-testid="studio-message">{message.text}</p> : null}

      <div className={styles.columns}>
        <aside className={styles.left} aria-label={w.outline}>
          <section>
            <h2 className={styles.panelTitle}>{w.add}</h2>
            <div className={styles.addGrid}>
              {ADDABLE.map(([kind, word]) => (
                <button key={kind} type="button" onClick={() => add(kind)} disabled={readOnly}>
                  + {w[word]}
                </button>
              ))}
            </div>
          </section>
          <section>
            <h2 className={styles.panelTitle}>{w.outline}</h2>
            <Outline scene={scene} selection={selection} onSelect={select} issues={draft.issues} lang={lang} />
          </section>
        </aside>

        <section className={styles.viewport} aria-label={w.preview}>
          <StudioCanvas scene={shownScene ?? scene} selection={selection} onSelect={select} onMoved={onMoved} mode={mode} grid={grid} readOnly={readOnly} />
          <div className={styles.viewportBar}>
            <div role="radiogroup" aria-label={w.move}>
              <button type="button" role="radio" aria-checked={mode === "translate"} onClick={() => setMode("translate")}>{w.move}</button>
              <button type="button" role="radio" aria-checked={mode === "rotate"} onClick={() => setMode("rotate")}>{w.rotate}</button>
            </div>
            <label><input type="checkbox" checked={grid} onChange={(e) => setGrid(e.target.checked)} /> {w.grid}</label>
            <span className={styles.help}>{w.canvasHelp}</span>
          </div>
        </section>

        <aside className={styles.right} aria-label={w.properties}>
          <section>
            <h2 className={styles.panelTitle}>{w.properties}</h2>
            {selection.length === 0 ? (
              <>
                <p className={styles.muted}>{w.nothingSelected}</p>
                <HallProperties scene={scene} edit={edit} readOnly={readOnly} lang={lang} />
              </>
            ) : (
              <>
                {selection.length > 1 ? <p className={styles.muted}>{fillIn(w.selectedCount, { n: selection.length })}</p> : null}
                {primary ? <Properties scene={scene} refTo={primary} edit={edit} readOnly={readOnly} lang={lang} assets={assets} articles={articles} issues={draft.issues} /> : null}
                <div className={styles.row}>
                  <button type="button" onClick={duplicate} disabled={readOnly || selection.every((r) => !("index" in r))} aria-keyshortcuts="Control+D">{w.duplicate}</button>
                  <button type="button" className={styles.danger} onClick={remove} disabled={readOnly || selection.every((r) => !("index" in r))} aria-keyshortcuts="Delete">{w.delete}</button>
                </div>
              </>
            )}
          </section>
          <section>
            <h2 className={styles.panelTitle}>{w.products}</h2>
            <details className={styles.productForm}>
              <summary>{w.productDetails}</summary>
              <label className={styles.field}><span>{w.name}</span><input type="text" maxLength={80} value={productInfo.name} onChange={(e) => setProductInfo({ ...productInfo, name: e.target.value })} /></label>
              <label className={styles.field}><span>{w.price}</span><input type="text" maxLength={40} value={productInfo.price} onChange={(e) => setProductInfo({ ...productInfo, price: e.target.value })} /></label>
              <label className={styles.field}><span>{w.description}</span><textarea rows={2} maxLength={400} value={productInfo.description} onChange={(e) => setProductInfo({ ...productInfo, description: e.target.value })} /></label>
              <label className={styles.field}>
                <span>{w.kbArticle}</span>
                <select value={productInfo.article} onChange={(e) => setProductInfo({ ...productInfo, article: e.target.value })}>
                  <option value="">—</option>
                  {articles.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
                </select>
              </label>
            </details>
            <label className={styles.uploadButton}>
              <input type="file" accept=".glb,model/gltf-binary" onChange={upload} disabled={readOnly || busy === "upload"} data-testid="glb-upload" />
              {busy === "upload" ? w.uploading : w.upload}
            </label>
            <ul className={styles.assets}>
              {assets.map((a) => (
                <li key={a.id}>
                  <img src={a.thumbnail} alt="" width={48} height={48} />
                  <span>
                    <strong>{a.name}</strong>
                    <small>{a.price ? `${a.price} · ` : ""}{kb(a.bytes)} · {a.triangles.toLocaleString()} △</small>
                  </span>
                  <button type="button" disabled={!selectedBooth || readOnly} onClick={() => selectedBooth && edit((s) => placeProduct(s, selectedBooth, a))} aria-label={`${w.useOnBooth}: ${a.name}`}>
                    {w.useOnBooth}
                  </button>
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h2 className={styles.panelTitle}>{w.problems}</h2>
            {draft.issues.length === 0 ? <p className={styles.muted}>{w.noProblems}</p> : (
              <ul className={styles.issues} data-testid="scene-issues">
                {draft.issues.map((i, n) => (
                  <li key={n} className={i.severity === "error" ? styles.bad : styles.warn}>{i.message[lang]}</li>
                ))}
              </ul>
            )}
          </section>
          <section>
            <h2 className={styles.panelTitle}>{w.versions}</h2>
            <ul className={styles.versions}>
              {[...draft.detail.versions].reverse().map((v) => (
                <li key={v.version}>
                  <span>v{v.version} · {v.publishedBy.name} · {new Date(v.publishedAt).toLocaleString(lang)}</span>
                  {v.version === liveVersion ? <strong className={styles.liveBadge}>{w.liveBadge}</strong> : (
                    <button type="button" onClick={() => void rollBack(v.version)} disabled={busy === "rollback"} aria-label={`${w.rollBack}: v${v.version}`}>{w.rollBack}</button>
                  )}
                </li>
              ))}
            </ul>
          </section>
          <section>
            <h2 className={styles.panelTitle}>{w.history}</h2>
            <ul className={styles.history}>
              {draft.detail.history.slice(0, 8).map((h) => (
                <li key={h.seq}>{h.by.name} · {w.kinds[h.kind] ?? h.kind}{h.version ? ` v${h.version}` : ""} · {new Date(h.at).toLocaleString(lang)}</li>
              ))}
            </ul>
          </section>
        </aside>
      </div>
    </div>
  );
}

function Outline({ scene, selection, onSelect, issues, lang }: { scene: Scene; selection: EntryRef[]; onSelect(ref: EntryRef, add: boolean): void; issues: { target: string; severity: string }[]; lang: Lang }) {
  const w = STUDIO_WORDS[lang];
  const refs = allRefs(scene);
  const groups = new Map<string, EntryRef[]>();
  for (const ref of refs) groups.set(ref.list, [...(groups.get(ref.list) ?? []), ref]);
  return (
    <div className={styles.outline} data-testid="outline">
      {[...groups].map(([list, items]) => (
        <details key={list} open={list === "booths" || list === "signage" || items.some((r) => selection.some((s) => sameRef(s, r)))}>
          <summary>{w.groups[list] ?? list} <span className={styles.count}>{items.length}</span></summary>
          <ul>
            {items.map((ref) => {
              const problem = issues.find((i) => i.target === issueTarget(scene, ref));
              const selected = selection.some((s) => sameRef(s, ref));
              return (
                <li key={refKey(ref)}>
                  <button type="button" aria-pressed={selected} className={selected ? styles.selected : undefined} onClick={(e) => onSelect(ref, e.shiftKey)}>
                    {entryName(scene, ref) || "—"}
                    {problem ? <span className={problem.severity === "error" ? styles.dotBad : styles.dotWarn} aria-label={problem.severity} /> : null}
                  </button>
                </li>
              );
            })}
          </ul>
        </details>
      ))}
    </div>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className={styles.field}>
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A number field that commits on blur / Enter, so typing "1." is not refused half-way. */
function NumberField({ label, value, onCommit, readOnly, step = 0.1 }: { label: string; value: number; onCommit(v: number): void; readOnly: boolean; step?: number }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(Math.round(value * 1000) / 1000)), [value]);
  const commit = () => {
    const n = Number(text);
    if (Number.isFinite(n) && n !== value) onCommit(n);
    else setText(String(Math.round(value * 1000) / 1000));
  };
  return (
    <Field label={label}>
      <input type="number" step={step} value={text} readOnly={readOnly} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === "Enter" && commit()} />
    </Field>
  );
}

function TextField({ label, value, onCommit, readOnly, max, testId }: { label: string; value: string; onCommit(v: string): void; readOnly: boolean; max: number; testId?: string }) {
  return (
    <Field label={label}>
      <input type="text" value={value} maxLength={max} readOnly={readOnly} onChange={(e) => onCommit(e.target.value)} data-testid={testId} />
    </Field>
  );
}

function Properties({ scene, refTo, edit, readOnly, lang, assets, articles, issues }: { scene: Scene; refTo: EntryRef; edit(change: (s: Scene) => Scene, key?: string): void; readOnly: boolean; lang: Lang; assets: AssetView[]; articles: ArticleOption[]; issues: SceneIssue[] }) {
  const w = STUDIO_WORDS[lang];
  const entry = entryOf(scene, refTo) as LooseEntry | undefined;
  const place = placeOf(scene, refTo);
  if (!entry || !place) return null;
  const set = (path: string, value: unknown) => edit((s) => setField(s, refTo, path, value), `${refKey(refTo)}:${path}`);
  const deg = place.rotation === undefined ? undefined : Math.round((place.rotation * 180) / Math.PI);
  const wallSnap = () =>
    edit((s) => {
      const snapped = snapToWall(s, { x: place.x, z: place.z }, boxOf(s, refTo).d);
      return snapped ? moveEntry(s, refTo, snapped.at.x, snapped.at.z, snapped.rotation) : s;
    });
  return (
    <div className={styles.properties} data-testid="properties">
      <p className={styles.kind}>{w.groups[refTo.list] ?? refTo.list}</p>
      {issues.filter((i) => i.target === issueTarget(scene, refTo)).map((i, n) => (
        <p key={n} className={`${styles.entryIssue} ${i.severity === "error" ? styles.bad : styles.warn}`} role="note">{i.message[lang]}</p>
      ))}
      <div className={styles.pair}>
        <NumberField label={w.x} value={place.x} readOnly={readOnly} onCommit={(x) => edit((s) => moveEntry(s, refTo, x, place.z, place.rotation))} />
        <NumberField label={w.z} value={place.z} readOnly={readOnly} onCommit={(z) => edit((s) => moveEntry(s, refTo, place.x, z, place.rotation))} />
      </div>
      {deg !== undefined ? <NumberField label={w.rotation} value={deg} step={15} readOnly={readOnly} onCommit={(d) => edit((s) => moveEntry(s, refTo, place.x, place.z, (d * Math.PI) / 180))} /> : null}
      {refTo.list === "booths" || refTo.list === "signage" || refTo.list === "screens" || refTo.list === "whiteboards" ? (
        <button type="button" className={styles.linkButton} onClick={wallSnap} disabled={readOnly}>{w.snapWall}</button>
      ) : null}
      {"label" in entry || refTo.list === "booths" ? <TextField label={w.label} value={String(entry.label ?? "")} max={40} readOnly={readOnly} onCommit={(v) => set("label", v)} testId="prop-label" /> : null}
      {refTo.list === "signage" ? (
        <>
          <TextField label={w.text} value={String(entry.text)} max={40} readOnly={readOnly} onCommit={(v) => v.trim() && set("text", v)} testId="prop-text" />
          <TextField label={w.subtitle} value={String(entry.subtitle ?? "")} max={60} readOnly={readOnly} onCommit={(v) => set("subtitle", v || undefined)} />
          <div className={styles.pair}>
            <Field label={w.color}><input type="color" value={entry.color} disabled={readOnly} onChange={(e) => set("color", e.target.value)} /></Field>
            <Field label={w.textColor}><input type="color" value={entry.textColor} disabled={readOnly} onChange={(e) => set("textColor", e.target.value)} /></Field>
          </div>
          <Field label={w.style}>
            <select value={entry.style} disabled={readOnly} onChange={(e) => set("style", e.target.value)}>
              <option value="wall">wall</option>
              <option value="hanging">hanging</option>
              <option value="totem">totem</option>
            </select>
          </Field>
          <div className={styles.pair}>
            <NumberField label={w.width} value={entry.width ?? 1} readOnly={readOnly} onCommit={(v) => v > 0 && set("width", v)} />
            <NumberField label={w.height} value={entry.height ?? 1} readOnly={readOnly} onCommit={(v) => v > 0 && set("height", v)} />
          </div>
        </>
      ) : null}
      {refTo.list === "booths" ? (
        <>
          <Field label={w.description}>
            <textarea value={String(entry.description)} maxLength={400} readOnly={readOnly} rows={3} onChange={(e) => set("description", e.target.value)} />
          </Field>
          <Field label={w.kbArticle}>
            <select value={entry.kbArticleId} disabled={readOnly} onChange={(e) => set("kbArticleId", e.target.value)}>
              {articles.some((a) => a.id === entry.kbArticleId) ? null : <option value={entry.kbArticleId}>{entry.kbArticleId}</option>}
              {articles.map((a) => <option key={a.id} value={a.id}>{a.title}</option>)}
            </select>
          </Field>
          <Field label={w.stand}>
            <select value={entry.stand} disabled={readOnly} onChange={(e) => set("stand", e.target.value)}>
              {["table", "plinth", "counter"].map((s) => <option key={s} value={s}>{s}</option>)}
            </select>
          </Field>
          <Field label={w.product}>
            <select
              value={entry.product?.kind === "glb" ? `glb:${entry.product.url}` : `procedural:${entry.product?.model ?? "phone"}`}
              disabled={readOnly}
              data-testid="prop-product"
              onChange={(e) => {
                const [kind, value] = [e.target.value.slice(0, e.target.value.indexOf(":")), e.target.value.slice(e.target.value.indexOf(":") + 1)];
                set("product", kind === "glb" ? { kind: "glb", url: value } : { kind: "procedural", model: value });
              }}
            >
              <optgroup label={w.procedural}>
                {ProductModel.options.map((m) => <option key={m} value={`procedural:${m}`}>{m}</option>)}
              </optgroup>
              <optgroup label={w.uploaded}>
                {assets.map((a) => <option key={a.id} value={`glb:${a.url}`}>{a.name}</option>)}
              </optgroup>
            </select>
          </Field>
        </>
      ) : null}
    </div>
  );
}

/** A product model on a booth: the model, and the product's name, description and article when it has them. */
function placeProduct(scene: Scene, booth: EntryRef, asset: AssetView): Scene {
  let next = setField(scene, booth, "product", { kind: "glb", url: asset.url });
  next = setField(next, booth, "label", asset.name.slice(0, 40));
  if (asset.description) next = setField(next, booth, "description", asset.description.slice(0, 400));
  if (asset.kbArticleIds[0]) next = setField(next, booth, "kbArticleId", asset.kbArticleIds[0]);
  return next;
}
