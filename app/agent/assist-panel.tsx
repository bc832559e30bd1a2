"use client";
import { useEffect, useRef, useSyncExternalStore } from "react";
import type { AlertView, Lang, TranscriptLineView } from "../../game-server/protocol/index.ts";
import type { AssistClient, AssistState } from "../_hall-client/assist-client.ts";
import { formatClock } from "../_staff/format.ts";
import styles from "./assist-panel.module.css";

const WORDS = {
  en: {
    title: "Live assist",
    transcript: "Live transcript",
    running: "Transcribing",
    paused: "Transcription paused — the call goes on",
    off: "Transcription off",
    recording: "Recording",
    nothingYet: "Words spoken in the call appear here.",
    customer: "Customer",
    you: "You",
    keywords: "Keywords",
    entities: "Details mentioned",
    suggestions: "Suggested articles",
    alerts: "Nudges",
    mood: "Customer's words",
    moodNeg: "sound upset",
    moodPos: "sound pleased",
    moodNeutral: "sound calm",
    dismiss: "Dismiss",
  },
  "zh-CN": {
    title: "实时助手",
    transcript: "实时转写",
    running: "正在转写",
    paused: "转写已暂停——通话继续",
    off: "转写已关闭",
    recording: "正在录音",
    nothingYet: "通话中的话语会显示在这里。",
    customer: "客户",
    you: "你",
    keywords: "关键词",
    entities: "提到的信息",
    suggestions: "推荐文章",
    alerts: "提醒",
    mood: "客户的语气",
    moodNeg: "听起来不满",
    moodPos: "听起来满意",
    moodNeutral: "听起来平静",
    dismiss: "知道了",
  },
} as const;

const ENTITY_WORDS: Record<Lang, Record<string, string>> = {
  en: { order: "Order", phone: "Phone", email: "E-mail", amount: "Amount", date: "Date", card: "Card" },
  "zh-CN": { order: "订单", phone: "电话", email: "邮箱", amount: "金额", date: "日期", card: "卡号" },
};

export function useAssist(assist: AssistClient): AssistState {
  return useSyncExternalStore(
    (onChange) => assist.subscribe(onChange),
    () => assist.state,
    () => assist.state,
  );
}

/**
 * What the call's own ears tell the agent, live: the transcript (the customer's partial words
 * greyed until the line is final), keywords and details, articles that match what the customer
 * just said, and gentle nudges from the quality rules. Only the agent's connection receives it.
 */
