"use client";

export interface RenderQuality {
  level: "high" | "low";
  shadows: boolean;
  antialias: boolean;
  dpr: number | [number, number];
}

const high: RenderQuality = { level: "high", shadows: true, antialias: true, dpr: [1, 2] };
const low: RenderQuality = { level: "low", shadows: false, antialias: false, dpr: 0.75 };

/**
 * Browsers without GPU acceleration (VMs, remote desktops, some corporate laptops) render
 * WebGL in software, where shadows and multisampling cost several times the frame budget.
 * There the hall drops them so walking stays smooth and the page stays responsive.
 */
export function detectRenderQuality(): RenderQuality {
  const override = globalThis.localStorage?.getItem("atrium.quality");
  if (override === "high") return high;
  if (override === "low") return low;
  try {
    const canvas = document.createElement("canvas");
    const gl = canvas.getContext("webgl2") ?? canvas.getContext("webgl");
    if (!gl) return low;
    const info = gl.getExtension("WEBGL_debug_renderer_info");
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension("WEBGL_lose_context")?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? low : high;
  } catch {
    return low;
  }
}
