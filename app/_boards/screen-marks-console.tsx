"use client";
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import type { BoardElement } from "../../game-server/protocol/index.ts";
import { fillWords as fill } from "../_components/hud/service-words.ts";
import { useRemoteVideo } from "../_components/video/use-videos.ts";
import type { HallClient } from "../_hall-client/hall-client.ts";
import type { Lang } from "../_i18n/lang.ts";
import { useTrackVideo } from "./use-track-video.ts";
import { ToolIcon } from "./mark-icons.tsx";
import { deleted, makeMark, MARK_TOOLS, newMarkId, screenBoardId, SCREEN_UNITS, TOOL_KEYS, toScreenUnits, type MarkTool } from "./screen-marks.ts";
import styles from "./screen-marks.module.css";
import { SCREEN_MARK_WORDS } from "./screen-marks-words.ts";
import { useBoard } from "./use-board.ts";
import { useMarksPainter } from "./use-marks-painter.ts";

/** How often a mark being drawn, or the pointer moving, is sent while it moves. */
const SEND_EVERY_MS = 50;
/** A highlight keeps at most this many points (the board takes 2000 per element). */
const MAX_PATH = 1800;

interface Props {
  client: HallClient;
  contactId: string;
  /** The customer's hall session (whose screen share to show); undefined once they left. */
  customerSessionId: string | undefined;
  customerName: string;
  lang: Lang;
}

/**
 * The agent's console, while the customer shares their screen in the session: the shared
 * screen, live, with guidance marks drawn over it — arrow, circle, highlight, pointer (keys A,
 * C, H, P or 1–4), pinned or fading (N), cleared (X). Marks go on the board
 * `screen:<contactId>`; the customer sees them over their own preview. Drawn with the mouse,
 * pen or finger, or from the keyboard: arrow keys move a crosshair, Enter marks there.
 * Nothing shows while the customer is not sharing.
 */
export function ScreenMarksConsole({ client, contactId, customerSessionId, customerName, lang }: Props) {
  const remote = useRemoteVideo(client, customerSessionId ?? "", "screen");
  if (!customerSessionId || !remote) return null;
  return <SharedScreen key={remote.consumerId} client={client} track={remote.track} contactId={contactId} customerName={customerName} lang={lang} />;
}

interface Gesture {
  tool: MarkTool;
  id: string;
  from: [number, number];
  to: [number, number];
  path: [number, number][];
  /** Points of a highlight already sent as a stroke. */
  sent: number;
  sentAt: number;
}

