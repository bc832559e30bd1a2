"use client";
import { useState, type FormEvent } from "react";
import { AvatarPicker, randomAvatarChoice } from "./avatar-picker.tsx";
import { AvatarPreview } from "./avatar-preview.tsx";
import { loadAvatarChoice, saveAvatarChoice } from "./avatar-choice-store.ts";
import styles from "./lobby.module.css";

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
}

/**
 * Before entering a hall: the display name, the look (presets, sliders, own GLB, with a live
 * preview) and whether to bring the microphone. The look is remembered on this browser; a
 * first-time visitor starts from a random one rather than a blank.
 */
export function LobbyCard({ hallName, name, onName, withMic, onWithMic, joining, error, onEnter }: LobbyCardProps) {
  // The lobby only renders in the browser (after the hall has been fetched), so storage is there.
  const [avatar, setAvatar] = useState(() => loadAvatarChoice() || randomAvatarChoice());
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
        <p className="hint">Choose your name and how you look to others.</p>
      </header>
      <AvatarPreview avatar={avatar} seed="lobby-preview" />
      <div className={styles.controls}>
        <input type="text" name="displayName" aria-label="Display name" placeholder="Your name" value={name} maxLength={32} required autoFocus onChange={(e) => onName(e.target.value)} />
        <AvatarPicker value={avatar} onChange={choose} />
      </div>
      <footer className={styles.footer}>
        <label className="check">
          <input type="checkbox" checked={withMic} onChange={(e) => onWithMic(e.target.checked)} /> Join with my microphone on
        </label>
        {error ? <p className="error" role="alert">{error}</p> : null}
        <button type="submit" disabled={joining || name.trim() === ""}>
          {joining ? "Entering…" : "Enter the hall"}
        </button>
        <p className={`hint ${styles.keys}`}>Walk with W A S D or the arrow keys.</p>
      </footer>
    </form>
  );
}
