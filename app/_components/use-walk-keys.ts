"use client";
import { useEffect, useRef } from "react";

export interface WalkKeys {
  forward: boolean;
  back: boolean;
  left: boolean;
  right: boolean;
}

const bindings: Record<string, keyof WalkKeys> = {
  KeyW: "forward",
  ArrowUp: "forward",
  KeyS: "back",
  ArrowDown: "back",
  KeyA: "left",
  ArrowLeft: "left",
  KeyD: "right",
  ArrowRight: "right",
};

/** Which walking keys are held, read each frame without re-rendering. Typing in a field does not walk. */
export function useWalkKeys() {
  const keys = useRef<WalkKeys>({ forward: false, back: false, left: false, right: false });
  useEffect(() => {
    const set = (down: boolean) => (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.isContentEditable)) return;
      const key = bindings[event.code];
      if (!key) return;
      keys.current[key] = down;
      event.preventDefault();
    };
    const down = set(true);
    const up = set(false);
    const reset = () => (keys.current = { forward: false, back: false, left: false, right: false });
    window.addEventListener("keydown", down);
    window.addEventListener("keyup", up);
    window.addEventListener("blur", reset);
    return () => {
      window.removeEventListener("keydown", down);
      window.removeEventListener("keyup", up);
      window.removeEventListener("blur", reset);
    };
  }, []);
  return keys;
}
