"use client";
import { Canvas, useFrame, useThree } from "@react-three/fiber";
import { useRef, useState } from "react";
import { Vector3, type Group, type Mesh, type MeshBasicMaterial } from "three";
import { useEditorOpen } from "../_boards/editor-presence.ts";
import { Limits } from "../../game-server/protocol/limits.ts";
import { moveWithinScene, nearestWalkable } from "../../scenes/collision.ts";
import type { Scene } from "../../scenes/scene-format.ts";
import type { HallClient } from "../_hall-client/hall-client.ts";
import type { RemoteVisitor } from "../_hall-client/presence-client.ts";
import { DigitalHuman, type AvatarMotion } from "./digital-human.tsx";
import { EmoteBubble, isWaving } from "./emote-bubble.tsx";
import type { StickInput } from "./touch-stick.tsx";
import { HallRoomGeometry } from "./scene/hall-room-geometry.tsx";
import { FOLLOW_DISTANCE, followCameraSpot } from "./follow-camera.ts";
import { NameTag } from "./name-tag.tsx";
import { SceneProbeHook } from "./scene-probe.tsx";
import { detectRenderQuality } from "./render-quality.ts";
import { useMediaReconnecting } from "./use-media-reconnecting.ts";
import { useRoster } from "./use-roster.ts";
import { useWalkKeys } from "./use-walk-keys.ts";
import { CameraPanels } from "./video/camera-panels.tsx";
import { SharedScreens } from "./video/shared-screens.tsx";
import { BoardSurfaces } from "../_boards/board-surfaces.tsx";

export type CameraMode = "third" | "first";

const SEND_INTERVAL_MS = 66; // ~15 Hz
const EYE_HEIGHT = 1.62;
const TURN_SPEED = 2.4; // radians per second
/** A little under the server's limit, so predicted steps are never clamped back. */
const WALK_SPEED = Limits.walkSpeed * 0.95;

/** Clicking the floor walks there (the pointer's way of moving, and the touch way). */
function FloorTarget({ client, scene }: { client: HallClient; scene: Scene }) {
  const { bounds } = scene;
  return (
    <mesh
      rotation={[-Math.PI / 2, 0, 0]}
      position={[(bounds.minX + bounds.maxX) / 2, 0.01, (bounds.minZ + bounds.maxZ) / 2]}
      onClick={(e) => {
        e.stopPropagation();
        const spot = nearestWalkable(scene, { x: e.point.x, z: e.point.z });
        client.walkTo(spot.x, spot.z);
      }}
    >
      <planeGeometry args={[bounds.maxX - bounds.minX, bounds.maxZ - bounds.minZ]} />
      <meshBasicMaterial visible={false} />
    </mesh>
  );
}

interface LocalAvatarProps {
  client: HallClient;
  scene: Scene;
  cameraMode: CameraMode;
  stick: { current: StickInput };
}

