import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { SharedFileView } from "../../../game-server/protocol/files.ts";
import { SessionFiles } from "./session-files.tsx";

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ").trim();
const shared = (over: Partial<SharedFileView>): SharedFileView => ({
  id: "a".repeat(32), ticketId: "t", contactId: "c1", name: "manual.pdf", size: 2_400_000, mime: "application/pdf", kind: "pdf", from: "agent", senderName: "Lin Wei", at: "2026-01-01T10:00:00.000Z", preview: false, ...over,
});

describe("the session's files, as first drawn", () => {
  it("lists each file with its size, who sent it and a download; staff get plain links", () => {
    const html = renderToStaticMarkup(
      <SessionFiles contactId="c1" lang="en" auth={{ kind: "cookie" }} me="agent" live={[shared({}), shared({ id: "b".repeat(32), name: "photo.jpg", kind: "image", mime: "image/jpeg", from: "customer", senderName: "Ada", size: 800, preview: true, at: "2026-01-01T10:00:01.000Z" })]} />,
    );
    expect(text(html)).toContain("Files 2");
    expect(text(html)).toContain("manual.pdf 2.3 MB · from you");
    expect(text(html)).toContain("photo.jpg 800 B · from Ada");
    expect(html).toContain(`href="/api/files/${"a".repeat(32)}" download="manual.pdf"`);
    expect(html).toContain(`src="/api/files/${"b".repeat(32)}/preview"`);
    expect(html).toContain('aria-label="PDF document"');
  });

  it("says there are none yet, in Chinese, and gives a customer buttons (her token is not in a link)", () => {
    expect(text(renderToStaticMarkup(<SessionFiles contactId="c1" lang="zh-CN" auth={{ kind: "bearer", token: "t" }} me="customer" live={[]} />))).toContain("文件 0 还没有文件。");
    const html = renderToStaticMarkup(<SessionFiles contactId="c1" lang="zh-CN" auth={{ kind: "bearer", token: "t" }} me="customer" live={[shared({ from: "customer", senderName: "Ada" })]} />);
    expect(text(html)).toContain("来自 我");
    expect(html).not.toContain("href=");
    expect(html).toContain('aria-label="下载 manual.pdf"');
  });
});
