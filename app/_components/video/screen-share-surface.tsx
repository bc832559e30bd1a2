"use client";
import { createPortal, useFrame, useThree } from "@react-three/fiber";
import { useMemo, useRef, useState } from "react";
import { Vector3, type Mesh, type Object3D } from "three";
import type { VideoDisplay } from "../../../game-server/protocol/index.ts";
import { DisplayReporter } from "./display-report.ts";
import { onScreenHeight } from "./on-screen-size.ts";
import { isFresh, useVideoTexture } from "./use-video-texture.ts";

interface ScreenShareSurfaceProps {
  /** The scene screen to show it on (`scene.screens[].id`; the renderer names its mesh `screen:<id>`). */
  screenId: string;
  track: MediaStreamTrack;
  /** For a received share: its consumer, so the SFU hears how big it is drawn. */
  consumerId?: string;
  /** Tells the SFU how big a received video is on screen. */
  report?: (consumerId: string, display: VideoDisplay) => void;
  /** True while this share is open in the full-screen view (the SFU must keep it flowing). */
  fullView?: () => boolean;
}

/**
 * A screen share drawn on a scene screen: a picture in front of the screen's face, fitted
 * inside it without stretching (the screen's own dark glass shows as the bars when the shape
 * differs), removed when the share ends, leaving the screen as it was. The picture is a
 * child of the screen mesh (a React portal), so it follows wherever the scene put the screen.
 */
export function ScreenShareSurface({ screenId, track, consumerId, report, fullView }: ScreenShareSurfaceProps) {
  const scene = useThree((s) => s.scene);
  const camera = useThree((s) => s.camera);
  const viewportHeight = useThree((s) => s.size.height);
  const [screen, setScreen] = useState<Mesh>();
  const picture = useVideoTexture(track);
  const face = useRef<Mesh>(null);
  const lookedAt = useRef(-Infinity);
  const reporter = useMemo(() => new DisplayReporter((id, d) => report?.(id, d)), [report]);
  const centre = useMemo(() => new Vector3(), []);

  useFrame(() => {
    const now = performance.now();
    if (!screen) {
      // The room may still be building (textures, models): look for the screen twice a second.
      if (now - lookedAt.current > 500) {
        lookedAt.current = now;
        const found: Object3D | undefined = scene.getObjectByName(`screen:${screenId}`);
        if (found && (found as Mesh).isMesh) setScreen(found as Mesh);
      }
      return;
    }
    const m = face.current;
    if (m && picture) {
      // Contain: the whole shared picture, as large as the screen allows.
      const screenAspect = screen.scale.x / screen.scale.y;
      const { videoWidth: w, videoHeight: h } = picture.video;
      const aspect = w && h ? w / h : screenAspect;
      m.scale.set(aspect > screenAspect ? 1 : aspect / screenAspect, aspect > screenAspect ? screenAspect / aspect : 1, 1);
      m.visible = isFresh(picture, now);
    }
    if (consumerId) {
      screen.getWorldPosition(centre);
      const height = onScreenHeight(camera, centre, screen.scale.y, viewportHeight);
      reporter.update(consumerId, height, now, fullView?.() ? "full" : undefined);
    }
  });

  if (!screen || !picture) return null;
  return createPortal(
    // 1 cm in front of the glass (the screen is a 1 × 1 plane scaled to its size, facing +z).
    <mesh ref={face} position={[0, 0, 0.01]} name={`screen-share:${screenId}`} visible={false}>
      <planeGeometry args={[1, 1]} />
      <meshBasicMaterial map={picture.texture} toneMapped={false} />
    </mesh>,
    screen,
  );
}
