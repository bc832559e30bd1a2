"use client";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import type { Scene } from "../../scenes/scene-format.ts";
import { HallClient, type MediaState } from "../_hall-client/hall-client.ts";
import { HallScene } from "./hall-scene.tsx";
import { createSession, loadSession } from "./session-store.ts";
import { useMediaReconnecting } from "./use-media-reconnecting.ts";
import { useRoster } from "./use-roster.ts";

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

export function HallView({ hallId }: { hallId: string }) {
  const [info, setInfo] = useState<HallInfo>();
  const [phase, setPhase] = useState<Phase>({ at: "loading" });
  const [name, setName] = useState("");
  const [withMic, setWithMic] = useState(true);
  const [media, setMedia] = useState<MediaState>({ status: "off" });

  useEffect(() => {
    setName(loadSession()?.name ?? "");
    fetch(`/api/halls/${encodeURIComponent(hallId)}`)
      .then(async (r) => {
        if (!r.ok) throw new Error(((await r.json().catch(() => ({}))) as { error?: string }).error ?? `hall not available (${r.status})`);
        return (await r.json()) as HallInfo;
      })
      .then((i) => {
        setInfo(i);
        setPhase({ at: "lobby" });
      })
      .catch((e: Error) => setPhase({ at: "missing", message: e.message }));
  }, [hallId]);

  const enter = useCallback(
    async (event: FormEvent) => {
      event.preventDefault();
      setPhase({ at: "joining" });
      try {
        const stored = loadSession();
        const session = stored && stored.name === name.trim() ? stored : await createSession(name);
        let client: HallClient;
        try {
          client = await HallClient.enter(hallId, session.token);
        } catch {
          // An expired or foreign token: start a fresh session once before giving up.
          client = await HallClient.enter(hallId, (await createSession(name)).token);
        }
        window.atrium = client;
        setPhase({ at: "inside", client, name: session.name });
        setMedia({ status: "connecting" });
        setMedia(await client.startMedia(withMic));
      } catch (error) {
        setPhase({ at: "lobby", error: error instanceof Error ? error.message : String(error) });
      }
    },
    [hallId, name, withMic],
  );

  useEffect(() => {
    if (phase.at !== "inside") return;
    const client = phase.client;
    return () => {
      void client.leave();
      if (window.atrium === client) window.atrium = undefined;
    };
  }, [phase]);

  if (phase.at === "loading") return <div className="overlay"><p className="status-line">Opening the hall…</p></div>;
  if (phase.at === "missing") {
    return (
      <div className="overlay">
        <div className="card">
          <h1>Hall not found</h1>
          <p className="error">{phase.message}</p>
          <a href="/">Back to the list of halls</a>
        </div>
      </div>
    );
  }
  if (phase.at === "inside" && info) {
    return (
      <div className="hall" data-testid="hall">
        <HallScene client={phase.client} scene={info.scene} name={phase.name} />
        <Hud client={phase.client} hallName={info.hall.name} media={media} onMedia={setMedia} />
      </div>
    );
  }
  return (
    <div className="overlay">
      <form className="card" onSubmit={enter}>
        <h1>{info?.hall.name ?? "Atrium"}</h1>
        <p className="hint">Choose the name others will see above your avatar.</p>
        <input type="text" name="displayName" aria-label="Display name" placeholder="Your name" value={name} maxLength={32} required autoFocus onChange={(e) => setName(e.target.value)} />
        <label className="check">
          <input type="checkbox" checked={withMic} onChange={(e) => setWithMic(e.target.checked)} /> Join with my microphone on
        </label>
        {phase.at === "lobby" && phase.error ? <p className="error" role="alert">{phase.error}</p> : null}
        <button type="submit" disabled={phase.at === "joining" || name.trim() === ""}>
          {phase.at === "joining" ? "Entering…" : "Enter the hall"}
        </button>
        <p className="hint">Walk with W A S D or the arrow keys.</p>
      </form>
    </div>
  );
}

function Hud({ client, hallName, media, onMedia }: { client: HallClient; hallName: string; media: MediaState; onMedia: (m: MediaState) => void }) {
  const people = useRoster(client);
  const reconnecting = useMediaReconnecting(client);
  const [busy, setBusy] = useState(false);
  const [micError, setMicError] = useState<string>();

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
      <div className="hud">
        <div className="panel">
          <h2>{hallName}</h2>
          <div className="status-line" data-testid="media-status">
            {reconnecting ? "Voice interrupted · reconnecting…" : media.status === "on" ? (media.mic ? "Voice connected · mic on" : "Voice connected · mic off") : media.status === "connecting" ? "Connecting voice…" : media.status === "failed" ? `Voice unavailable: ${media.reason}` : "Voice off"}
          </div>
        </div>
        <div className="panel">
          <h2>In the hall ({people.length + 1})</h2>
          <ul className="people" data-testid="people">
            <li>
              <span className={`dot ${client.media.micOn ? "live" : ""}`} /> You
            </li>
            {people.map((p) => (
              <li key={p.sessionId}>
                <span className={`dot ${p.mic ? "live" : ""}`} title={p.mic ? "microphone on" : "microphone off"} /> {p.name}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <div className="controls">
        {media.status === "on" ? (
          <button type="button" className={client.media.micOn ? "" : "secondary"} onClick={toggleMic} disabled={busy}>
            {client.media.micOn ? "Mute" : "Unmute"}
          </button>
        ) : null}
        {micError ? <span className="error panel">{micError}</span> : null}
        <a className="panel" href="/">Leave</a>
      </div>
    </>
  );
}
