import type { SharedFileKind } from "../../../game-server/protocol/files.ts";
import type { Dictionary, Lang } from "../../_i18n/lang.ts";

type Word =
  | "title"
  | "attach"
  | "dropHint"
  | "dropNow"
  | "limits"
  | "none"
  | "sending"
  | "sent"
  | "download"
  | "downloadName"
  | "from"
  | "you"
  | "system"
  | "previewOf"
  | "tooLarge"
  | "empty"
  | "badName"
  | "failed"
  | "network"
  | "closed"
  | "dismiss"
  | "cancel"
  | "loadFailed";

/** The words of the file exchange in a service session (the customer's panel and the agent console), in both languages. */
export const FILE_WORDS: Dictionary<Word> = {
  en: {
    title: "Files",
    attach: "Attach a file",
    dropHint: "Drop files here to send them.",
    dropNow: "Drop to send",
    limits: "Up to {size} each: images, PDF, Word, Excel, PowerPoint, plain text (.txt, .csv)",
    none: "No files yet.",
    sending: "Sending {name}",
    sent: "{name} sent",
    download: "Download",
    downloadName: "Download {name}",
    from: "from {name}",
    you: "you",
    system: "Atrium",
    previewOf: "Preview of {name}",
    tooLarge: "{name} is larger than {size}, the most that can be sent.",
    empty: "{name} is empty.",
    badName: "{name} cannot be sent: its name must not contain / or \\ or control characters.",
    failed: "{name} was not sent: {reason}",
    network: "the connection was lost. Try again.",
    closed: "Files can no longer be sent in this session.",
    dismiss: "Dismiss",
    cancel: "Cancel",
    loadFailed: "The files could not be loaded.",
  },
  "zh-CN": {
    title: "文件",
    attach: "添加文件",
    dropHint: "把文件拖到这里即可发送。",
    dropNow: "松开即可发送",
    limits: "每个最大 {size}：图片、PDF、Word、Excel、PowerPoint、纯文本（.txt、.csv）",
    none: "还没有文件。",
    sending: "正在发送 {name}",
    sent: "{name} 已发送",
    download: "下载",
    downloadName: "下载 {name}",
    from: "来自 {name}",
    you: "我",
    system: "Atrium",
    previewOf: "{name} 的预览",
    tooLarge: "{name} 超过 {size}，无法发送。",
    empty: "{name} 是空文件。",
    badName: "{name} 无法发送：文件名不能包含 /、\\ 或控制字符。",
    failed: "{name} 未发送：{reason}",
    network: "连接中断，请重试。",
    closed: "本次会话已不能再发送文件。",
    dismiss: "关闭",
    cancel: "取消",
    loadFailed: "无法加载文件列表。",
  },
};

/** What a file is, in words (for its icon's label). */
export const KIND_WORDS: Record<Lang, Record<SharedFileKind, string>> = {
  en: { image: "Image", pdf: "PDF document", document: "Office document", text: "Text file", svg: "SVG drawing" },
  "zh-CN": { image: "图片", pdf: "PDF 文档", document: "Office 文档", text: "文本文件", svg: "SVG 图形" },
};

export const fillFileWords = (text: string, values: Record<string, string | number>) => text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
