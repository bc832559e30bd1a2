"use client";
import type { Light, Scene, SurfaceMaterial } from "../../scenes/scene-format.ts";
import type { Lang } from "../_i18n/lang.ts";
import { STUDIO_WORDS } from "./studio-words.ts";
import styles from "./studio.module.css";

const FINISHES: readonly SurfaceMaterial["kind"][] = ["plaster", "wood-planks", "wood-panels", "marble", "terrazzo", "carpet", "concrete", "tiles"];

/**
 * What belongs to the whole hall, shown while nothing is selected: its colours, the finishes of
 * floor and walls (textures are generated from these), exposure and each light's strength.
 */
export function HallProperties({ scene, edit, readOnly, lang }: { scene: Scene; edit(change: (s: Scene) => Scene, key?: string): void; readOnly: boolean; lang: Lang }) {
  const w = STUDIO_WORDS[lang];
  const material = (which: "floor" | "walls", patch: Partial<SurfaceMaterial>) =>
    edit((s) => ({ ...s, materials: { ...s.materials, [which]: { ...s.materials[which], ...patch } } }), `hall:${which}:${Object.keys(patch).join()}`);
  const light = (index: number, patch: Partial<Light>) =>
    edit((s) => ({ ...s, lighting: { ...s.lighting, lights: s.lighting.lights.map((l, i) => (i === index ? ({ ...l, ...patch } as Light) : l)) } }), `hall:light:${index}`);
  return (
    <div className={styles.properties} data-testid="hall-properties">
      <p className={styles.kind}>{w.hall}</p>
      <div className={styles.pair}>
        <label className={styles.field}>
          <span>{w.accent}</span>
          <input type="color" value={scene.palette.accent} disabled={readOnly} onChange={(e) => edit((s) => ({ ...s, palette: { ...s.palette, accent: e.target.value } }), "hall:accent")} />
        </label>
        <label className={styles.field}>
          <span>{w.sky}</span>
          <input type="color" value={scene.palette.sky} disabled={readOnly} onChange={(e) => edit((s) => ({ ...s, palette: { ...s.palette, sky: e.target.value } }), "hall:sky")} />
        </label>
      </div>
      {(["floor", "walls"] as const).map((which) => (
        <div className={styles.pair} key={which}>
          <label className={styles.field}>
            <span>{which === "floor" ? w.floor : w.walls}</span>
            <select value={scene.materials[which].kind} disabled={readOnly} onChange={(e) => material(which, { kind: e.target.value as SurfaceMaterial["kind"] })}>
              {FINISHES.map((f) => <option key={f} value={f}>{w.finishes[f] ?? f}</option>)}
            </select>
          </label>
          <label className={styles.field}>
            <span>{w.colour}</span>
            <input type="color" value={scene.materials[which].color} disabled={readOnly} onChange={(e) => material(which, { color: e.target.value })} />
          </label>
        </div>
      ))}
      <label className={styles.field}>
        <span>{w.exposure} · {scene.lighting.exposure.toFixed(2)}</span>
        <input type="range" min={0.3} max={2.5} step={0.05} value={scene.lighting.exposure} disabled={readOnly} onChange={(e) => edit((s) => ({ ...s, lighting: { ...s.lighting, exposure: Number(e.target.value) } }), "hall:exposure")} />
      </label>
      {scene.lighting.lights.map((l, i) => {
        const max = l.kind === "spot" || l.kind === "point" ? 400 : 6;
        return (
          <label className={styles.field} key={i}>
            <span>{w.lights[l.kind] ?? l.kind} · {l.intensity.toFixed(1)}</span>
            <input type="range" min={0} max={max} step={max / 100} value={Math.min(l.intensity, max)} disabled={readOnly} onChange={(e) => light(i, { intensity: Number(e.target.value) })} />
          </label>
        );
      })}
    </div>
  );
}
