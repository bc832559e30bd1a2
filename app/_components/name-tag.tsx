"use client";
import { useEffect, useMemo } from "react";
import { CanvasTexture, SRGBColorSpace } from "three";

/** A name label that always faces the camera, drawn once into a texture. */
export function NameTag({ text, y, live }: { text: string; y: number; live: boolean }) {
  const texture = useMemo(() => {
    const canvas = document.createElement("canvas");
    canvas.width = 512;
    canvas.height = 128;
    const ctx = canvas.getContext("2d")!;
    ctx.font = "600 56px system-ui, sans-serif";
    const width = Math.min(480, ctx.measureText(text).width + 90);
    const x = (512 - width) / 2;
    ctx.fillStyle = "rgba(255,255,255,0.92)";
    ctx.beginPath();
    ctx.roundRect(x, 24, width, 80, 40);
    ctx.fill();
    ctx.fillStyle = live ? "#2e9d5b" : "#9aa7ab";
    ctx.beginPath();
    ctx.arc(x + 40, 64, 12, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = "#1d2a30";
    ctx.textBaseline = "middle";
    ctx.fillText(text, x + 64, 66, width - 80);
    const t = new CanvasTexture(canvas);
    t.colorSpace = SRGBColorSpace;
    return t;
  }, [text, live]);
  useEffect(() => () => texture.dispose(), [texture]);
  return (
    <sprite position={[0, y, 0]} scale={[1.1, 0.275, 1]}>
      <spriteMaterial map={texture} transparent depthWrite={false} />
    </sprite>
  );
}
