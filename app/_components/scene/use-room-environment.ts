"use client";
import { useThree } from "@react-three/fiber";
import { useEffect, useMemo } from "react";
import { PMREMGenerator, type Texture } from "three";
import { RoomEnvironment } from "three/examples/jsm/environments/RoomEnvironment.js";

/**
 * Image-based light without a download: three's `RoomEnvironment` (a softly lit studio box)
 * prefiltered once into an environment map. It is what makes metal, glass and glossy
 * plastics read as such. Not made when `wanted` is false (the low preset does without it: the
 * prefiltering and its shaders take a software renderer over a second).
 */
export function useRoomEnvironment(wanted: boolean): Texture | null {
  const gl = useThree((s) => s.gl);
  const target = useMemo(() => {
    if (!wanted) return null;
    const pmrem = new PMREMGenerator(gl);
    const room = new RoomEnvironment();
    const rendered = pmrem.fromScene(room, 0.04);
    room.dispose();
    pmrem.dispose();
    return rendered;
  }, [gl, wanted]);
  useEffect(() => () => target?.dispose(), [target]);
  return target?.texture ?? null;
}
