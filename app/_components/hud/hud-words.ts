import type { Emote } from "../../../game-server/protocol/index.ts";
import type { QualityLevel } from "../../../game-server/protocol/qoe.ts";
import type { Dictionary, Lang } from "../../_i18n/lang.ts";

type Word =
  // the status panel and the control row (hall-hud.tsx)
  | "voiceReconnecting"
  | "voiceMicOn"
  | "voiceMicOff"
  | "voiceConnecting"
  | "voiceFailed"
  | "voiceOff"
  | "mute"
  | "unmute"
  | "switchView"
  | "firstPerson"
  | "followView"
  | "leave"
  | "walk"
  // connection-banner.tsx
  | "connectionLost"
  | "leftHall"
  | "enterAgain"
  | "hallUpdated"
  | "refresh"
  // people-panel.tsx
  | "people"
  | "you"
  | "micOn"
  | "micOff"
  | "voiceOnly"
  | "chatOnly"
  | "away"
  | "showFewer"
  | "showAll"
  // chat-panel.tsx
  | "chat"
  | "noMessages"
  | "nearbyTag"
  | "whoHears"
  | "scopeHall"
  | "scopeNearby"
  | "chatMessage"
  | "toHall"
  | "toNearby"
  | "send"
  // emote-bar.tsx
  | "emotes"
  | "emoteKey"
  // network-indicator.tsx
  | "rtt"
  | "loss"
  | "openChat";

/** The words of the HUD over the 3D hall, in both languages. The English is what e2e/ selects by: keep it as it is. */
export const HUD_WORDS: Dictionary<Word> = {
  en: {
    voiceReconnecting: "Voice interrupted · reconnecting…",
    voiceMicOn: "Voice connected · mic on",
    voiceMicOff: "Voice connected · mic off",
    voiceConnecting: "Connecting voice…",
    voiceFailed: "Voice unavailable: {reason}",
    voiceOff: "Voice off",
    mute: "Mute",
    unmute: "Unmute",
    switchView: "Switch view (V)",
    firstPerson: "First-person view",
    followView: "Follow view",
    leave: "Leave",
    walk: "Walk",
    connectionLost: "Connection lost · reconnecting… your place in the hall is kept.",
    leftHall: "You have left the hall.",
    enterAgain: "Enter again",
    hallUpdated: "The hall has been updated — refresh when you are ready.",
    refresh: "Refresh",
    people: "In the hall ({n})",
    you: "You",
    micOn: "microphone on",
    micOff: "microphone off",
    voiceOnly: "voice only",
    chatOnly: "chat only",
    away: "reconnecting…",
    showFewer: "Show fewer",
    showAll: "Show all {n}",
    chat: "Chat",
    noMessages: "No messages yet. Say hello!",
    nearbyTag: "nearby",
    whoHears: "Who hears it",
    scopeHall: "Hall",
    scopeNearby: "Nearby",
    chatMessage: "Chat message",
    toHall: "Message everyone in the hall",
    toNearby: "Message the people near you",
    send: "Send",
    emotes: "Emotes",
    emoteKey: "{name} ({key})",
    rtt: "{n} ms",
    loss: "{n} % lost",
    openChat: "Open chat",
  },
  "zh-CN": {
    voiceReconnecting: "语音中断 · 正在重新连接…",
    voiceMicOn: "语音已连接 · 麦克风已开启",
    voiceMicOff: "语音已连接 · 麦克风已关闭",
    voiceConnecting: "正在连接语音…",
    voiceFailed: "语音不可用：{reason}",
    voiceOff: "语音未开启",
    mute: "静音",
    unmute: "取消静音",
    switchView: "切换视角（V）",
    firstPerson: "第一人称视角",
    followView: "跟随视角",
    leave: "离开",
    walk: "行走",
    connectionLost: "连接已断开 · 正在重新连接…您在展厅中的位置会为您保留。",
    leftHall: "您已离开展厅。",
    enterAgain: "重新进入",
    hallUpdated: "展厅已更新 —— 您方便时刷新即可看到新布置。",
    refresh: "刷新",
    people: "展厅内的人（{n}）",
    you: "我",
    micOn: "麦克风已开启",
    micOff: "麦克风已关闭",
    voiceOnly: "仅语音",
    chatOnly: "仅文字聊天",
    away: "正在重新连接…",
    showFewer: "收起",
    showAll: "查看全部 {n} 人",
    chat: "聊天",
    noMessages: "还没有消息，打个招呼吧！",
    nearbyTag: "附近",
    whoHears: "发送范围",
    scopeHall: "全场",
    scopeNearby: "附近",
    chatMessage: "聊天消息",
    toHall: "发消息给展厅里的所有人",
    toNearby: "发消息给您附近的人",
    send: "发送",
    emotes: "表情",
    emoteKey: "{name}（{key}）",
    rtt: "延迟 {n} ms",
    loss: "丢包 {n}%",
    openChat: "打开聊天",
  },
};

