import { moveWithinScene } from "../../scenes/collision.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import { Limits } from "../protocol/limits.ts";
import type { Move } from "../protocol/messages.ts";

export interface Pose {
  x: number;
  z: number;
  ry: number;
}

/**
 * Server-authoritative step: the client says where it wants to be, the server allows at most
 * walking speed times the time since the last accepted move (capped, so idling does not bank
 * a teleport), then walks that far through the scene: inside the walls, round counters,
 * booths and glass, sliding along them rather than stopping dead.
 */
export function constrainMove(current: Pose, wanted: Move, secondsSinceLast: number, scene: Scene): Pose {
  const dt = Math.min(Math.max(secondsSinceLast, 0), Limits.maxMoveGapSeconds);
  const maxStep = Limits.walkSpeed * dt * 1.2; // 20% slack for network jitter
  let dx = wanted.x - current.x;
  let dz = wanted.z - current.z;
  const distance = Math.hypot(dx, dz);
  if (distance > maxStep) {
    const scale = maxStep / distance;
    dx *= scale;
    dz *= scale;
  }
  const reached = moveWithinScene(scene, current, { x: current.x + dx, z: current.z + dz });
  return { x: reached.x, z: reached.z, ry: normalizeAngle(wanted.ry) };
}

/** Wrap into (-π, π] so a client cannot grow the angle without bound. */
export function normalizeAngle(a: number): number {
  const twoPi = Math.PI * 2;
  const wrapped = ((((a + Math.PI) % twoPi) + twoPi) % twoPi) - Math.PI;
  return wrapped === -Math.PI ? Math.PI : wrapped;
}
