"use client";
import { useState, useSyncExternalStore } from "react";
import type { HandoverReason } from "../../../game-server/protocol/index.ts";
import type { HallClient, MediaState } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { LangSwitch } from "../../_i18n/lang-switch.tsx";
import type { CameraMode } from "../hall-scene.tsx";
import { TouchStick, type StickInput } from "../touch-stick.tsx";
import { useMediaReconnecting } from "../use-media-reconnecting.ts";
import { ChatPanel } from "./chat-panel.tsx";
import { ConciergePanel } from "./concierge-panel.tsx";
import { ConnectionBanner } from "./connection-banner.tsx";
import { EmoteBar } from "./emote-bar.tsx";
import { FaceControl } from "./face-control.tsx";
import { HUD_WORDS, mediaErrorText } from "./hud-words.ts";
import { NetworkIndicator } from "./network-indicator.tsx";
import { PeoplePanel } from "./people-panel.tsx";
import { ServicePanel } from "./service-panel.tsx";
import { fillWords as fill } from "./service-words.ts";
import { SelfView } from "../video/self-view.tsx";
import { ShareViewer } from "../video/share-viewer.tsx";
import { VideoControls } from "../video/video-controls.tsx";
import { HallWhiteboards } from "../../_boards/whiteboard-launcher.tsx";

interface HallHudProps {
  client: HallClient;
  hallName: string;
  media: MediaState;
  onMedia: (m: MediaState) => void;
  cameraMode: CameraMode;
  onCameraMode: (mode: CameraMode) => void;
  stick: { current: StickInput };
  /** The page's language (chosen in the lobby or here), shared with the lobby so a switch holds across both. */
  lang: Lang;
  onLang: (lang: Lang) => void;
}

/** Everything drawn over the 3D hall: status, people, chat, emotes, voice and view controls. */
export function HallHud({ client, hallName, media, onMedia, cameraMode, onCameraMode, stick, lang, onLang }: HallHudProps) {
  const reconnecting = useMediaReconnecting(client);
  const [busy, setBusy] = useState(false);
  const [micError, setMicError] = useState<string>();
  const w = HUD_WORDS[lang];
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
      <ConnectionBanner client={client} lang={lang} />
      <div className="hud">
        <div className="panel">
          <h2>{hallName}</h2>
          <div className="status-line" data-testid="media-status">
            {reconnecting ? w.voiceReconnecting : media.status === "on" ? (media.mic ? w.voiceMicOn : w.voiceMicOff) : media.status === "connecting" ? w.voiceConnecting : media.status === "failed" ? fill(w.voiceFailed, { reason: mediaErrorText(media.reason, lang) }) : w.voiceOff}
          </div>
          {media.status === "on" ? <NetworkIndicator client={client} lang={lang} /> : null}
          <LangSwitch lang={lang} onChange={onLang} />
        </div>
        <PeoplePanel client={client} micOn={micOn} lang={lang} />
      </div>
      <ChatPanel client={client} lang={lang} />
      {/* The handover happens in place: the agent's card takes the concierge's corner while it lasts. */}
      {service.view ? <ServicePanel client={client} lang={lang} media={media} onMedia={onMedia} /> : <ConciergePanel client={client} lang={lang} onTalkToPerson={talkToPerson} />}
      {serviceError && !service.view ? (
        <p className="error panel service-error" role="alert">
          {serviceError}
        </p>
      ) : null}
      <SelfView client={client} lang={lang} />
      <ShareViewer client={client} lang={lang} />
      <HallWhiteboards client={client} lang={lang} />
      <div className="controls">
        {media.status === "on" ? (
          <button type="button" className={client.media.micOn ? "" : "secondary"} onClick={toggleMic} disabled={busy}>
            {client.media.micOn ? w.mute : w.unmute}
          </button>
        ) : null}
        {media.status === "on" ? <VideoControls client={client} lang={lang} /> : null}
        {media.status === "on" ? <FaceControl client={client} lang={lang} /> : null}
        <EmoteBar client={client} lang={lang} />
        <button type="button" className="secondary" title={w.switchView} onClick={() => onCameraMode(cameraMode === "third" ? "first" : "third")}>
          {cameraMode === "third" ? w.firstPerson : w.followView}
        </button>
        {micError ? <span className="error panel">{mediaErrorText(micError, lang)}</span> : null}
        <a className="panel" href="/">
          {w.leave}
        </a>
      </div>
      <TouchStick input={stick} label={w.walk} />
    </>
  );
}
