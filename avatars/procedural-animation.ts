import { Euler, type Object3D, Quaternion, Vector3 } from "three";
import type { BoneName } from "./skeleton-names.ts";

/**
 * Clip-free body animation on the Mixamo skeleton: idle (breathing, weight shift), a walk
 * blended in by speed, leaning into turns, waving and talking gestures. Pure: it only writes
 * bone transforms, relative to the pose each bone had when first seen (the generator's bind
 * pose has identity rotations, arms out in a T).
 *
 * Angles are in the generator's frame: the avatar faces +Z, its left is +X; a leg swings
 * forward with a negative X rotation, the left arm lowers with a negative Z rotation.
 *
 * Other rigs with the same bone names (a Ready Player Me export, say) have bones whose rest
 * rotations are not identity, so a rotation about "X" in the bone's own frame would bend the
 * wrong way. `rigBones` records each bone's rest orientation in the avatar's frame, and each
 * rotation is conjugated into the bone's frame: the same world-space motion on any T-posed rig.
 */
export interface RigState {
  /** Seconds, monotonic. */
  time: number;
  /** Ground speed in m/s. */
  speed: number;
  /** Yaw rate in rad/s, positive turning left. */
  turnRate: number;
  talking: boolean;
  waving: boolean;
  /**
   * The person's own head (face tracking), radians: yaw positive turning to the avatar's left,
   * pitch positive nodding down, roll positive tilting to its right. Shared 70/30 by head and neck.
   */
  headPose?: { yaw: number; pitch: number; roll: number };
}

export type RigBones = Partial<Record<BoneName, Object3D>>;

interface Rest {
  position: Vector3;
  quaternion: Quaternion;
}

interface Memory {
  phase: number;
  walk: number;
  wave: number;
  talk: number;
  rest: Map<Object3D, Rest>;
}

const memories = new WeakMap<RigBones, Memory>();

/** Rest orientation of each bone in the avatar's frame, and the frame Hips moves in. */
interface RestFrames {
  orientation: Map<Object3D, Quaternion>;
  hipsParent?: { inverse: Quaternion; scale: number };
}
const restFrames = new WeakMap<RigBones, RestFrames>();
/** One step is about 0.7 m: the phase advances half a cycle per step. */
const STEP_LENGTH = 0.7;
const ARM_DOWN = 1.36;

