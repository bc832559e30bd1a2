"use client";
import { useCanvasTexture } from "./use-canvas-texture.ts";

/** A name label that always faces the camera, drawn once into a texture. */
export function NameTag({ text, y, live }: { text: string; y: number; live: boolean }) {
  const texture = useCanvasTexture(
    512,
    128,
    (ctx) => {
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
      ctx.textAlign = "left";
      ctx.fillText(text, x + 64, 66, width - 80);
    },
    [text, live],
  );
  return (
    <sprite position={[0, y, 0]} scale={[1.1, 0.275, 1]}>
      <spriteMaterial map={texture} transparent depthWrite={false} />
    </sprite>
  );
}