export function AssistPanel({ assist, lang, customerName }: { assist: AssistClient; lang: Lang; customerName: string }) {
  const w = WORDS[lang];
  const state = useAssist(assist);
  const list = useRef<HTMLOListElement>(null);
  const transcription = state.status?.transcription ?? "off";
  useEffect(() => {
    list.current?.scrollTo({ top: list.current.scrollHeight });
  }, [state.lines, state.partials]);
  const lines: TranscriptLineView[] = [...state.lines, ...state.partials];
  const insights = state.insights;
  const sentiment = insights?.customerSentiment ?? null;
  return (
    <section className={styles.panel} aria-labelledby="assist-title" data-testid="assist-panel" data-transcription={transcription}>
      <header className={styles.head}>
        <h2 id="assist-title" className={styles.heading}>
          {w.title}
        </h2>
        <p className={styles.status} role="status" data-testid="assist-status" data-state={transcription}>
          <span className={styles.dot} aria-hidden="true" />
          {transcription === "running" ? w.running : transcription === "paused" ? w.paused : w.off}
          {state.status?.recording ? <span className={styles.rec}>● {w.recording}</span> : null}
        </p>
      </header>
      {transcription !== "running" && state.status?.reason ? (
        <p className={styles.reason} data-testid="assist-reason">
          {reasonIn(state.status.reason, lang)}
        </p>
      ) : null}
      {state.alerts.length > 0 ? <Alerts alerts={state.alerts} lang={lang} /> : null}
      <h3 className={styles.sub}>{w.transcript}</h3>
      <ol className={styles.transcript} ref={list} aria-live="polite" aria-label={w.transcript} data-testid="assist-transcript">
        {lines.length === 0 ? <li className={styles.placeholder}>{w.nothingYet}</li> : null}
        {lines.map((line) => (
          <li key={`${line.id}-${line.final ? "f" : "p"}`} className={`${styles.line} ${line.final ? "" : styles.partial}`} data-speaker={line.speaker} data-final={line.final} data-testid="assist-line">
            <span className={styles.who}>
              {line.speaker === "agent" ? w.you : customerName || w.customer} · {formatClock(line.startMs)}
            </span>
            <span>{line.text}</span>
          </li>
        ))}
      </ol>
      {insights && insights.keywords.length > 0 ? (
        <>
          <h3 className={styles.sub}>{w.keywords}</h3>
          <ul className={styles.chips} aria-label={w.keywords} data-testid="assist-keywords">
            {insights.keywords.map((k) => (
              <li key={k}>{k}</li>
            ))}
          </ul>
        </>
      ) : null}
      {insights && insights.entities.length > 0 ? (
        <>
          <h3 className={styles.sub}>{w.entities}</h3>
          <dl className={styles.entities} data-testid="assist-entities">
            {insights.entities.map((e) => (
              <div key={`${e.kind}-${e.text}`}>
                <dt>{ENTITY_WORDS[lang][e.kind] ?? e.kind}</dt>
                <dd>{e.text}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      {insights && insights.suggestions.length > 0 ? (
        <>
          <h3 className={styles.sub}>{w.suggestions}</h3>
          <ul className={styles.articles} data-testid="assist-suggestions">
            {insights.suggestions.map((a) => (
              <li key={a.id} data-article={a.id}>
                <details>
                  <summary>{a.title}</summary>
                  <p>{a.excerpt}</p>
                </details>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {sentiment !== null ? (
        <p className={styles.mood} data-testid="assist-mood" data-mood={sentiment <= -0.3 ? "negative" : sentiment >= 0.3 ? "positive" : "neutral"}>
          {w.mood}: {sentiment <= -0.3 ? w.moodNeg : sentiment >= 0.3 ? w.moodPos : w.moodNeutral}
        </p>
      ) : null}
    </section>
  );
}

function Alerts({ alerts, lang }: { alerts: readonly AlertView[]; lang: Lang }) {
  // The newest three, newest first: a nudge, not a log (the ticket keeps them all).
  const shown = alerts.slice(-3).reverse();
  return (
    <ul className={styles.alerts} aria-label={WORDS[lang].alerts} data-testid="assist-alerts">
      {shown.map((a) => (
        <li key={a.id} className={styles.alert} data-severity={a.severity} data-rule={a.ruleId} role={a.severity === "critical" ? "alert" : undefined}>
          <span>{a.message[lang]}</span>
          {a.evidence ? <q className={styles.evidence}>{a.evidence}</q> : null}
        </li>
      ))}
    </ul>
  );
}

/** The server says why transcription paused in English; the common reasons read in Chinese too. */
export function reasonIn(reason: string, lang: Lang): string {
  if (lang === "en") return reason;
  const behind = /fell more than (\d+) s behind/.exec(reason);
  if (behind) return `识别落后超过 ${behind[1]} 秒：暂时跳过音频，赶上后自动继续`;
  if (/Mandarin/.test(reason)) return "没有离线中文识别模型：请管理员配置 ATRIUM_ASR_URL";
  if (/restart|exited|crash/i.test(reason)) return "识别进程正在重启，通话不受影响";
  if (/turned off/.test(reason)) return "本部署未开启转写";
  if (/endpoint|timed out|answered \d+/i.test(reason)) return "语音识别服务暂时不可用，下一句会重试";
  return reason;
}

