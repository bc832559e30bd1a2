"use client";
import { useFrame } from "@react-three/fiber";
import { useRef } from "react";

export interface RenderInfo {
  /** Draw calls, triangles and the rest for the last frame rendered. */
  calls: number;
  triangles: number;
  geometries: number;
  textures: number;
  programs: number;
  /** Frames per second over the last second or so. */
  fps: number;
}

declare global {
  interface Window {
    /** What the hall's renderer drew last frame, for performance checks from tests and the console. */
    atriumRenderInfo?: RenderInfo;
  }
}

/**
 * Publishes `renderer.info` as `window.atriumRenderInfo` about twice a second. Mount it
 * anywhere inside the Canvas; `HallRoomGeometry` does. Read in a frame callback, which runs
 * before the frame is drawn, so the counts are the previous frame's, complete.
 */
export function RenderInfoProbe() {
  const since = useRef({ at: 0, frames: 0 });
  useFrame(({ gl }) => {
    const now = performance.now();
    const s = since.current;
    s.frames++;
    if (now - s.at < 500) return;
    const { render, memory, programs } = gl.info;
    window.atriumRenderInfo = {
      calls: render.calls,
      triangles: render.triangles,
      geometries: memory.geometries,
      textures: memory.textures,
      programs: programs?.length ?? 0,
      fps: s.at ? Math.round((s.frames * 1000) / (now - s.at)) : 0,
    };
    since.current = { at: now, frames: 0 };
  });
  return null;
}
