"use client";
import { useThree } from "@react-three/fiber";
import { useEffect } from "react";
import type { Texture } from "three";
import type { Scene } from "../../../scenes/scene-format.ts";
import type { SceneQuality } from "./scene-quality.ts";

/**
 * Sets the exposure, and on the high preset lights every PBR surface with the environment
 * map. The low preset (software rendering) has none — sampling it would cost about half of
 * each frame — and a flat ambient light stands in for its diffuse part.
 */
/** The flat light that stands in for the environment's diffuse part on the low preset. */
export const lowPresetAmbient = (lighting: Scene["lighting"]) => lighting.environment * 0.9;

export function SceneEnvironment({ lighting, envMap, quality }: { lighting: Scene["lighting"]; envMap: Texture | null; quality: SceneQuality }) {
  const gl = useThree((s) => s.gl);
  const three = useThree((s) => s.scene);
  useEffect(() => {
    if (quality !== "high" || !envMap) return;
    three.environment = envMap;
    // The prefiltered studio is bright: half strength lights the room as the low preset's
    // flat ambient (`lowPresetAmbient`) does, so both presets show the same hall.
    three.environmentIntensity = lighting.environment * 0.5;
    return () => {
      if (three.environment === envMap) three.environment = null;
    };
  }, [three, envMap, quality, lighting.environment]);
  useEffect(() => {
    gl.toneMappingExposure = lighting.exposure;
  }, [gl, lighting.exposure]);
  return quality === "high" ? null : <ambientLight intensity={lowPresetAmbient(lighting)} />;
}
