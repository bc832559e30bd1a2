/**
 * Stored article bodies are Markdown (admins write them in an editor); the concierge reads its
 * answers aloud and shows them as text, and the index should not see markup. This keeps the
 * words and drops the syntax: headings, emphasis, code marks, link targets, list and quote
 * markers, tables' pipes. A list item or heading without a full stop becomes its own sentence.
 */
export function markdownToText(markdown: string): string {
  const lines = markdown
    .replace(/```[^\n]*\n([\s\S]*?)```/g, "$1")
    .split(/\r?\n/)
    .map((line) =>
      line
        .replace(/^\s{0,3}#{1,6}\s+/, "")
        .replace(/^\s*>\s?/, "")
        .replace(/^\s*([-*+]|\d+[.)])\s+/, "")
        .replace(/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/, "")
        .replace(/\s*\|\s*/g, " ")
        .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
        .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
        .replace(/(\*\*|__)(.+?)\1/g, "$2")
        .replace(/(^|[^\w*])[*_]([^*_\n]+)[*_](?=[^\w*]|$)/g, "$1$2")
        .replace(/`([^`]+)`/g, "$1")
        .trim(),
    )
    .filter(Boolean);
  // Lines are sentences when they end like one; otherwise (a list item, a heading) give them an end.
  const sentences = lines.map((line) => (/[.!?。！？:：;；]$/u.test(line) ? line : `${line}${/\p{Script=Han}/u.test(line) ? "。" : "."}`));
  // Chinese runs on without spaces after its full stops; English takes one.
  return sentences.reduce((text, line) => (text === "" ? line : /[。！？：；]$/u.test(text) ? `${text}${line}` : `${text} ${line}`), "");
}
