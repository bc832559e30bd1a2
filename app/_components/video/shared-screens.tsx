"use client";
import { useCallback, useSyncExternalStore } from "react";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { RemoteVisitor } from "../../_hall-client/presence-client.ts";
import { useRoster } from "../use-roster.ts";
import { fullViewOf } from "./full-view.ts";
import { ScreenShareSurface } from "./screen-share-surface.tsx";
import { useLocalScreen, useRemoteVideo } from "./use-videos.ts";

function RemoteShare({ client, visitor }: { client: HallClient; visitor: RemoteVisitor }) {
  const remote = useRemoteVideo(client, visitor.sessionId, "screen");
  const report = useCallback((id: string, display: Parameters<HallClient["media"]["setVideoDisplay"]>[1]) => client.media.setVideoDisplay(id, display), [client]);
  const fullView = useCallback(() => fullViewOf(client).peerId === visitor.sessionId, [client, visitor.sessionId]);
  if (!remote) return null;
  return <ScreenShareSurface screenId={visitor.screenId} track={remote.track} consumerId={remote.consumerId} report={report} fullView={fullView} />;
}

/**
 * Every screen share in the hall on the scene screen the server gave it (the nearest free one
 * to where the sharer started), ours included, drawn from our own track without a round trip.
 */
export function SharedScreens({ client }: { client: HallClient }) {
  const visitors = useRoster(client);
  const ownTrack = useLocalScreen(client);
  const ownScreen = useSyncExternalStore(
    (onChange) => client.presence.subscribe(onChange),
    () => client.presence.screenId,
    () => "",
  );
  return (
    <>
      {visitors
        .filter((v) => v.screen && v.screenId)
        .map((v) => (
          <RemoteShare key={`${v.sessionId}:${v.screenId}`} client={client} visitor={v} />
        ))}
      {ownTrack && ownScreen ? <ScreenShareSurface key={`own:${ownScreen}`} screenId={ownScreen} track={ownTrack} /> : null}
    </>
  );
}
