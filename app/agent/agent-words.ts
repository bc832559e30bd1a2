import type { Dictionary } from "../_i18n/lang.ts";

type Word =
  | "title"
  | "available"
  | "away"
  | "busy"
  | "afterCall"
  | "offered"
  | "presence"
  | "missedOffer"
  | "reconnecting"
  | "connecting"
  | "offerTitle"
  | "offerFrom"
  | "waited"
  | "expiresIn"
  | "accept"
  | "decline"
  | "callback"
  | "queue"
  | "queueEmpty"
  | "noSession"
  | "noSessionAway"
  | "joining"
  | "joinFailed"
  | "retry"
  | "chatPlaceholder"
  | "send"
  | "mute"
  | "unmute"
  | "cameraOn"
  | "cameraOff"
  | "shareScreen"
  | "stopShare"
  | "endCall"
  | "customerLeft"
  | "customerEnded"
  | "context"
  | "summary"
  | "summaryKeywords"
  | "drafted"
  | "bot"
  | "viewed"
  | "nothingViewed"
  | "earlier"
  | "noEarlier"
  | "hallView"
  | "network"
  | "media"
  | "wrapUp"
  | "disposition"
  | "notes"
  | "followUp"
  | "status"
  | "resolved"
  | "pending"
  | "open"
  | "submitWrapUp"
  | "acwLeft"
  | "ticket"
  | "reason"
  | "skill"
  | "lang"
  | "you"
  | "customer"
  | "concierge"
  | "net.good"
  | "net.fair"
  | "net.poor"
  | "net.bad"
  | "net.unknown"
  | "reason.button"
  | "reason.asked-for-person"
  | "reason.not-confident"
  | "reason.repeated-question"
  | "reason.negative"
  | "text"
  | "voice"
  | "video"
  | "shortcuts"
  | "mood"
  | "faceOn"
  | "faceOff"
  | "moodOff"
  | "moodWords"
  | "mood.neutral"
  | "mood.happy"
  | "mood.surprised"
  | "mood.confused"
  | "mood.frustrated"
  | "mood.sad";

