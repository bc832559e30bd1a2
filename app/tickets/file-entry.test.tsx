import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { TimelineEntryView } from "../../game-server/protocol/service.ts";
import { Timeline } from "./timeline-view.tsx";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/&#x27;/g, "'").replace(/\s+/g, " ").trim();

const fileEntry = (over: Record<string, unknown>, authorName: string | null = "Ada"): TimelineEntryView => ({
  id: `e-${String(over.fileId)}`,
  ticketId: "t1",
  at: "2026-03-04T12:10:00Z",
  kind: "file",
  authorId: authorName ? "v-ada" : null,
  authorName,
  text: String(over.name),
  data: { fileId: "f".repeat(32), size: 48_213, senderName: authorName ?? "Atrium", contactId: "c1", sha256: "0".repeat(64), ...over },
});

describe("a shared file on the ticket's timeline", () => {
  it("names it, says who sent it and how big it is, previews an image and offers the download", () => {
    const html = renderToStaticMarkup(<Timeline entries={[fileEntry({ fileId: "a".repeat(32), name: "screen 屏幕.png", mime: "image/png", kind: "image", from: "customer" })]} lang="en" />);
    expect(text(html)).toContain("File shared Ada (customer)");
    expect(text(html)).toContain("screen 屏幕.png 47 KB · Image");
    expect(html).toContain(`href="/api/files/${"a".repeat(32)}" download="screen 屏幕.png"`);
    expect(html).toContain(`src="/api/files/${"a".repeat(32)}/preview"`);
    expect(html).toContain('aria-label="Download screen 屏幕.png"');
  });

  it("shows other kinds as an icon (never an SVG inline), in Chinese too", () => {
    const html = renderToStaticMarkup(
      <Timeline
        entries={[
          fileEntry({ fileId: "b".repeat(32), name: "quote.docx", mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", kind: "document", from: "agent" }, "Lin Wei"),
          fileEntry({ fileId: "c".repeat(32), name: "board-1042.svg", mime: "image/svg+xml", kind: "svg", from: "system" }, null),
        ]}
        lang="zh-CN"
      />,
    );
    expect(text(html)).toContain("共享文件 Lin Wei（客服）");
    expect(text(html)).toContain("DOCX");
    expect(text(html)).toContain("共享文件 Atrium");
    expect(html).not.toContain("/preview");
    expect(html).toContain('aria-label="SVG 图形"');
  });
});
