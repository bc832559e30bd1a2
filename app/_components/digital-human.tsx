"use client";
import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef, useState } from "react";
import { type Material, type Mesh, type Object3D, type Texture, Vector3 } from "three";
import { GLTFLoader } from "three/examples/jsm/loaders/GLTFLoader.js";
import { isUploadedChoice, parseAvatarChoice, type AvatarChoice } from "../../game-server/protocol/avatar-choice.ts";
import { paramsForChoice } from "../../avatars/avatar-choice-params.ts";
import { animateRig, BlinkSaccadeDriver, buildAvatar, hashSeed, paramsFromSeed, rigBones, staffParamsFromSeed } from "../../avatars/index.ts";
import type { AvatarParams } from "../../avatars/index.ts";
import { addFarDetail, type FarDetail } from "../../avatars/far-detail.ts";
import { detailOverride, nextDetail, type AvatarDetail } from "./avatar-detail.ts";
import { cullAsWholeFigure } from "./figure-culling.ts";
import { motionHold } from "./motion-hold.ts";

/** What the avatar is doing this frame, read without re-rendering. */
export interface AvatarMotion {
  /** Ground speed, m/s. */
  speed: number;
  /** Yaw rate, rad/s. */
  turnRate: number;
  talking: boolean;
  /** How open the mouth is from the voice we hear from them (0…~0.55), when we hear it: lips in step with the audio. */
  mouthOpen?: number;
  /** Playing a wave (an emote). */
  waving?: boolean;
  /** Lip shapes (`viseme_*`) from the voice heard; a face-tracked mouth (`expression.jawOpen`) takes precedence. */
  visemes?: Readonly<Record<string, number>>;
  /** Face weights by blendshape name (ARKit / visemes), applied over blinks and speech: face tracking's way in. */
  expression?: Readonly<Record<string, number>>;
  /** The person's own head pose from face tracking (radians), on top of the procedural motion. */
  headPose?: { yaw: number; pitch: number; roll: number };
}

/**
 * A digital human: the look chosen in the lobby (`avatar`, see game-server/protocol/
 * avatar-choice.ts) — a generated preset with slider overrides, or the visitor's own uploaded
 * GLB — or, without a choice, a look derived from their id (`seed`). An upload shows the
 * generated default look until the file has loaded, and keeps it if loading fails.
 * The body is animated procedurally (idle, walk by speed, turn, talking gestures), the eyes
 * blink and wander, and the jaw moves while their voice is heard.
 */
export function DigitalHuman({ seed, avatar = "", motion, staffName }: { seed: string; avatar?: string; motion: () => AvatarMotion; staffName?: string }) {
  const choice = useMemo(() => parseAvatarChoice(avatar), [avatar]);
  // Staff without a chosen look wear the brand's uniform with their name badge.
  const params = useMemo(() => (!choice && staffName ? staffParamsFromSeed(seed, staffName) : generatedParams(choice, seed)), [choice, seed, staffName]);
  const generated = useMemo(() => prepare(buildAvatar(params)), [params]);
  useEffect(() => () => disposeModel(generated), [generated]);
  const uploaded = useUploadedModel(choice && isUploadedChoice(choice) ? choice.upload : undefined);
  const model = uploaded ?? generated;
  // Only generated models get a coarse twin for far away (an upload's UV seams would not survive it).
  return <AnimatedModel key={model.uuid} model={model} simplifiable={!uploaded} seed={seed} motion={motion} />;
}

function generatedParams(choice: AvatarChoice | undefined, seed: string): AvatarParams {
  if (!choice || isUploadedChoice(choice)) return paramsFromSeed(seed);
  try {
    return paramsForChoice(choice);
  } catch {
    return paramsFromSeed(seed); // a choice from a newer client this build does not know
  }
}

