import type { Dictionary } from "../_i18n/lang.ts";

type Word = "opening" | "notFound" | "backToHalls" | "previewRibbon";

/** The hall page's own words, before the lobby: opening the hall, or the hall is not there. */
export const HALL_WORDS: Dictionary<Word> = {
  en: {
    opening: "Opening the hall…",
    previewRibbon: "Preview of a draft · only staff can see this hall",
    notFound: "Hall not found",
    backToHalls: "Back to the list of halls",
  },
  "zh-CN": {
    opening: "正在打开展厅…",
    previewRibbon: "草稿预览 · 仅员工可见",
    notFound: "找不到该展厅",
    backToHalls: "返回展厅列表",
  },
};
