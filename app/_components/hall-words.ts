import type { Dictionary } from "../_i18n/lang.ts";

type Word = "opening" | "notFound" | "backToHalls";

/** The hall page's own words, before the lobby: opening the hall, or the hall is not there. */
export const HALL_WORDS: Dictionary<Word> = {
  en: {
    opening: "Opening the hall…",
    notFound: "Hall not found",
    backToHalls: "Back to the list of halls",
  },
  "zh-CN": {
    opening: "正在打开展厅…",
    notFound: "找不到该展厅",
    backToHalls: "返回展厅列表",
  },
};
