import type { Lang } from "../../protocol/concierge.ts";

const han = /\p{Script=Han}/gu;
const latinWord = /[A-Za-z]{2,}/g;

/**
 * The language a question is written in, as far as the text can tell: Chinese when it has at
 * least as many Han characters as Latin words ("Nova Phone 12 有哪些颜色" is Chinese with a
 * product name in it), English when it has Latin words, and otherwise (digits, emoji) the
 * page's language. Atrium serves en and zh-CN only, so Latin text is taken as English.
 */
export function detectLang(text: string, pageLang?: Lang): Lang {
  const hanCount = text.match(han)?.length ?? 0;
  const latinWords = text.match(latinWord)?.length ?? 0;
  if (hanCount > 0 && hanCount >= latinWords) return "zh-CN";
  if (latinWords > 0) return "en";
  if (hanCount > 0) return "zh-CN";
  return pageLang ?? "en";
}
