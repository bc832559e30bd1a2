"use client";
import { useEffect, useMemo } from "react";
import { CanvasTexture, Color, MeshBasicMaterial, MeshStandardMaterial, SRGBColorSpace, Vector3 } from "three";
import type { Scene, Surface } from "../../../scenes/scene-format.ts";
import { surfaceTransform } from "../../../scenes/scene-layout.ts";
import type { Irradiance } from "./baked-lighting.ts";
import { whiteTexture } from "./finishes.ts";
import { requestWhiteboard } from "../../_boards/whiteboard-events.ts";

/**
 * The faces of screens and whiteboards, one mesh each with its own material, named
 * `screen:<id>` and `whiteboard:<id>`, each a 1 × 1 plane scaled to the surface
 * (`surfaceTransform`) and facing the way the surface faces.
 *
 * A screen's material is a `MeshBasicMaterial` (unlit, as a picture on a screen should be)
 * whose `map` is a dark standby slide; to show video, replace the map:
 * `(scene.getObjectByName("screen:video-wall").material as MeshBasicMaterial).map = videoTexture`.
 * A whiteboard is a white surface that can take a drawing as its `map`: lit
 * (`MeshStandardMaterial`), or on the low preset unlit with its light baked into its colour.
 */
export function DisplaySurfaces({ scene, bakedLight }: { scene: Scene; bakedLight?: Irradiance }) {
  return (
    <>
      {scene.screens.map((s) => (
        <ScreenFace key={s.id} surface={s} scene={scene} small={Boolean(bakedLight)} />
      ))}
      {scene.whiteboards.map((s) => (
        <WhiteboardFace key={s.id} surface={s} bakedLight={bakedLight} />
      ))}
    </>
  );
}

function ScreenFace({ surface, scene, small }: { surface: Surface; scene: Scene; small: boolean }) {
  const material = useMemo(() => new MeshBasicMaterial({ map: standbySlide(surface, scene.name, scene.palette.accent, small ? 512 : 1024) }), [surface, scene.name, scene.palette.accent, small]);
  return <Face name={`screen:${surface.id}`} surface={surface} material={material} />;
}

function WhiteboardFace({ surface, bakedLight }: { surface: Surface; bakedLight?: Irradiance }) {
  const material = useMemo(() => {
    const white = new Color("#f7f8f6");
    if (!bakedLight) return new MeshStandardMaterial({ color: white, roughness: 0.3, metalness: 0 });
    const t = surfaceTransform(surface);
    const centre = new Vector3(t.position.x, t.position.y, t.position.z);
    // With a (white) map, so it shares the screens' shader.
    return new MeshBasicMaterial({ map: whiteTexture(), color: white.multiply(bakedLight(new Vector3(t.normal.x, 0, t.normal.z), centre, new Color())) });
  }, [surface, bakedLight]);
  // A click opens the board in the 2D editor (the HUD listens: app/_boards/whiteboard-launcher.tsx).
  return <Face name={`whiteboard:${surface.id}`} surface={surface} material={material} onClick={() => requestWhiteboard(surface.id)} />;
}

/** Shows a surface's material, and owns it: disposed (with its map) when replaced or unmounted. */
function Face({ name, surface, material, onClick }: { name: string; surface: Surface; material: MeshBasicMaterial | MeshStandardMaterial; onClick?: () => void }) {
  useEffect(
    () => () => {
      material.map?.dispose();
      material.dispose();
    },
    [material],
  );
  const t = surfaceTransform(surface);
  return (
    <mesh
      name={name}
      position={[t.position.x, t.position.y, t.position.z]}
      rotation={[0, t.rotationY, 0]}
      scale={[t.width, t.height, 1]}
      material={material}
      onClick={
        onClick &&
        ((e) => {
          e.stopPropagation(); // not a walk to the floor behind it
          onClick();
        })
      }
      onPointerOver={onClick && (() => (document.body.style.cursor = "pointer"))}
      onPointerOut={onClick && (() => (document.body.style.cursor = ""))}
    >
      <planeGeometry args={[1, 1]} />
    </mesh>
  );
}

/** What an idle screen shows: near-black glass with the hall's name and the screen's purpose, faintly. */
function standbySlide(surface: Surface, hallName: string, accent: string, w: number): CanvasTexture {
  const h = Math.round(w / surface.aspect);
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  const ctx = canvas.getContext("2d")!;
  const bg = ctx.createLinearGradient(0, 0, w, h);
  bg.addColorStop(0, "#0a0d12");
  bg.addColorStop(1, "#141b26");
  ctx.fillStyle = bg;
  ctx.fillRect(0, 0, w, h);
  const glow = ctx.createRadialGradient(w * 0.8, h * 1.1, 0, w * 0.8, h * 1.1, w * 0.7);
  glow.addColorStop(0, `${accent}88`);
  glow.addColorStop(1, `${accent}00`);
  ctx.fillStyle = glow;
  ctx.fillRect(0, 0, w, h);
  // A sheen across the glass.
  const sheen = ctx.createLinearGradient(0, 0, w, h * 0.6);
  sheen.addColorStop(0.3, "rgba(255,255,255,0)");
  sheen.addColorStop(0.45, "rgba(255,255,255,0.05)");
  sheen.addColorStop(0.6, "rgba(255,255,255,0)");
  ctx.fillStyle = sheen;
  ctx.fillRect(0, 0, w, h);
  ctx.textAlign = "center";
  ctx.textBaseline = "middle";
  ctx.fillStyle = "rgba(255,255,255,0.85)";
  ctx.font = `600 ${Math.round(h * 0.11)}px system-ui, sans-serif`;
  ctx.fillText(surface.label ?? hallName, w / 2, h * 0.46, w * 0.85);
  ctx.fillStyle = "rgba(255,255,255,0.45)";
  ctx.font = `400 ${Math.round(h * 0.05)}px system-ui, sans-serif`;
  ctx.fillText(hallName, w / 2, h * 0.6, w * 0.85);
  const texture = new CanvasTexture(canvas);
  texture.colorSpace = SRGBColorSpace;
  return texture;
}
