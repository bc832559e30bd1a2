"use client";
import type { CSSProperties } from "react";
import {
  AVATAR_CHOICE_BUILDS, AVATAR_CHOICE_HAIR, AVATAR_CHOICE_HEIGHT, AVATAR_CHOICE_PRESETS, AVATAR_CHOICE_TOPS, encodeAvatarChoice,
  isUploadedChoice, parseAvatarChoice, type GeneratedAvatarChoice,
} from "../../../game-server/protocol/avatar-choice.ts";
import { skinToneAt, slidersForChoice, type LookSliders } from "../../../avatars/avatar-choice-params.ts";
import { HAIR_COLORS, PRESETS, SKIN_TONES } from "../../../avatars/index.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { fillWords as fill } from "../hud/service-words.ts";
import { AvatarUpload } from "./avatar-upload.tsx";
import styles from "./lobby.module.css";
import { LOBBY_WORDS, LOOK_WORDS } from "./lobby-words.ts";

/** The slider's track is the ramp itself, lightest to darkest. */
const SKIN_RAMP = `linear-gradient(to right, ${SKIN_TONES.join(", ")})`;
const TOP_COLORS = ["#2f8f83", "#3f6fb5", "#8a4fb5", "#c2456e", "#b5533f", "#e0a030", "#3f7d4f", "#2f4858"] as const;
/** A preset is a person's name ("lena"), written the same in every language. */
const presetName = (preset: string): string => preset[0]!.toUpperCase() + preset.slice(1);

/** A look for someone who has not chosen one yet: a preset in their own colours. */
export function randomAvatarChoice(): string {
  const pick = <T,>(list: readonly T[]): T => list[Math.floor(Math.random() * list.length)]!;
  return encodeAvatarChoice({ v: 1, preset: pick(AVATAR_CHOICE_PRESETS), hairColor: pick(HAIR_COLORS), topColor: pick(TOP_COLORS) });
}

/**
 * Preset looks, a few sliders over the generator's parameters, and an upload of the visitor's
 * own GLB. `value` is the canonical choice text (game-server/protocol/avatar-choice.ts); every
 * change is reported as new canonical text.
 */
export function AvatarPicker({ value, onChange, lang }: { value: string; onChange: (text: string) => void; lang: Lang }) {
  const choice = parseAvatarChoice(value);
  const generated: GeneratedAvatarChoice | undefined = choice && !isUploadedChoice(choice) ? choice : undefined;
  const sliders = generated ? slidersForChoice(generated) : undefined;
  const w = LOBBY_WORDS[lang];
  const look = LOOK_WORDS[lang];
  const set = (patch: Partial<LookSliders>): void => {
    if (generated) onChange(encodeAvatarChoice({ ...generated, ...patch }));
  };

  return (
    <div className={styles.picker}>
      <div className={styles.presets} role="group" aria-label={w.presets}>
        {AVATAR_CHOICE_PRESETS.map((preset) => {
          const p = PRESETS[preset];
          return (
            <button key={preset} type="button" className={styles.preset} aria-pressed={generated?.preset === preset} onClick={() => onChange(encodeAvatarChoice({ v: 1, preset }))}>
              <span className={styles.chip} style={{ background: `linear-gradient(${p.hairColor} 0 34%, ${p.skinTone} 34% 68%, ${p.topColor} 68%)` }} aria-hidden />
              {presetName(preset)}
            </button>
          );
        })}
      </div>

      {sliders ? (
        <fieldset className={styles.sliders}>
          <label className={styles.range}>
            <span>{w.skinTone}</span>
            <input
              type="range"
              aria-label={w.skinTone}
              className={styles.skin}
              min={0}
              max={1}
              step={0.01}
              value={sliders.skin}
              onChange={(e) => set({ skin: Number(e.target.value) })}
              style={{ background: SKIN_RAMP, "--thumb": skinToneAt(sliders.skin) } as CSSProperties}
            />
          </label>
          <label className={styles.range}>
            <span>{w.height}</span>
            <input type="range" aria-label={w.height} min={AVATAR_CHOICE_HEIGHT.min} max={AVATAR_CHOICE_HEIGHT.max} step={0.01} value={sliders.height} onChange={(e) => set({ height: Number(e.target.value) })} />
            <output>{fill(w.cm, { n: Math.round(sliders.height * 100) })}</output>
          </label>
          <div className={styles.selects}>
            <Select label={w.build} value={sliders.build} options={AVATAR_CHOICE_BUILDS} words={look} onChange={(build) => set({ build })} />
            <Select label={w.hair} value={sliders.hair} options={AVATAR_CHOICE_HAIR} words={look} onChange={(hair) => set({ hair })} />
            <Select label={w.top} value={sliders.top} options={AVATAR_CHOICE_TOPS} words={look} onChange={(top) => set({ top })} />
          </div>
          <Swatches label={w.hairColour} swatch={w.swatch} value={sliders.hairColor} colors={HAIR_COLORS} onChange={(hairColor) => set({ hairColor })} />
          <Swatches label={w.topColour} swatch={w.swatch} value={sliders.topColor} colors={TOP_COLORS} onChange={(topColor) => set({ topColor })} />
        </fieldset>
      ) : (
        <p className={styles.ownLook}>{w.ownLook}</p>
      )}

      <AvatarUpload onUploaded={(id) => onChange(encodeAvatarChoice({ v: 1, upload: id }))} active={choice !== undefined && isUploadedChoice(choice)} lang={lang} />
    </div>
  );
}

function Select<T extends string>({ label, value, options, words, onChange }: { label: string; value: T; options: readonly T[]; words: Record<T, string>; onChange: (value: T) => void }) {
  return (
    <label className={styles.select}>
      <span>{label}</span>
      <select aria-label={label} value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((o) => (
          <option key={o} value={o}>
            {words[o]}
          </option>
        ))}
      </select>
    </label>
  );
}

/** `swatch` words one colour's button: "{label} {color}". */
function Swatches({ label, swatch, value, colors, onChange }: { label: string; swatch: string; value: string; colors: readonly string[]; onChange: (color: string) => void }) {
  // A preset's own colour may not be in the palette; show it so the current look is visible.
  const shown = colors.includes(value) ? colors : [value, ...colors];
  return (
    <div className={styles.swatches} role="radiogroup" aria-label={label}>
      <span>{label}</span>
      {shown.map((color) => (
        <button
          key={color}
          type="button"
          role="radio"
          aria-checked={color === value}
          aria-label={fill(swatch, { label, color })}
          title={color}
          className={styles.swatch}
          style={{ background: color }}
          onClick={() => onChange(color)}
        />
      ))}
    </div>
  );
}
