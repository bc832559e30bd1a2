"use client";
import { useFrame } from "@react-three/fiber";
import { useEffect, useMemo, useRef } from "react";
import type { Group, SkinnedMesh } from "three";
import { animateRig, BlinkSaccadeDriver, buildAvatar, hashSeed, HEAD_MESH, paramsFromSeed, rigBones } from "../../avatars/index.ts";

/** What the avatar is doing this frame, read without re-rendering. */
export interface AvatarMotion {
  /** Ground speed, m/s. */
  speed: number;
  /** Yaw rate, rad/s. */
  turnRate: number;
  talking: boolean;
}

/**
 * A generated digital human (avatars/): the visitor's look comes from their id, the body is
 * animated procedurally (idle, walk by speed, turn, talking gestures), the eyes blink and
 * wander, and the jaw moves while their voice is heard.
 */
export function DigitalHuman({ seed, motion }: { seed: string; avatar?: string; motion: () => AvatarMotion }) {
  const avatar = useMemo<Group>(() => {
    const group = buildAvatar(paramsFromSeed(seed));
    group.traverse((o) => {
      if ((o as SkinnedMesh).isSkinnedMesh) {
        o.castShadow = true;
        o.frustumCulled = false; // the bind-pose bounds do not follow the animated limbs
      }
    });
    return group;
  }, [seed]);
  const bones = useMemo(() => rigBones(avatar), [avatar]);
  const head = useMemo(() => avatar.getObjectByName(HEAD_MESH) as SkinnedMesh | undefined, [avatar]);
  const eyes = useMemo(() => new BlinkSaccadeDriver(hashSeed(seed)), [seed]);
  const clock = useRef(0);
  const jaw = useRef(0);

  useEffect(
    () => () =>
      avatar.traverse((o) => {
        const mesh = o as SkinnedMesh;
        if (!mesh.isSkinnedMesh) return;
        mesh.geometry.dispose();
        (Array.isArray(mesh.material) ? mesh.material : [mesh.material]).forEach((m) => m.dispose());
      }),
    [avatar],
  );

  useFrame((_, delta) => {
    const dt = Math.min(delta, 0.1);
    clock.current += dt;
    const m = motion();
    animateRig(bones, { time: clock.current, speed: m.speed, turnRate: m.turnRate, talking: m.talking, waving: false }, dt);
    const dict = head?.morphTargetDictionary;
    const influences = head?.morphTargetInfluences;
    if (!dict || !influences) return;
    for (const [name, weight] of Object.entries(eyes.update(dt))) {
      const index = dict[name];
      if (index !== undefined) influences[index] = weight;
    }
    // Until audio-driven visemes arrive, speech is a syllable-rate flutter of the jaw.
    const t = clock.current;
    const target = m.talking ? 0.12 + 0.3 * Math.abs(Math.sin(t * 9.1) * Math.sin(t * 5.3)) : 0;
    jaw.current += (target - jaw.current) * Math.min(1, dt * 18);
    const jawIndex = dict.jawOpen;
    if (jawIndex !== undefined) influences[jawIndex] = jaw.current;
  });

  return <primitive object={avatar} />;
}
