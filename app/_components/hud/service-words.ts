import type { Dictionary } from "../../_i18n/lang.ts";

type Word =
  | "talkToPerson"
  | "waitingTitle"
  | "position"
  | "positionNext"
  | "wait"
  | "waitSoon"
  | "ticket"
  | "keepPlace"
  | "keptPlace"
  | "stopWaiting"
  | "connecting"
  | "recorded"
  | "agentRole"
  | "chatLabel"
  | "chatPlaceholder"
  | "send"
  | "voice"
  | "voiceOn"
  | "camera"
  | "cameraOn"
  | "cameraConsent"
  | "shareCamera"
  | "notNow"
  | "end"
  | "endedTitle"
  | "rateLabel"
  | "star"
  | "comment"
  | "submitRating"
  | "thanks"
  | "close"
  | "closedTitle"
  | "closedText"
  | "leaveNote"
  | "notePlaceholder"
  | "noteSent"
  | "you"
  | "system"
  | "show"
  | "minutes"
  | "shareMood"
  | "moodOn"
  | "moodExplain";

/** The words of the customer's side of the handover, in both languages. */
export const SERVICE_WORDS: Dictionary<Word> = {
  en: {
    talkToPerson: "Talk to a person",
    waitingTitle: "Waiting for a person",
    position: "You are number {n} in line",
    positionNext: "You are next in line",
    wait: "about {time}",
    waitSoon: "any moment now",
    ticket: "Ticket #{n}",
    keepPlace: "Keep my place and look around",
    keptPlace: "Your place is kept — walk around, we will bring the agent to you.",
    stopWaiting: "Stop waiting",
    connecting: "{name} is coming to you…",
    recorded: "This call is recorded and transcribed to keep a record of your request. Anything you would rather not have kept, type instead of saying it — card numbers are masked either way.",
    agentRole: "Service agent",
    chatLabel: "Message to {name}",
    chatPlaceholder: "Type a message…",
    send: "Send",
    voice: "Talk by voice",
    voiceOn: "Voice on",
    camera: "Share my camera",
    cameraOn: "Camera on",
    cameraConsent: "{name} will see you on your camera. Only {name} — not other visitors. Share it?",
    shareCamera: "Yes, share my camera",
    notNow: "Not now",
    end: "End",
    endedTitle: "Your conversation has ended",
    rateLabel: "How helpful was {name}?",
    star: "{n} of 5",
    comment: "Anything to add? (optional)",
    submitRating: "Send rating",
    thanks: "Thank you for your feedback!",
    close: "Close",
    closedTitle: "No one is at the desk right now",
    closedText: "Our people are here {hours}. Leave a note and we will get back to you.",
    leaveNote: "Leave a note",
    notePlaceholder: "Your question and how to reach you",
    noteSent: "Thank you — we will get back to you.",
    you: "You",
    system: "Atrium",
    show: "Show",
    minutes: "{n} min",
    shareMood: "Share how I feel",
    moodOn: "Sharing how I feel",
    moodExplain: "{name} sees a mood reading (calm, happy, confused, frustrated…) worked out from your face on this device. No video is sent. Turn it off at any time.",
  },
  "zh-CN": {
    talkToPerson: "转人工服务",
    waitingTitle: "正在为您接通人工服务",
    position: "您前面还有 {before} 位",
    positionNext: "下一位就是您",
    wait: "预计等待约 {time}",
    waitSoon: "马上就好",
    ticket: "工单 #{n}",
    keepPlace: "保留排队，先随便逛逛",
    keptPlace: "已为您保留排队位置——您可以随意参观，客服会来找您。",
    stopWaiting: "取消排队",
    connecting: "{name} 正在赶来…",
    recorded: "本次通话将被录音并转写，用于记录您的诉求。不希望被保存的内容请改为输入文字——卡号等信息都会被遮盖。",
    agentRole: "客服专员",
    chatLabel: "发给 {name} 的消息",
    chatPlaceholder: "输入消息…",
    send: "发送",
    voice: "语音通话",
    voiceOn: "语音已开启",
    camera: "开启摄像头",
    cameraOn: "摄像头已开启",
    cameraConsent: "{name} 将通过摄像头看到您，仅 {name} 可见，其他访客看不到。确定开启吗？",
    shareCamera: "确定开启",
    notNow: "暂不开启",
    end: "结束",
    endedTitle: "本次服务已结束",
    rateLabel: "{name} 的服务对您有帮助吗？",
    star: "{n} 星（满分 5 星）",
    comment: "还有什么想说的？（选填）",
    submitRating: "提交评价",
    thanks: "感谢您的评价！",
    close: "关闭",
    closedTitle: "人工服务暂时无人值守",
    closedText: "人工服务时间：{hours}。请留言，我们会尽快联系您。",
    leaveNote: "留言",
    notePlaceholder: "您的问题和联系方式",
    noteSent: "谢谢，我们会尽快联系您。",
    you: "我",
    system: "Atrium",
    show: "展开",
    minutes: "{n} 分钟",
    shareMood: "分享我的情绪",
    moodOn: "正在分享情绪",
    moodExplain: "{name} 只会看到在本机根据您的表情得出的情绪判断（平静、开心、困惑、不满等），不会发送视频，可随时关闭。",
  },
};

export const fillWords = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));

/** An estimated wait as people say it: "any moment now" under half a minute, else whole minutes. */
export function waitText(ms: number, lang: keyof typeof SERVICE_WORDS): string {
  const w = SERVICE_WORDS[lang];
  if (ms < 30_000) return w.waitSoon;
  return fillWords(w.wait, { time: fillWords(w.minutes, { n: Math.max(1, Math.round(ms / 60_000)) }) });
}
