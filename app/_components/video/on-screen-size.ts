import { MathUtils, Vector3, type Camera, type PerspectiveCamera } from "three";

const ndc = new Vector3();
const toCamera = new Vector3();

/**
 * How tall (CSS pixels) something `worldHeight` metres tall at `position` looks from this
 * camera, or undefined when it is behind the camera or outside the picture (with a margin).
 * Cheap enough for every frame: one projection, one distance.
 */
export function onScreenHeight(camera: Camera, position: Vector3, worldHeight: number, viewportHeight: number): number | undefined {
  ndc.copy(position).project(camera);
  if (ndc.z > 1 || Math.abs(ndc.x) > 1.15 || Math.abs(ndc.y) > 1.15) return undefined;
  const fov = (camera as PerspectiveCamera).fov ?? 55;
  const distance = Math.max(0.1, toCamera.copy(position).sub(camera.position).length());
  return (worldHeight / (2 * distance * Math.tan(MathUtils.degToRad(fov) / 2))) * viewportHeight;
}
