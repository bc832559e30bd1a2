"use client";
import { useSyncExternalStore } from "react";
import type { MediaSource } from "../../../game-server/protocol/index.ts";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { RemoteVideo } from "../../_hall-client/video-tracks.ts";

/** The video we receive from one visitor's camera or screen; undefined while none flows to us. */
export function useRemoteVideo(client: HallClient, peerId: string, source: MediaSource): RemoteVideo | undefined {
  return useSyncExternalStore(
    (onChange) => client.videos.subscribe(onChange),
    () => client.videos.get(peerId, source),
    () => undefined,
  );
}

/** Our own webcam track while it is on. */
export function useLocalCamera(client: HallClient): MediaStreamTrack | undefined {
  return useSyncExternalStore(
    (onChange) => client.media.onLocalVideo(onChange),
    () => client.media.cameraTrack,
    () => undefined,
  );
}

/** Our own screen-share track while we share. */
export function useLocalScreen(client: HallClient): MediaStreamTrack | undefined {
  return useSyncExternalStore(
    (onChange) => client.media.onLocalVideo(onChange),
    () => client.media.screenTrack,
    () => undefined,
  );
}
