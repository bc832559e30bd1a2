"use client";
import { useEffect, useMemo, useState } from "react";
import type { Scene } from "../../../scenes/scene-format.ts";
import { diffuseLight } from "./baked-lighting.ts";
import { DisplaySurfaces } from "./display-surfaces.tsx";
import { GlbProducts } from "./glb-products.tsx";
import { RoomSurfaces } from "./room-surfaces.tsx";
import { lowPresetAmbient, SceneEnvironment } from "./scene-environment.tsx";
import { SceneLights } from "./scene-lights.tsx";
import type { SceneQuality } from "./scene-quality.ts";
import { StaticFurniture } from "./static-furniture.tsx";
import { useRoomEnvironment } from "./use-room-environment.ts";

/**
 * Everything a scene puts in the hall: background and fog, the generated environment light,
 * the scene's lights, the textured room, the merged static furniture, the screens' and
 * whiteboards' faces and GLB products. (Renderer counters: `window.atriumProbe`, scene-probe.tsx.)
 * Static: built once per scene. `quality` follows the Canvas's preset; left out, it is
 * detected the same way (`detectRenderQuality`).
 *
 * The room appears in three steps a few frames apart — shell, furniture, screens — so that
 * on a slow (software-rendered) page no single task holds the main thread for seconds while
 * the hall's connection and voice are being set up.
 */
export function HallRoomGeometry({ scene, quality: level }: { scene: Scene; quality: SceneQuality }) {
  const envMap = useRoomEnvironment(level === "high");
  const bakedLight = useMemo(() => (level === "low" ? diffuseLight(scene.lighting, lowPresetAmbient(scene.lighting)) : undefined), [level, scene.lighting]);
  const [step, setStep] = useState(0);
  useEffect(() => {
    if (step >= 2) return;
    const next = setTimeout(() => setStep(step + 1), 50);
    return () => clearTimeout(next);
  }, [step]);
  const { palette, bounds } = scene;
  const size = Math.max(bounds.maxX - bounds.minX, bounds.maxZ - bounds.minZ);
  return (
    <>
      <color attach="background" args={[palette.sky]} />
      <fog attach="fog" args={[palette.sky, size * 1.5, size * 4]} />
      <SceneEnvironment lighting={scene.lighting} envMap={envMap} quality={level} />
      <SceneLights scene={scene} quality={level} />
      <RoomSurfaces scene={scene} bakedLight={bakedLight} />
      {step >= 1 && <StaticFurniture scene={scene} envMap={envMap} bakedLight={bakedLight} />}
      {step >= 2 && <DisplaySurfaces scene={scene} bakedLight={bakedLight} />}
      {step >= 2 && <GlbProducts scene={scene} />}
    </>
  );
}
