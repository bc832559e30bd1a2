"use client";
import { useState } from "react";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { mediaErrorText } from "../hud/hud-words.ts";
import { useLocalCamera, useLocalScreen } from "./use-videos.ts";
import { VIDEO_WORDS } from "./video-words.ts";

/**
 * The HUD's "Camera on/off" and "Share screen / Stop sharing" buttons, with the reason when
 * the browser refuses (no camera, permission blocked, the screen picker cancelled).
 */
export function VideoControls({ client, lang }: { client: HallClient; lang: Lang }) {
  const camera = useLocalCamera(client);
  const screen = useLocalScreen(client);
  const [busy, setBusy] = useState<"camera" | "screen">();
  const [error, setError] = useState<string>();
  const w = VIDEO_WORDS[lang];

  const run = async (what: "camera" | "screen", action: () => Promise<void>) => {
    setBusy(what);
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <>
      <button type="button" className={camera ? "" : "secondary"} disabled={busy === "camera"} onClick={() => void run("camera", () => (camera ? client.media.disableCamera() : client.media.enableCamera()))}>
        {camera ? w.cameraOff : w.cameraOn}
      </button>
      <button type="button" className={screen ? "" : "secondary"} disabled={busy === "screen"} onClick={() => void run("screen", () => (screen ? client.media.stopScreenShare() : client.media.startScreenShare()))}>
        {screen ? w.stopSharing : w.shareScreen}
      </button>
      {error ? (
        <span className="error panel" role="alert" data-testid="video-error">
          {mediaErrorText(error, lang)}
        </span>
      ) : null}
    </>
  );
}
