"use client";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import { useRoster } from "../use-roster.ts";
import { CameraPanel } from "./camera-panel.tsx";

/** A webcam panel beside every other visitor whose camera is on (the default is the avatar alone). */
export function CameraPanels({ client }: { client: HallClient }) {
  const visitors = useRoster(client);
  return (
    <>
      {visitors
        .filter((v) => v.camera)
        .map((v) => (
          <CameraPanel key={v.sessionId} client={client} visitor={v} />
        ))}
    </>
  );
}
