"use client";
import { useState, type FormEvent } from "react";
import type { Lang } from "../../_i18n/lang.ts";
import { LangSwitch } from "../../_i18n/lang-switch.tsx";
import { AvatarPicker, randomAvatarChoice } from "./avatar-picker.tsx";
import { AvatarPreview } from "./avatar-preview.tsx";
import { loadAvatarChoice, saveAvatarChoice } from "./avatar-choice-store.ts";
import styles from "./lobby.module.css";
import { LOBBY_WORDS } from "./lobby-words.ts";

export interface LobbyCardProps {
  hallName: string;
  name: string;
  onName: (name: string) => void;
  withMic: boolean;
  onWithMic: (on: boolean) => void;
  joining: boolean;
  error?: string;
  /** Called on submit with the avatar choice text to join with. */
  onEnter: (event: FormEvent, avatar: string) => void;
  /** The page's language (`useLang()` in the hall view, so the HUD keeps what was chosen here). */
  lang: Lang;
  onLang: (lang: Lang) => void;
}

/**
 * Before entering a hall: the display name, the look (presets, sliders, own GLB, with a live
 * preview) and whether to bring the microphone. The look is remembered on this browser; a
 * first-time visitor starts from a random one rather than a blank.
 */
export function LobbyCard({ hallName, name, onName, withMic, onWithMic, joining, error, onEnter, lang, onLang }: LobbyCardProps) {
  // The lobby only renders in the browser (after the hall has been fetched), so storage is there.
  const [avatar, setAvatar] = useState(() => loadAvatarChoice() || randomAvatarChoice());
  const w = LOBBY_WORDS[lang];
  const choose = (text: string): void => {
    setAvatar(text);
    saveAvatarChoice(text);
  };
  const submit = (event: FormEvent): void => {
    saveAvatarChoice(avatar);
    onEnter(event, avatar);
  };

  return (
    <form className={`card ${styles.lobby}`} onSubmit={submit}>
      <header className={styles.header}>
        <h1>{hallName}</h1>
        <p className="hint">{w.hint}</p>
        {/* Wrapped: a grid item would stretch the pill across the card. */}
        <div>
          <LangSwitch lang={lang} onChange={onLang} />
        </div>
      </header>
      <AvatarPreview avatar={avatar} seed="lobby-preview" lang={lang} />
      <div className={styles.controls}>
        <input type="text" name="displayName" aria-label={w.displayName} placeholder={w.yourName} value={name} maxLength={32} required autoFocus onChange={(e) => onName(e.target.value)} data-testid="lobby-name" />
        <AvatarPicker value={avatar} onChange={choose} lang={lang} />
      </div>
      <footer className={styles.footer}>
        <label className="check">
          <input type="checkbox" checked={withMic} onChange={(e) => onWithMic(e.target.checked)} /> {w.withMic}
        </label>
        {error ? <p className="error" role="alert">{error}</p> : null}
        <button type="submit" disabled={joining || name.trim() === ""} data-testid="lobby-enter">
          {joining ? w.entering : w.enter}
        </button>
        <p className={`hint ${styles.keys}`}>{w.keys}</p>
      </footer>
    </form>
  );
}
