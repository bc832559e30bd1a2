import type { Dictionary } from "../_i18n/lang.ts";

type Word =
  | "screenOf"
  | "live"
  | "tools"
  | "tool.arrow"
  | "tool.circle"
  | "tool.highlight"
  | "tool.pointer"
  | "pin"
  | "pinHint"
  | "clear"
  | "stage"
  | "hint"
  | "keys"
  | "waitingPicture"
  | "marksOffline"
  | "shareScreen"
  | "stopSharing"
  | "previewTitle"
  | "previewHint"
  | "enlarge"
  | "shrink"
  | "marked";

/** The words of the guidance marks: the agent's view of the customer's screen and the customer's own preview. */
export const SCREEN_MARK_WORDS: Dictionary<Word> = {
  en: {
    screenOf: "{name}'s screen",
    live: "Live",
    tools: "Marks",
    "tool.arrow": "Arrow",
    "tool.circle": "Circle",
    "tool.highlight": "Highlight",
    "tool.pointer": "Pointer",
    pin: "Pin",
    pinHint: "Pinned marks stay until you clear them; others fade after 5 seconds.",
    clear: "Clear marks",
    stage: "{name}'s shared screen. Draw a mark with the mouse, or move the crosshair with the arrow keys and press Enter.",
    hint: "{name} sees your marks over their screen.",
    keys: "Keys: A arrow · C circle · H highlight · P pointer · N pin · X clear · arrows + Enter to mark",
    waitingPicture: "Waiting for the picture…",
    marksOffline: "Marks are reconnecting…",
    shareScreen: "Share my screen",
    stopSharing: "Stop sharing",
    previewTitle: "Your screen, as {name} sees it",
    previewHint: "{name} can point things out on it.",
    enlarge: "Enlarge",
    shrink: "Make smaller",
    marked: "{name} marked your screen",
  },
  "zh-CN": {
    screenOf: "{name} 的屏幕",
    live: "实时",
    tools: "标记",
    "tool.arrow": "箭头",
    "tool.circle": "圈选",
    "tool.highlight": "高亮",
    "tool.pointer": "指示点",
    pin: "固定",
    pinHint: "固定的标记会一直保留，直到清除；其他标记 5 秒后淡出。",
    clear: "清除标记",
    stage: "{name} 共享的屏幕。用鼠标画标记，或用方向键移动十字光标后按 Enter。",
    hint: "{name} 会在自己的屏幕上看到你的标记。",
    keys: "快捷键：A 箭头 · C 圈选 · H 高亮 · P 指示点 · N 固定 · X 清除 · 方向键 + Enter 标记",
    waitingPicture: "正在等待画面…",
    marksOffline: "标记正在重新连接…",
    shareScreen: "共享我的屏幕",
    stopSharing: "停止共享",
    previewTitle: "{name} 看到的你的屏幕",
    previewHint: "{name} 可以在上面为你标注。",
    enlarge: "放大",
    shrink: "缩小",
    marked: "{name} 在你的屏幕上做了标记",
  },
};
