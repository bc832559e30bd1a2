"use client";
import { useEffect, useRef, useState } from "react";
import styles from "./check.module.css";

/** The camera as others would see it, mirrored like a mirror so moving left moves left. */
export function CameraPreview({ track }: { track: MediaStreamTrack }) {
  const video = useRef<HTMLVideoElement>(null);
  const [size, setSize] = useState<string>();

  useEffect(() => {
    const element = video.current;
    if (!element) return;
    element.srcObject = new MediaStream([track]);
    const measure = () => setSize(element.videoWidth ? `${element.videoWidth} × ${element.videoHeight}` : undefined);
    element.addEventListener("resize", measure);
    element.addEventListener("loadedmetadata", measure);
    void element.play().catch(() => undefined); // muted video may always play; a refusal only delays the picture
    return () => {
      element.removeEventListener("resize", measure);
      element.removeEventListener("loadedmetadata", measure);
      element.srcObject = null;
    };
  }, [track]);

  return (
    <figure className={styles.preview}>
      <video ref={video} muted playsInline autoPlay data-testid="camera-preview" aria-label="Camera preview" />
      {size && <figcaption>{size}</figcaption>}
    </figure>
  );
}