export const AGENT_WORDS: Dictionary<Word> = {
  en: {
    title: "Agent console",
    available: "Available",
    away: "Away",
    busy: "Busy",
    afterCall: "After-call work",
    offered: "Offer waiting",
    presence: "Your status",
    missedOffer: "You missed an offer, so you were set to Away. Set yourself Available when you are ready.",
    reconnecting: "Connection to the desk lost — reconnecting…",
    connecting: "Connecting to the desk…",
    offerTitle: "Incoming customer",
    offerFrom: "{name} in {hall}",
    waited: "waited {time}",
    expiresIn: "{s} s to answer",
    accept: "Accept",
    decline: "Decline",
    callback: "Call back",
    queue: "Waiting for your skills",
    queueEmpty: "No one is waiting.",
    noSession: "You are available. Customers who ask for a person will be offered to you here.",
    noSessionAway: "You are away. Set yourself Available to receive customers.",
    joining: "Joining {name} in the hall…",
    joinFailed: "Could not join {name} in the hall. Try again, or end the session and wrap it up.",
    retry: "Try again",
    chatPlaceholder: "Message to the customer…",
    send: "Send",
    mute: "Mute",
    unmute: "Unmute",
    cameraOn: "Camera on",
    cameraOff: "Camera off",
    shareScreen: "Share screen",
    stopShare: "Stop sharing",
    endCall: "End call",
    customerLeft: "The customer has left the hall.",
    customerEnded: "The customer ended the session.",
    context: "Customer",
    summary: "Summary",
    summaryKeywords: "What the call was about",
    drafted: "drafted from the call — edit before saving",
    bot: "Conversation with the concierge",
    viewed: "Looked at in the hall",
    nothingViewed: "Nothing yet.",
    earlier: "Earlier tickets",
    noEarlier: "First contact.",
    hallView: "Around the customer",
    network: "Network",
    media: "Media",
    wrapUp: "Wrap-up",
    disposition: "Outcome",
    notes: "Notes",
    followUp: "Follow up on",
    status: "Ticket status",
    resolved: "Resolved",
    pending: "Pending",
    open: "Open",
    submitWrapUp: "Save and finish",
    acwLeft: "After-call work: {s} s left",
    ticket: "Ticket #{n}",
    reason: "Why",
    skill: "Skill",
    lang: "Language",
    you: "You",
    customer: "Customer",
    concierge: "Concierge",
    "net.good": "good",
    "net.fair": "fair",
    "net.poor": "poor",
    "net.bad": "bad",
    "net.unknown": "not measured",
    "reason.button": "asked for a person",
    "reason.asked-for-person": "asked the concierge for a person",
    "reason.not-confident": "the concierge could not answer",
    "reason.repeated-question": "asked the same question again",
    "reason.negative": "upset",
    text: "text",
    voice: "voice",
    video: "video",
    shortcuts: "Alt+A accept · Alt+D decline",
    mood: "How they seem",
    faceOn: "Face tracking on",
    faceOff: "Face tracking",
    moodOff: "Not shared (the customer has not turned it on).",
    moodWords: "their words read as upset",
    "mood.neutral": "Calm",
    "mood.happy": "Happy",
    "mood.surprised": "Surprised",
    "mood.confused": "Confused",
    "mood.frustrated": "Frustrated",
    "mood.sad": "Sad",
  },
  "zh-CN": {
    title: "坐席工作台",
    available: "空闲",
    away: "离开",
    busy: "忙碌",
    afterCall: "话后处理",
    offered: "有新客户",
    presence: "我的状态",
    missedOffer: "您错过了一次分配，已被设为“离开”。准备好后请设为“空闲”。",
    reconnecting: "与服务台的连接已断开，正在重连…",
    connecting: "正在连接服务台…",
    offerTitle: "新客户接入",
    offerFrom: "{hall} 的 {name}",
    waited: "已等待 {time}",
    expiresIn: "{s} 秒内接听",
    accept: "接听",
    decline: "拒绝",
    callback: "回拨",
    queue: "等待中的客户",
    queueEmpty: "目前无人排队。",
    noSession: "您处于空闲状态。请求人工服务的客户会在这里分配给您。",
    noSessionAway: "您处于离开状态。设为“空闲”即可接待客户。",
    joining: "正在进入展厅与 {name} 会合…",
    joinFailed: "未能进入展厅与 {name} 会合。请重试，或结束本次服务并填写小结。",
    retry: "重试",
    chatPlaceholder: "发给客户的消息…",
    send: "发送",
    mute: "静音",
    unmute: "取消静音",
    cameraOn: "开启摄像头",
    cameraOff: "关闭摄像头",
    shareScreen: "共享屏幕",
    stopShare: "停止共享",
    endCall: "结束通话",
    customerLeft: "客户已离开展厅。",
    customerEnded: "客户结束了本次服务。",
    context: "客户信息",
    summary: "摘要",
    summaryKeywords: "通话要点",
    drafted: "根据通话自动起草——保存前请修改",
    bot: "与礼宾的对话",
    viewed: "在展厅中看过",
    nothingViewed: "暂无。",
    earlier: "历史工单",
    noEarlier: "首次联系。",
    hallView: "客户周围",
    network: "网络",
    media: "媒体",
    wrapUp: "话后小结",
    disposition: "处理结果",
    notes: "备注",
    followUp: "跟进日期",
    status: "工单状态",
    resolved: "已解决",
    pending: "待处理",
    open: "处理中",
    submitWrapUp: "保存并完成",
    acwLeft: "话后处理剩余 {s} 秒",
    ticket: "工单 #{n}",
    reason: "原因",
    skill: "技能",
    lang: "语言",
    you: "我",
    customer: "客户",
    concierge: "礼宾",
    "net.good": "良好",
    "net.fair": "一般",
    "net.poor": "较差",
    "net.bad": "很差",
    "net.unknown": "未测量",
    "reason.button": "主动请求人工",
    "reason.asked-for-person": "向礼宾要求转人工",
    "reason.not-confident": "礼宾无法回答",
    "reason.repeated-question": "重复提问",
    "reason.negative": "情绪不满",
    text: "文字",
    voice: "语音",
    video: "视频",
    shortcuts: "Alt+A 接听 · Alt+D 拒绝",
    mood: "客户情绪",
    faceOn: "面部驱动已开启",
    faceOff: "面部驱动",
    moodOff: "未共享（客户未开启）。",
    moodWords: "文字流露不满",
    "mood.neutral": "平静",
    "mood.happy": "开心",
    "mood.surprised": "惊讶",
    "mood.confused": "困惑",
    "mood.frustrated": "不满",
    "mood.sad": "难过",
  },
};

export const fill = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
