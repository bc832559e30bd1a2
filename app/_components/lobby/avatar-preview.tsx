"use client";
import { Canvas, useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import type { Group } from "three";
import type { Lang } from "../../_i18n/lang.ts";
import { DigitalHuman, type AvatarMotion } from "../digital-human.tsx";
import { detectRenderQuality } from "../render-quality.ts";
import styles from "./lobby.module.css";
import { LOBBY_WORDS } from "./lobby-words.ts";

const standing: AvatarMotion = { speed: 0, turnRate: 0, talking: false };

/**
 * The chosen look, standing on a small disc and turning slowly, drawn with the hall's own
 * DigitalHuman so the preview is exactly what others will see. Slider drags are followed after
 * a short pause: building an avatar takes ~0.1–0.3 s, too long to redo on every input event.
 */
export function AvatarPreview({ avatar, seed, lang }: { avatar: string; seed: string; lang: Lang }) {
  const shown = useSettled(avatar, 200);
  const quality = useMemo(() => detectRenderQuality(), []);
  return (
    <div className={styles.preview} data-testid="avatar-preview" aria-label={LOBBY_WORDS[lang].preview} role="img">
      <Canvas dpr={quality.dpr} gl={{ antialias: quality.antialias }} camera={{ position: [0, 1.1, 3.9], fov: 34 }} onCreated={({ camera }) => camera.lookAt(0, 0.95, 0)}>
        <hemisphereLight args={["#f4f1ea", "#8b9499", 1.6]} />
        <directionalLight position={[2.5, 4, 3]} intensity={2.2} />
        <directionalLight position={[-3, 2, -2]} intensity={0.7} color="#cfe3ea" />
        <Turntable>
          <DigitalHuman seed={seed} avatar={shown} motion={() => standing} />
        </Turntable>
        <mesh rotation={[-Math.PI / 2, 0, 0]} position={[0, -0.002, 0]}>
          <circleGeometry args={[0.62, 48]} />
          <meshStandardMaterial color="#d9e2e4" roughness={0.9} />
        </mesh>
      </Canvas>
    </div>
  );
}

function Turntable({ children }: { children: ReactNode }) {
  const group = useRef<Group>(null);
  useFrame((_, dt) => {
    if (group.current) group.current.rotation.y += Math.min(dt, 0.1) * 0.45;
  });
  return (
    <group ref={group} rotation={[0, -0.5, 0]}>
      {children}
    </group>
  );
}

/** `value`, once it has stopped changing for `ms`. */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
