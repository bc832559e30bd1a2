"use client";
import { useFrame, useThree } from "@react-three/fiber";
import { useMemo, useRef } from "react";
import { Shape, ShapeGeometry, Vector3, type Group } from "three";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { RemoteVisitor } from "../../_hall-client/presence-client.ts";
import { DisplayReporter } from "./display-report.ts";
import { onScreenHeight } from "./on-screen-size.ts";
import { coverFit, isFresh, useVideoTexture } from "./use-video-texture.ts";
import { useRemoteVideo } from "./use-videos.ts";

/** The panel: 0.64 × 0.36 m (16:9), a thin dark frame, its centre level with the face. */
const WIDTH = 0.64;
const HEIGHT = 0.36;
const FRAME = 0.022;
const CENTRE_Y = 1.66;
/** From the avatar's centre to the panel's centre, towards the viewer's right: clear of the shoulder. */
const BESIDE = 0.66;

/** The frame: a light rounded card, like the name tags, so the panel reads against dark walls too. */
const frameGeometry = (() => {
  const w = WIDTH + 2 * FRAME;
  const h = HEIGHT + 2 * FRAME;
  const r = 0.035;
  const shape = new Shape();
  shape.moveTo(-w / 2 + r, -h / 2);
  shape.lineTo(w / 2 - r, -h / 2);
  shape.quadraticCurveTo(w / 2, -h / 2, w / 2, -h / 2 + r);
  shape.lineTo(w / 2, h / 2 - r);
  shape.quadraticCurveTo(w / 2, h / 2, w / 2 - r, h / 2);
  shape.lineTo(-w / 2 + r, h / 2);
  shape.quadraticCurveTo(-w / 2, h / 2, -w / 2, h / 2 - r);
  shape.lineTo(-w / 2, -h / 2 + r);
  shape.quadraticCurveTo(-w / 2, -h / 2, -w / 2 + r, -h / 2);
  return new ShapeGeometry(shape, 6);
})();

/**
 * A visitor's webcam on a small screen floating beside their head, turned to face us. Hidden
 * while they are out of our view, off-screen, or while no frames arrive (the SFU paused it:
 * too far, behind booth glass); the page tells the SFU how big it is drawn, so an off-screen
 * panel costs no bandwidth and a distant one only the 180p layer.
 */
export function CameraPanel({ client, visitor }: { client: HallClient; visitor: RemoteVisitor }) {
  const remote = useRemoteVideo(client, visitor.sessionId, "camera");
  const picture = useVideoTexture(remote?.track);
  const group = useRef<Group>(null);
  const camera = useThree((s) => s.camera);
  const viewportHeight = useThree((s) => s.size.height);
  const reporter = useMemo(() => new DisplayReporter((id, display) => client.media.setVideoDisplay(id, display)), [client]);
  const right = useMemo(() => new Vector3(), []);

  useFrame(() => {
    const g = group.current;
    if (!g) return;
    const now = performance.now();
    const pose = visitor.inView ? visitor.buffer.sample(now) : undefined;
    if (pose) {
      // Always on the viewer's right of the head, whichever way the person faces.
      right.setFromMatrixColumn(camera.matrixWorld, 0).setY(0).normalize();
      g.position.set(pose.x + right.x * BESIDE, CENTRE_Y, pose.z + right.z * BESIDE);
      g.lookAt(camera.position);
    }
    const height = pose ? onScreenHeight(camera, g.position, HEIGHT, viewportHeight) : undefined;
    reporter.update(remote?.consumerId, height, now);
    g.visible = height !== undefined && isFresh(picture, now);
    if (picture) coverFit(picture, WIDTH / HEIGHT);
  });

  return (
    <group ref={group} visible={false} name={`camera-panel:${visitor.sessionId}`}>
      <mesh position={[0, 0, -0.004]} geometry={frameGeometry}>
        <meshBasicMaterial color="#f4f6f6" transparent opacity={0.94} toneMapped={false} />
      </mesh>
      <mesh>
        <planeGeometry args={[WIDTH, HEIGHT]} />
        {/* Keyed: a material first drawn without a map must be rebuilt to draw one. */}
        {picture ? <meshBasicMaterial key="video" map={picture.texture} toneMapped={false} /> : <meshBasicMaterial key="waiting" color="#1d2a30" toneMapped={false} />}
      </mesh>
      {/* a small green light in the frame's corner: this is live */}
      <mesh position={[-WIDTH / 2 + 0.02, HEIGHT / 2 + FRAME / 2, 0.001]}>
        <circleGeometry args={[0.008, 16]} />
        <meshBasicMaterial color="#2e9d5b" toneMapped={false} />
      </mesh>
    </group>
  );
}
