"use client";
import { Canvas, useThree, type ThreeEvent } from "@react-three/fiber";
import { useEffect, useMemo, useRef, useState } from "react";
import { Group, type Object3D } from "three";
import { OrbitControls } from "three/examples/jsm/controls/OrbitControls.js";
import { TransformControls } from "three/examples/jsm/controls/TransformControls.js";
import { snapAngle, snapPointToGrid } from "../../scenes/scene-snapping.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import { detectRenderQuality } from "../_components/render-quality.ts";
import { HallRoomGeometry } from "../_components/scene/hall-room-geometry.tsx";
import { allRefs, boxOf, placeOf, refKey, sameRef, type EntryRef } from "./scene-entries.ts";

export type GizmoMode = "translate" | "rotate";

interface CanvasProps {
  scene: Scene;
  selection: readonly EntryRef[];
  onSelect(ref: EntryRef | undefined, add: boolean): void;
  /** The primary selection was dragged: where it ended (snapped), and by how much the others move along. */
  onMoved(ref: EntryRef, x: number, z: number, rotation: number | undefined): void;
  mode: GizmoMode;
  grid: boolean;
  readOnly: boolean;
}

/**
 * The studio's 3D view: the very components the hall draws (`HallRoomGeometry`), so what the
 * marketer sees is what customers get, with a pick box over every placed thing, an orbit camera
 * and three's transform gizmo on the selection (grid and 15° snapping while dragging).
 */
export function StudioCanvas(props: CanvasProps) {
  const [quality] = useState(detectRenderQuality);
  const { bounds } = props.scene;
  const span = Math.max(bounds.maxX - bounds.minX, bounds.maxZ - bounds.minZ);
  return (
    <Canvas
      dpr={quality.dpr}
      shadows={false}
      camera={{ fov: 45, near: 0.1, far: 400, position: [(bounds.minX + bounds.maxX) / 2, span * 0.9, bounds.maxZ + span * 0.55] }}
      gl={{ preserveDrawingBuffer: true, antialias: quality.antialias }}
      onPointerMissed={(e) => e.button === 0 && props.onSelect(undefined, false)}
      data-testid="studio-canvas"
    >
      <HallRoomGeometry scene={props.scene} quality={quality.level} />
      <PickBoxes {...props} />
      <EditorControls {...props} />
    </Canvas>
  );
}

function PickBoxes({ scene, selection, onSelect }: CanvasProps) {
  const refs = useMemo(() => allRefs(scene), [scene]);
  return (
    <>
      {refs.map((ref) => {
        const place = placeOf(scene, ref);
        if (!place) return null;
        const box = boxOf(scene, ref);
        const selected = selection.some((s) => sameRef(s, ref));
        return (
          <mesh
            key={refKey(ref)}
            name={`pick:${refKey(ref)}`}
            position={[place.x, box.y + box.h / 2, place.z]}
            rotation={[0, place.rotation ?? 0, 0]}
            onClick={(e: ThreeEvent<MouseEvent>) => {
              e.stopPropagation();
              onSelect(ref, e.shiftKey);
            }}
          >
            <boxGeometry args={[box.w, box.h, box.d]} />
            {/* Unselected boxes are not drawn at all (a draw call each at 1,000 things) but still picked: the raycaster ignores `visible` on materials. */}
            <meshBasicMaterial color="#f0b429" visible={selected} transparent opacity={0.28} depthWrite={false} wireframe />
          </mesh>
        );
      })}
    </>
  );
}

/** Orbit camera plus a transform gizmo on the first selected thing; the orbit pauses while dragging. */
function EditorControls({ scene, selection, onMoved, mode, grid, readOnly }: CanvasProps) {
  const camera = useThree((s) => s.camera);
  const gl = useThree((s) => s.gl);
  const root = useThree((s) => s.scene);
  const invalidate = useThree((s) => s.invalidate);
  const handle = useMemo(() => new Group(), []);
  const orbit = useRef<OrbitControls>(undefined);
  // The latest handler, without rebuilding the gizmo each time the page re-renders.
  const moved = useRef(onMoved);
  moved.current = onMoved;
  const primary = selection[0];
  const place = primary ? placeOf(scene, primary) : undefined;

  useEffect(() => {
    const controls = new OrbitControls(camera, gl.domElement);
    const { bounds } = scene;
    controls.target.set((bounds.minX + bounds.maxX) / 2, 0, (bounds.minZ + bounds.maxZ) / 2);
    controls.maxPolarAngle = Math.PI / 2.05;
    controls.update();
    const redraw = () => invalidate();
    controls.addEventListener("change", redraw);
    orbit.current = controls;
    return () => controls.dispose();
    // The camera stays where the marketer left it across edits.
  }, [camera, gl]);

  useEffect(() => {
    if (!primary || !place || readOnly) return;
    handle.position.set(place.x, 0.02, place.z);
    handle.rotation.set(0, place.rotation ?? 0, 0);
    root.add(handle);
    const gizmo = new TransformControls(camera, gl.domElement);
    gizmo.setMode(mode === "rotate" && place.rotation !== undefined ? "rotate" : "translate");
    gizmo.showY = mode === "rotate";
    gizmo.showX = mode !== "rotate";
    gizmo.showZ = mode !== "rotate";
    gizmo.setSpace("world");
    if (grid) {
      gizmo.setTranslationSnap(0.25);
      gizmo.setRotationSnap(Math.PI / 12);
    }
    gizmo.attach(handle);
    const helper = gizmo.getHelper() as Object3D;
    root.add(helper);
    const onDragging = (event: { value: unknown }) => {
      if (orbit.current) orbit.current.enabled = !event.value;
      if (event.value) return;
      // Dropped: the document takes the new place (snapped), and the hall is drawn again from it.
      const p = grid ? snapPointToGrid({ x: handle.position.x, z: handle.position.z }, 0.25) : { x: handle.position.x, z: handle.position.z };
      const r = place.rotation === undefined ? undefined : grid ? snapAngle(handle.rotation.y, Math.PI / 12) : handle.rotation.y;
      moved.current(primary, p.x, p.z, r);
    };
    gizmo.addEventListener("dragging-changed", onDragging as never);
    const redraw = () => invalidate();
    gizmo.addEventListener("change", redraw);
    return () => {
      gizmo.removeEventListener("dragging-changed", onDragging as never);
      gizmo.detach();
      root.remove(helper);
      root.remove(handle);
      gizmo.dispose();
    };
  }, [primary && refKey(primary), place?.x, place?.z, place?.rotation, mode, grid, readOnly, camera, gl, root, handle, invalidate]);

  return null;
}
