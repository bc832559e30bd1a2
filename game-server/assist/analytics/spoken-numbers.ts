/**
 * Numbers as a speech recognizer writes them. Read digit by digit ("four two four two",
 * "oh seven seven", "double five"; 一三八…, 幺 for one) they are account, card and phone
 * numbers, so `digitView` turns them into digits for the masks and the order numbers to find;
 * read as quantities ("forty nine", "one point five", 一千二百九十九, 一点五) they are amounts
 * (`englishNumber`, `chineseNumber`: the one reading of number words for analytics and for the
 * quality checks).
 */

/**
 * The text with every run of spoken digits (and full-width digits) written as ASCII digits,
 * and where each of its characters came from: `from[i]`…`to[i]` is the span of the original
 * that character i stands for. Text outside such runs is kept as it is, character for
 * character, so a span found here maps back with `originalSpan`.
 */
export interface DigitView {
  text: string;
  from: number[];
  to: number[];
}

const englishDigit: Record<string, string> = { zero: "0", oh: "0", o: "0", one: "1", two: "2", three: "3", four: "4", five: "5", six: "6", seven: "7", eight: "8", nine: "9", niner: "9" };
const repeat: Record<string, number> = { double: 2, triple: 3 };
const chineseDigit: Record<string, string> = { 零: "0", 〇: "0", 一: "1", 幺: "1", 二: "2", 三: "3", 四: "4", 五: "5", 六: "6", 七: "7", 八: "8", 九: "9" };
/**
 * A run of fewer digits is left as words: "two phones", 下周一, 五一 are not numbers to read
 * digit by digit, and nothing shorter than three digits is masked or an order number.
 */
const MIN_RUN_DIGITS = 3;

interface Emitted {
  ch: string;
  from: number;
  to: number;
}
interface Edit {
  start: number;
  end: number;
  out: Emitted[];
}

export function digitView(text: string): DigitView {
  const edits = [...englishRuns(text), ...chineseRuns(text)].sort((a, b) => a.start - b.start);
  const view: DigitView = { text: "", from: [], to: [] };
  const push = (ch: string, from: number, to: number) => {
    view.text += ch;
    view.from.push(from);
    view.to.push(to);
  };
  let at = 0;
  for (const edit of edits) {
    if (edit.start < at) continue; // overlapping runs (digits shared by an English and a Chinese run): the first wins
    for (; at < edit.start; at++) push(plain(text[at]!), at, at + 1);
    for (const e of edit.out) push(e.ch, e.from, e.to);
    at = edit.end;
  }
  for (; at < text.length; at++) push(plain(text[at]!), at, at + 1);
  return view;
}

/** The original span behind `view.text.slice(start, end)`. */
export function originalSpan(view: DigitView, start: number, end: number): { start: number; end: number } {
  return { start: view.from[start] ?? start, end: view.to[end - 1] ?? end };
}

/** Full-width digits (１３８) read as ASCII ones. */
function plain(ch: string): string {
  const code = ch.charCodeAt(0);
  return code >= 0xff10 && code <= 0xff19 ? String.fromCharCode(code - 0xff10 + 48) : ch;
}

interface Token {
  word: string;
  start: number;
  end: number;
}

