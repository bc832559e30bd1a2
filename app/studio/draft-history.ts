/**
 * Undo / redo over whole scene documents (a hall is ~30 KB of JSON: snapshots are simpler and
 * safer than inverse operations), bounded, and serialisable so that a reload keeps them.
 */
export interface DraftHistory<T> {
  past: T[];
  present: T;
  future: T[];
}

export const HISTORY_LIMIT = 40;

export function startHistory<T>(present: T): DraftHistory<T> {
  return { past: [], present, future: [] };
}

export function record<T>(h: DraftHistory<T>, next: T): DraftHistory<T> {
  if (JSON.stringify(next) === JSON.stringify(h.present)) return h;
  return { past: [...h.past, h.present].slice(-HISTORY_LIMIT), present: next, future: [] };
}

/** Replaces the present without a new undo step (the same slider or field still moving). */
export function amend<T>(h: DraftHistory<T>, next: T): DraftHistory<T> {
  return { ...h, present: next, future: [] };
}

export function undo<T>(h: DraftHistory<T>): DraftHistory<T> {
  const previous = h.past.at(-1);
  if (previous === undefined) return h;
  return { past: h.past.slice(0, -1), present: previous, future: [h.present, ...h.future] };
}

export function redo<T>(h: DraftHistory<T>): DraftHistory<T> {
  const next = h.future[0];
  if (next === undefined) return h;
  return { past: [...h.past, h.present], present: next, future: h.future.slice(1) };
}

/** What the studio keeps in the browser per scene: the history, and the revision it was based on. */
export interface StoredWork<T> {
  revision: number;
  /** The last revision the server confirmed for `present` (equal to `revision` when nothing is unsaved). */
  saved: boolean;
  history: DraftHistory<T>;
}

/**
 * On opening a scene: the browser's own work wins when it was based on the revision the server
 * still has (edits typed before a crash or reload, not yet saved, plus the undo stack); anything
 * else (someone saved since) starts fresh from the server's draft.
 */
export function resume<T>(stored: StoredWork<T> | undefined, server: { revision: number; draft: T }): { history: DraftHistory<T>; unsaved: boolean } {
  if (stored && stored.revision === server.revision) {
    return { history: stored.history, unsaved: JSON.stringify(stored.history.present) !== JSON.stringify(server.draft) };
  }
  return { history: startHistory(server.draft), unsaved: false };
}
