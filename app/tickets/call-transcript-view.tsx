"use client";
import { useRef, useState } from "react";
import type { TimelineEntryView } from "../../game-server/protocol/service.ts";
import type { Lang } from "../_i18n/lang.ts";
import { formatClock, formatDuration } from "../_staff/format.ts";
import staff from "../_staff/staff.module.css";
import { callTranscripts, lineAt, type CallTranscript } from "./call-transcript.ts";
import styles from "./call-transcript.module.css";

const WORDS = {
  en: { title: "Call transcript", call: "Call {n}", customer: "Customer", agent: "Agent", recording: "Recording", alerts: "Alerts in the call", summary: "Summary", play: "Play from here", noRecording: "Not recorded", lowConfidence: "heard unclearly" },
  "zh-CN": { title: "通话转写", call: "第 {n} 通", customer: "客户", agent: "坐席", recording: "录音", alerts: "通话中的提醒", summary: "摘要", play: "从这里播放", noRecording: "未录音", lowConfidence: "识别不清" },
} as const;

/**
 * The ticket's calls as live assist kept them: the redacted transcript (who said what, when in the
 * call), the quality alerts at their moments and, where the call was recorded, the recording —
 * the line being heard is highlighted as it plays, and any line plays from its start on a click.
 */
export function CallTranscripts({ entries, lang }: { entries: readonly TimelineEntryView[]; lang: Lang }) {
  const calls = callTranscripts(entries);
  if (calls.length === 0) return null;
  const w = WORDS[lang];
  return (
    <section aria-labelledby="call-transcript" className={staff.card} data-testid="call-transcript">
      <h2 id="call-transcript" className={staff.sectionTitle}>
        {w.title}
      </h2>
      {calls.map((call, i) => (
        <Call key={call.lines[0]?.id ?? call.recording?.src ?? i} call={call} n={i + 1} many={calls.length > 1} lang={lang} />
      ))}
    </section>
  );
}

function Call({ call, n, many, lang }: { call: CallTranscript; n: number; many: boolean; lang: Lang }) {
  const w = WORDS[lang];
  const audio = useRef<HTMLAudioElement>(null);
  const [playingMs, setPlayingMs] = useState<number>();
  const current = playingMs === undefined ? undefined : lineAt(call.lines, playingMs);
  const playFrom = (ms: number) => {
    const a = audio.current;
    if (!a) return;
    a.currentTime = ms / 1000;
    void a.play().catch(() => undefined);
  };
  return (
    <div className={styles.call} data-testid="call">
      {many ? <h3 className={styles.callTitle}>{w.call.replace("{n}", String(n))}</h3> : null}
      {call.recording ? (
        <div className={styles.player}>
          <span className={styles.label}>{w.recording}</span>
          <audio
            ref={audio}
            controls
            preload="metadata"
            src={call.recording.src}
            onTimeUpdate={(e) => setPlayingMs(e.currentTarget.currentTime * 1000)}
            data-testid="call-recording"
            data-duration-ms={call.recording.durationMs}
          />
          <span className={staff.muted}>{formatDuration(call.recording.durationMs, lang)}</span>
        </div>
      ) : null}
      {call.alerts.length > 0 ? (
        <ul className={styles.alerts} aria-label={w.alerts} data-testid="call-alerts">
          {call.alerts.map((a) => (
            <li key={a.id} data-severity={a.severity} data-rule={a.ruleId}>
              <span className={styles.at}>{formatClock(a.atMs)}</span> {a.message[lang]}
              {a.evidence ? <q>{a.evidence}</q> : null}
            </li>
          ))}
        </ul>
      ) : null}
      <ol className={styles.lines} data-testid="call-lines">
        {call.lines.map((line) => (
          <li key={line.id} className={styles.line} data-speaker={line.speaker} aria-current={line === current ? "true" : undefined} data-testid="call-line">
            {call.recording ? (
              <button type="button" className={styles.at} onClick={() => playFrom(line.startMs)} title={w.play} aria-label={`${w.play} ${formatClock(line.startMs)}`}>
                {formatClock(line.startMs)}
              </button>
            ) : (
              <span className={styles.at}>{formatClock(line.startMs)}</span>
            )}
            <span className={styles.who}>{line.speaker === "agent" ? (line.name ?? w.agent) : (line.name ?? w.customer)}</span>
            <span className={styles.text}>
              {line.text}
              {line.confidence !== null && line.confidence < 0.3 ? <span className={staff.muted}> ({w.lowConfidence})</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </div>
  );
}
