"use client";
import { useState, useSyncExternalStore } from "react";
import type { HandoverReason } from "../../../game-server/protocol/index.ts";
import type { HallClient, MediaState } from "../../_hall-client/hall-client.ts";
import { useLang } from "../../_i18n/lang.ts";
import { LangSwitch } from "../../_i18n/lang-switch.tsx";
import type { CameraMode } from "../hall-scene.tsx";
import { TouchStick, type StickInput } from "../touch-stick.tsx";
import { useMediaReconnecting } from "../use-media-reconnecting.ts";
import { ChatPanel } from "./chat-panel.tsx";
import { ConciergePanel } from "./concierge-panel.tsx";
import { ConnectionBanner } from "./connection-banner.tsx";
import { EmoteBar } from "./emote-bar.tsx";
import { NetworkIndicator } from "./network-indicator.tsx";
import { PeoplePanel } from "./people-panel.tsx";
import { ServicePanel } from "./service-panel.tsx";
import { SelfView } from "../video/self-view.tsx";
import { ShareViewer } from "../video/share-viewer.tsx";
import { VideoControls } from "../video/video-controls.tsx";

interface HallHudProps {
  client: HallClient;
  hallName: string;
  media: MediaState;
  onMedia: (m: MediaState) => void;
  cameraMode: CameraMode;
  onCameraMode: (mode: CameraMode) => void;
  stick: { current: StickInput };
}

/** Everything drawn over the 3D hall: status, people, chat, emotes, voice and view controls. */
export function HallHud({ client, hallName, media, onMedia, cameraMode, onCameraMode, stick }: HallHudProps) {
  const reconnecting = useMediaReconnecting(client);
  const [busy, setBusy] = useState(false);
  const [micError, setMicError] = useState<string>();
  const [lang, setLang] = useLang();
  const micOn = media.status === "on" && media.mic;
  const service = useSyncExternalStore(
    (onChange) => client.service.subscribe(onChange),
    () => client.service.state,
    () => client.service.state,
  );
  const [serviceError, setServiceError] = useState<string>();
  const talkToPerson = (reason: HandoverReason) => {
    setServiceError(undefined);
    client.service.requestPerson(reason, lang).catch((e: unknown) => setServiceError(e instanceof Error ? e.message : String(e)));
  };

  const toggleMic = async () => {
    setBusy(true);
    setMicError(undefined);
    try {
      if (client.media.micOn) await client.media.disableMic();
      else await client.media.enableMic();
      onMedia({ status: "on", mic: client.media.micOn });
    } catch (e) {
      setMicError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ConnectionBanner client={client} />
      <div className="hud">
        <div className="panel">
          <h2>{hallName}</h2>
          <div className="status-line" data-testid="media-status">
            {reconnecting ? "Voice interrupted · reconnecting…" : media.status === "on" ? (media.mic ? "Voice connected · mic on" : "Voice connected · mic off") : media.status === "connecting" ? "Connecting voice…" : media.status === "failed" ? `Voice unavailable: ${media.reason}` : "Voice off"}
          </div>
          {media.status === "on" ? <NetworkIndicator client={client} /> : null}
          <LangSwitch lang={lang} onChange={setLang} />
        </div>
        <PeoplePanel client={client} micOn={micOn} />
      </div>
      <ChatPanel client={client} />
      {/* The handover happens in place: the agent's card takes the concierge's corner while it lasts. */}
      {service.view ? <ServicePanel client={client} lang={lang} media={media} onMedia={onMedia} /> : <ConciergePanel client={client} lang={lang} onTalkToPerson={talkToPerson} />}
      {serviceError && !service.view ? (
        <p className="error panel service-error" role="alert">
          {serviceError}
        </p>
      ) : null}
      <SelfView client={client} />
      <ShareViewer client={client} />
      <div className="controls">
        {media.status === "on" ? (
          <button type="button" className={client.media.micOn ? "" : "secondary"} onClick={toggleMic} disabled={busy}>
            {client.media.micOn ? "Mute" : "Unmute"}
          </button>
        ) : null}
        {media.status === "on" ? <VideoControls client={client} /> : null}
        <EmoteBar client={client} />
        <button type="button" className="secondary" title="Switch view (V)" onClick={() => onCameraMode(cameraMode === "third" ? "first" : "third")}>
          {cameraMode === "third" ? "First-person view" : "Follow view"}
        </button>
        {micError ? <span className="error panel">{micError}</span> : null}
        <a className="panel" href="/">
          Leave
        </a>
      </div>
      <TouchStick input={stick} />
    </>
  );
}
