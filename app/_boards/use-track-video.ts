import { useEffect, type RefObject } from "react";

/**
 * Plays a video track in a <video> element while mounted, and reports the picture's size each
 * time it is known or changes (a shared screen changes shape when the window is resized).
 */
export function useTrackVideo(video: RefObject<HTMLVideoElement | null>, track: MediaStreamTrack, onSize: (width: number, height: number) => void): void {
  useEffect(() => {
    const v = video.current;
    if (!v) return;
    v.srcObject = new MediaStream([track]);
    void v.play().catch(() => undefined);
    const shape = () => onSize(v.videoWidth, v.videoHeight);
    v.addEventListener("loadedmetadata", shape);
    v.addEventListener("resize", shape);
    return () => {
      v.removeEventListener("loadedmetadata", shape);
      v.removeEventListener("resize", shape);
      v.srcObject = null;
    };
    // The callback only sets the caller's state: the video follows the track alone.
  }, [track]);
}