/** The emotes' names, for the buttons' labels and tooltips. */
export const EMOTE_WORDS: Dictionary<Emote> = {
  en: { wave: "Wave", clap: "Clap", "thumbs-up": "Thumbs up", heart: "Heart", laugh: "Laugh", question: "Question" },
  "zh-CN": { wave: "挥手", clap: "鼓掌", "thumbs-up": "点赞", heart: "比心", laugh: "大笑", question: "有疑问" },
};

/** The staff roles a badge names; customers, the usual case, carry none. */
export const ROLE_WORDS: Dictionary<"agent" | "concierge"> = {
  en: { agent: "Agent", concierge: "AI concierge" },
  "zh-CN": { agent: "客服", concierge: "AI 礼宾" },
};

/** A network quality level in words, beside the signal bars. */
export const QUALITY_WORDS: Dictionary<QualityLevel | "unknown"> = {
  en: { good: "Good network", fair: "Fair network", poor: "Poor network", bad: "Bad network", unknown: "Measuring network…" },
  "zh-CN": { good: "网络良好", fair: "网络一般", poor: "网络较差", bad: "网络很差", unknown: "正在检测网络…" },
};

/**
 * The fixed sentences the media client throws when a microphone, camera or screen cannot be
 * used (`_hall-client/media-client.ts`, `local-video.ts`, `_devices/media-problem.ts` titles),
 * keyed by nothing but themselves: the English is matched exactly, so a sentence changed there
 * falls back to being shown in English rather than wrongly translated.
 */
const MEDIA_ERRORS: Record<string, string> = {
  "Microphone permission was denied.": "麦克风权限被拒绝。",
  "No microphone was found.": "未找到麦克风。",
  "Video is not connected yet.": "视频尚未连接。",
  "This browser cannot share the screen.": "此浏览器不支持共享屏幕。",
  "Screen sharing was cancelled or blocked.": "屏幕共享已取消或被阻止。",
  "Camera access is blocked.": "摄像头权限被阻止。",
  "No camera found.": "未找到摄像头。",
  "Camera is busy.": "摄像头正被其他应用占用。",
  "Camera could not start.": "摄像头无法启动。",
  "Devices need a secure page.": "摄像头和麦克风只能在安全（HTTPS）页面中使用。",
};

/** A media error as the visitor reads it: the known sentences in Chinese, anything else (the browser's own words) as it came. */
export function mediaErrorText(message: string, lang: Lang): string {
  if (lang === "en") return message;
  const known = MEDIA_ERRORS[message];
  if (known) return known;
  const mic = /^Microphone failed: (.+)$/.exec(message);
  if (mic) return `麦克风出错：${mic[1]}`;
  const screen = /^Screen sharing failed(?: \((.+)\))?\.$/.exec(message);
  if (screen) return screen[1] ? `屏幕共享失败（${screen[1]}）。` : "屏幕共享失败。";
  return message;
}
