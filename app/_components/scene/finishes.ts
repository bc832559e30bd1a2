"use client";
import { DoubleSide, MeshBasicMaterial, MeshMatcapMaterial, MeshStandardMaterial, type Material, type Texture } from "three";
import type { Finish } from "./static-batch.ts";
import { paintBlob, paintGrain, paintMatcap } from "./surface-textures.ts";

/**
 * The handful of materials the whole static scene is drawn with; each takes its colour from
 * the vertices. `glow` is unlit (light panels, device screens, LED strips); `sign` shows the
 * signage atlas unlit, like a backlit sign, so it stays legible in any light. The shiny ones
 * carry the environment map themselves. With `baked` (the low preset) the matte ones are
 * unlit and show the light baked into their vertices, and metal and gloss use matcaps.
 */
/** Finishes whose light can be baked into their vertices on the low preset (see `baked-lighting.ts`). */
export const bakeable: ReadonlySet<Finish> = new Set(["matte", "satin", "wood"]);

export function createFinishes(signAtlas: Texture, envMap: Texture, envIntensity: number, baked: boolean): { materials: Record<Finish, Material>; dispose(): void } {
  const grain = paintGrain();
  const blob = paintBlob();
  const matcaps = baked ? { metal: paintMatcap("metal"), gloss: paintMatcap("gloss") } : undefined;
  const lit = (roughness: number, metalness: number, extra: Partial<MeshStandardMaterial> = {}) => new MeshStandardMaterial({ vertexColors: true, roughness, metalness, ...extra });
  const materials: Record<Finish, Material> = {
    matte: baked ? new MeshBasicMaterial({ vertexColors: true }) : lit(0.85, 0),
    satin: baked ? new MeshBasicMaterial({ vertexColors: true }) : lit(0.45, 0),
    gloss: matcaps ? new MeshMatcapMaterial({ vertexColors: true, matcap: matcaps.gloss }) : lit(0.12, 0.05, { envMap, envMapIntensity: envIntensity }),
    metal: matcaps ? new MeshMatcapMaterial({ vertexColors: true, matcap: matcaps.metal }) : lit(0.28, 1, { envMap, envMapIntensity: envIntensity }),
    wood: baked ? new MeshBasicMaterial({ vertexColors: true, map: grain }) : lit(0.5, 0, { map: grain }),
    glow: new MeshBasicMaterial({ vertexColors: true }),
    glass: lit(0.04, 0, { transparent: true, opacity: 0.22, depthWrite: false, side: DoubleSide, envMap, envMapIntensity: envIntensity * 1.6 }),
    shadow: new MeshBasicMaterial({ vertexColors: true, map: blob, transparent: true, depthWrite: false, polygonOffset: true, polygonOffsetFactor: -2, polygonOffsetUnits: -2 }),
    sign: new MeshBasicMaterial({ vertexColors: true, map: signAtlas }),
  };
  return {
    materials,
    dispose() {
      for (const m of Object.values(materials)) m.dispose();
      grain.dispose();
      matcaps?.metal.dispose();
      matcaps?.gloss.dispose();
      blob.dispose();
    },
  };
}
