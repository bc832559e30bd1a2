import type { Lang } from "../../protocol/concierge.ts";
import { findDates } from "./date-mentions.ts";
import { findMoney } from "./money-mentions.ts";
import { maskKind, maskPattern, redact } from "./redaction.ts";
import { digitView, originalSpan } from "./spoken-numbers.ts";

export type EntityKind = "order" | "phone" | "email" | "amount" | "date" | "card";

export interface Entity {
  kind: EntityKind;
  /**
   * Normalised: an order's id upper-cased ("NV-10423"), an amount "1299 CNY", a date
   * YYYY-MM-DD; for a phone, e-mail or card the mask ("•••• 4242"), never the number.
   */
  value: string;
  /** What was said, except that a phone, e-mail or card is its mask. */
  text: string;
  /** The span in the text given (raw or redacted). */
  start: number;
  end: number;
}

export interface EntityOptions {
  /** The call's local date (YYYY-MM-DD) that "tomorrow" and 下周一 count from; default: today in UTC. */
  today?: string;
}

const PII: ReadonlySet<string> = new Set(["phone", "email", "card"]);

/**
 * The things an agent acts on in what a customer or agent said: order numbers, phone numbers,
 * e-mail addresses, sums of money, dates, card numbers. Works on raw text (a phone, e-mail or
 * card comes back as its mask, the same one `redact` writes) and on text already redacted (the
 * masks are read back as what they hide). Numbers read out digit by digit count as digits:
 * "order one oh four two three" is order 10423.
 */
export function extractEntities(text: string, lang: Lang, options: EntityOptions = {}): Entity[] {
  const entities: Entity[] = [];
  /** Spans nothing else may take: everything masked, whether or not it is an entity kind. */
  const taken: Array<{ start: number; end: number }> = [];
  const free = (start: number, end: number) => taken.every((t) => end <= t.start || start >= t.end);
  const add = (kind: EntityKind, value: string, start: number, end: number, shown = text.slice(start, end)) => {
    if (!free(start, end)) return;
    taken.push({ start, end });
    entities.push({ kind, value, text: shown, start, end });
  };

  // Masks already in the text (it was redacted), then what redaction would mask now.
  for (const m of text.matchAll(maskPattern)) {
    const kind = maskKind(m[0]);
    if (PII.has(kind)) add(kind as EntityKind, maskValue(m[0]), m.index, m.index + m[0].length);
    else taken.push({ start: m.index, end: m.index + m[0].length });
  }
  for (const found of redact(text, lang).found) {
    if (PII.has(found.kind)) add(found.kind as EntityKind, maskValue(found.mask), found.start, found.end, found.mask);
    else if (free(found.start, found.end)) taken.push({ start: found.start, end: found.end });
  }

  // Order numbers, also read out digit by digit.
  const view = digitView(text);
  const orderId = "([A-Za-z]{1,4}-?\\d{3,12}|\\d{3,12})(?![\\dA-Za-z])";
  for (const m of view.text.matchAll(new RegExp(`\\b(?:order|reference|ref)\\b(?:\\s+(?:number|no\\.?|id))?\\s*(?:is|was|:|#)?\\s*#?\\s*${orderId}`, "giu"))) orderAt(m);
  for (const m of view.text.matchAll(new RegExp(`(?:订单编号|订单号|订单|单号)(?:是|为|号码是)?\\s*[:：]?\\s*${orderId}`, "gu"))) orderAt(m);
  for (const m of view.text.matchAll(/(?<![A-Za-z0-9-])[A-Z]{2,4}-\d{3,10}(?![\dA-Za-z-])/g)) orderAt(m, 0);

  for (const date of findDates(text, options.today ?? new Date().toISOString().slice(0, 10))) add("date", date.value, date.start, date.end);
  for (const money of findMoney(text)) add("amount", money.value, money.start, money.end);

  return entities.sort((a, b) => a.start - b.start);

  function orderAt(m: RegExpMatchArray, group = 1): void {
    const id = group === 0 ? m[0] : m[group]!;
    const at = m.index! + m[0].length - id.length;
    const span = originalSpan(view, at, at + id.length);
    add("order", id.toUpperCase(), span.start, span.end);
  }
}

/** A mask as an entity's value: without the words around it ("[phone •••• 5678]" → "•••• 5678"). */
function maskValue(mask: string): string {
  return mask.startsWith("[") ? mask.replace(/^\[\S+ /u, "").replace(/\]$/, "") : mask;
}
