"use client";
import { useMemo } from "react";
import { Object3D } from "three";
import type { Light, Scene } from "../../../scenes/scene-format.ts";
import type { SceneQuality } from "./scene-quality.ts";

/**
 * The scene's few lights. Only a `sun` with `shadows` casts them, and only where the renderer
 * has shadows on. Spot and point lights are left out on the low preset, where the room's
 * light is baked for sky, ambient and sun only (`baked-lighting.ts`).
 */
export function SceneLights({ scene, quality }: { scene: Scene; quality: SceneQuality }) {
  const { minX, minZ, maxX, maxZ } = scene.bounds;
  const centre = { x: (minX + maxX) / 2, z: (minZ + maxZ) / 2 };
  return (
    <>
      {scene.lighting.lights.map((light, i) =>
        quality === "low" && (light.kind === "spot" || light.kind === "point") ? null : (
          <SceneLight key={i} light={light} centre={centre} halfSize={Math.max(maxX - minX, maxZ - minZ) / 2 + 1} />
        ),
      )}
    </>
  );
}

function SceneLight({ light, centre, halfSize }: { light: Light; centre: { x: number; z: number }; halfSize: number }) {
  const target = useMemo(() => new Object3D(), []);
  switch (light.kind) {
    case "hemisphere":
      return <hemisphereLight args={[light.sky, light.ground, light.intensity]} />;
    case "point":
      return <pointLight color={light.color} intensity={light.intensity} distance={light.distance} decay={2} position={[light.at.x, light.at.y, light.at.z]} />;
    case "spot":
      target.position.set(light.target.x, light.target.y, light.target.z);
      return (
        <>
          <primitive object={target} />
          <spotLight color={light.color} intensity={light.intensity} angle={light.angle} penumbra={light.penumbra} decay={2} position={[light.at.x, light.at.y, light.at.z]} target={target} />
        </>
      );
    case "sun":
      target.position.set(centre.x, 0, centre.z);
      return (
        <>
          <primitive object={target} />
          <directionalLight
            color={light.color}
            intensity={light.intensity}
            position={[centre.x + light.from.x, light.from.y, centre.z + light.from.z]}
            target={target}
            castShadow={light.shadows}
            shadow-mapSize={[2048, 2048]}
            shadow-bias={-0.0004}
            shadow-normalBias={0.02}
            shadow-camera-left={-halfSize}
            shadow-camera-right={halfSize}
            shadow-camera-top={halfSize}
            shadow-camera-bottom={-halfSize}
            shadow-camera-near={1}
            shadow-camera-far={80}
          />
        </>
      );
  }
}
