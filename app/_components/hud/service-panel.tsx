"use client";
import { useEffect, useRef, useState, useSyncExternalStore, type FormEvent } from "react";
import { Limits, ServiceLimits, type ServiceChatLine, type ServiceView } from "../../../game-server/protocol/index.ts";
import type { HallClient, MediaState } from "../../_hall-client/hall-client.ts";
import type { ServiceClient, ServiceState } from "../../_hall-client/service-client.ts";
import type { Lang } from "../../_i18n/lang.ts";
import type { SharedFileView } from "../../../game-server/protocol/files.ts";
import { loadSession } from "../session-store.ts";
import styles from "./concierge-panel.module.css";
import { SessionFiles } from "./session-files.tsx";
import own from "./service-panel.module.css";
import { fillWords as fill, SERVICE_WORDS, waitText } from "./service-words.ts";
import { SessionBoardButton } from "../../_boards/whiteboard-launcher.tsx";
import { ScreenMarksPreview, ShareScreenStep } from "../../_boards/screen-marks-preview.tsx";

function useService(service: ServiceClient): ServiceState {
  return useSyncExternalStore(
    (onChange) => service.subscribe(onChange),
    () => service.state,
    () => service.state,
  );
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

interface Props {
  client: HallClient;
  lang: Lang;
  media: MediaState;
  onMedia: (m: MediaState) => void;
}

/**
 * The customer's side of the handover, docked where the concierge was: their place in the queue
 * and the estimated wait (live), then the agent who came to them — chat, voice, camera (after an
 * explicit yes), end — then a rating. Outside service hours, a note for a call back.
 */
export function ServicePanel({ client, lang, media, onMedia }: Props) {
  const { view, chat, rated, files } = useService(client.service);
  const [error, setError] = useState<string>();
  const w = SERVICE_WORDS[lang];
  if (!view) return null;
  const agent = view.agent?.name ?? "";

  const run = async (action: () => Promise<unknown>) => {
    setError(undefined);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section className={`${styles.panel} ${own.panel}`} role="dialog" aria-modal="false" aria-labelledby="service-title" data-testid="service-panel" data-phase={view.phase} lang={lang}>
      <header className={`${styles.header} ${own.header}`}>
        <span className={styles.portrait} aria-hidden>
          {agent ? agent.slice(0, 1) : "…"}
        </span>
        <div className={styles.who}>
          <h2 id="service-title" className={styles.title}>
            {view.phase === "queued" ? w.waitingTitle : view.phase === "closed" ? w.closedTitle : view.phase === "ended" ? w.endedTitle : agent}
          </h2>
          <span className={styles.role}>{view.phase === "connected" || view.phase === "connecting" ? w.agentRole : fill(w.ticket, { n: view.ticketNumber })}</span>
        </div>
        {view.phase === "ended" || view.phase === "closed" ? (
          <button type="button" className={styles.close} aria-label={w.close} title={w.close} onClick={() => client.service.dismiss()}>
            ×
          </button>
        ) : null}
      </header>
      {view.phase === "queued" ? <Queued view={view} lang={lang} onKeep={() => run(() => client.service.keepPlace())} onStop={() => run(() => client.service.cancel())} /> : null}
      {view.recorded && (view.phase === "queued" || view.phase === "connecting" || view.phase === "connected") ? (
        <p className={own.recorded} data-testid="service-recorded">
          <span aria-hidden="true">●</span> {w.recorded}
        </p>
      ) : null}
      {view.phase === "connecting" ? (
        <p className={own.status} role="status" data-testid="service-connecting">
          {fill(w.connecting, { name: agent })}
        </p>
      ) : null}
      {view.phase === "connected" || view.phase === "connecting" ? (
        <Session client={client} view={view} chat={chat} files={files} lang={lang} media={media} onMedia={onMedia} onError={setError} />
      ) : null}
      {view.phase === "ended" ? <Rating agent={agent} lang={lang} rated={rated} canRate={view.canRate} onRate={(score, comment) => run(() => client.service.rate(score, comment))} onClose={() => client.service.dismiss()} /> : null}
      {view.phase === "closed" ? <ClosedDesk view={view} lang={lang} onNote={(note) => run(() => client.service.keepPlace(note))} /> : null}
      {error ? (
        <p className={`error ${styles.alert}`} role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}

function Queued({ view, lang, onKeep, onStop }: { view: ServiceView; lang: Lang; onKeep: () => void; onStop: () => void }) {
  const w = SERVICE_WORDS[lang];
  const n = view.position ?? 1;
  return (
    <div className={own.body}>
      <p className={own.place} role="status" aria-live="polite" data-testid="service-position" data-position={n}>
        <strong>{n <= 1 ? w.positionNext : fill(w.position, { n, before: n - 1 })}</strong>
        <span>{waitText(view.waitMs ?? 0, lang)}</span>
      </p>
      {view.callback ? <p className={own.note}>{w.keptPlace}</p> : null}
      <div className={own.actions}>
        {!view.callback ? (
          <button type="button" onClick={onKeep}>
            {w.keepPlace}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={onStop} data-testid="service-cancel">
          {w.stopWaiting}
        </button>
      </div>
    </div>
  );
}

function Session({ client, view, chat, files, lang, media, onMedia, onError }: { client: HallClient; view: ServiceView; chat: readonly ServiceChatLine[]; files: readonly SharedFileView[]; lang: Lang; media: MediaState; onMedia: (m: MediaState) => void; onError: (m: string | undefined) => void }) {
  const w = SERVICE_WORDS[lang];
  const agent = view.agent?.name ?? "";
  const [text, setText] = useState("");
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  // Her hall token is her key to the session's files (a page link cannot carry it: the panel fetches them).
  const [token] = useState(() => loadSession()?.token);
  const list = useRef<HTMLOListElement>(null);
  const micOn = media.status === "on" && media.mic;
  const voice = view.media.includes("voice") && micOn;
  const camera = view.media.includes("video") && client.media.cameraTrack !== undefined;

  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [chat]);
  // Her consent to share how she seems: off by default, off again when the session ends.
  const [sharing, setSharing] = useState(false);
  useEffect(() => () => client.shareEmotion(false), [client]);
  const toggleMood = async () => {
    setBusy(true);
    onError(undefined);
    try {
      if (sharing) client.shareEmotion(false);
      else if (client.face) client.shareEmotion(true);
      else await client.startFace({ shareEmotion: true });
      setSharing(!sharing);
    } catch (e) {
      onError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  const send = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim()) return;
    const said = text;
    setText("");
    onError(undefined);
    try {
      await client.service.say(said);
    } catch (e) {
      setText(said);
      onError(messageOf(e));
    }
  };

  const step = async (what: "voice" | "video") => {
    setBusy(true);
    onError(undefined);
    try {
      if (media.status !== "on") onMedia(await client.startMedia(false));
      if (!client.media.micOn) await client.media.enableMic();
      if (what === "video") await client.media.enableCamera();
      onMedia({ status: "on", mic: client.media.micOn });
      await client.service.useMedia(what);
      setAsking(false);
    } catch (e) {
      onError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <ol className={styles.turns} ref={list} aria-label={fill(w.chatLabel, { name: agent })} aria-live="polite" data-testid="service-chat">
        {chat.map((line) => (
          <li key={line.id} className={`${styles.turn} ${line.from === "customer" ? styles.mine : styles.concierge}`}>
            {line.from === "customer" ? <span className="visually-hidden">{w.you}: </span> : <span className={own.name}>{line.name}</span>}
            <span className={styles.text}>{line.text}</span>
          </li>
        ))}
      </ol>
      <SessionFiles contactId={view.contactId} lang={lang} auth={token ? { kind: "bearer", token } : { kind: "cookie" }} live={files} me="customer" phase={view.phase} />
      {asking ? (
        <div className={own.consent} role="alertdialog" aria-labelledby="camera-consent">
          <p id="camera-consent">{fill(w.cameraConsent, { name: agent })}</p>
          <div className={own.actions}>
            <button type="button" onClick={() => void step("video")} disabled={busy} data-testid="service-camera-yes">
              {w.shareCamera}
            </button>
            <button type="button" className="secondary" onClick={() => setAsking(false)}>
              {w.notNow}
            </button>
          </div>
        </div>
      ) : null}
      {view.phase === "connected" ? <ScreenMarksPreview client={client} contactId={view.contactId} agentName={agent} lang={lang} /> : null}
      <div className={own.steps}>
        <button type="button" className={voice ? own.on : "secondary"} onClick={() => void step("voice")} disabled={busy || voice || view.phase !== "connected"} aria-pressed={voice} data-testid="service-voice">
          {voice ? w.voiceOn : w.voice}
        </button>
        <button type="button" className={camera ? own.on : "secondary"} onClick={() => setAsking(true)} disabled={busy || camera || view.phase !== "connected"} aria-pressed={camera} data-testid="service-camera">
          {camera ? w.cameraOn : w.camera}
        </button>
        <ShareScreenStep client={client} lang={lang} media={media} onMedia={onMedia} onError={onError} disabled={busy || view.phase !== "connected"} className={{ on: own.on, off: "secondary" }} />
        <button
          type="button"
          className={sharing ? own.on : "secondary"}
          aria-pressed={sharing}
          title={fill(w.moodExplain, { name: agent })}
          onClick={() => void toggleMood()}
          disabled={busy || view.phase !== "connected"}
          data-testid="service-mood"
        >
          {sharing ? w.moodOn : w.shareMood}
        </button>
        <SessionBoardButton client={client} contactId={view.contactId} lang={lang} withName={agent || undefined} disabled={view.phase !== "connected"} />
        <button type="button" className={own.end} onClick={() => void client.service.end().catch((e: unknown) => onError(messageOf(e)))} data-testid="service-end">
          {w.end}
        </button>
      </div>
      <form className={styles.form} onSubmit={send} noValidate>
        <input type="text" aria-label={fill(w.chatLabel, { name: agent })} placeholder={w.chatPlaceholder} value={text} maxLength={Limits.chatMaxChars} onChange={(e) => setText(e.target.value)} enterKeyHint="send" data-testid="service-input" />
        <button type="submit">{w.send}</button>
      </form>
    </>
  );
}

export function Rating({ agent, lang, rated, canRate, onRate, onClose }: { agent: string; lang: Lang; rated: boolean; canRate: boolean; onRate: (score: number, comment?: string) => void; onClose: () => void }) {
  const w = SERVICE_WORDS[lang];
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  if (rated || !canRate) {
    return (
      <div className={own.body}>
        {rated ? (
          <p className={own.status} role="status" data-testid="service-thanks">
            {w.thanks}
          </p>
        ) : null}
        <button type="button" onClick={onClose}>
          {w.close}
        </button>
      </div>
    );
  }
  return (
    <form
      className={own.body}
      onSubmit={(e) => {
        e.preventDefault();
        if (score > 0) onRate(score, comment.trim() || undefined);
      }}
      data-testid="service-rating"
    >
      <fieldset className={own.stars}>
        <legend>{fill(w.rateLabel, { name: agent })}</legend>
        {[1, 2, 3, 4, 5].map((n) => (
          <label key={n} className={n <= score ? own.starOn : own.star} title={fill(w.star, { n })}>
            <input type="radio" name="csat" value={n} checked={score === n} onChange={() => setScore(n)} className="visually-hidden" />
            <span aria-hidden>★</span>
            <span className="visually-hidden">{fill(w.star, { n })}</span>
          </label>
        ))}
      </fieldset>
      <label className={own.comment}>
        <span>{w.comment}</span>
        <textarea rows={2} maxLength={ServiceLimits.csatCommentMax} value={comment} onChange={(e) => setComment(e.target.value)} />
      </label>
      <button type="submit" disabled={score === 0} data-testid="service-rate">
        {w.submitRating}
      </button>
    </form>
  );
}

function ClosedDesk({ view, lang, onNote }: { view: ServiceView; lang: Lang; onNote: (note: string) => void }) {
  const w = SERVICE_WORDS[lang];
  const [note, setNote] = useState("");
  return (
    <div className={own.body}>
      <p>{fill(w.closedText, { hours: view.hours ?? "" })}</p>
      {view.callback ? (
        <p className={own.status} role="status">
          {w.noteSent}
        </p>
      ) : (
        <form
          className={own.noteForm}
          onSubmit={(e) => {
            e.preventDefault();
            if (note.trim()) onNote(note.trim());
          }}
        >
          <textarea rows={2} aria-label={w.leaveNote} placeholder={w.notePlaceholder} maxLength={ServiceLimits.callbackNoteMax} value={note} onChange={(e) => setNote(e.target.value)} />
          <button type="submit">{w.leaveNote}</button>
        </form>
      )}
    </div>
  );
}
