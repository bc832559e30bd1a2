"use client";
import { useFrame } from "@react-three/fiber";
import { useRef } from "react";
import { CanvasTexture, SRGBColorSpace, type Sprite, type SpriteMaterial } from "three";
import { EMOTES, type Emote } from "../../game-server/protocol/index.ts";
import { EMOTE_SHOW_MS, type SocialClient } from "../_hall-client/social-client.ts";

/** One texture per emote, shared by every avatar. */
const textures = new Map<Emote, CanvasTexture>();
function emoteTexture(emote: Emote): CanvasTexture {
  let t = textures.get(emote);
  if (!t) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 128;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "rgba(255,255,255,0.95)";
    ctx.beginPath();
    ctx.arc(64, 64, 60, 0, Math.PI * 2);
    ctx.fill();
    ctx.font = "72px 'Noto Color Emoji', 'Apple Color Emoji', 'Segoe UI Emoji', sans-serif";
    ctx.textAlign = "center";
    ctx.textBaseline = "middle";
    ctx.fillText(EMOTES[emote], 64, 70);
    t = new CanvasTexture(canvas);
    t.colorSpace = SRGBColorSpace;
    textures.set(emote, t);
  }
  return t;
}

/** The emoji a visitor just played, rising and fading above their head. */
export function EmoteBubble({ social, sessionId, y }: { social: SocialClient; sessionId: string; y: number }) {
  const sprite = useRef<Sprite>(null);
  useFrame(() => {
    const s = sprite.current;
    if (!s) return;
    const current = social.currentEmote(sessionId);
    s.visible = !!current;
    if (!current) return;
    const m = s.material as SpriteMaterial;
    const tex = emoteTexture(current.emote);
    if (m.map !== tex) {
      m.map = tex;
      m.needsUpdate = true;
    }
    const k = current.age / EMOTE_SHOW_MS;
    const pop = Math.min(1, current.age / 180);
    s.position.y = y + 0.35 * k;
    s.scale.setScalar(0.45 * pop);
    m.opacity = k < 0.75 ? 1 : 1 - (k - 0.75) / 0.25;
  });
  return (
    <sprite ref={sprite} position={[0, y, 0]} visible={false}>
      <spriteMaterial transparent depthWrite={false} />
    </sprite>
  );
}

/** Whether a visitor's avatar should be waving now (the wave emote). */
export function isWaving(social: SocialClient, sessionId: string): boolean {
  return social.currentEmote(sessionId)?.emote === "wave";
}
