"use client";
import { normalizeAvatarChoice } from "../../../game-server/protocol/avatar-choice.ts";

/** The look picked in the lobby, remembered on this browser so the next visit starts with it. */
const KEY = "atrium.avatar";

/** The remembered choice as canonical text, or "" when there is none (or it no longer parses). */
export function loadAvatarChoice(): string {
  try {
    return normalizeAvatarChoice(localStorage.getItem(KEY) ?? "");
  } catch {
    return "";
  }
}

export function saveAvatarChoice(text: string): void {
  try {
    if (text) localStorage.setItem(KEY, text);
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode or a full quota: the look still works for this visit.
  }
}
