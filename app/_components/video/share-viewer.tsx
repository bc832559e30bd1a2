"use client";
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { HallClient } from "../../_hall-client/hall-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import { fillWords as fill } from "../hud/service-words.ts";
import { useRoster } from "../use-roster.ts";
import { fullViewOf } from "./full-view.ts";
import { useRemoteVideo } from "./use-videos.ts";
import styles from "./video.module.css";
import { VIDEO_WORDS } from "./video-words.ts";

/**
 * "Ada is sharing her screen · View full screen": a bar at the top while someone shares, and
 * the share in a full-window <video> when asked (Esc or Close to go back to the hall). While
 * it is open the SFU is told to send the share in full, even if its in-world screen is out of view.
 */
export function ShareViewer({ client, lang }: { client: HallClient; lang: Lang }) {
  const visitors = useRoster(client);
  const view = fullViewOf(client);
  const openPeer = useSyncExternalStore(
    (onChange) => view.subscribe(onChange),
    () => view.peerId,
    () => undefined,
  );
  const sharers = visitors.filter((v) => v.screen);
  const open = sharers.find((v) => v.sessionId === openPeer);
  const w = VIDEO_WORDS[lang];

  useEffect(() => {
    // The share ended (or its sharer left) while open: back to the hall.
    if (openPeer && !open) view.close();
  }, [openPeer, open, view]);

  return (
    <>
      {sharers.length > 0 && !open ? (
        <div className={`panel ${styles.sharing}`} data-testid="sharing-bar">
          {sharers.map((v) => (
            <span key={v.sessionId} className={styles.sharer}>
              <span className={styles.liveDot} />
              {fill(w.sharing, { name: v.name })}
              <button type="button" onClick={() => view.open(v.sessionId)}>
                {w.viewFull}
              </button>
            </span>
          ))}
        </div>
      ) : null}
      {open ? <FullScreenShare client={client} peerId={open.sessionId} name={open.name} lang={lang} onClose={() => view.close()} /> : null}
    </>
  );
}

function FullScreenShare({ client, peerId, name, lang, onClose }: { client: HallClient; peerId: string; name: string; lang: Lang; onClose: () => void }) {
  const w = VIDEO_WORDS[lang];
  const remote = useRemoteVideo(client, peerId, "screen");
  const video = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = video.current;
    if (!v || !remote) return;
    v.srcObject = new MediaStream([remote.track]);
    void v.play().catch(() => undefined);
    return () => {
      v.srcObject = null;
    };
  }, [remote]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && onClose();
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [onClose]);
  return (
    <div className={styles.viewer} role="dialog" aria-label={fill(w.screenOf, { name })} data-testid="share-viewer">
      <div className={styles.viewerBar}>
        <span>
          <span className={styles.liveDot} /> {fill(w.screenOf, { name })}
        </span>
        <button type="button" className="secondary" onClick={onClose}>
          {w.close}
        </button>
      </div>
      {remote ? <video ref={video} muted playsInline autoPlay /> : <p className="status-line">{w.waitingPicture}</p>}
    </div>
  );
}