function LocalAvatar({ client, scene, cameraMode, stick }: LocalAvatarProps) {
  const keys = useWalkKeys();
  const group = useRef<Group>(null);
  const pose = useRef<{ x: number; z: number; ry: number } | null>(null);
  const lastSent = useRef({ at: 0, x: NaN, z: NaN, ry: NaN });
  const camera = useThree((s) => s.camera);
  const lookAt = useRef(new Vector3());
  const scratch = useRef({ desired: new Vector3(), focus: new Vector3() });
  const motion = useRef<AvatarMotion>({ speed: 0, turnRate: 0, talking: false });
  const body = useRef<Group>(null);

  useFrame((_, dt) => {
    const presence = client.presence;
    const server = presence.serverPose;
    // PresenceClient only exists once the hall lists us, so the server pose is our spawn point.
    const p = (pose.current ??= { ...server });
    const before = { x: p.x, z: p.z, ry: p.ry };
    const k = keys.current;
    const step = Math.min(dt, 0.25); // slow frames still walk at full speed; the server allows the same gap
    const thumb = stick.current;
    const steering = k.left || k.right || k.forward || k.back || Math.abs(thumb.x) > 0.15 || Math.abs(thumb.y) > 0.15;
    if (steering) client.route.cancel();
    const turn = (k.left ? 1 : 0) - (k.right ? 1 : 0) - (Math.abs(thumb.x) > 0.15 ? thumb.x : 0);
    p.ry += Math.max(-1, Math.min(1, turn)) * TURN_SPEED * step;
    let forward = Math.max(-1, Math.min(1, (k.forward ? 1 : 0) - (k.back ? 1 : 0) + (Math.abs(thumb.y) > 0.15 ? thumb.y : 0)));
    // A route's waypoints are walked one after another; reaching one turns to the next in the same frame.
    let target = client.route.current;
    while (target && Math.hypot(target.x - p.x, target.z - p.z) < 0.05) {
      client.route.reached();
      target = client.route.current;
    }
    if (target) {
      const remaining = Math.hypot(target.x - p.x, target.z - p.z);
      p.ry = Math.atan2(target.x - p.x, target.z - p.z);
      forward = Math.min(1, remaining / (WALK_SPEED * step));
    }
    if (forward !== 0) {
      const speed = WALK_SPEED * (forward < 0 ? 0.6 : 1);
      // The same collision rule as the server's, so our prediction is rarely corrected.
      const next = moveWithinScene(scene, p, { x: p.x + Math.sin(p.ry) * forward * speed * step, z: p.z + Math.cos(p.ry) * forward * speed * step });
      p.x = next.x;
      p.z = next.z;
    }
    // The server is authoritative: if it disagrees by more than a stride, drift back to it.
    const error = Math.hypot(server.x - p.x, server.z - p.z);
    if (error > 1) {
      p.x += (server.x - p.x) * 0.2;
      p.z += (server.z - p.z) * 0.2;
    }
    const now = performance.now();
    const sent = lastSent.current;
    if (now - sent.at >= SEND_INTERVAL_MS && (sent.x !== p.x || sent.z !== p.z || sent.ry !== p.ry)) {
      presence.move({ x: p.x, z: p.z, ry: p.ry });
      lastSent.current = { at: now, x: p.x, z: p.z, ry: p.ry };
    }
    group.current?.position.set(p.x, 0, p.z);
    group.current?.rotation.set(0, p.ry, 0);
    client.tick(p, now);
    trackMotion(motion.current, before, p, step, client.presence.speaking);
    motion.current.waving = isWaving(client.social, presence.sessionId);
    motion.current.expression = client.expressions.get(presence.sessionId);
    motion.current.headPose = client.headPoses.get(presence.sessionId);
    if (body.current) body.current.visible = cameraMode === "third";
    if (cameraMode === "first") {
      // Eye level, looking where we walk; our own body is hidden so it does not fill the view.
      const { desired, focus } = scratch.current;
      desired.set(p.x + Math.sin(p.ry) * 0.15, EYE_HEIGHT, p.z + Math.cos(p.ry) * 0.15);
      camera.position.lerp(desired, 1 - Math.exp(-20 * step));
      lookAt.current.lerp(focus.set(p.x + Math.sin(p.ry) * 4, EYE_HEIGHT - 0.15, p.z + Math.cos(p.ry) * 4), 1 - Math.exp(-20 * step));
      camera.lookAt(lookAt.current);
      return;
    }
    // Third-person follow camera, eased so turning does not whip the view, inside the walls and
    // in front of anything tall behind us (followCameraSpot).
    const behind = followCameraSpot(scene, p);
    // Closer in, the camera comes down towards eye level instead of looking at the floor.
    const { desired, focus } = scratch.current;
    desired.set(behind.x, 1.8 + 1.4 * Math.min(1, behind.distance / FOLLOW_DISTANCE), behind.z);
    // Pulled in by a shelf or wall: move in quickly rather than glide through it.
    const pulledIn = behind.distance < Math.hypot(camera.position.x - p.x, camera.position.z - p.z) - 0.3;
    camera.position.lerp(desired, 1 - Math.exp(-(pulledIn ? 18 : 6) * step));
    lookAt.current.lerp(focus.set(p.x, 1.3, p.z), 1 - Math.exp(-10 * step));
    camera.lookAt(lookAt.current);
  });

  return (
    <group ref={group}>
      <group ref={body}>
        <SpeakingRing isSpeaking={() => client.presence.speaking} />
        <DigitalHuman seed={client.presence.visitorId} avatar={client.presence.avatar} motion={() => motion.current} />
        {/* No name tag of our own: seen from behind it sat exactly where we look ahead and hid the
            people in front of us. Our name and mic state are in the HUD's people list. */}
        <EmoteBubble social={client.social} sessionId={client.presence.sessionId} y={2.55} />
      </group>
    </group>
  );
}

/** Smoothed speed and turn rate from two successive poses, for the walk and turn animation. */
function trackMotion(motion: AvatarMotion, from: { x: number; z: number; ry: number }, to: { x: number; z: number; ry: number }, dt: number, talking: boolean): void {
  if (dt <= 0) return;
  const k = Math.min(1, dt * 8);
  let dry = to.ry - from.ry;
  if (dry > Math.PI) dry -= Math.PI * 2;
  if (dry < -Math.PI) dry += Math.PI * 2;
  motion.speed += (Math.hypot(to.x - from.x, to.z - from.z) / dt - motion.speed) * k;
  motion.turnRate += (dry / dt - motion.turnRate) * k;
  motion.talking = talking;
}

