"use client";
import { useFrame, useThree } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import { CanvasTexture, SRGBColorSpace, type Mesh, type MeshBasicMaterial, type MeshStandardMaterial, type Object3D, type Texture } from "three";
import type { Scene, Surface } from "../../scenes/scene-format.ts";
import type { HallClient } from "../_hall-client/hall-client.ts";
import { surfaceCanvasSize, SurfacePainter } from "./surface-painter.ts";
import { useBoard } from "./use-board.ts";

type BoardMaterial = MeshBasicMaterial | MeshStandardMaterial;

/**
 * Every whiteboard of the scene shows its board (`surface:<id>`) live: the board is opened
 * while the hall is shown and closed when the visitor leaves, drawn onto a 1024-px canvas (512
 * on the low preset) that becomes the `map` of the whiteboard's own material (the
 * `whiteboard:<id>` mesh of `scene/display-surfaces.tsx`), lit as the board is. A board is repainted only when its
 * elements or strokes change, at most 10 times a second (5 on the low preset); an empty board
 * leaves the plain white material as it was, costing nothing. The finished elements are kept on
 * a second canvas, so a stroke growing over a big board costs a copy and the stroke.
 */
export function BoardSurfaces({ client, scene, quality }: { client: HallClient; scene: Scene; quality: "high" | "low" }) {
  return (
    <>
      {scene.whiteboards.map((s) => (
        <BoardSurface key={s.id} client={client} surface={s} quality={quality} />
      ))}
    </>
  );
}

function BoardSurface({ client, surface, quality }: { client: HallClient; surface: Surface; quality: "high" | "low" }) {
  const handle = useBoard(client.boards, `surface:${surface.id}`);
  const scene = useThree((s) => s.scene);
  const gl = useThree((s) => s.gl);
  const { texture, painter } = useMemo(() => {
    // A software-rendered page (the low preset) uploads and mipmaps a quarter of the pixels: its window is small and its GPU is the CPU.
    const { width, height } = surfaceCanvasSize(surface.aspect, quality === "high" ? 1024 : 512);
    const [canvas, layer] = [document.createElement("canvas"), document.createElement("canvas")];
    for (const c of [canvas, layer]) {
      c.width = width;
      c.height = height;
    }
    const t = new CanvasTexture(canvas);
    t.colorSpace = SRGBColorSpace;
    // Seen at an angle from across the room: sharper with anisotropic filtering where the GPU is real.
    t.anisotropy = quality === "high" ? Math.min(8, gl.capabilities.getMaxAnisotropy()) : 1;
    const painter = new SurfacePainter(canvas.getContext("2d")!, width, height, quality === "high" ? 100 : 200, { ctx: layer.getContext("2d")!, image: layer });
    return { texture: t, painter };
  }, [surface.aspect, quality, gl]);
  const board = useRef<{ mesh?: Mesh; material?: BoardMaterial; lookedAt: number; before?: Texture | null }>({ lookedAt: -Infinity });

  useEffect(
    () => () => {
      // Give the whiteboard back its own map, then free ours.
      const { mesh, before } = board.current;
      const material = mesh?.material as BoardMaterial | undefined;
      if (material && material.map === texture) {
        material.map = before ?? null;
        material.needsUpdate = true;
      }
      board.current = { lookedAt: -Infinity };
      texture.dispose();
    },
    [texture],
  );

  useFrame(() => {
    const now = performance.now();
    const b = board.current;
    if (b.mesh && (!b.mesh.parent || b.mesh.material !== b.material)) {
      // The room was rebuilt (another preset, another scene): find the new whiteboard and paint it again.
      b.mesh = undefined;
      b.lookedAt = -Infinity;
      painter.invalidate();
    }
    if (!b.mesh) {
      // The room's screens and whiteboards mount a few frames after the shell: look twice a second.
      if (now - b.lookedAt < 500) return;
      b.lookedAt = now;
      const found: Object3D | undefined = scene.getObjectByName(`whiteboard:${surface.id}`);
      if (!found || !(found as Mesh).isMesh) return;
      b.mesh = found as Mesh;
      b.material = b.mesh.material as BoardMaterial;
    }
    const view = handle?.view;
    if (!view || !painter.stale(view)) return;
    const material = b.mesh.material as BoardMaterial;
    // Nothing drawn on it yet: keep the plain board (no texture to sample, no shader change).
    if (material.map !== texture && view.elements.size === 0 && view.strokes.size === 0) return;
    if (!painter.update(view, now)) return;
    texture.needsUpdate = true;
    if (material.map !== texture) {
      b.before = material.map;
      material.map = texture;
      material.needsUpdate = true;
    }
  });
  return null;
}
