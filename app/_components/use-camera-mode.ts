"use client";
import { useCallback, useEffect, useState } from "react";
import type { CameraMode } from "./hall-scene.tsx";

const KEY = "atrium.camera";

function remember(mode: CameraMode): void {
  try {
    localStorage.setItem(KEY, mode);
  } catch {
    // private browsing: the choice is just not remembered
  }
}

/** Follow (third-person) or first-person view; V switches; remembered for next time. */
export function useCameraMode(): [CameraMode, (mode: CameraMode) => void] {
  const [mode, setModeState] = useState<CameraMode>("third");
  const setMode = useCallback((next: CameraMode) => {
    setModeState(next);
    remember(next);
  }, []);
  useEffect(() => {
    if (localStorage.getItem(KEY) === "first") setModeState("first");
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (event.code !== "KeyV" || event.repeat || (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA"))) return;
      setModeState((m) => {
        const next = m === "third" ? "first" : "third";
        remember(next);
        return next;
      });
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  return [mode, setMode];
}