export function animateRig(bones: RigBones, state: RigState, dt: number): void {
  let memory = memories.get(bones);
  if (!memory) {
    memory = { phase: 0, walk: 0, wave: 0, talk: 0, rest: new Map() };
    memories.set(bones, memory);
  }
  for (const bone of Object.values(bones)) {
    if (bone && !memory.rest.has(bone)) memory.rest.set(bone, { position: bone.position.clone(), quaternion: bone.quaternion.clone() });
  }
  // Weights ease toward their targets so starting to walk or wave never pops.
  const ease = (current: number, target: number, rate: number): number => current + (target - current) * (1 - Math.exp(-rate * dt));
  const turning = Math.min(1, Math.abs(state.turnRate) / 1.5);
  memory.walk = ease(memory.walk, Math.max(Math.min(1, state.speed / 1.2), 0.35 * turning), 6);
  memory.wave = ease(memory.wave, state.waving ? 1 : 0, 5);
  memory.talk = ease(memory.talk, state.talking ? 1 : 0, 4);
  const strideSpeed = Math.max(state.speed, 0.5 * turning);
  memory.phase = (memory.phase + (dt * strideSpeed * Math.PI) / STEP_LENGTH) % (Math.PI * 2);

  const t = state.time;
  const walk = memory.walk;
  const wave = memory.wave;
  const talk = memory.talk;
  const p = memory.phase;
  const breath = Math.sin((t * Math.PI * 2) / 4.2);
  const sway = Math.sin((t * Math.PI * 2) / 7.5);
  const rot = new Map<BoneName, [number, number, number]>();
  const add = (bone: BoneName, x: number, y: number, z: number): void => {
    const r = rot.get(bone) ?? [0, 0, 0];
    rot.set(bone, [r[0] + x, r[1] + y, r[2] + z]);
  };

  // Idle: breathing lifts the chest, weight drifts from foot to foot.
  const idle = 1 - walk;
  add("Spine1", -0.012 * breath, 0, 0);
  add("Spine2", -0.018 * breath, 0, 0);
  add("Hips", 0, 0, 0.02 * sway * idle);
  add("Spine", 0, 0, -0.025 * sway * idle);
  add("LeftUpLeg", 0, 0, -0.02 * sway * idle);
  add("RightUpLeg", 0, 0, -0.02 * sway * idle);
  add("Neck", 0.01 * breath, 0, 0);

  // Arms hang; they swing opposite the legs when walking.
  const armSwing = 0.35 * walk * Math.sin(p);
  add("LeftArm", armSwing, 0, -ARM_DOWN - 0.02 * breath);
  add("RightArm", -armSwing, 0, ARM_DOWN + 0.02 * breath);
  add("LeftForeArm", 0, -0.2 - 0.25 * walk, 0);
  add("RightForeArm", 0, 0.2 + 0.25 * walk, 0);

  // Walk: legs swing, knees bend through the swing phase, hips bob and twist.
  const legSwing = 0.42 * walk * Math.sin(p);
  add("LeftUpLeg", -legSwing, 0, 0);
  add("RightUpLeg", legSwing, 0, 0);
  add("LeftLeg", walk * (0.08 + 0.55 * Math.max(0, Math.cos(p))), 0, 0);
  add("RightLeg", walk * (0.08 + 0.55 * Math.max(0, -Math.cos(p))), 0, 0);
  add("LeftFoot", walk * 0.2 * Math.sin(p), 0, 0);
  add("RightFoot", -walk * 0.2 * Math.sin(p), 0, 0);
  add("Hips", 0, 0.08 * walk * Math.sin(p), 0);
  add("Spine1", 0.04 * walk, -0.1 * walk * Math.sin(p), 0);

  // Turning: lean into the turn and let the head lead.
  const lean = Math.max(-0.12, Math.min(0.12, state.turnRate * 0.06));
  add("Spine", 0, 0, -lean * 0.5);
  add("Spine2", 0, 0, -lean * 0.5);
  add("Head", 0, Math.max(-0.35, Math.min(0.35, state.turnRate * 0.18)), 0);

  // Wave with the right hand: arm up and out, forearm up, hand rocking.
  const rock = Math.sin(t * Math.PI * 2 * 1.6);
  add("RightArm", -0.35 * wave, 0, -(ARM_DOWN + 0.35) * wave);
  add("RightForeArm", 0, -0.2 * wave, -1.35 * wave + 0.3 * wave * rock);
  add("RightHand", 0, 0, 0.2 * wave * rock);
  add("Head", 0, -0.12 * wave, 0.05 * wave);

  // Talking: small two-handed beats and nods, never in phase with each other.
  const beatA = Math.sin(t * 5.3) * 0.5 + Math.sin(t * 2.1) * 0.5;
  const beatB = Math.sin(t * 4.1 + 1.3) * 0.5 + Math.sin(t * 1.7) * 0.5;
  add("LeftForeArm", 0, -talk * (0.55 + 0.2 * beatA), 0);
  add("RightForeArm", 0, talk * (1 - wave) * (0.55 + 0.2 * beatB), 0);
  add("LeftHand", 0.25 * talk * beatB, 0, 0);
  add("RightHand", 0.25 * talk * (1 - wave) * beatA, 0, 0);
  add("Head", 0.04 * talk * Math.sin(t * 3.1), 0.05 * talk * Math.sin(t * 1.3), 0);
  add("Neck", 0.02 * talk * Math.sin(t * 2.3 + 0.5), 0, 0);
  if (state.headPose) {
    const clampTo = (v: number, max: number) => Math.max(-max, Math.min(max, v));
    const { yaw, pitch, roll } = { yaw: clampTo(state.headPose.yaw, 1.1), pitch: clampTo(state.headPose.pitch, 0.8), roll: clampTo(state.headPose.roll, 0.6) };
    add("Head", 0.7 * pitch, 0.7 * yaw, 0.7 * roll);
    add("Neck", 0.3 * pitch, 0.3 * yaw, 0.3 * roll);
  }

  const frames = restFrames.get(bones);
  for (const [name, bone] of Object.entries(bones) as [BoneName, Object3D | undefined][]) {
    if (!bone) continue;
    const rest = memory.rest.get(bone)!;
    const r = rot.get(name);
    bone.quaternion.copy(rest.quaternion);
    if (r) {
      scratch.q.setFromEuler(scratch.euler.set(r[0], r[1], r[2], "XYZ"));
      const frame = frames?.orientation.get(bone);
      if (frame) scratch.q.premultiply(scratch.inverse.copy(frame).invert()).multiply(frame);
      bone.quaternion.multiply(scratch.q);
    }
    bone.position.copy(rest.position);
  }
  const hips = bones.Hips;
  if (hips) {
    const offset = scratch.offset.set(0.018 * sway * idle, -(0.025 * walk * Math.abs(Math.cos(p)) + 0.004 * breath * idle), 0);
    const parent = frames?.hipsParent;
    if (parent) offset.applyQuaternion(parent.inverse).divideScalar(parent.scale);
    hips.position.add(offset);
  }
}

const scratch = { euler: new Euler(), q: new Quaternion(), inverse: new Quaternion(), offset: new Vector3() };

/** Bones of a loaded avatar by name, as `animateRig` wants them. */
export function rigBones(root: Object3D): RigBones {
  const bones: RigBones = {};
  root.traverse((object) => {
    if ((object as { isBone?: boolean }).isBone) (bones as Record<string, Object3D>)[object.name] = object;
  });
  // Read while the rig is still in its rest pose (it has just been built or loaded).
  const orientation = new Map<Object3D, Quaternion>();
  for (const bone of Object.values(bones)) if (bone) orientation.set(bone, frameOf(root, bone).rotation);
  const hipsParent = bones.Hips?.parent ? frameOf(root, bones.Hips.parent) : undefined;
  restFrames.set(bones, { orientation, hipsParent: hipsParent && { inverse: hipsParent.rotation.invert(), scale: hipsParent.scale } });
  return bones;
}

/** Rotation and (uniform) scale of `node` in `root`'s frame, composed from the local transforms below root. */
function frameOf(root: Object3D, node: Object3D): { rotation: Quaternion; scale: number } {
  const rotation = new Quaternion();
  let scale = 1;
  for (let n: Object3D | null = node; n && n !== root; n = n.parent) {
    rotation.premultiply(n.quaternion);
    scale *= n.scale.x;
  }
  return { rotation, scale };
}
