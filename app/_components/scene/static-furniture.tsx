"use client";
import { useEffect, useMemo } from "react";
import type { Texture } from "three";
import type { Scene } from "../../../scenes/scene-format.ts";
import { bakeDiffuse, type Irradiance } from "./baked-lighting.ts";
import { bakeable, createFinishes } from "./finishes.ts";
import { addFixtures } from "./fixture-parts.ts";
import { addFurniture } from "./furniture-parts.ts";
import { buildSignAtlas } from "./sign-atlas.ts";
import { Parts, StaticBatch, type Finish } from "./static-batch.ts";

/** Finishes that neither cast nor catch real shadows (light sources, glass, fake shadows, signs' faces). */
const unshadowed = new Set<Finish>(["glow", "glass", "shadow", "sign"]);
/** Drawn after the opaque ones, in this order. */
const lateOrder: Partial<Record<Finish, number>> = { shadow: 1, glass: 2 };

/**
 * Everything in the hall that never moves — booths and products, counters, shelves, plants,
 * glass, signs, frames, trims — merged into one mesh per finish (about ten draw calls for a
 * whole showroom). Built once per scene. With `bakedLight` (the low preset) the matte
 * finishes carry their light in their vertex colours and are drawn unlit.
 */
export function StaticFurniture({ scene, envMap, bakedLight }: { scene: Scene; envMap: Texture | null; bakedLight?: Irradiance }) {
  const built = useMemo(() => {
    const atlas = buildSignAtlas(scene);
    if (bakedLight) atlas.texture.anisotropy = 1;
    const batch = new StaticBatch();
    const parts = new Parts(batch);
    addFurniture(parts, scene, atlas);
    addFixtures(parts, scene, atlas);
    const meshes = [...batch.build()];
    if (bakedLight) for (const [finish, geometry] of meshes) if (bakeable.has(finish)) bakeDiffuse(geometry, bakedLight);
    const finishes = createFinishes({ signAtlas: atlas.texture, envMap, envIntensity: scene.lighting.environment, low: Boolean(bakedLight) });
    return { meshes, finishes, atlas };
  }, [scene, envMap, bakedLight]);
  useEffect(
    () => () => {
      for (const [, geometry] of built.meshes) geometry.dispose();
      built.finishes.dispose();
      built.atlas.texture.dispose();
    },
    [built],
  );
  return (
    <>
      {built.meshes.map(([finish, geometry]) => (
        <mesh
          key={finish}
          name={`static:${finish}`}
          geometry={geometry}
          material={built.finishes.materials[finish]}
          castShadow={!unshadowed.has(finish)}
          receiveShadow={!unshadowed.has(finish)}
          renderOrder={lateOrder[finish] ?? 0}
        />
      ))}
    </>
  );
}
