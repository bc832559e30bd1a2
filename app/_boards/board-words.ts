import { BoardLimits, ErrorCode } from "../../game-server/protocol/index.ts";
import type { Dictionary, Lang } from "../_i18n/lang.ts";
import type { BoardNotice } from "./board-binding.ts";

type Word =
  // opening and the frame around the editor (board-editor.tsx, board-overlay.tsx)
  | "whiteboard"
  | "openWhiteboard"
  | "nearBoard"
  | "sessionBoard"
  | "opening"
  | "openFailed"
  | "tryAgain"
  | "close"
  | "closeHint"
  | "here"
  // drawing presets Excalidraw lacks
  | "quickTools"
  | "pen"
  | "highlighter"
  | "stickyNote"
  | "stickyAdded"
  // staff
  | "moderation"
  | "locked"
  | "lock"
  | "unlock"
  | "lockedForYou"
  | "lockedForOthers"
  | "clear"
  | "clearTitle"
  | "clearText"
  | "clearConfirm"
  | "cancel"
  | "cleared"
  // what the person is told
  | "dismiss"
  | "refusedLocked"
  | "refusedFast"
  | "refusedBig"
  | "refused"
  | "onlyDrawings"
  | "textTooLong"
  | "notKept"
  | "retrying"
  | "actionFailed";

export const BOARD_WORDS: Dictionary<Word> = {
  en: {
    whiteboard: "Whiteboard",
    openWhiteboard: "Open whiteboard",
    nearBoard: "Open whiteboard: {name}",
    sessionBoard: "Shared whiteboard",
    opening: "Opening the whiteboard…",
    openFailed: "The whiteboard could not be opened: {reason}",
    tryAgain: "Try again",
    close: "Close",
    closeHint: "Close the whiteboard (Esc)",
    here: "{n} here",
    quickTools: "Quick tools",
    pen: "Pen",
    highlighter: "Highlighter",
    stickyNote: "Sticky note",
    stickyAdded: "Sticky note added: type your note, Esc when done.",
    moderation: "Staff controls",
    locked: "Locked",
    lock: "Lock board",
    unlock: "Unlock board",
    lockedForYou: "Staff have locked this board: you can look, not draw.",
    lockedForOthers: "Locked: only staff can draw on it now.",
    clear: "Clear board",
    clearTitle: "Clear the whole board?",
    clearText: "Everything on “{name}” is removed for everyone. This cannot be undone.",
    clearConfirm: "Clear everything",
    cancel: "Cancel",
    cleared: "The board was cleared.",
    dismiss: "Dismiss",
    refusedLocked: "The board is locked, so your last change was not kept.",
    refusedFast: "Drawing faster than the board takes: your last change was not kept. Please try again.",
    refusedBig: "That change is too big for the board, so it was not kept.",
    refused: "The board did not keep your last change: {reason}",
    onlyDrawings: "Whiteboards take drawings only: images, web embeds and frames cannot be added.",
    textTooLong: "Text on a board is limited to {n} characters: that text was not kept.",
    notKept: "That element could not go on the board ({reason}), so it was taken away.",
    retrying: "Connection trouble: your drawing will be sent again.",
    actionFailed: "That did not work: {reason}",
  },
  "zh-CN": {
    whiteboard: "白板",
    openWhiteboard: "打开白板",
    nearBoard: "打开白板：{name}",
    sessionBoard: "共享白板",
    opening: "正在打开白板…",
    openFailed: "无法打开白板：{reason}",
    tryAgain: "重试",
    close: "关闭",
    closeHint: "关闭白板（Esc）",
    here: "{n} 人在看",
    quickTools: "快捷工具",
    pen: "画笔",
    highlighter: "荧光笔",
    stickyNote: "便利贴",
    stickyAdded: "已添加便利贴：直接输入内容，完成后按 Esc。",
    moderation: "工作人员操作",
    locked: "已锁定",
    lock: "锁定白板",
    unlock: "解锁白板",
    lockedForYou: "工作人员已锁定此白板：你可以查看，但不能绘制。",
    lockedForOthers: "已锁定：目前只有工作人员可以绘制。",
    clear: "清空白板",
    clearTitle: "清空整个白板？",
    clearText: "“{name}”上的所有内容将对所有人清除，且无法撤销。",
    clearConfirm: "全部清除",
    cancel: "取消",
    cleared: "白板已清空。",
    dismiss: "知道了",
    refusedLocked: "白板已锁定，你刚才的修改没有保存。",
    refusedFast: "绘制速度超过白板的处理上限，刚才的修改没有保存，请重试。",
    refusedBig: "这次修改对白板来说太大，没有保存。",
    refused: "白板没有保存你刚才的修改：{reason}",
    onlyDrawings: "白板只接受绘图：不能添加图片、网页嵌入或框架。",
    textTooLong: "白板上的文字最多 {n} 个字符，这段文字没有保存。",
    notKept: "该元素无法放到白板上（{reason}），已移除。",
    retrying: "连接不稳定，你的绘图将重新发送。",
    actionFailed: "操作未成功：{reason}",
  },
};

export function fillWords(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (slot, key: string) => (key in values ? String(values[key]) : slot));
}

/** What the person is told about a notice from the binding, in their language. */
export function noticeText(notice: BoardNotice, lang: Lang, locked: boolean): string {
  const w = BOARD_WORDS[lang];
  switch (notice.kind) {
    case "refused":
      if (locked || (notice.code === ErrorCode.notAllowed && /lock/i.test(notice.message))) return w.refusedLocked;
      if (notice.code === ErrorCode.rateLimited) return w.refusedFast;
      if (notice.code === ErrorCode.payloadTooLarge) return w.refusedBig;
      return fillWords(w.refused, { reason: notice.message });
    case "element":
      if (notice.reason === "type") return w.onlyDrawings;
      if (notice.reason === "text") return fillWords(w.textTooLong, { n: BoardLimits.textMax });
      return fillWords(w.notKept, { reason: notice.message });
    case "tool":
      return w.onlyDrawings;
    case "retrying":
      return w.retrying;
  }
}
