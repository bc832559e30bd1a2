"use client";
import { useThree } from "@react-three/fiber";
import { useEffect, useMemo } from "react";
import { PMREMGenerator, type Texture } from "three";
import { RoomEnvironment } from "three/examples/jsm/environments/RoomEnvironment.js";

/**
 * Image-based light without a download: three's `RoomEnvironment` (a softly lit studio box)
 * prefiltered once into an environment map. It is what makes metal, glass and glossy
 * plastics read as such.
 */
export function useRoomEnvironment(): Texture {
  const gl = useThree((s) => s.gl);
  const target = useMemo(() => {
    const pmrem = new PMREMGenerator(gl);
    const room = new RoomEnvironment();
    const rendered = pmrem.fromScene(room, 0.04);
    room.dispose();
    pmrem.dispose();
    return rendered;
  }, [gl]);
  useEffect(() => () => target.dispose(), [target]);
  return target.texture;
}
