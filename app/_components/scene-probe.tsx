"use client";
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect } from "react";
import { Vector3, type Mesh } from "three";
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
  /**
   * The morph target weight `name` as drawn now on the avatar standing nearest (within 1 m) to the
   * floor point (x, z): what face tracking and lip-sync actually did to a face. Undefined when no
   * face mesh with that target stands there.
   */
  morphAt(x: number, z: number, name: string): number | undefined;
  /** Milliseconds between the last frames, most recent last (up to 120). */
  frameTimes: number[];
  /** Frames drawn since the probe appeared: tests wait on it rather than on the clock. */
  frames: number;
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
  const scene = useThree((s) => s.scene);
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
      morphAt(x, z, name) {
        let best: { d: number; w: number } | undefined;
        scene.traverse((o) => {
          const mesh = o as Mesh;
          const index = mesh.morphTargetDictionary?.[name];
          if (index === undefined || !mesh.morphTargetInfluences || !mesh.visible) return;
          mesh.getWorldPosition(v);
          const d = Math.hypot(v.x - x, v.z - z);
          if (d <= 1 && (!best || d < best.d)) best = { d, w: mesh.morphTargetInfluences[index] ?? 0 };
        });
        return (best as { d: number; w: number } | undefined)?.w;
      },
      frameTimes: [],
      frames: 0,
    };
    window.atriumProbe = probe;
    return () => {
      if (window.atriumProbe === probe) window.atriumProbe = undefined;
      motionHold.still = false;
      detailOverride.force = undefined;
    };
  }, [camera, gl, size, scene]);
  useFrame((_, delta) => {
    const probe = window.atriumProbe;
    if (!probe) return;
    probe.frames++;
    const times = probe.frameTimes;
    times.push(delta * 1000);
    if (times.length > 120) times.shift();
  });
  return null;
}
