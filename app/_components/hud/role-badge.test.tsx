import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { NetworkBars } from "./network-indicator.tsx";
import { RoleBadge, roleLabel } from "./role-badge.tsx";

describe("role badges and signal bars, in the page's language", () => {
  it("names staff in either language and customers not at all", () => {
    expect(renderToStaticMarkup(<RoleBadge role="agent" lang="en" />)).toContain(">Agent<");
    expect(renderToStaticMarkup(<RoleBadge role="agent" lang="zh-CN" />)).toContain(">客服<");
    expect(renderToStaticMarkup(<RoleBadge role="concierge" lang="zh-CN" />)).toContain(">AI 礼宾<");
    expect(renderToStaticMarkup(<RoleBadge role="customer" lang="zh-CN" />)).toBe("");
    // The 3D name tags still ask without a language: English, as before.
    expect(roleLabel("concierge")).toBe("AI concierge");
  });

  it("reads the network's quality out in the visitor's language", () => {
    expect(renderToStaticMarkup(<NetworkBars quality="good" lang="en" />)).toContain('aria-label="Good network"');
    expect(renderToStaticMarkup(<NetworkBars quality="poor" lang="zh-CN" small />)).toContain('aria-label="网络较差"');
  });
});
