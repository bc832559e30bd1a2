"use client";
import { roleLabel } from "./hud/role-badge.tsx";
import { useCanvasTexture } from "./use-canvas-texture.ts";

const BADGE_COLOURS: Record<string, string> = { agent: "#2f6f73", concierge: "#7a4fb5" };

/**
 * A name label that always faces the camera, drawn once into a texture: a dot for the
 * microphone, the name, and for staff a coloured role badge.
 */
export function NameTag({ text, y, live, role = "customer", away = false }: { text: string; y: number; live: boolean; role?: string; away?: boolean }) {
  const badge = roleLabel(role);
  const texture = useCanvasTexture(
    512,
    160,
    (ctx) => {
      ctx.font = "600 56px system-ui, sans-serif";
      const width = Math.min(480, ctx.measureText(text).width + 90);
      const x = (512 - width) / 2;
      ctx.globalAlpha = away ? 0.55 : 1;
      ctx.fillStyle = "rgba(255,255,255,0.92)";
      ctx.beginPath();
      ctx.roundRect(x, 56, width, 80, 40);
      ctx.fill();
      ctx.fillStyle = live ? "#2e9d5b" : "#9aa7ab";
      ctx.beginPath();
      ctx.arc(x + 40, 96, 12, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillStyle = "#1d2a30";
      ctx.textAlign = "left";
      ctx.fillText(text, x + 64, 98, width - 80);
      if (badge) {
        ctx.font = "700 32px system-ui, sans-serif";
        const bw = ctx.measureText(badge).width + 36;
        ctx.fillStyle = BADGE_COLOURS[role] ?? "#2f6f73";
        ctx.beginPath();
        ctx.roundRect((512 - bw) / 2, 6, bw, 44, 22);
        ctx.fill();
        ctx.fillStyle = "#ffffff";
        ctx.textAlign = "center";
        ctx.fillText(badge, 256, 29);
      }
    },
    [text, live, badge, role, away],
  );
  return (
    <sprite position={[0, y + 0.07, 0]} scale={[1.1, 0.34375, 1]}>
      <spriteMaterial map={texture} transparent depthWrite={false} />
    </sprite>
  );
}
