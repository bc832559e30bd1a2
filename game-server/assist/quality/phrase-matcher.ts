/**
 * Finds configured phrases in what someone said, the way a transcript writes it: English
 * case-insensitive, whole words only ("hi" is not in "this"), with or without apostrophes
 * ("thats your fault"), hyphens and runs of spaces as one space; Chinese as a plain substring
 * once the recognizer's spaces are taken out (不 归 我 管).
 */
export interface PhraseLists {
  en: readonly string[];
  "zh-CN": readonly string[];
}

export type PhraseMatcher = (text: string) => string | undefined;

const han = /\p{Script=Han}/u;

/** Lower case, curly quotes straight, apostrophes out, hyphens and spaces as one space. */
function normaliseLatin(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/'/g, "")
    .replace(/[-_]+/g, " ")
    .replace(/\s+/g, " ");
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A matcher that returns the first listed phrase (as configured) found in a text. */
export function phraseMatcher(lists: PhraseLists): PhraseMatcher {
  const latin: Array<{ phrase: string; re: RegExp }> = [];
  const chinese: Array<{ phrase: string; needle: string }> = [];
  for (const phrase of [...lists.en, ...lists["zh-CN"]]) {
    if (han.test(phrase)) {
      chinese.push({ phrase, needle: phrase.replace(/\s+/g, "") });
    } else {
      const words = normaliseLatin(phrase).trim().split(" ").filter(Boolean).map(escape);
      if (words.length > 0) latin.push({ phrase, re: new RegExp(`(?<![\\p{L}\\p{N}])${words.join(" ")}(?![\\p{L}\\p{N}])`, "u") });
    }
  }
  return (text) => {
    if (latin.length > 0) {
      const plain = normaliseLatin(text);
      const hit = latin.find((l) => l.re.test(plain));
      if (hit) return hit.phrase;
    }
    if (chinese.length > 0 && han.test(text)) {
      const squeezed = text.replace(/\s+/g, "");
      return chinese.find((c) => squeezed.includes(c.needle))?.phrase;
    }
    return undefined;
  };
}
