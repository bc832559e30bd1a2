"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SceneIssue } from "../../scenes/scene-checks.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import { ApiError, fetchJson } from "../_staff/fetch-json.ts";
import { amend, record, redo as redoStep, resume, startHistory, undo as undoStep, type DraftHistory, type StoredWork } from "./draft-history.ts";

export interface SceneSummary {
  id: string;
  name: string;
  revision: number;
  liveVersion: number | null;
  latestVersion: number;
  updatedBy: { id: string; name: string };
  updatedAt: string;
  lock: { by: { id: string; name: string }; until: string } | null;
}

export interface SceneDetail {
  scene: SceneSummary & { draft: Scene };
  issues: SceneIssue[];
  versions: { version: number; name: string; publishedBy: { name: string }; publishedAt: string }[];
  history: { seq: number; kind: string; revision: number | null; version: number | null; by: { name: string }; at: string }[];
  halls: { id: string; name: string }[];
}

export type SaveState = { at: "saved" } | { at: "unsaved" } | { at: "saving" } | { at: "failed"; message: string } | { at: "conflict"; message: string };
export type LockState = { at: "checking" } | { at: "mine" } | { at: "theirs"; name: string };

const AUTOSAVE_MS = 700;
const LOCK_RENEW_MS = 10_000;
const storageKey = (id: string) => `atrium-studio:${id}`;

function loadWork(id: string): StoredWork<Scene> | undefined {
  try {
    const raw = window.localStorage.getItem(storageKey(id));
    return raw ? (JSON.parse(raw) as StoredWork<Scene>) : undefined;
  } catch {
    return undefined;
  }
}

function keepWork(id: string, work: StoredWork<Scene>): void {
  try {
    window.localStorage.setItem(storageKey(id), JSON.stringify(work));
  } catch {
    // A full browser store only costs the undo stack across reloads; the server keeps the draft.
  }
}

/**
 * One scene's draft in the studio: the document with undo / redo, saved to the server a moment
 * after each change (and kept in the browser first, so a reload or a crashed tab loses nothing
 * typed), and the editing lock — one marketer edits at a time; anyone else looks, read-only,
 * told who is editing.
 */
export function useStudioDraft(id: string, userId: string | undefined) {
  const [detail, setDetail] = useState<SceneDetail>();
  const [history, setHistory] = useState<DraftHistory<Scene>>();
  const [save, setSave] = useState<SaveState>({ at: "saved" });
  const [lock, setLock] = useState<LockState>({ at: "checking" });
  const [issues, setIssues] = useState<SceneIssue[]>([]);
  const [loadError, setLoadError] = useState<string>();
  const revision = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const saving = useRef<Promise<void>>(Promise.resolve());
  const latest = useRef<DraftHistory<Scene>>(undefined);

  const reload = useCallback(async () => {
    const d = await fetchJson<SceneDetail>(`/api/studio/scenes/${encodeURIComponent(id)}`);
    setDetail(d);
    setIssues(d.issues);
    return d;
  }, [id]);

  // Open: the server's draft, or the browser's unsaved work on top of it.
  useEffect(() => {
    reload()
      .then((d) => {
        revision.current = d.scene.revision;
        const { history: h, unsaved } = resume(loadWork(id), { revision: d.scene.revision, draft: d.scene.draft });
        latest.current = h;
        setHistory(h);
        if (unsaved) {
          setSave({ at: "unsaved" });
          schedule();
        }
      })
      .catch((e: Error) => setLoadError(e.message));
  }, [id, reload]);

  // The editing lock: taken on opening, renewed while the page is open, let go on leaving.
  useEffect(() => {
    if (!userId) return;
    let stopped = false;
    const claim = () =>
      fetchJson<{ lock: SceneSummary["lock"]; mine: boolean }>(`/api/studio/scenes/${encodeURIComponent(id)}/lock`, { method: "POST" })
        .then((r) => !stopped && setLock(r.mine ? { at: "mine" } : { at: "theirs", name: r.lock?.by.name ?? "" }))
        .catch(() => undefined);
    void claim();
    const every = setInterval(claim, LOCK_RENEW_MS);
    const release = () => void fetch(`/api/studio/scenes/${encodeURIComponent(id)}/lock`, { method: "DELETE", keepalive: true });
    window.addEventListener("pagehide", release);
    return () => {
      stopped = true;
      clearInterval(every);
      window.removeEventListener("pagehide", release);
      release();
    };
  }, [id, userId]);

  const flush = useCallback(async () => {
    const h = latest.current;
    if (!h) return;
    const draft = h.present;
    setSave({ at: "saving" });
    try {
      const r = await fetchJson<{ scene: SceneSummary; issues: SceneIssue[] }>(`/api/studio/scenes/${encodeURIComponent(id)}/draft`, {
        method: "PUT",
        body: JSON.stringify({ revision: revision.current, draft, name: draft.name }),
      });
      revision.current = r.scene.revision;
      setIssues(r.issues);
      setDetail((d) => (d ? { ...d, scene: { ...d.scene, ...r.scene, draft } } : d));
      keepWork(id, { revision: r.scene.revision, saved: true, history: latest.current! });
      setSave(latest.current!.present === draft ? { at: "saved" } : { at: "unsaved" });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      setSave(error instanceof ApiError && (error.status === 409 || error.status === 423) ? { at: "conflict", message } : { at: "failed", message });
    }
  }, [id]);

  const schedule = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      saving.current = saving.current.then(flush);
    }, AUTOSAVE_MS);
  }, [flush]);

  const commit = useCallback(
    (next: DraftHistory<Scene>) => {
      if (next === latest.current) return;
      latest.current = next;
      setHistory(next);
      // In the browser before anything else: a reload from here on finds it.
      keepWork(id, { revision: revision.current, saved: false, history: next });
      setSave({ at: "unsaved" });
      schedule();
    },
    [id, schedule],
  );

  // Edits of one field in a quick run (typing, a slider's drag) are one undo step.
  const lastEdit = useRef<{ key: string; at: number }>(undefined);
  const change = useCallback(
    (edit: (scene: Scene) => Scene, key?: string) => {
      const h = latest.current;
      if (!h) return;
      const now = Date.now();
      const same = key !== undefined && lastEdit.current?.key === key && now - lastEdit.current.at < 1500 && h.past.length > 0;
      lastEdit.current = key === undefined ? undefined : { key, at: now };
      commit(same ? amend(h, edit(h.present)) : record(h, edit(h.present)));
    },
    [commit],
  );
  const undo = useCallback(() => {
    lastEdit.current = undefined;
    if (latest.current) commit(undoStep(latest.current));
  }, [commit]);
  const redo = useCallback(() => {
    lastEdit.current = undefined;
    if (latest.current) commit(redoStep(latest.current));
  }, [commit]);

  /** Saves what is pending now (before publishing or previewing). */
  const saveNow = useCallback(async () => {
    clearTimeout(timer.current);
    await saving.current;
    if (save.at !== "saved") {
      saving.current = flush();
      await saving.current;
    }
  }, [flush, save.at]);

  /** Someone else's save won: start again from the server's draft. */
  const discardLocal = useCallback(async () => {
    window.localStorage.removeItem(storageKey(id));
    const d = await reload();
    revision.current = d.scene.revision;
    const h = startHistory(d.scene.draft);
    latest.current = h;
    setHistory(h);
    setSave({ at: "saved" });
  }, [id, reload]);

  return { detail, scene: history?.present, canUndo: (history?.past.length ?? 0) > 0, canRedo: (history?.future.length ?? 0) > 0, change, undo, redo, save, saveNow, lock, issues, reload, discardLocal, loadError };
}
