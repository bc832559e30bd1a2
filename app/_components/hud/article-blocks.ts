/** A knowledge-base article's body as the panel lays it out. */
export type ArticleBlock = { kind: "heading"; text: string } | { kind: "paragraph"; text: string } | { kind: "list"; items: string[] };

/** Inline Markdown the panel does not style (emphasis, code, links): kept as its words. */
function plain(text: string): string {
  return text
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/(\*\*|__)(.+?)\1/g, "$2")
    .replace(/(\*|_)(\S(?:.*?\S)?)\1/g, "$2")
    .replace(/`([^`]+)`/g, "$1")
    .trim();
}

/**
 * Articles are stored as Markdown (admins edit them) and are mostly plain paragraphs: this reads
 * the few block forms they use — headings, bullet or numbered lists, paragraphs — as text, never
 * as HTML, so an article cannot put markup into the page.
 */
export function articleBlocks(body: string): ArticleBlock[] {
  const blocks: ArticleBlock[] = [];
  let paragraph: string[] = [];
  let list: string[] | undefined;
  const endParagraph = () => {
    if (paragraph.length) blocks.push({ kind: "paragraph", text: plain(paragraph.join(" ")) });
    paragraph = [];
  };
  const endList = () => {
    if (list?.length) blocks.push({ kind: "list", items: list });
    list = undefined;
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    const item = /^(?:[-*+]|\d+[.)])\s+(.*)$/.exec(line);
    if (!line) {
      endParagraph();
      endList();
    } else if (heading) {
      endParagraph();
      endList();
      blocks.push({ kind: "heading", text: plain(heading[1]!) });
    } else if (item) {
      endParagraph();
      (list ??= []).push(plain(item[1]!));
    } else if (list) {
      // A continuation line of the last item.
      list[list.length - 1] = `${list[list.length - 1]} ${plain(line)}`;
    } else {
      paragraph.push(line);
    }
  }
  endParagraph();
  endList();
  return blocks.filter((b) => (b.kind === "list" ? b.items.length > 0 : b.text.length > 0));
}
