"use client";
import { useEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { fillWords as fill } from "../_components/hud/service-words.ts";
import { mediaErrorText } from "../_components/hud/hud-words.ts";
import { useLocalScreen } from "../_components/video/use-videos.ts";
import type { HallClient, MediaState } from "../_hall-client/hall-client.ts";
import type { Lang } from "../_i18n/lang.ts";
import { useTrackVideo } from "./use-track-video.ts";
import { screenBoardId } from "./screen-marks.ts";
import styles from "./screen-marks.module.css";
import { SCREEN_MARK_WORDS } from "./screen-marks-words.ts";
import { useBoard } from "./use-board.ts";
import { useMarksPainter } from "./use-marks-painter.ts";

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * "Share my screen" in the customer's service card: starts the hall's media without the
 * microphone when it is not on yet, then the browser's screen picker. The share reaches only
 * the agent (the session's private call); "Stop sharing" ends it.
 */
export function ShareScreenStep({ client, lang, media, onMedia, onError, disabled, className }: { client: HallClient; lang: Lang; media: MediaState; onMedia: (m: MediaState) => void; onError: (m: string | undefined) => void; disabled?: boolean; className?: { on?: string; off?: string } }) {
  const w = SCREEN_MARK_WORDS[lang];
  const screen = useLocalScreen(client);
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    onError(undefined);
    try {
      if (screen) await client.media.stopScreenShare();
      else {
        if (media.status !== "on") onMedia(await client.startMedia(false));
        await client.media.startScreenShare();
      }
    } catch (e) {
      onError(mediaErrorText(messageOf(e), lang));
    } finally {
      setBusy(false);
    }
  };
  return (
    <button type="button" className={screen ? className?.on : className?.off ?? "secondary"} aria-pressed={screen !== undefined} onClick={() => void toggle()} disabled={busy || (disabled && !screen)} data-testid="service-screen">
      {screen ? w.stopSharing : w.shareScreen}
    </button>
  );
}

/**
 * The customer's own screen share in a small picture-in-picture at the top of the hall (opened
 * from their service card), with the marks the
 * agent draws on it (board `screen:<contactId>`) painted on a canvas over it, where they are on
 * the real screen. Marks fade after 5 s unless pinned; the agent's pointer shows live with
 * their name. "Enlarge" shows it big over the hall (Esc makes it small again). Screen readers
 * hear "Lin marked your screen" when a mark arrives. Nothing shows while not sharing.
 */
export function ScreenMarksPreview({ client, contactId, agentName, lang }: { client: HallClient; contactId: string; agentName: string; lang: Lang }) {
  const track = useLocalScreen(client);
  if (!track) return null;
  return <Preview key={track.id} client={client} track={track} contactId={contactId} agentName={agentName} lang={lang} />;
}

function Preview({ client, track, contactId, agentName, lang }: { client: HallClient; track: MediaStreamTrack; contactId: string; agentName: string; lang: Lang }) {
  const w = SCREEN_MARK_WORDS[lang];
  const handle = useBoard(client.boards, screenBoardId(contactId));
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const [aspect, setAspect] = useState(() => {
    const { width, height } = track.getSettings();
    return width && height ? width / height : 16 / 9;
  });
  const [big, setBig] = useState(false);
  const [announce, setAnnounce] = useState("");
  const shown = useRef(0);
  useMarksPainter(handle, canvas, {
    cursors: true,
    onPainted: (marks) => {
      if (marks > shown.current) setAnnounce(fill(w.marked, { name: agentName }));
      shown.current = marks;
    },
  });

  useTrackVideo(video, track, (width, height) => {
    if (width && height) setAspect(width / height);
  });

  useEffect(() => {
    if (!big) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setBig(false);
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [big]);

  // On the page itself, not inside the service card: above the hall's other overlays, clear of the card's clipping.
  return createPortal(
    <figure className={`${styles.preview} ${big ? styles.big : ""}`} style={big ? { width: `min(88vw, calc(78vh * ${aspect}))` } : undefined} data-testid="screen-preview" lang={lang}>
      <figcaption className={styles.previewHead}>
        <span className={styles.previewTitle}>
          <span className={styles.live}>{w.live}</span>
          {fill(w.previewTitle, { name: agentName })}
        </span>
        <button type="button" className="secondary" aria-expanded={big} onClick={() => setBig(!big)} data-testid="screen-preview-size">
          {big ? w.shrink : w.enlarge}
        </button>
      </figcaption>
      <div className={styles.previewStage} style={{ aspectRatio: String(aspect) }}>
        <video ref={video} muted playsInline autoPlay aria-hidden />
        <canvas ref={canvas} data-testid="screen-preview-marks" data-marks="0" aria-hidden />
      </div>
      <p className={styles.previewHint}>{fill(w.previewHint, { name: agentName })}</p>
      <p className="visually-hidden" aria-live="polite">
        {announce}
      </p>
    </figure>,
    document.body,
  );
}