/** Drives any RPM-convention model: bones by Mixamo name, face morphs by name on every mesh that has them. */
function AnimatedModel({ model, simplifiable, seed, motion }: { model: Object3D; simplifiable: boolean; seed: string; motion: () => AvatarMotion }) {
  const bones = useMemo(() => rigBones(model), [model]);
  const morphs = useMemo(() => morphSlots(model), [model]);
  const eyes = useMemo(() => new BlinkSaccadeDriver(hashSeed(seed)), [seed]);
  const clock = useRef(0);
  const jaw = useRef(0);
  /** Face weights as drawn: eased towards each arriving frame, so 10–30 Hz face packets move smoothly at 60 fps. */
  const face = useRef(new Map<string, number>());
  const shown = useRef<AvatarDetail>("near");
  /** Built the first time this avatar is far away: people who stay near never pay for it. */
  const twin = useRef<FarDetail>(undefined);
  const where = useMemo(() => new Vector3(), []);

  useFrame(({ camera }, delta) => {
    const dt = motionHold.still ? 0 : Math.min(delta, 0.1);
    clock.current += dt;
    const m = motion();
    animateRig(bones, { time: clock.current, speed: m.speed, turnRate: m.turnRate, talking: m.talking, waving: m.waving ?? false, ...(m.headPose ? { headPose: m.headPose } : {}) }, dt);
    if (simplifiable) {
      const next = detailOverride.force ?? nextDetail(shown.current, model.getWorldPosition(where).distanceTo(camera.position));
      if (next !== shown.current) {
        shown.current = next;
        const detail = (twin.current ??= addFarDetail(model));
        for (const mesh of detail.near) mesh.visible = next === "near";
        for (const mesh of detail.far) mesh.visible = next === "far";
      }
      if (next === "far") return; // the far twin has no face morphs to drive
    }
    if (morphs.size === 0) return;
    if (dt > 0) for (const [name, weight] of Object.entries(eyes.update(dt))) setMorph(morphs, name, weight);
    // The jaw follows the voice we hear from them (its loudness, syllable by syllable); without
    // their audio (our own avatar, a voice not forwarded to us) speech is a syllable-rate flutter.
    const t = clock.current;
    const target = m.mouthOpen !== undefined ? m.mouthOpen : m.talking ? 0.12 + 0.3 * Math.abs(Math.sin(t * 9.1) * Math.sin(t * 5.3)) : 0;
    // Opens fast, closes a little slower, as lips do.
    jaw.current += (target - jaw.current) * Math.min(1, dt * (target > jaw.current ? 30 : 16));
    setMorph(morphs, "jawOpen", jaw.current);
    // Lips follow the sound unless the person's own face (tracking) is driving the mouth.
    if (m.visemes && m.expression?.jawOpen === undefined) for (const [name, weight] of Object.entries(m.visemes)) setMorph(morphs, name, weight);
    const drawn = face.current;
    if (m.expression) {
      // Held still (tests, screenshots: dt 0) the weights apply at once; otherwise they ease in.
      const ease = dt > 0 ? Math.min(1, dt * 22) : 1;
      for (const [name, weight] of Object.entries(m.expression)) {
        const from = drawn.get(name) ?? weight;
        const next = from + (weight - from) * ease;
        drawn.set(name, next);
        setMorph(morphs, name, next);
      }
    } else if (drawn.size > 0) {
      // The face stream stopped: its weights let go, and the avatar's own blinks and speech take over.
      for (const name of drawn.keys()) setMorph(morphs, name, 0);
      drawn.clear();
    }
  });

  return <primitive object={model} />;
}

type MorphSlots = Map<string, { influences: number[]; index: number }[]>;

/**
 * Every mesh's morph targets by name. Ours keep them all on `Wolf3D_Head`; an RPM export
 * splits them over Wolf3D_Head, Wolf3D_Teeth, EyeLeft… and each must move together.
 */
function morphSlots(model: Object3D): MorphSlots {
  const slots: MorphSlots = new Map();
  model.traverse((o) => {
    const mesh = o as Mesh;
    if (!mesh.isMesh || !mesh.morphTargetDictionary || !mesh.morphTargetInfluences) return;
    for (const [name, index] of Object.entries(mesh.morphTargetDictionary)) {
      const list = slots.get(name) ?? [];
      list.push({ influences: mesh.morphTargetInfluences, index });
      slots.set(name, list);
    }
  });
  return slots;
}

function setMorph(slots: MorphSlots, name: string, weight: number): void {
  for (const slot of slots.get(name) ?? []) slot.influences[slot.index] = weight;
}

/** Loads an uploaded GLB; undefined until it has loaded (or when it failed, or without an id). */
function useUploadedModel(id: string | undefined): Object3D | undefined {
  const [loaded, setLoaded] = useState<{ id: string; model: Object3D }>();
  useEffect(() => {
    if (!id) return;
    let cancelled = false;
    let model: Object3D | undefined;
    new GLTFLoader()
      .loadAsync(`/api/avatars/${id}.glb`)
      .then((gltf) => {
        model = prepare(gltf.scene);
        if (cancelled) disposeModel(model);
        else setLoaded({ id, model });
      })
      .catch((error: unknown) => console.warn(`avatar ${id} could not be loaded; showing the default look`, error));
    return () => {
      cancelled = true;
      if (model) disposeModel(model);
    };
  }, [id]);
  return loaded && loaded.id === id ? loaded.model : undefined;
}

function prepare<T extends Object3D>(model: T): T {
  model.traverse((o) => {
    if ((o as Mesh).isMesh) o.castShadow = true;
  });
  cullAsWholeFigure(model);
  return model;
}

function disposeModel(model: Object3D): void {
  model.traverse((o) => {
    const mesh = o as Mesh;
    if (!mesh.isMesh) return;
    mesh.geometry.dispose();
    for (const material of Array.isArray(mesh.material) ? mesh.material : [mesh.material]) {
      for (const value of Object.values(material as Material & Record<string, unknown>)) {
        if ((value as Texture | null)?.isTexture) (value as Texture).dispose();
      }
      material.dispose();
    }
  });
}
