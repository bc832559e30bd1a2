"use client";
import { useEffect, useMemo } from "react";
import { CanvasTexture, SRGBColorSpace } from "three";

/** A texture drawn once with the 2D canvas API (signs, labels, name tags), freed on change. */
export function useCanvasTexture(width: number, height: number, draw: (ctx: CanvasRenderingContext2D) => void, deps: readonly unknown[]): CanvasTexture {
  const texture = useMemo(() => {
    const canvas = document.createElement("canvas");
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext("2d")!;
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    draw(ctx);
    const t = new CanvasTexture(canvas);
    t.colorSpace = SRGBColorSpace;
    return t;
    // `draw` is a fresh closure each render; the caller names what the drawing depends on.
  }, [width, height, ...deps]);
  useEffect(() => () => texture.dispose(), [texture]);
  return texture;
}
