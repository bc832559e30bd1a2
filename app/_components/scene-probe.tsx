"use client";
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect } from "react";
import { Vector3 } from "three";
import { motionHold } from "./motion-hold.ts";
import { detailOverride, type AvatarDetail } from "./avatar-detail.ts";

export interface RenderInfo {
  calls: number;
  triangles: number;
  geometries: number;
  textures: number;
  programs: number;
}

/** What tests, benchmarks and the console can ask the running 3D view. */
export interface SceneProbe {
  /** Where a world point appears, in CSS pixels from the canvas' top-left; undefined behind the camera. */
  project(x: number, y: number, z: number): { x: number; y: number } | undefined;
  /** The last frame's renderer counters, and what the GPU holds. */
  renderInfo(): RenderInfo;
  /** Holds every avatar's idle motion, blinks and glances still (face weights still apply), or lets them go on. */
  holdStill(still: boolean): void;
  /** Draws every generated avatar at one detail ("near": full model, "far": coarse twin), or by distance again (undefined). */
  forceAvatarDetail(detail?: AvatarDetail): void;
  /** Milliseconds between the last frames, most recent last (up to 120). */
  frameTimes: number[];
}

declare global {
  interface Window {
    atriumProbe?: SceneProbe;
  }
}

/** Exposes `window.atriumProbe` while the hall is drawn. Cheap: no work unless asked. */
export function SceneProbeHook() {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const size = useThree((s) => s.size);
  useEffect(() => {
    const v = new Vector3();
    const probe: SceneProbe = {
      project(x, y, z) {
        v.set(x, y, z).project(camera);
        if (v.z > 1) return undefined;
        return { x: ((v.x + 1) / 2) * size.width, y: ((1 - v.y) / 2) * size.height };
      },
      // Read between frames: the counters of the last frame drawn, complete.
      renderInfo: () => ({
        calls: gl.info.render.calls,
        triangles: gl.info.render.triangles,
        geometries: gl.info.memory.geometries,
        textures: gl.info.memory.textures,
        programs: gl.info.programs?.length ?? 0,
      }),
      holdStill(still) {
        motionHold.still = still;
      },
      forceAvatarDetail(detail) {
        detailOverride.force = detail;
      },
      frameTimes: [],
    };
    window.atriumProbe = probe;
    return () => {
      if (window.atriumProbe === probe) window.atriumProbe = undefined;
      motionHold.still = false;
      detailOverride.force = undefined;
    };
  }, [camera, gl, size]);
  useFrame((_, delta) => {
    const times = window.atriumProbe?.frameTimes;
    if (!times) return;
    times.push(delta * 1000);
    if (times.length > 120) times.shift();
  });
  return null;
}
