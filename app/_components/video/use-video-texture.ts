"use client";
import { useEffect, useState } from "react";
import { SRGBColorSpace, VideoTexture } from "three";

export interface VideoPicture {
  texture: VideoTexture;
  video: HTMLVideoElement;
  /** performance.now() of the last decoded frame (0 before the first): a paused video goes stale. */
  lastFrameAt: number;
}

/**
 * Without a new frame for this long, the video is taken as stopped (paused by the SFU, sender
 * gone). Frame callbacks run with the page's rendering, which a loaded, software-rendered page
 * may do only a few times a second: generous.
 */
export const STALE_AFTER_MS = 3000;

/** Whether the picture has shown a frame lately (always true where the browser cannot tell). */
export function isFresh(picture: VideoPicture | undefined, now: number): boolean {
  if (!picture) return false;
  if (!("requestVideoFrameCallback" in picture.video)) return true;
  return picture.lastFrameAt > 0 && now - picture.lastFrameAt < STALE_AFTER_MS;
}

/**
 * A track played in a hidden, muted <video> and drawn as a three.js VideoTexture (updated on
 * each decoded frame through requestVideoFrameCallback, not every render frame). Undefined
 * until there is a track; freed when the track changes or the component goes.
 */
export function useVideoTexture(track: MediaStreamTrack | undefined): VideoPicture | undefined {
  const [picture, setPicture] = useState<VideoPicture>();
  useEffect(() => {
    if (!track) {
      setPicture(undefined);
      return;
    }
    const video = document.createElement("video");
    video.muted = true; // audio goes through SpatialVoices; a video element must not play any
    video.playsInline = true;
    video.autoplay = true;
    video.srcObject = new MediaStream([track]);
    void video.play().catch(() => undefined);
    const texture = new VideoTexture(video);
    texture.colorSpace = SRGBColorSpace;
    const picture: VideoPicture = { texture, video, lastFrameAt: 0 };
    let frameRequest = 0;
    const onFrame = () => {
      picture.lastFrameAt = performance.now();
      frameRequest = video.requestVideoFrameCallback(onFrame);
    };
    if ("requestVideoFrameCallback" in video) frameRequest = video.requestVideoFrameCallback(onFrame);
    setPicture(picture);
    return () => {
      if (frameRequest) video.cancelVideoFrameCallback(frameRequest);
      texture.dispose();
      video.pause();
      video.srcObject = null;
    };
  }, [track]);
  return picture;
}

/**
 * Crops a texture to fill a frame of `frameAspect` (width / height) without stretching, like
 * CSS `object-fit: cover`, from the video's own size once it is known.
 */
export function coverFit(picture: VideoPicture, frameAspect: number): void {
  const { video, texture } = picture;
  if (!video.videoWidth || !video.videoHeight) return;
  const aspect = video.videoWidth / video.videoHeight;
  const sx = aspect > frameAspect ? frameAspect / aspect : 1;
  const sy = aspect > frameAspect ? 1 : aspect / frameAspect;
  if (texture.repeat.x === sx && texture.repeat.y === sy) return;
  texture.repeat.set(sx, sy);
  texture.offset.set((1 - sx) / 2, (1 - sy) / 2);
}