/** A soft ring on the floor that glows while this person's voice is heard. */
function SpeakingRing({ isSpeaking }: { isSpeaking: () => boolean }) {
  const mesh = useRef<Mesh>(null);
  const level = useRef(0);
  useFrame((_, dt) => {
    if (!mesh.current) return;
    level.current += ((isSpeaking() ? 1 : 0) - level.current) * Math.min(1, dt * 10);
    mesh.current.visible = level.current > 0.02;
    (mesh.current.material as MeshBasicMaterial).opacity = 0.75 * level.current;
    const s = 1 + 0.12 * level.current;
    mesh.current.scale.set(s, s, s);
  });
  return (
    <mesh ref={mesh} rotation={[-Math.PI / 2, 0, 0]} position={[0, 0.02, 0]} visible={false}>
      <ringGeometry args={[0.42, 0.55, 40]} />
      <meshBasicMaterial color="#3ccf7a" transparent opacity={0} depthWrite={false} />
    </mesh>
  );
}

function RemoteAvatar({ visitor, client }: { visitor: RemoteVisitor; client: HallClient }) {
  const group = useRef<Group>(null);
  const last = useRef<{ x: number; z: number; ry: number } | null>(null);
  const motion = useRef<AvatarMotion>({ speed: 0, turnRate: 0, talking: false });
  useFrame((_, dt) => {
    const pose = visitor.inView ? visitor.buffer.sample(performance.now()) : undefined;
    if (group.current) group.current.visible = !!pose;
    if (!pose || !group.current) return;
    group.current.position.set(pose.x, 0, pose.z);
    group.current.rotation.set(0, pose.ry, 0);
    trackMotion(motion.current, last.current ?? pose, pose, dt, visitor.speaking);
    motion.current.waving = isWaving(client.social, visitor.sessionId);
    motion.current.expression = client.expressions.get(visitor.sessionId);
    motion.current.headPose = client.headPoses.get(visitor.sessionId);
    motion.current.mouthOpen = client.voices.mouthOpen(visitor.sessionId);
    motion.current.visemes = client.voices.visemes(visitor.sessionId);
    last.current = pose;
  });
  return (
    <group ref={group} visible={false}>
      <SpeakingRing isSpeaking={() => visitor.speaking} />
      <DigitalHuman seed={visitor.visitorId} avatar={visitor.avatar} motion={() => motion.current} staffName={visitor.role === "agent" || visitor.role === "supervisor" ? visitor.name : undefined} />
      <NameTag text={visitor.name} y={2.15} live={visitor.mic} role={visitor.role} away={visitor.away} />
      <EmoteBubble social={client.social} sessionId={visitor.sessionId} y={2.55} />
    </group>
  );
}

function RemoteAvatars({ client }: { client: HallClient }) {
  const visitors = useRoster(client);
  return (
    <>
      {visitors.map((v) => (
        // Keyed by person only: a mic or reconnect change re-renders the name tag, it does not rebuild the avatar.
        <RemoteAvatar key={v.sessionId} visitor={v} client={client} />
      ))}
    </>
  );
}

export function HallScene({ client, scene, cameraMode, stick }: { client: HallClient; scene: Scene; cameraMode: CameraMode; stick: { current: StickInput } }) {
  const [quality] = useState(detectRenderQuality);
  // Reconnecting voice is a handful of round trips on the main thread; on a slow (software
  // rendered) page the frames would starve them, so the picture holds still for that second.
  const reconnecting = useMediaReconnecting(client);
  // A full-screen whiteboard editor covers the hall: it draws no frames until the editor closes.
  const editing = useEditorOpen();
  return (
    <Canvas
      frameloop={editing || (reconnecting && quality.level === "low") ? "never" : "always"}
      data-quality={quality.level}
      shadows={quality.shadows}
      dpr={quality.dpr}
      camera={{ fov: 55, near: 0.1, far: 200, position: [scene.spawn.x, 3.2, scene.bounds.maxZ - 0.4] }}
      gl={{ preserveDrawingBuffer: true, antialias: quality.antialias }}
    >
      <HallRoomGeometry scene={scene} quality={quality.level} />
      <FloorTarget client={client} scene={scene} />
      <LocalAvatar client={client} scene={scene} cameraMode={cameraMode} stick={stick} />
      <RemoteAvatars client={client} />
      <CameraPanels client={client} />
      <SharedScreens client={client} />
      <BoardSurfaces client={client} scene={scene} quality={quality.level} />
      <SceneProbeHook />
    </Canvas>
  );
}