function SharedScreen({ client, track, contactId, customerName, lang }: { client: HallClient; track: MediaStreamTrack; contactId: string; customerName: string; lang: Lang }) {
  const w = SCREEN_MARK_WORDS[lang];
  const handle = useBoard(client.boards, screenBoardId(contactId));
  const [tool, setTool] = useState<MarkTool>("arrow");
  const [pinned, setPinned] = useState(false);
  const [aspect, setAspect] = useState(16 / 9);
  const [playing, setPlaying] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const gesture = useRef<Gesture | undefined>(undefined);
  const crosshair = useRef<[number, number] | undefined>(undefined);
  const mine = useRef(new Set<string>());
  const cursorSentAt = useRef(0);
  const keysId = useId();
  const { repaint, fader } = useMarksPainter(handle, canvas, {
    cursors: true,
    extras: () => {
      const g = gesture.current;
      return { drawing: g ? gestureMark(g) : undefined, crosshair: crosshair.current };
    },
  });
  const settings = useRef({ tool, pinned, aspect });
  settings.current = { tool, pinned, aspect };

  const gestureMark = (g: Gesture): BoardElement => makeMark(g.tool, g.from, g.to, { aspect: settings.current.aspect, pinned: settings.current.pinned, path: g.tool === "highlight" ? g.path : undefined, id: g.id });

  useTrackVideo(video, track, (width, height) => {
    if (width && height) setAspect(width / height);
    setPlaying(width > 0);
  });

  // Our own marks leave the board once they have faded everywhere (pinned ones stay).
  useEffect(() => {
    if (!handle) return;
    const sweep = setInterval(() => {
      const expired = fader.expired(handle.view.elements, performance.now(), mine.current);
      if (!expired.length) return;
      for (const e of expired) mine.current.delete(e.id);
      void handle.put(expired.map(deleted)).catch(() => undefined);
    }, 2000);
    return () => clearInterval(sweep);
  }, [handle, fader]);

  const put = useCallback(
    (mark: BoardElement) => {
      if (!handle) return;
      mine.current.add(mark.id);
      void handle.put([mark]).catch((error: unknown) => console.warn("mark not stored", error));
      repaint();
    },
    [handle, repaint],
  );

  const clear = useCallback(() => {
    if (!handle) return;
    const shown = [...handle.view.elements.values()].filter((e) => !e.isDeleted);
    if (shown.length) void handle.put(shown.map(deleted)).catch(() => undefined);
  }, [handle]);

  const units = (e: { clientX: number; clientY: number }) => toScreenUnits(e.clientX, e.clientY, canvas.current!.getBoundingClientRect());

  /** Others see a highlight or an arrow grow while it is drawn. */
  const sendStroke = (g: Gesture, now: number, force = false) => {
    if (!handle || (!force && now - g.sentAt < SEND_EVERY_MS)) return;
    const mark = gestureMark(g);
    if (mark.type !== "freedraw" && mark.type !== "arrow") return;
    const points = mark.points!;
    const from = mark.type === "freedraw" ? Math.min(g.sent, points.length - 1) : 0;
    g.sentAt = now;
    g.sent = points.length;
    handle.stroke({ id: mark.id, type: mark.type, x: mark.x, y: mark.y, strokeColor: mark.strokeColor, strokeWidth: mark.strokeWidth, opacity: mark.opacity, from, points: points.slice(from, from + 500) as [number, number][] });
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (!handle || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    const p = units(e);
    gesture.current = { tool: settings.current.tool, id: newMarkId(), from: p, to: p, path: [p], sent: 0, sentAt: 0 };
    repaint();
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const p = units(e);
    const now = performance.now();
    const g = gesture.current;
    if (!g) {
      // The pointer tool shows where the agent points, live, before any click.
      if (handle && settings.current.tool === "pointer" && now - cursorSentAt.current >= SEND_EVERY_MS) {
        cursorSentAt.current = now;
        handle.cursor(p[0], p[1], "pointer");
      }
      return;
    }
    g.to = p;
    const last = g.path[g.path.length - 1]!;
    if (g.tool === "highlight" && g.path.length < MAX_PATH && Math.hypot(p[0] - last[0], p[1] - last[1]) >= 2) g.path.push(p);
    sendStroke(g, now);
    repaint();
  };
  const onPointerUp = (e: PointerEvent<HTMLCanvasElement>) => {
    const g = gesture.current;
    if (!g) return;
    g.to = units(e);
    gesture.current = undefined;
    put(gestureMark(g));
  };
  const onPointerCancel = () => {
    gesture.current = undefined;
    repaint();
  };

  /** Tool keys anywhere in the view (not while typing, not with Alt/Ctrl: the console's own shortcuts). */
  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey || (e.target as HTMLElement).closest("input, textarea, select")) return;
    const key = e.key.toLowerCase();
    const picked = MARK_TOOLS.find((t, i) => TOOL_KEYS[t] === key || String(i + 1) === key);
    if (picked) setTool(picked);
    else if (key === "n") setPinned((p) => !p);
    else if (key === "x" || key === "delete") clear();
    else return;
    e.preventDefault();
  };

  /** On the picture: arrow keys move the crosshair (Shift: further), Enter or Space marks there, Escape drops a mark being drawn. */
  const onStageKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = e.shiftKey ? 100 : 20;
    const [x, y] = crosshair.current ?? [SCREEN_UNITS / 2, SCREEN_UNITS / 2];
    const move: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    const clamp = (v: number) => Math.max(0, Math.min(SCREEN_UNITS, v));
    if (move[e.key]) {
      crosshair.current = [clamp(x + move[e.key]![0]), clamp(y + move[e.key]![1] * settings.current.aspect)];
    } else if (e.key === "Enter" || e.key === " ") {
      put(makeMark(settings.current.tool, [x, y], [x, y], { aspect: settings.current.aspect, pinned: settings.current.pinned }));
    } else if (e.key === "Escape" && gesture.current) {
      gesture.current = undefined;
    } else return;
    e.preventDefault();
    e.stopPropagation();
    repaint();
  };

  return (
    <section className={styles.screen} aria-labelledby={`${keysId}-title`} onKeyDown={onKeyDown} data-testid="screen-marks">
      <div className={styles.head}>
        <h2 id={`${keysId}-title`} className={styles.title}>
          {fill(w.screenOf, { name: customerName })} <span className={styles.live}>{w.live}</span>
        </h2>
        <div className={styles.toolbar} role="toolbar" aria-label={w.tools}>
          <span className={styles.group}>
            {MARK_TOOLS.map((t) => (
              <button key={t} type="button" className={styles.tool} aria-pressed={tool === t} onClick={() => setTool(t)} aria-keyshortcuts={TOOL_KEYS[t].toUpperCase()} data-testid={`screen-mark-tool-${t}`}>
                <ToolIcon tool={t} />
                {w[`tool.${t}`]}
                <kbd className={styles.kbd}>{TOOL_KEYS[t].toUpperCase()}</kbd>
              </button>
            ))}
          </span>
          <button type="button" className={`${styles.tool} ${styles.pin}`} aria-pressed={pinned} onClick={() => setPinned(!pinned)} title={w.pinHint} aria-keyshortcuts="N" data-testid="screen-mark-pin">
            <ToolIcon tool="pin" />
            {w.pin}
            <kbd className={styles.kbd}>N</kbd>
          </button>
          <button type="button" className={`${styles.tool} ${styles.clear}`} onClick={clear} aria-keyshortcuts="X" disabled={!handle} data-testid="screen-mark-clear">
            <ToolIcon tool="clear" />
            {w.clear}
            <kbd className={styles.kbd}>X</kbd>
          </button>
        </div>
      </div>
      <div
        ref={stage}
        className={styles.stage}
        style={{ aspectRatio: String(aspect), maxWidth: `calc(58vh * ${aspect})` }}
        tabIndex={0}
        role="application"
        aria-label={fill(w.stage, { name: customerName })}
        aria-describedby={`${keysId}-keys`}
        data-tool={tool}
        onKeyDown={onStageKeyDown}
        onFocus={(e) => {
          // The crosshair is for the keyboard: a click that focuses the picture draws with the mouse instead.
          if (!e.currentTarget.matches(":focus-visible")) return;
          crosshair.current ??= [SCREEN_UNITS / 2, SCREEN_UNITS / 2];
          repaint();
        }}
        onBlur={() => {
          crosshair.current = undefined;
          repaint();
        }}
        data-testid="screen-share-view"
      >
        <video ref={video} muted playsInline autoPlay />
        <canvas ref={canvas} onPointerDown={onPointerDown} onPointerMove={onPointerMove} onPointerUp={onPointerUp} onPointerCancel={onPointerCancel} data-testid="screen-marks-canvas" data-marks="0" />
        {!playing ? <p className={styles.waiting}>{w.waitingPicture}</p> : null}
      </div>
      {!handle ? (
        <p className={styles.offline} role="status">
          {w.marksOffline}
        </p>
      ) : null}
      <p className={styles.hint} id={`${keysId}-keys`}>
        <span>{fill(w.hint, { name: customerName })}</span>
        <span>{w.pinHint}</span>
        <span>{w.keys}</span>
      </p>
    </section>
  );
}
