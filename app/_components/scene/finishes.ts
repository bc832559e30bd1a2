"use client";
import { DataTexture, DoubleSide, MeshBasicMaterial, MeshMatcapMaterial, MeshStandardMaterial, SRGBColorSpace, type Material, type Texture } from "three";
import type { Finish } from "./static-batch.ts";
import { paintBlob, paintGrain, paintMatcap } from "./surface-textures.ts";

/** Finishes whose light is baked into their vertices on the low preset (see `baked-lighting.ts`). */
export const bakeable: ReadonlySet<Finish> = new Set(["matte", "satin", "wood"]);

export interface FinishOptions {
  signAtlas: Texture;
  /** The environment map for the shiny finishes (high preset). */
  envMap: Texture | null;
  envIntensity: number;
  /** The low preset: see below. */
  low: boolean;
}

/**
 * The handful of materials the whole static scene is drawn with; each takes its colour from
 * the vertices. `glow` is unlit (light panels, device screens, LED strips); `sign` shows the
 * signage atlas unlit, like a backlit sign, so it stays legible in any light.
 *
 * On the low preset every finish is an unlit `MeshBasicMaterial` with a map and vertex
 * colours (the matte ones with their light baked in), except metal and gloss, which use
 * matcaps: a software renderer then compiles three shader programs for the whole room
 * instead of eight, and each pixel costs a texture read or two.
 */
export function createFinishes({ signAtlas, envMap, envIntensity, low }: FinishOptions): { materials: Record<Finish, Material>; dispose(): void } {
  const grain = paintGrain(low ? 512 : 1024);
  const blob = paintBlob();
  const white = whiteTexture();
  const owned: Texture[] = [grain, blob, white];
  const basic = (map: Texture, extra: Partial<MeshBasicMaterial> = {}) => new MeshBasicMaterial({ vertexColors: true, map, ...extra });
  const lit = (roughness: number, metalness: number, extra: Partial<MeshStandardMaterial> = {}) => new MeshStandardMaterial({ vertexColors: true, roughness, metalness, ...extra });
  const shared = {
    glow: basic(white),
    shadow: basic(blob, { transparent: true, depthWrite: false, polygonOffset: true, polygonOffsetFactor: -2, polygonOffsetUnits: -2 }),
    sign: basic(signAtlas),
  };
  let materials: Record<Finish, Material>;
  if (low) {
    const matcaps = { metal: paintMatcap("metal"), gloss: paintMatcap("gloss") };
    owned.push(matcaps.metal, matcaps.gloss);
    materials = {
      ...shared,
      matte: basic(white),
      satin: basic(white),
      wood: basic(grain),
      gloss: new MeshMatcapMaterial({ vertexColors: true, matcap: matcaps.gloss }),
      metal: new MeshMatcapMaterial({ vertexColors: true, matcap: matcaps.metal }),
      glass: basic(white, { transparent: true, opacity: 0.25, depthWrite: false, side: DoubleSide }),
    };
  } else {
    const shiny = { envMap, envMapIntensity: envIntensity };
    materials = {
      ...shared,
      matte: lit(0.85, 0),
      satin: lit(0.45, 0),
      wood: lit(0.5, 0, { map: grain }),
      gloss: lit(0.12, 0.05, shiny),
      metal: lit(0.28, 1, shiny),
      glass: lit(0.04, 0, { transparent: true, opacity: 0.22, depthWrite: false, side: DoubleSide, envMap, envMapIntensity: envIntensity * 1.6 }),
    };
  }
  return {
    materials,
    dispose() {
      for (const m of Object.values(materials)) m.dispose();
      for (const t of owned) t.dispose();
    },
  };
}

/** A 1 × 1 white texture: lets untextured finishes share the textured finishes' shader. */
export function whiteTexture(): DataTexture {
  const t = new DataTexture(new Uint8Array([255, 255, 255, 255]), 1, 1);
  t.colorSpace = SRGBColorSpace;
  t.needsUpdate = true;
  return t;
}
