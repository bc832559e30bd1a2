import { useSyncExternalStore } from "react";

/**
 * Whether a full-screen board editor is open on this page: the hall's 3D view, hidden under it,
 * stops drawing frames meanwhile (on a software-rendered page the two would share the CPU).
 */
let open = 0;
const listeners = new Set<() => void>();

/** Called by the editor while it is mounted; returns the way to say it closed. */
export function markEditorOpen(): () => void {
  open++;
  listeners.forEach((l) => l());
  return () => {
    open--;
    listeners.forEach((l) => l());
  };
}

export function useEditorOpen(): boolean {
  return useSyncExternalStore(
    (onChange) => (listeners.add(onChange), () => void listeners.delete(onChange)),
    () => open > 0,
    () => false,
  );
}
