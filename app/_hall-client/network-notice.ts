import type { QualityLevel } from "../../game-server/protocol/qoe.ts";
import type { Dictionary, Lang } from "../_i18n/lang.ts";
import type { NetworkStatus } from "./network-monitor.ts";

/** How long the page says what got better after the ladder climbed, ms. */
export const RECOVERY_NOTICE_MS = 8000;

export interface NetworkNotice {
  /** The line the visitor reads; undefined when there is nothing to tell. */
  text?: string;
  /** How it is shown: a warning while media is held back, news when it came back. */
  tone: "ok" | "warn" | "alert";
  /** Voice is off: point the visitor to the chat. */
  suggestChat: boolean;
}

type Word = "textOnly" | "reconnectingTail" | "reconnectingVoice" | "voiceBack" | "voiceOnly" | "videoBack" | "why";

/** The notices in both languages; the English is what e2e/ waits for. */
export const NOTICE_WORDS: Dictionary<Word> = {
  en: {
    textOnly: "Very weak network — voice paused, chat still works",
    reconnectingTail: " · reconnecting…",
    reconnectingVoice: "Network changed — reconnecting voice…",
    voiceBack: "Network better — voice back, video still paused",
    voiceOnly: "Weak network — video paused, voice only",
    videoBack: "Network good again — video back",
    why: " ({reason})",
  },
  "zh-CN": {
    textOnly: "网络很弱——语音已暂停，仍可文字聊天",
    reconnectingTail: " · 正在重新连接…",
    reconnectingVoice: "网络已切换——正在重新连接语音…",
    voiceBack: "网络好转——语音已恢复，视频仍暂停",
    voiceOnly: "网络较弱——视频已暂停，仅保留语音",
    videoBack: "网络已恢复——视频已恢复",
    why: "（{reason}）",
  },
};

/** Signal bars for a quality level, 0 when not measured yet. */
export function barsFor(quality: QualityLevel | "unknown"): number {
  return { good: 4, fair: 3, poor: 2, bad: 1, unknown: 0 }[quality];
}

/**
 * Why the ladder stepped down, in the visitor's language. The ladder gives its reason in English
 * (degradation-ladder.ts `describe`); its few shapes are read back here, anything else is shown as it came.
 */
export function reasonText(reason: string, lang: Lang): string {
  if (lang === "en") return reason;
  const loss = /^packet loss (\d+) %$/.exec(reason);
  if (loss) return `丢包 ${loss[1]}%`;
  const rtt = /^round trip (\d+) ms$/.exec(reason);
  if (rtt) return `延迟 ${rtt[1]} ms`;
  if (reason === "the connection dropped") return "连接中断";
  if (reason === "network quality unknown") return "网络质量未知";
  return reason;
}

/** What the HUD tells the visitor about their network right now, in `lang` (English unless told). */
export function networkNotice(status: NetworkStatus, now = Date.now(), lang: Lang = "en"): NetworkNotice {
  const w = NOTICE_WORDS[lang];
  const step = status.lastStep;
  const why = step?.direction === "down" ? w.why.replace("{reason}", () => reasonText(step.reason, lang)) : "";
  // On the text rung voice is off anyway: a reconnect there is a detail, not the news.
  if (status.ladder === "text") return { text: `${w.textOnly}${why}${status.reconnecting ? w.reconnectingTail : ""}`, tone: "alert", suggestChat: true };
  if (status.reconnecting) return { text: w.reconnectingVoice, tone: "warn", suggestChat: false };
  const justClimbed = step?.direction === "up" && now - step.at < RECOVERY_NOTICE_MS;
  if (status.ladder === "audio") {
    return { text: justClimbed ? w.voiceBack : `${w.voiceOnly}${why}`, tone: "warn", suggestChat: false };
  }
  if (justClimbed) return { text: w.videoBack, tone: "ok", suggestChat: false };
  return { tone: "ok", suggestChat: false };
}
