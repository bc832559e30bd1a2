"use client";
import { useCallback, useEffect, useState } from "react";
import type { Lang } from "../../game-server/protocol/concierge.ts";

export type { Lang };
export const LANGS: readonly Lang[] = ["en", "zh-CN"];
const KEY = "atrium.lang";

/** A page's words in every language it speaks: one object per language, the same keys in each. */
export type Dictionary<K extends string> = Record<Lang, Record<K, string>>;

/** The language to start in: the visitor's earlier choice, else the browser's, else English. */
export function initialLang(stored: string | null, browser: readonly string[]): Lang {
  if (stored === "en" || stored === "zh-CN") return stored;
  return browser.some((l) => l.toLowerCase().startsWith("zh")) ? "zh-CN" : "en";
}

/**
 * The page's language and a way to change it (remembered in `localStorage["atrium.lang"]`,
 * shared by every page; `<html lang>` follows it for screen readers). Renders English on the
 * server and switches after hydration, so server and client markup agree.
 */
export function useLang(): [Lang, (lang: Lang) => void] {
  const [lang, setLangState] = useState<Lang>("en");
  useEffect(() => {
    setLangState(initialLang(localStorage.getItem(KEY), navigator.languages ?? [navigator.language]));
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    localStorage.setItem(KEY, next);
    setLangState(next);
  }, []);
  return [lang, setLang];
}
