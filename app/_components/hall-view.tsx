"use client";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { Scene } from "../../scenes/scene-format.ts";
import { HallClient, type MediaState } from "../_hall-client/hall-client.ts";
import { useLang } from "../_i18n/lang.ts";
import { HallScene } from "./hall-scene.tsx";
import { HALL_WORDS } from "./hall-words.ts";
import { LobbyCard } from "./lobby/lobby-card.tsx";
import { HallHud } from "./hud/hall-hud.tsx";
import type { StickInput } from "./touch-stick.tsx";
import { useCameraMode } from "./use-camera-mode.ts";
import { createSession, loadSession } from "./session-store.ts";

declare global {
  interface Window {
    /** The live hall client, for debugging from the console and for end-to-end tests. */
    atrium?: HallClient;
  }
}

interface HallInfo {
  hall: { id: string; name: string };
  scene: Scene;
}

type Phase = { at: "loading" } | { at: "missing"; message: string } | { at: "lobby"; error?: string } | { at: "joining" } | { at: "inside"; client: HallClient; name: string };

export function HallView({ hallId, preview }: { hallId: string; preview?: string }) {
  const [info, setInfo] = useState<HallInfo>();
  const [phase, setPhase] = useState<Phase>({ at: "loading" });
  const [name, setName] = useState("");
  const [withMic, setWithMic] = useState(true);
  const [media, setMedia] = useState<MediaState>({ status: "off" });
  const [cameraMode, setCameraMode] = useCameraMode();
  const stick = useRef<StickInput>({ x: 0, y: 0 });
  // One language for the whole page: what the lobby's switch chose, the HUD starts in, without a flash of English.
  const [lang, setLang] = useLang();
  const w = HALL_WORDS[lang];

  useEffect(() => {
    setName(loadSession()?.name ?? "");
    // A preview shows the studio's draft (marketers and admins only: anyone else gets the server's 403 here).
    fetch(preview ? `/api/studio/scenes/${encodeURIComponent(preview)}/preview` : `/api/halls/${encodeURIComponent(hallId)}`)
      .then(async (r) => {
        if (!r.ok) throw new Error(((await r.json().catch(() => ({}))) as { error?: string }).error ?? `hall not available (${r.status})`);
        return (await r.json()) as HallInfo;
      })
      .then((i) => {
        setInfo(i);
        setPhase({ at: "lobby" });
      })
      .catch((e: Error) => setPhase({ at: "missing", message: e.message }));
  }, [hallId, preview]);

  const enter = useCallback(
    async (event: FormEvent, avatar: string) => {
      event.preventDefault();
      setPhase({ at: "joining" });
      try {
        const stored = loadSession();
        const session = stored && stored.name === name.trim() ? stored : await createSession(name);
        let client: HallClient;
        try {
          client = await HallClient.enter(info?.hall.id ?? hallId, session.token, avatar, undefined, preview);
        } catch {
          // An expired or foreign token: start a fresh session once before giving up.
          client = await HallClient.enter(info?.hall.id ?? hallId, (await createSession(name)).token, avatar, undefined, preview);
        }
        window.atrium = client;
        setPhase({ at: "inside", client, name: session.name });
        setMedia({ status: "connecting" });
        setMedia(await client.startMedia(withMic));
      } catch (error) {
        setPhase({ at: "lobby", error: error instanceof Error ? error.message : String(error) });
      }
    },
    [hallId, name, withMic, preview, info],
  );

  useEffect(() => {
    if (phase.at !== "inside") return;
    const client = phase.client;
    return () => {
      void client.leave();
      if (window.atrium === client) window.atrium = undefined;
    };
  }, [phase]);

  if (phase.at === "loading") return <div className="overlay"><p className="status-line">{w.opening}</p></div>;
  if (phase.at === "missing") {
    return (
      <div className="overlay">
        <div className="card">
          <h1>{w.notFound}</h1>
          <p className="error">{phase.message}</p>
          <a href="/">{w.backToHalls}</a>
        </div>
      </div>
    );
  }
  if (phase.at === "inside" && info) {
    return (
      <div className="hall" data-testid="hall">
        <HallScene client={phase.client} scene={info.scene} cameraMode={cameraMode} stick={stick} />
        {preview ? <div className="preview-ribbon" role="status" data-testid="preview-ribbon">{w.previewRibbon}</div> : null}
        <HallHud client={phase.client} hallName={info.hall.name} media={media} onMedia={setMedia} cameraMode={cameraMode} onCameraMode={setCameraMode} stick={stick} lang={lang} onLang={setLang} />
      </div>
    );
  }
  return (
    <div className="overlay">
      <LobbyCard hallName={info?.hall.name ?? "Atrium"} name={name} onName={setName} withMic={withMic} onWithMic={setWithMic} joining={phase.at === "joining"} error={phase.at === "lobby" ? phase.error : undefined} onEnter={enter} lang={lang} onLang={setLang} />
    </div>
  );
}