/** Digit words between spaces, commas, dots and hyphens ("four two, four two"), with written digits among them. */
function englishRuns(text: string): Edit[] {
  const tokens: Token[] = [...text.matchAll(/[A-Za-z]+|\d+/g)].map((m) => ({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
  const isDigitWord = (t: Token | undefined) => t !== undefined && (englishDigit[t.word] !== undefined || /^\d+$/.test(t.word));
  const joined = (a: Token, b: Token) => /^[ \t,.-]{1,3}$/.test(text.slice(a.end, b.start));
  const edits: Edit[] = [];
  for (let i = 0; i < tokens.length; ) {
    const out: Emitted[] = [];
    let spoken = false;
    let j = i;
    for (; j < tokens.length; j++) {
      const t = tokens[j]!;
      if (j > i && !joined(tokens[j - 1]!, t)) break;
      const times = repeat[t.word];
      if (times !== undefined) {
        const next = tokens[j + 1];
        const digit = next && joined(t, next) ? englishDigit[next.word] : undefined;
        if (digit === undefined) break; // "double check"
        for (let k = 0; k < times; k++) out.push({ ch: digit, from: t.start, to: next!.end });
        spoken = true;
        j++;
        continue;
      }
      if (!isDigitWord(t)) break;
      const digit = englishDigit[t.word];
      if (digit === undefined) {
        for (let k = 0; k < t.word.length; k++) out.push({ ch: t.word[k]!, from: t.start + k, to: t.start + k + 1 });
        continue;
      }
      // "oh" and "o" open a number only when read straight into it ("oh seven seven"), not "Oh, four…".
      if (j === i && (t.word === "oh" || t.word === "o") && !/^[ \t]+$/.test(text.slice(t.end, tokens[j + 1]?.start ?? t.end))) break;
      out.push({ ch: digit, from: t.start, to: t.end });
      spoken = true;
    }
    if (spoken && out.length >= MIN_RUN_DIGITS) {
      edits.push({ start: tokens[i]!.start, end: tokens[j - 1]!.end, out });
      i = j;
    } else {
      i++;
    }
  }
  return edits;
}

/** Chinese digits read one by one (一三八 一二三四), written digits and single spaces or hyphens among them. */
function chineseRuns(text: string): Edit[] {
  const edits: Edit[] = [];
  const digitOf = (ch: string) => chineseDigit[ch] ?? (/[0-9０-９]/.test(ch) ? plain(ch) : undefined);
  for (const m of text.matchAll(/[零〇一幺二三四五六七八九0-9０-９](?:[ -]?[零〇一幺二三四五六七八九0-9０-９])*/gu)) {
    const run = m[0];
    if (!/[零〇一幺二三四五六七八九]/u.test(run)) continue;
    const out: Emitted[] = [];
    for (let k = 0; k < run.length; k++) {
      const digit = digitOf(run[k]!);
      out.push({ ch: digit ?? run[k]!, from: m.index + k, to: m.index + k + 1 });
    }
    if (out.filter((e) => /\d/.test(e.ch)).length >= MIN_RUN_DIGITS) edits.push({ start: m.index, end: m.index + run.length, out });
  }
  return edits;
}

const englishUnits: Record<string, number> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const englishTens: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const englishScales: Record<string, number> = { hundred: 100, thousand: 1000, million: 1e6, billion: 1e9 };

/** The English words that carry a value ("forty", "hundred", "million"), for a pattern to find a run of them with. */
export const englishValueWords = [...Object.keys(englishUnits), ...Object.keys(englishTens), ...Object.keys(englishScales)];
/** The words `englishNumber` reads in a whole number: the value words, "and" between them and "a" before them ("a hundred"). */
export const englishNumberWords = [...englishValueWords, "and", "a"];

/**
 * "forty nine" → 49, "a hundred and twenty" → 120, "two thousand five hundred" → 2500, "three
 * million" → 3000000, "one point five" → 1.5; undefined if it is not a number. "a" only opens a
 * number and "and" only follows one, so "and forty" and "a" alone are no numbers.
 */
export function englishNumber(words: string): number | undefined {
  const tokens = words.toLowerCase().split(/[\s-]+/).filter(Boolean);
  let total = 0;
  let current = 0;
  let any = false;
  for (const [i, w] of tokens.entries()) {
    if (w === "point") {
      // What follows the point is read digit by digit: "one point two five" is 1.25, "two point oh five" 2.05.
      const digits = tokens.slice(i + 1).map((d) => englishDigit[d]);
      if (digits.length === 0 || digits.some((d) => d === undefined)) return undefined;
      return total + current + Number(`0.${digits.join("")}`);
    }
    const scale = englishScales[w];
    if (englishUnits[w] !== undefined) current += englishUnits[w]!;
    else if (englishTens[w] !== undefined) current += englishTens[w]!;
    else if (scale === 100) current = (current || 1) * 100;
    else if (scale !== undefined) {
      // thousand, million, billion close what came before them: "two million five hundred thousand".
      total += (current || 1) * scale;
      current = 0;
    } else if (w === "and" && any) continue;
    else if (w === "a" && i === 0) continue;
    else return undefined;
    any = true;
  }
  return any ? total + current : undefined;
}

const chineseValue: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 幺: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const chineseUnit: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** A character class of the Chinese numerals `chineseNumber` reads (点 aside), for a pattern to find them with. */
export const chineseNumeral = "[零〇一幺二两三四五六七八九十百千万亿]";
const chineseNumerals = new RegExp(`^${chineseNumeral}+$`, "u");

/**
 * 三百 → 300, 一千二百九十九 → 1299, 十五 → 15, 两万 → 20000, 一点五 → 1.5; digits without a unit
 * are read one by one (二零二六 → 2026). Undefined if the text is not a Chinese number.
 */
export function chineseNumber(text: string): number | undefined {
  const [whole, fraction, ...more] = text.split("点");
  if (!whole || more.length > 0 || !chineseNumerals.test(whole)) return undefined;
  const value = /[十百千万亿]/u.test(whole) ? withUnits(whole) : Number([...whole].map((ch) => chineseValue[ch]).join(""));
  if (fraction === undefined) return value;
  const digits = [...fraction].map((ch) => chineseValue[ch]);
  if (digits.length === 0 || digits.some((d) => d === undefined)) return undefined;
  return value + Number(`0.${digits.join("")}`);
}

/** Numerals with units: 一千零五, 两亿三千万. */
function withUnits(text: string): number {
  let total = 0;
  let section = 0;
  let digit = -1; // -1: no digit since the last unit
  for (const ch of text) {
    const unit = chineseUnit[ch];
    if (chineseValue[ch] !== undefined) digit = chineseValue[ch]!;
    else if (unit !== undefined) {
      // A unit without a digit before it is one of it: 十五 is fifteen, 千元 a thousand yuan.
      section += (digit < 0 ? 1 : digit) * unit;
      digit = -1;
    } else {
      // 万 multiplies the section before it (两亿三千万), 亿 everything so far.
      const said = section + Math.max(digit, 0);
      total = ch === "万" ? total + said * 10_000 : (total + said) * 100_000_000;
      section = 0;
      digit = -1;
    }
  }
  return total + section + Math.max(digit, 0);
}
