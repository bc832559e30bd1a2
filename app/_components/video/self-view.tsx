"use client";
import { useEffect, useRef } from "react";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { useLocalCamera } from "./use-videos.ts";
import styles from "./video.module.css";
import { VIDEO_WORDS } from "./video-words.ts";

/** Our own webcam in a small mirrored tile while it is on: what the others see beside our avatar. */
export function SelfView({ client, lang }: { client: HallClient; lang: Lang }) {
  const track = useLocalCamera(client);
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = video.current;
    if (!v || !track) return;
    v.srcObject = new MediaStream([track]);
    void v.play().catch(() => undefined);
    return () => {
      v.srcObject = null;
    };
  }, [track]);
  if (!track) return null;
  return (
    <div className={styles.selfTile} data-testid="self-view">
      <video ref={video} muted playsInline autoPlay />
      <span className={styles.selfLabel}>{VIDEO_WORDS[lang].you}</span>
    </div>
  );
}
