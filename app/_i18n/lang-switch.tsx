"use client";
import type { Lang } from "./lang.ts";

const NAMES: Record<Lang, string> = { en: "English", "zh-CN": "中文" };

/** Two buttons, the current language pressed; keyboard reachable, announced as a group. */
export function LangSwitch({ lang, onChange }: { lang: Lang; onChange: (lang: Lang) => void }) {
  return (
    <div className="lang-switch" role="group" aria-label="Language / 语言">
      {(Object.keys(NAMES) as Lang[]).map((l) => (
        <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => onChange(l)}>
          {NAMES[l]}
        </button>
      ))}
    </div>
  );
}
